import { createDispatcher, type Dispatch } from './dispatcher.js';
import { EventBus } from './events.js';
import { createHandlers, type CoreServices } from './handlers.js';
import { StoreSession } from '../store/session.js';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  services: CoreServices;
}

/**
 * Builds the core that every transport hosts: services, handlers and the validating dispatcher. With `storeDir`, the
 * encrypted store in that data folder starts locked and `store.unlock` opens it.
 */
export function createCore(opts: { storeDir?: string } = {}): Core {
  const events = new EventBus();
  const services: CoreServices = { events };
  if (opts.storeDir !== undefined) services.storeSession = new StoreSession(opts.storeDir);
  return { dispatch: createDispatcher(createHandlers(services)), events, services };
}
