/**
 * The note-engine settings (issue 15), kept in the encrypted store's settings table like the other settings (each
 * change audited by the store, key only): which engine drafts, the local model, the clinic server and its model, and
 * whether unsupported sentences are replaced. The machine policy is enforced when they are set (here) and when a note
 * is drafted (core/api/handlers.ts): an engine or a server the organisation does not allow is refused in words.
 */
import { ApiError } from '../api/errors.js';
import type { AsyncStore } from '../store/client.js';
import type { Policy } from '../policy/schema.js';
import {
  allowedEngines,
  DEFAULT_NOTE_ENGINE,
  ENGINE_KINDS,
  policyRefusal,
  serverUrlProblem,
  type NoteEngineSettings,
} from '../engines/select.js';
import type { EngineKind } from '../engines/types.js';

const KEYS = {
  kind: 'note.engine.kind',
  localModel: 'note.engine.local_model',
  serverUrl: 'note.engine.server_url',
  serverModel: 'note.engine.server_model',
  replaceUnsupported: 'note.engine.replace_unsupported',
} as const;

export type NoteEnginePatch = {
  kind?: EngineKind | undefined;
  localModel?: string | null | undefined;
  serverUrl?: string | null | undefined;
  serverModel?: string | null | undefined;
  replaceUnsupported?: boolean | undefined;
};

/** A stored setting's value, or null when none (or an empty one, which is how a cleared setting is stored). */
export async function storedSetting(s: AsyncStore, key: string): Promise<string | null> {
  const v = await s.getSetting(key);
  return v ? v : null;
}

/** The stored note-engine settings (defaults where none are stored; all defaults while the store is locked). */
export async function readNoteEngine(s: AsyncStore | undefined): Promise<NoteEngineSettings> {
  if (!s) return { ...DEFAULT_NOTE_ENGINE };
  const get = (k: string) => storedSetting(s, k);
  const kind = await get(KEYS.kind);
  const replace = await get(KEYS.replaceUnsupported);
  return {
    kind: (ENGINE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as EngineKind) : DEFAULT_NOTE_ENGINE.kind,
    localModel: await get(KEYS.localModel),
    serverUrl: await get(KEYS.serverUrl),
    serverModel: await get(KEYS.serverModel),
    replaceUnsupported: replace === null ? DEFAULT_NOTE_ENGINE.replaceUnsupported : replace === 'true',
  };
}

/** The settings-table key holding the clinic server's API key (core/engines/server-api.ts; never returned). */
export const SERVER_KEY_SETTING = 'note.engine.server_key';

/** The settings as settings.get shows them: with the engines the policy allows and whether a key is stored. */
export async function noteEngineInfo(s: AsyncStore | undefined, policy: Policy) {
  const serverKeyStored = s ? Boolean(await s.getSetting(SERVER_KEY_SETTING)) : false;
  return { ...(await readNoteEngine(s)), allowed: allowedEngines(policy), serverKeyStored };
}

/**
 * Checks a change against the policy and the rules for a server address, then stores it. Nothing is written when
 * any part is refused.
 */
export async function writeNoteEngine(s: AsyncStore, patch: NoteEnginePatch, policy: Policy): Promise<void> {
  const now = await readNoteEngine(s);
  const next: NoteEngineSettings = {
    kind: patch.kind ?? now.kind,
    localModel: patch.localModel !== undefined ? patch.localModel : now.localModel,
    serverUrl: patch.serverUrl !== undefined ? patch.serverUrl : now.serverUrl,
    serverModel: patch.serverModel !== undefined ? patch.serverModel : now.serverModel,
    replaceUnsupported: patch.replaceUnsupported ?? now.replaceUnsupported,
  };
  if (patch.serverUrl) {
    const problem = serverUrlProblem(patch.serverUrl);
    if (problem) throw new ApiError('invalid_params', problem);
  }
  // The engine chosen must be allowed; a server URL or local model being set is checked even for another engine.
  const refusal =
    policyRefusal(next.kind, next, policy) ??
    (patch.serverUrl ? policyRefusal('server', next, policy) : null) ??
    (patch.localModel ? policyRefusal('local', next, policy) : null);
  if (refusal) throw new ApiError('forbidden', refusal);
  if (patch.kind !== undefined) await s.setSetting(KEYS.kind, next.kind);
  if (patch.localModel !== undefined) await s.setSetting(KEYS.localModel, patch.localModel ?? '');
  if (patch.serverUrl !== undefined) await s.setSetting(KEYS.serverUrl, patch.serverUrl ?? '');
  if (patch.serverModel !== undefined) await s.setSetting(KEYS.serverModel, patch.serverModel ?? '');
  if (patch.replaceUnsupported !== undefined)
    await s.setSetting(KEYS.replaceUnsupported, String(patch.replaceUnsupported));
}
