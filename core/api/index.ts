import { createDispatcher, type Dispatch } from './dispatcher.js';
import { EventBus } from './events.js';
import { Operations } from './operations.js';
import { createHandlers, type CoreServices } from './handlers.js';
import { StoreSession } from '../store/session.js';
import { OutboxRetrier } from '../ehr/retry.js';
import { EhrService } from '../ehr/service.js';
import { StoreEhrState } from '../ehr/state.js';
import { loadMachinePolicy, type PolicyReport } from '../policy/policy.js';
import { policyGate } from '../policy/gate.js';
import type { EngineProvider } from '../engines/select.js';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  services: CoreServices;
  /**
   * Ends everything the core keeps running, for a host that is shutting down: running operations are cancelled,
   * live sessions commit the audio received so far and end their Whisper processes, and the store is locked.
   */
  close(): Promise<void>;
}

/**
 * Builds the core that every transport hosts: services, handlers and the validating dispatcher. With `storeDir`, the
 * encrypted store in that data folder starts locked and `store.unlock` opens it.
 */
export function createCore(
  opts: {
    storeDir?: string;
    openUrl?: (url: string) => Promise<void>;
    policy?: PolicyReport;
    /** The generative note engines of this host (core/engines/select.ts); ended by close. */
    engines?: EngineProvider;
  } = {},
): Core {
  const events = new EventBus();
  const operations = new Operations();
  const closers: (() => Promise<void>)[] = [];
  const services: CoreServices = {
    events,
    operations,
    closers,
    ...(opts.openUrl ? { openUrl: opts.openUrl } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
    ...(opts.engines ? { engines: opts.engines } : {}),
  };
  if (opts.storeDir !== undefined) {
    const session = new StoreSession(opts.storeDir);
    services.storeSession = session;
    // A long-running host retries queued EHR sends in the background while the store is unlocked.
    new OutboxRetrier(() => {
      const store = session.store;
      return store ? new EhrService(store, new StoreEhrState(store)) : undefined;
    }).start();
  }
  // Every transport (IPC, dev host, CLI) goes through the machine policy's gate (core/policy/gate.ts).
  const dispatch = policyGate(
    createDispatcher(createHandlers(services), operations),
    () => (services.policy ??= loadMachinePolicy()).values,
  );
  const close = async () => {
    operations.cancelAll();
    await Promise.allSettled([...closers.map((f) => f()), services.engines?.close?.()]);
    await services.storeSession?.lock();
  };
  return { dispatch, events, services, close };
}
