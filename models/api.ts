/**
 * Handlers for the speech and model API methods (declared in api-schema.ts, spread into core/api). Errors become
 * ApiErrors with PHI-free messages. Live sessions each own a Whisper worker process; raw audio goes to the sink
 * persisted to the encrypted store (when the session names an encounter) before it reaches the pipeline.
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from '../core/api/errors.js';
import type { Handlers } from '../core/api/dispatcher.js';
import type { EventBus } from '../core/api/events.js';
import { log } from '../core/platform/log.js';
import type { AsyncStore } from '../core/store/client.js';
import { StoreInputError } from '../core/store/errors.js';
import { NativeError } from '../native/whisper.js';
import { WavError } from './audio/wav.js';
import { LiveTranscriber, type TranscriptSegment } from './asr/pipeline.js';
import { buildInitialPrompt } from './asr/prompt.js';
import { InputError, resolveModel, transcribeFile } from './asr/transcribe-file.js';
import { AsrCancelledError, WhisperWorker } from './asr/whisper-worker.js';
import { CatalogueError } from './manager/catalogue.js';
import { probeHardware, recommendModel } from './manager/hardware.js';
import { ModelError, ModelManager } from './manager/manager.js';

export type SpeechMethod =
  | 'models.list'
  | 'models.install'
  | 'models.remove'
  | 'transcribe.file'
  | 'transcribe.live.start'
  | 'transcribe.live.push'
  | 'transcribe.live.stop';

function apiError(err: unknown): never {
  if (err instanceof ApiError) throw err;
  if (err instanceof WavError || err instanceof InputError) throw new ApiError('invalid_params', err.message);
  if (err instanceof ModelError) {
    if (err.code === 'unknown_model') throw new ApiError('not_found', err.message);
    if (err.code === 'cancelled') throw new ApiError('cancelled', err.message);
    throw new ApiError('unavailable', err.message);
  }
  if (err instanceof NativeError || err instanceof CatalogueError) throw new ApiError('unavailable', err.message);
  if (err instanceof AsrCancelledError) throw new ApiError('cancelled', 'Transcription cancelled.');
  throw err;
}

interface Session {
  live: LiveTranscriber;
  worker: WhisperWorker;
  recording?: Recording;
}

/**
 * Live audio of one encounter going into the encrypted store: each chunk (at most 1 s) is appended in order as it
 * arrives, so a crash loses at most the chunk being captured; the final transcript is stored at stop.
 */
class Recording {
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private failed: Error | null = null;

  constructor(
    private readonly store: AsyncStore,
    readonly encounterId: number,
  ) {}

  append(chunk: Int16Array): void {
    const bytes = new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
    const seq = this.seq++;
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      try {
        await this.store.appendAudioChunk(this.encounterId, seq, bytes, 16_000);
      } catch (err) {
        this.failed = err instanceof Error ? err : new Error(String(err));
        log.error('asr.audio_persist_failed', { encounter: this.encounterId, seq, error: this.failed.name });
      }
    });
  }

  async finish(segments: TranscriptSegment[]): Promise<void> {
    await this.chain;
    await this.store.finishRecording(this.encounterId);
    if (segments.length > 0)
      await this.store.addTranscriptSegments(
        this.encounterId,
        segments.map((s) => ({
          speaker: s.speaker,
          startMs: Math.round(s.start * 1000),
          endMs: Math.round(s.end * 1000),
          text: s.text,
        })),
      );
    if (this.failed) throw new ApiError('unavailable', 'Some audio could not be saved to the encrypted store.');
  }
}

const MAX_SESSIONS = 4;

export function createSpeechHandlers(
  services: { events: EventBus; store?: () => AsyncStore | undefined },
  manager = () => new ModelManager(),
): Pick<Handlers, SpeechMethod> {
  const sessions = new Map<string, Session>();
  const session = (id: string): Session => {
    const s = sessions.get(id);
    if (!s) throw new ApiError('not_found', 'No live transcription session with that id.');
    return s;
  };
  const close = async (id: string) => {
    const s = sessions.get(id);
    sessions.delete(id);
    await s?.worker.close();
  };
  return {
    'models.list': () => {
      try {
        const hardware = probeHardware();
        return { models: manager().list(), recommended: recommendModel(hardware), hardware };
      } catch (err) {
        return apiError(err);
      }
    },
    'models.install': async ({ id, from, mirror }, ctx) => {
      try {
        const man = await manager().install(id, {
          ...(from ? { from } : {}),
          ...(mirror ? { mirror } : {}),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
          onProgress: (p) => services.events.emit('models.progress', p),
        });
        return { id: man.id, files: man.files };
      } catch (err) {
        return apiError(err);
      }
    },
    'models.remove': ({ id }) => {
      try {
        return { removed: manager().remove(id) };
      } catch (err) {
        return apiError(err);
      }
    },
    'transcribe.file': async ({ path, model, language }, ctx) => {
      try {
        return await transcribeFile(path, {
          ...(model ? { model } : {}),
          language: language ?? 'en',
          ...(ctx.signal ? { signal: ctx.signal } : {}),
          manager,
        });
      } catch (err) {
        return apiError(err);
      }
    },
    'transcribe.live.start': async ({ model, language, specialty, medications, encounterId }) => {
      try {
        if (sessions.size >= MAX_SESSIONS) throw new ApiError('conflict', 'Too many live transcription sessions.');
        const resolved = resolveModel(model, manager);
        let recording: Recording | undefined;
        if (encounterId !== undefined) {
          const store = services.store?.();
          if (!store) throw new ApiError('locked', 'Unlock the encrypted store to record into an encounter.');
          const encounter = await store.getEncounter(encounterId);
          if (!encounter) throw new ApiError('not_found', `No encounter with id ${encounterId}.`);
          if (!encounter.consent)
            throw new ApiError('conflict', "Record the patient's consent to recording before recording starts.");
          try {
            await store.beginRecording(encounterId);
          } catch (err) {
            if (err instanceof StoreInputError) throw new ApiError('conflict', err.message);
            throw err;
          }
          recording = new Recording(store, encounterId);
        }
        const worker = new WhisperWorker({ modelPath: resolved.path });
        const sessionId = randomBytes(8).toString('hex');
        const prompt = buildInitialPrompt({
          ...(specialty ? { specialty } : {}),
          ...(medications ? { medications } : {}),
        });
        const live = new LiveTranscriber(worker, {
          language: language ?? 'en',
          prompt,
          sink: (chunk) => recording?.append(chunk),
          onPartial: (p) => services.events.emit('transcribe.partial', { sessionId, ...p }),
          onFinal: (f) =>
            services.events.emit('transcribe.final', {
              sessionId,
              start: f.start,
              end: f.end,
              speaker: f.speaker,
              text: f.text,
            }),
        });
        sessions.set(sessionId, { live, worker, ...(recording ? { recording } : {}) });
        void worker.load().catch(() => undefined); // warm up while the clinician starts talking
        log.info('asr.live_start', { model: resolved.label });
        return { sessionId };
      } catch (err) {
        return apiError(err);
      }
    },
    'transcribe.live.push': ({ sessionId, pcm }) => {
      const s = session(sessionId);
      const bytes = Buffer.from(pcm, 'base64');
      if (bytes.length % 2 !== 0) throw new ApiError('invalid_params', 'PCM16 data must have an even number of bytes.');
      if (bytes.length > 64_000) throw new ApiError('invalid_params', 'Push at most 2 s of audio per call.');
      const samples = new Int16Array(bytes.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      try {
        s.live.push(samples);
      } catch (err) {
        void close(sessionId);
        return apiError(
          err instanceof Error && !(err instanceof ApiError)
            ? new ApiError('unavailable', 'Live transcription failed.')
            : err,
        );
      }
      return { audioSec: s.live.audioSec };
    },
    'transcribe.live.stop': async ({ sessionId, cancel }) => {
      const s = session(sessionId);
      try {
        if (cancel) s.live.cancel();
        const finals = await s.live.stop();
        const segments: TranscriptSegment[] = finals.map(({ start, end, speaker, text }) => ({
          start,
          end,
          speaker,
          text,
        }));
        await s.recording?.finish(segments);
        return { segments };
      } catch (err) {
        return apiError(err);
      } finally {
        await close(sessionId);
      }
    },
  };
}
