/**
 * The engine that transcribes, as the transcription setting says (core/settings/transcription.ts): Whisper on this
 * computer, or the clinic's server (`ServerAsrEngine`, models/llm/transcribe-server.ts) with the note engine's API key
 * and the organisation's CA. Either way the same local pipeline runs around it (models/asr/pipeline.ts): the voice
 * detector decides what is sent (silence never leaves the computer) and the same hallucination guards apply.
 *
 * A server that fails (unreachable, 401, 5xx, bad answer) is never swapped for another server. When a speech model is
 * installed on this computer the chunk that failed and every later one are transcribed locally instead, and the
 * result says so (`notice`); when none is, the call fails in words. The machine policy is checked at each
 * transcription: an address off the organisation's list is refused (forbidden), never sent to.
 */
import { ApiError } from '../api/errors.js';
import { log } from '../platform/log.js';
import type { Policy } from '../policy/schema.js';
import type { AsyncStore } from '../store/client.js';
import { NOT_ALLOWED_TRANSCRIPTION_URL, readTranscription, transcriptionServerUrl } from '../settings/transcription.js';
import { serverUrlAllowed, serverUrlProblem } from './select.js';
import { readPolicyCa, readServerKey } from './server-api.js';
import { EngineError } from './types.js';
import type { WhisperSegment } from '../../native/whisper.js';
import type { RunOptions } from '../../models/asr/protocol.js';
import { AsrCancelledError, type AsrEngine, type TranscribeChunkResult } from '../../models/asr/whisper-worker.js';
import { ServerAsrEngine } from '../../models/llm/transcribe-server.js';
import { transcribeAudio, type PipelineOptions, type PipelineResult } from '../../models/asr/pipeline.js';
import type { ServerConnectionOptions } from '../../models/llm/http.js';

/** What the speech handlers (models/api.ts) get: the server engine to use, or null for Whisper on this computer. */
export interface AsrServerChoice {
  /** Makes the engine; `local` makes Whisper on this computer for the fallback (null: no speech model installed). */
  create(local: (() => AsrEngine) | null): ClinicServerAsr;
  /** For the result's `model`: server:<model name>. */
  label: string;
}

export interface TranscriptionEngineDeps {
  store: () => AsyncStore | undefined;
  policy: () => Policy;
  /** Reads the CA file (tests inject one). */
  readFile?: (path: string) => string;
  /** Connection options for tests (timeouts, agent, sleep). */
  connection?: Partial<Omit<ServerConnectionOptions, 'url' | 'apiKey' | 'caPem'>>;
}

/**
 * The clinic server that transcribes now, or null when the setting says this computer. Throws ApiError in words:
 * forbidden (address off the organisation's list), unavailable (no address or model set, CA file unreadable).
 */
export async function chooseTranscriptionServer(deps: TranscriptionEngineDeps): Promise<AsrServerChoice | null> {
  const s = deps.store();
  const settings = await readTranscription(s);
  if (settings.kind !== 'server') return null;
  return clinicServerChoice(
    { url: await transcriptionServerUrl(s, settings), model: settings.serverModel },
    await readServerKey(s),
    { ...deps, policy: deps.policy() },
  );
}

/**
 * The clinic server for `target` (the stored setting, or the CLI's flags), with every guard of the setting: an address
 * that is https (plain http only on this computer), on the organisation's list, the organisation's CA, and the API key
 * given (the encrypted store's). Throws ApiError in words: invalid_params (not an https address), forbidden (off the
 * organisation's list), unavailable (no address or model, CA file unreadable).
 */
export function clinicServerChoice(
  target: { url: string | null; model: string | null },
  apiKey: string | undefined,
  deps: Omit<TranscriptionEngineDeps, 'store' | 'policy'> & { policy: Policy },
): AsrServerChoice {
  const { url, model } = target;
  if (!url)
    throw new ApiError(
      'unavailable',
      'Transcription on the clinic server is chosen but no server address is set (Settings → Transcription, or the note engine’s clinic server).',
    );
  if (!model)
    throw new ApiError(
      'unavailable',
      'Transcription on the clinic server is chosen but no speech model name is set (Settings → Transcription).',
    );
  const problem = serverUrlProblem(url);
  if (problem) throw new ApiError('invalid_params', problem);
  if (!serverUrlAllowed(url, deps.policy)) throw new ApiError('forbidden', NOT_ALLOWED_TRANSCRIPTION_URL);
  const ca = readPolicyCa(deps.policy, deps.readFile);
  if (ca.problem) throw new ApiError('unavailable', ca.problem);
  return {
    label: `server:${model}`,
    create: (local) =>
      new ClinicServerAsr(
        new ServerAsrEngine({
          ...deps.connection,
          url,
          model,
          ...(apiKey ? { apiKey } : {}),
          ...(ca.pem ? { caPem: ca.pem } : {}),
        }),
        local,
      ),
  };
}

/** A transcription on the clinic server: the pipeline's result, which engine ended up transcribing, and why. */
export interface ServerTranscript extends PipelineResult {
  /** server:<model name>, or the local model's label after a fallback. */
  model: string;
  engine: 'server' | 'local';
  /** Set when the server failed and this computer transcribed the rest. */
  notice?: string;
}

/**
 * Transcribes decoded audio on the chosen clinic server through the local pipeline (VAD, guards, speaker roles),
 * falling back to Whisper on this computer (`local`, when a speech model is installed) after a server failure.
 */
export async function transcribeOnClinicServer(
  audio: { sampleRate: number; channels: Float32Array[] },
  choice: AsrServerChoice,
  local: { label: string; engine: () => AsrEngine } | null,
  opts: PipelineOptions,
): Promise<ServerTranscript> {
  const engine = choice.create(local ? local.engine : null);
  try {
    const r = await transcribeAudio(audio, engine, opts);
    return { ...r, ...engine.report(choice.label, local?.label ?? '') };
  } finally {
    await engine.close();
  }
}

/** The words for a server failure (EngineError messages name the server and the status, never the audio or text). */
export const serverFailure = (err: EngineError) => `The clinic server could not transcribe: ${err.message}`;

/**
 * The clinic server as the pipeline's engine, with the fallback to Whisper on this computer: after the first server
 * failure (not a cancel) every chunk goes to the local engine, and `notice` says so.
 */
export class ClinicServerAsr implements AsrEngine {
  private local: AsrEngine | null = null;
  /** Set when the server failed and this computer took over (shown to the clinician). */
  notice: string | null = null;

  constructor(
    private readonly server: AsrEngine,
    private readonly makeLocal: (() => AsrEngine) | null,
  ) {}

  /** Whether the fallback to this computer happened. */
  get fellBack(): boolean {
    return this.local !== null;
  }

  /** Which engine transcribed, for the result: the server's label, or the local model's after a fallback (and why). */
  report(serverLabel: string, localLabel: string) {
    return this.fellBack
      ? { model: localLabel, engine: 'local' as const, ...(this.notice ? { notice: this.notice } : {}) }
      : { model: serverLabel, engine: 'server' as const };
  }

  async transcribe(
    pcm: Int16Array,
    options: RunOptions,
    signal?: AbortSignal,
    onSegments?: (segments: WhisperSegment[]) => void,
  ): Promise<TranscribeChunkResult> {
    if (this.local) return this.local.transcribe(pcm, options, signal, onSegments);
    try {
      return await this.server.transcribe(pcm, options, signal, onSegments);
    } catch (err) {
      if (err instanceof AsrCancelledError || !(err instanceof EngineError)) throw err;
      log.warn('asr.server_failed', { code: err.code, fallback: this.makeLocal !== null });
      if (!this.makeLocal)
        throw new ApiError(
          'unavailable',
          `${serverFailure(err)} No speech model is installed on this computer to transcribe instead.`,
        );
      this.local = this.makeLocal();
      this.notice = `${serverFailure(err)} The rest was transcribed on this computer.`;
      return this.local.transcribe(pcm, options, signal, onSegments);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.server.close(), this.local?.close()]);
  }
}
