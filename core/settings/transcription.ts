/**
 * The transcription-engine setting (issue 15): Whisper on this computer (the default) or the clinic's server
 * (`POST /v1/audio/transcriptions`, models/llm/transcribe-server.ts) for workstations too weak for local Whisper.
 * Kept in the encrypted store's settings table like the note engine (each change audited by the store, key only).
 *
 * The server is the note engine's clinic server (its address and API key) unless a different address is given here;
 * its model is set here (a Whisper model name on that server). The machine policy applies as for the note engine:
 * the address must be one of the organisation's inference servers (`inferenceServers`; a server on this computer is
 * always allowed, since nothing then leaves it) — checked when it is set and at each transcription.
 */
import { ApiError } from '../api/errors.js';
import type { AsyncStore } from '../store/client.js';
import type { Policy } from '../policy/schema.js';
import { serverUrlAllowed, serverUrlProblem } from '../engines/select.js';
import { readNoteEngine, storedSetting } from './note-engine.js';

export const TRANSCRIPTION_KINDS = ['local', 'server'] as const;
export type TranscriptionKind = (typeof TRANSCRIPTION_KINDS)[number];

export interface TranscriptionSettings {
  kind: TranscriptionKind;
  /** Its own server address; null: the note engine's clinic server. */
  serverUrl: string | null;
  /** The speech model's name on the server (e.g. Systran/faster-whisper-small, whisper-1). */
  serverModel: string | null;
}

export const DEFAULT_TRANSCRIPTION: TranscriptionSettings = { kind: 'local', serverUrl: null, serverModel: null };

const KEYS = {
  kind: 'asr.engine.kind',
  serverUrl: 'asr.engine.server_url',
  serverModel: 'asr.engine.server_model',
} as const;

export type TranscriptionPatch = {
  kind?: TranscriptionKind | undefined;
  serverUrl?: string | null | undefined;
  serverModel?: string | null | undefined;
};

export const NOT_ALLOWED_TRANSCRIPTION_URL =
  'Your organisation does not allow audio to be sent to this server (it is not one of the clinic inference servers set by IT).';

/** The stored setting (defaults where none is stored, or while the store is locked). */
export async function readTranscription(s: AsyncStore | undefined): Promise<TranscriptionSettings> {
  if (!s) return { ...DEFAULT_TRANSCRIPTION };
  const get = (k: string) => storedSetting(s, k);
  const kind = await get(KEYS.kind);
  return {
    kind: (TRANSCRIPTION_KINDS as readonly string[]).includes(kind ?? '') ? (kind as TranscriptionKind) : 'local',
    serverUrl: await get(KEYS.serverUrl),
    serverModel: await get(KEYS.serverModel),
  };
}

/** The address audio goes to: this setting's own, else the note engine's clinic server; null when neither is set. */
export async function transcriptionServerUrl(
  s: AsyncStore | undefined,
  settings: TranscriptionSettings,
): Promise<string | null> {
  return settings.serverUrl ?? (await readNoteEngine(s)).serverUrl;
}

/**
 * The setting as settings.get shows it: the address in effect (`effectiveUrl`) and whether the organisation allows
 * it (`serverAllowed`; true while no address is set, so one on this computer can still be entered).
 */
export async function transcriptionInfo(s: AsyncStore | undefined, policy: Policy) {
  const t = await readTranscription(s);
  const effectiveUrl = await transcriptionServerUrl(s, t);
  return { ...t, effectiveUrl, serverAllowed: effectiveUrl ? serverUrlAllowed(effectiveUrl, policy) : true };
}

/** Checks a change (address rules, machine policy), then stores it; nothing is written when any part is refused. */
export async function writeTranscription(s: AsyncStore, patch: TranscriptionPatch, policy: Policy): Promise<void> {
  const now = await readTranscription(s);
  const next: TranscriptionSettings = {
    kind: patch.kind ?? now.kind,
    serverUrl: patch.serverUrl !== undefined ? patch.serverUrl : now.serverUrl,
    serverModel: patch.serverModel !== undefined ? patch.serverModel : now.serverModel,
  };
  if (patch.serverUrl) {
    const problem = serverUrlProblem(patch.serverUrl);
    if (problem) throw new ApiError('invalid_params', problem);
  }
  // The address in effect is checked when the server is chosen, and a new address whatever the engine.
  const url = await transcriptionServerUrl(s, next);
  if (url && (next.kind === 'server' || patch.serverUrl) && !serverUrlAllowed(url, policy))
    throw new ApiError('forbidden', NOT_ALLOWED_TRANSCRIPTION_URL);
  if (patch.kind !== undefined) await s.setSetting(KEYS.kind, next.kind);
  if (patch.serverUrl !== undefined) await s.setSetting(KEYS.serverUrl, patch.serverUrl ?? '');
  if (patch.serverModel !== undefined) await s.setSetting(KEYS.serverModel, patch.serverModel ?? '');
}
