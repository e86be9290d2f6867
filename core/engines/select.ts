/**
 * Choosing the note engine: the clinician's setting (or the request's `engine`), the machine policy's gate, and the
 * host's engine provider that makes the generators.
 *
 * Policy (core/policy/schema.ts):
 *   allowedNoteEngines   'embedded' or 'rules' → the built-in drafter; 'local'; 'server' or 'clinic-server'.
 *                        Unset or empty: every engine.
 *   inferenceServers     https URLs of the clinic's servers text may be sent to. Unset: none — except a server on this
 *                        computer (loopback), since then nothing leaves it.
 *   allowedModels        also applies to the local model's id.
 * A refusal is in words (ApiError 'forbidden' at the API, exit code at the CLI).
 */
import { allowedBy } from '../policy/effective.js';
import { isLoopbackUrl } from '../platform/loopback.js';
import type { Policy } from '../policy/schema.js';
import type { EngineKind, TextGenerator } from './types.js';

export const ENGINE_KINDS = ['embedded', 'local', 'server'] as const satisfies readonly EngineKind[];

/** The note-engine settings kept in the encrypted store (core/settings/note-engine.ts). */
export interface NoteEngineSettings {
  kind: EngineKind;
  /** Local model: a catalogue id or a model directory. */
  localModel: string | null;
  /** The clinic server's base URL (https, or http on this computer). */
  serverUrl: string | null;
  /** The model name on the clinic server. */
  serverModel: string | null;
  /** Replace (or drop) sentences the verifier does not back; off keeps them, flagged. */
  replaceUnsupported: boolean;
}

export const DEFAULT_NOTE_ENGINE: NoteEngineSettings = {
  kind: 'embedded',
  localModel: null,
  serverUrl: null,
  serverModel: null,
  replaceUnsupported: true,
};

/**
 * What a host plugs in to give the core its generative engines (the CLI, the dev host and the app fill it with the
 * local engine's and the server engine's factories; tests with scripted generators). The provider owns the generators
 * it makes: it may keep one loaded between drafts and ends them in `close`.
 */
export interface EngineProvider {
  /**
   * A generator for `kind` configured by `settings` (its localModel / serverUrl + serverModel). Throws EngineError
   * ('unavailable' when not installed or not reachable, 'out-of-memory', 'refused-url', …) with a message in words.
   */
  getGenerator(kind: 'local' | 'server', settings: NoteEngineSettings): Promise<TextGenerator>;
  /** Ends every generator it made (host shutdown). */
  close?(): Promise<void>;
}

/** Policy names of each engine (IT writes 'rules' or 'clinic-server' as the ADMX text suggests). */
const POLICY_NAMES: Record<EngineKind, readonly string[]> = {
  embedded: ['embedded', 'rules'],
  local: ['local'],
  server: ['server', 'clinic-server'],
};

export function engineAllowed(kind: EngineKind, policy: Policy): boolean {
  const list = policy.allowedNoteEngines;
  if (!list || list.length === 0) return true;
  const names = list.map((n) => n.toLowerCase());
  return POLICY_NAMES[kind].some((n) => names.includes(n));
}

export function allowedEngines(policy: Policy): EngineKind[] {
  return ENGINE_KINDS.filter((k) => engineAllowed(k, policy));
}

/** A server on this computer (the same rule as the transport's, core/platform/loopback.ts). */
export { isLoopbackUrl };

const norm = (u: string) => u.replace(/\/+$/, '').toLowerCase();

/** Whether the policy lets text go to this server URL: on this computer, or under one of the listed servers. */
export function serverUrlAllowed(raw: string, policy: Policy): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (isLoopbackUrl(url)) return true;
  const target = norm(url.href);
  return (policy.inferenceServers ?? []).some((s) => target === norm(s) || target.startsWith(norm(s) + '/'));
}

/** A problem with a server URL as typed (not a URL, not http(s), plain http off this computer), or null. */
export function serverUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The clinic server address is not a URL (e.g. https://llm.clinic.example:8000).';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The clinic server address must start with https://.';
  if (url.protocol === 'http:' && !isLoopbackUrl(url))
    return 'The clinic server must be reached over https (plain http only on this computer).';
  if (url.username || url.password) return 'The clinic server address must not contain a user name or password.';
  return null;
}

/** The model id the policy's allowedModels is checked against: a catalogue id, or a directory's last part. */
export function localModelId(model: string): string {
  const parts = model.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? model;
}

const ENGINE_WORDS: Record<EngineKind, string> = {
  embedded: 'the built-in drafter',
  local: 'a model on this computer',
  server: "the clinic's inference server",
};

/**
 * Why the policy refuses drafting with `kind` and these settings, in words; null when it allows it. The server URL
 * and the local model are checked only for the engine that uses them.
 */
export function policyRefusal(kind: EngineKind, settings: NoteEngineSettings, policy: Policy): string | null {
  if (!engineAllowed(kind, policy))
    return `Your organisation does not allow notes to be drafted with ${ENGINE_WORDS[kind]}.`;
  if (kind === 'server' && settings.serverUrl && !serverUrlAllowed(settings.serverUrl, policy))
    return 'Your organisation does not allow text to be sent to this server (it is not one of the clinic inference servers set by IT).';
  if (kind === 'local' && settings.localModel && !allowedBy(policy.allowedModels, localModelId(settings.localModel)))
    return `Your organisation does not allow the model ${localModelId(settings.localModel)}.`;
  return null;
}

/** The settings for one draft: the stored ones with the request's overrides (model id, or server URL). */
export function withOverrides(
  settings: NoteEngineSettings,
  kind: EngineKind,
  over: { model?: string | undefined; url?: string | undefined },
): NoteEngineSettings {
  const s = { ...settings, kind };
  if (over.model !== undefined) {
    if (kind === 'local') s.localModel = over.model;
    else if (kind === 'server') s.serverModel = over.model;
  }
  if (over.url !== undefined) s.serverUrl = over.url;
  return s;
}
