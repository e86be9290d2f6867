/**
 * Implementations of the contract's requests. One entry per contract method; TypeScript refuses a missing one.
 * Later capabilities (store, drafter, hints, transcription, EHR) add their services to `CoreServices`.
 */
import type { Handlers } from './dispatcher.js';
import type { EventBus } from './events.js';
import { buildInfo } from '../platform/build-info.js';
import { createTemplateHandlers, templateForDraft } from '../clinical/templates-api.js';
import { ApiError } from './errors.js';
import type { Operations } from './operations.js';
import { runText } from './text-pool.js';
import type { Result } from './types.js';
import type { AsyncStore } from '../store/client.js';
import { KeyProtectionError, WrongKeyError } from '../store/errors.js';
import { keychainUsable, type KeychainKeyProtector, type StoreSession } from '../store/session.js';
import { log } from '../platform/log.js';
import { createSpeechHandlers } from '../../models/api.js';
import { createEhrHandlers } from '../ehr/api.js';
import { createEncounterHandlers } from '../encounters/api.js';
import { createSettingsHandlers, type SettingsShell } from '../settings/api.js';
import { createPolicyHandlers, type UpdatesService } from '../policy/api.js';
import { createServerEngineHandlers } from '../engines/server-api.js';
import { loadMachinePolicy, type PolicyReport } from '../policy/policy.js';
import { draftWithEngine } from '../engines/note-draft.js';
import type { EngineProvider } from '../engines/select.js';
import { readNoteEngine } from '../settings/note-engine.js';
import { chooseTranscriptionServer } from '../engines/transcription.js';

export interface CoreServices {
  events: EventBus;
  /** Shutdown hooks run by Core.close (e.g. live transcription sessions ending their Whisper processes). */
  closers?: (() => Promise<void>)[];
  /** Running cancellable operations (shared with the dispatcher); app.cancel aborts one. */
  operations?: Operations;
  /** The encrypted store (core/store StoreClient.store), once unlocked; absent while locked. */
  store?: AsyncStore;
  /** Locked/unlocked store of a long-running host; store.unlock and store.lock act on it. */
  storeSession?: StoreSession;
  /** The OS keychain key protector (the desktop app's, over Electron safeStorage); absent on hosts without one. */
  keychain?: KeychainKeyProtector;
  /** Opens a URL in the system browser (the desktop shell's); EHR sign-in pages use it. */
  openUrl?: (url: string) => Promise<void>;
  /** The desktop shell (Electron main): settings are applied to it (auto-lock, always on top, global hotkeys). */
  shell?: SettingsShell;
  /** The machine policy (core/policy); read from this computer's policy sources when first needed. */
  policy?: PolicyReport;
  /** The desktop app's updater (electron/main/updater.ts); absent on hosts that do not update themselves. */
  updates?: UpdatesService;
  /**
   * The generative note engines (core/engines/select.ts): local model and clinic server generators. Absent: note.draft
   * with engine local/server falls back to the built-in drafter, saying so in engine.fallback.
   */
  engines?: EngineProvider;
}

export function createHandlers(_services: CoreServices): Handlers {
  const current = (): AsyncStore | undefined => _services.store ?? _services.storeSession?.store;
  const store = (): AsyncStore => {
    const s = current();
    if (!s) throw new ApiError('locked', 'The encrypted store is locked.');
    return s;
  };
  const policy = (): PolicyReport => (_services.policy ??= loadMachinePolicy());
  const usableKeychain = () => (keychainUsable(_services.keychain) ? _services.keychain : undefined);
  const storeStatus = async () => {
    const s = current();
    const keychain = usableKeychain() !== undefined;
    if (!s)
      return {
        unlocked: false,
        databaseId: null,
        schemaVersion: null,
        encounters: null,
        interruptedRecordings: null,
        exists: (await _services.storeSession?.exists()) ?? false,
        keychain,
      };
    const st = await s.status();
    return {
      unlocked: true,
      databaseId: st.databaseId,
      schemaVersion: st.schemaVersion,
      encounters: st.encounters,
      interruptedRecordings: st.interruptedRecordings,
      exists: true,
      keychain,
    };
  };
  const session = (): StoreSession => {
    if (!_services.storeSession) throw new ApiError('not_found', 'No encrypted store is configured for this host.');
    return _services.storeSession;
  };
  return {
    ...createSpeechHandlers({
      events: _services.events,
      store: current,
      ...(_services.closers ? { closers: _services.closers } : {}),
      // Settings → Transcription: the clinic server (policy and CA checked at each call) or this computer.
      asrServer: () => chooseTranscriptionServer({ store: current, policy: () => policy().values }),
    }),
    ...createEncounterHandlers(store),
    ...createSettingsHandlers(
      store,
      () => _services.shell,
      () => policy().values,
    ),
    ...createPolicyHandlers({ policy, updates: () => _services.updates, version: () => buildInfo('cli').version }),
    ...createTemplateHandlers(current),
    ...createServerEngineHandlers({ store: current, policy: () => policy().values }),
    ...createEhrHandlers({ store: current, ...(_services.openUrl ? { openUrl: _services.openUrl } : {}) }),
    'app.info': (_params, ctx) => buildInfo(ctx.transport),
    'app.echo': ({ text }) => ({ text, receivedAt: new Date().toISOString() }),
    'app.cancel': ({ operationId }) => ({ cancelled: _services.operations?.cancel(operationId) ?? false }),
    // Text work on a long transcript runs in a worker thread (text-pool.ts), off the loop that serves other calls.
    'note.draft': async ({ transcript, template, engine, model, operationId }, ctx) => {
      // The clinician's own templates (store unlocked) or a bundled one.
      const chosen = template ? await templateForDraft(current(), template) : undefined;
      // The engine asked for, else the clinician's setting, else the built-in drafter (core/engines/note-draft.ts).
      return (await draftWithEngine(
        { transcript, template: chosen, engine, model, operationId },
        {
          policy: () => policy().values,
          settings: () => readNoteEngine(current()),
          engines: () => _services.engines,
          progress: (p) => _services.events.emit('note.draftProgress', p),
        },
        ctx.signal,
      )) as Result<'note.draft'>;
    },
    'note.verify': async ({ transcript, note }, ctx) =>
      (await runText({ op: 'note.verify', transcript, note }, ctx.signal)) as Result<'note.verify'>,
    'transcript.parse': async ({ transcript }, ctx) =>
      (await runText({ op: 'transcript.parse', transcript }, ctx.signal)) as Result<'transcript.parse'>,
    'hints.compute': async ({ transcript, context }, ctx) =>
      (await runText(
        { op: 'hints.compute', transcript, ...(context ? { context } : {}) },
        ctx.signal,
      )) as Result<'hints.compute'>,
    'store.status': () => storeStatus(),
    'store.unlock': async ({ passphrase, keychain }) => {
      // A wrong passphrase, a missing or newer database: the dispatcher answers them in words (api/store-errors.ts).
      const s = session();
      if (keychain) {
        const protector = usableKeychain();
        if (!protector)
          throw new ApiError(
            'unavailable',
            "This computer's keychain is not available to Bedside; enter the recovery passphrase.",
          );
        try {
          await s.unlockWithKeychain(protector);
        } catch (err) {
          if (err instanceof WrongKeyError || err instanceof KeyProtectionError) {
            log.warn('store.keychain_unlock_failed');
            throw new ApiError(
              'forbidden',
              "The OS keychain could not open the store (this computer's keychain or account changed); " +
                'enter the recovery passphrase.',
            );
          }
          throw err;
        }
      } else if (passphrase !== undefined) {
        const protector = usableKeychain();
        await s.unlockWithPassphrase(passphrase, protector ? { keychain: protector } : {});
      }
      return storeStatus();
    },
    'store.create': async ({ passphrase, useKeychain }) => {
      const s = session();
      if (current() || (await s.exists()))
        throw new ApiError('conflict', 'An encrypted store already exists in this data folder; unlock it instead.');
      const protector = useKeychain ? usableKeychain() : undefined;
      try {
        await s.create(passphrase, protector);
      } catch (err) {
        if (err instanceof KeyProtectionError)
          throw new ApiError(
            'unavailable',
            "This computer's keychain refused to protect the store; set it up without the keychain.",
          );
        throw err;
      }
      return storeStatus();
    },
    'store.lock': async () => {
      await _services.storeSession?.lock();
      return storeStatus();
    },
    'encounters.list': ({ limit, offset }) =>
      store().listEncounters({
        ...(limit !== undefined ? { limit } : {}),
        ...(offset !== undefined ? { offset } : {}),
      }),
    'encounters.get': async ({ id }) => {
      const e = await store().getEncounter(id);
      if (!e) throw new ApiError('not_found', `No encounter with id ${id}.`);
      return e;
    },
  };
}
