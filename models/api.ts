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
import { transcribeOnClinicServer, type AsrServerChoice, type ClinicServerAsr } from '../core/engines/transcription.js';
import { EngineError } from '../core/engines/types.js';
import { NativeError } from '../native/whisper.js';
import { createDefaultVad } from './audio/silero.js';
import { WavError } from './audio/wav.js';
import { LiveTranscriber, transcribeAudio, type TranscriptSegment } from './asr/pipeline.js';
import { buildInitialPrompt } from './asr/prompt.js';
import { InputError, readWavFile, resolveModel, transcribeFile, type ResolvedModel } from './asr/transcribe-file.js';
import { AsrCancelledError, WhisperWorker, type AsrEngine } from './asr/whisper-worker.js';
import { CatalogueError } from './manager/catalogue.js';
import { probeHardware, recommendLlm, recommendModel } from './manager/hardware.js';
import { ModelError, ModelManager } from './manager/manager.js';

export type SpeechMethod =
  | 'models.list'
  | 'models.install'
  | 'models.remove'
  | 'transcribe.file'
  | 'transcribe.live.start'
  | 'transcribe.live.push'
  | 'transcribe.live.stop'
  | 'audio.import.append'
  | 'audio.import.finish'
  | 'transcribe.encounter';

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
  if (err instanceof EngineError)
    throw new ApiError(err.code === 'cancelled' ? 'cancelled' : 'unavailable', `Transcription failed: ${err.message}`);
  throw err;
}

interface Session {
  live: LiveTranscriber;
  worker: AsrEngine;
  recording?: Recording;
}

/** A local speech model for the fallback from the clinic server, or null when none is installed (or the id is bad). */
function localModelOrNull(model: string | undefined, manager: () => ModelManager): ResolvedModel | null {
  try {
    return resolveModel(model, manager);
  } catch (err) {
    if (err instanceof ModelError || err instanceof InputError || err instanceof CatalogueError) return null;
    throw err;
  }
}

/** Which engine a transcription ran on, and the fallback notice, for the result. */
function engineReport(server: ClinicServerAsr | null, serverLabel: string, local: ResolvedModel | null) {
  if (!server) return { model: local?.label ?? '', engine: 'local' as const };
  return server.report(serverLabel, local?.label ?? '');
}

/**
 * Stores the segments with words as the encounter's transcript turns (the ones a client drafts from, in the same
 * order) and returns them.
 */
async function storeTranscript(
  store: AsyncStore,
  encounterId: number,
  segments: TranscriptSegment[],
): Promise<TranscriptSegment[]> {
  const spoken = segments.filter((s) => s.text.trim().length > 0);
  if (spoken.length > 0)
    await store.addTranscriptSegments(
      encounterId,
      spoken.map((s) => ({
        speaker: s.speaker,
        startMs: Math.round(s.start * 1000),
        endMs: Math.round(s.end * 1000),
        text: s.text,
      })),
    );
  return spoken;
}

/**
 * Live audio of one encounter going into the encrypted store: each chunk (at most 1 s) is appended in order as it
 * arrives and committed on its own, and `transcribe.live.push` replies only once its last chunk is committed, so
 * every acknowledged second survives a crash (a kill, or a power cut: the store syncs its WAL at each commit). The
 * queue of chunks not yet committed is bounded (MAX_UNCOMMITTED_SEC); the final transcript is stored at stop.
 */
class Recording {
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private failed: Error | null = null;
  private uncommitted = 0;
  /** Settles when the most recently appended chunk is committed; rejects when it (or an earlier one) was not. */
  lastCommit: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AsyncStore,
    readonly encounterId: number,
  ) {}

  /** Samples received but not yet committed. */
  get uncommittedSamples(): number {
    return this.uncommitted;
  }

  /** True once a chunk failed to commit: no later chunk is stored (the audio stays gap-free). */
  get broken(): boolean {
    return this.failed !== null;
  }

  append(chunk: Int16Array): void {
    const bytes = new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
    const seq = this.seq++;
    this.uncommitted += chunk.length;
    const commit = this.chain.then(async () => {
      try {
        if (this.failed) throw this.failed;
        await this.store.appendAudioChunk(this.encounterId, seq, bytes, RATE);
      } catch (err) {
        if (!this.failed) {
          this.failed = err instanceof Error ? err : new Error(String(err));
          log.error('asr.audio_persist_failed', { encounter: this.encounterId, seq, error: this.failed.name });
        }
        throw this.failed;
      } finally {
        this.uncommitted -= chunk.length;
      }
    });
    // The chain observes the commit, so a failure nobody awaits (a push that was not waited for) is no unhandled
    // rejection.
    this.chain = commit.catch(() => undefined);
    this.lastCommit = commit;
  }

  /** Waits until every chunk received so far is in the store (or has failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  async finish(segments: TranscriptSegment[]): Promise<void> {
    await this.chain;
    await this.store.finishRecording(this.encounterId);
    await storeTranscript(this.store, this.encounterId, segments);
    if (this.failed) throw new ApiError('unavailable', 'Some audio could not be saved to the encrypted store.');
  }
}

const MAX_SESSIONS = 4;
const RATE = 16_000;
/**
 * Audio of one recording received but not yet committed beyond which a push is refused (with words saying to wait
 * for the replies). A client that waits for each reply before the next push (the app does) holds at most one push.
 */
const MAX_UNCOMMITTED_SEC = 20;

/** Base64 PCM16 from a client: at most 2 s, an even number of bytes. */
function decodePcm(pcm: string): Buffer {
  const bytes = Buffer.from(pcm, 'base64');
  if (bytes.length === 0 || bytes.length % 2 !== 0)
    throw new ApiError('invalid_params', 'PCM16 data must be a non-empty, even number of bytes.');
  if (bytes.length > 4 * RATE) throw new ApiError('invalid_params', 'Send at most 2 s of audio per call.');
  return bytes;
}

/** An audio upload in progress into one encounter's recording (chunks in order; the store gets ≤1 s pieces). */
interface AudioImport {
  store: AsyncStore;
  nextSeq: number;
  storeSeq: number;
  samples: number;
}

/** Stored PCM16 (little-endian) as floats in [-1, 1). */
function pcmToFloat(pcm: Uint8Array): Float32Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = new Float32Array(Math.floor(pcm.byteLength / 2));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

export function createSpeechHandlers(
  services: {
    events: EventBus;
    store?: () => AsyncStore | undefined;
    /** Shutdown hooks of the host (Core.close): live sessions register theirs here. */
    closers?: (() => Promise<void>)[];
    /**
     * The clinic server chosen for transcription (core/engines/transcription.ts), or null for Whisper on this
     * computer; absent: always this computer.
     */
    asrServer?: () => Promise<AsrServerChoice | null>;
  },
  manager = () => new ModelManager(),
  /** The speech engine of file-mode transcription (tests inject a scripted one). */
  asrEngine = (modelPath: string): AsrEngine => new WhisperWorker({ modelPath }),
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
  // Shutting the host down mid-recording: the audio received so far is committed (the encounter stays "recording",
  // so the next unlock offers to recover it, as after a crash) and each session's Whisper process is ended.
  services.closers?.push(async () => {
    for (const [id, s] of [...sessions]) {
      s.live.cancel();
      await s.recording?.flush();
      await close(id);
    }
  });
  const imports = new Map<number, AudioImport>();
  const transcribing = new Set<number>();
  /** Calls for one encounter's import run one after another (a second chunk 0 or a finish waits its turn). */
  const queues = new Map<number, Promise<unknown>>();
  const serial = <T>(encounterId: number, fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(encounterId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    queues.set(encounterId, tail);
    void tail.then(() => {
      if (queues.get(encounterId) === tail) queues.delete(encounterId);
    });
    return run;
  };
  const openStore = (action: string): AsyncStore => {
    const store = services.store?.();
    if (!store) throw new ApiError('locked', `Unlock the encrypted store to ${action}.`);
    return store;
  };
  const notSaved = () =>
    new ApiError(
      'unavailable',
      'This audio could not be saved to the encrypted store, so the recording takes no more: stop it (the audio ' +
        'saved so far is kept).',
    );
  const storeConflict = (err: unknown): never => {
    if (err instanceof StoreInputError) throw new ApiError('conflict', err.message);
    throw err;
  };
  return {
    'models.list': () => {
      try {
        const hardware = probeHardware();
        return {
          models: manager().list(),
          recommended: recommendModel(hardware),
          recommendedLlm: recommendLlm(hardware),
          hardware,
        };
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
        const server = (await services.asrServer?.()) ?? null;
        if (server) {
          const audio = readWavFile(path);
          const local = localModelOrNull(model, manager);
          const r = await transcribeOnClinicServer(
            audio,
            server,
            local ? { label: local.label, engine: () => asrEngine(local.path) } : null,
            {
              language: language ?? 'en',
              createVad: (await createDefaultVad()).create,
              ...(ctx.signal ? { signal: ctx.signal } : {}),
            },
          );
          return {
            segments: r.segments,
            durationSec: r.durationSec,
            rtf: Math.round(r.rtf * 1000) / 1000,
            model: r.model,
            engine: r.engine,
            ...(r.notice ? { notice: r.notice } : {}),
          };
        }
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
    'audio.import.append': ({ encounterId, seq, pcm }) =>
      serial(encounterId, async () => {
        const bytes = decodePcm(pcm);
        const store = openStore('import audio into an encounter');
        let imp = imports.get(encounterId);
        if (seq === 0) {
          if (imp) {
            // A new upload replaces an unfinished one of this session (e.g. the page was reloaded mid-import).
            imports.delete(encounterId);
            if (imp.store === store) await store.discardRecording(encounterId).catch(() => 0);
          }
          const e = await store.getEncounter(encounterId);
          if (!e) throw new ApiError('not_found', `No encounter with id ${encounterId}.`);
          if (!e.consent)
            throw new ApiError('conflict', "Record the patient's consent to recording before importing its audio.");
          if (e.status !== 'new' || e.audioSeconds > 0)
            throw new ApiError('conflict', `Encounter ${encounterId} already has a recording (it is ${e.status}).`);
          if (e.segments > 0) throw new ApiError('conflict', `Encounter ${encounterId} already has a transcript.`);
          await store.beginRecording(encounterId).catch(storeConflict);
          imp = { store, nextSeq: 0, storeSeq: 0, samples: 0 };
          imports.set(encounterId, imp);
        } else if (!imp || imp.store !== store) {
          throw new ApiError(
            'invalid_params',
            `No audio import is in progress for encounter ${encounterId}: send chunk 0 first.`,
          );
        }
        if (seq !== imp.nextSeq)
          throw new ApiError('invalid_params', `Expected audio chunk ${imp.nextSeq} of the import, got ${seq}.`);
        try {
          for (let off = 0; off < bytes.length; off += 2 * RATE) {
            const piece = new Uint8Array(bytes.subarray(off, Math.min(bytes.length, off + 2 * RATE)));
            await store.appendAudioChunk(encounterId, imp.storeSeq, piece, RATE);
            imp.storeSeq++;
            imp.samples += piece.length / 2;
          }
        } catch (err) {
          imports.delete(encounterId);
          await store.discardRecording(encounterId).catch(() => 0);
          log.error('asr.import_persist_failed', { encounter: encounterId, seq, error: (err as Error).name });
          throw new ApiError(
            'unavailable',
            'The audio could not be saved to the encrypted store; the import was discarded.',
          );
        }
        imp.nextSeq = seq + 1;
        return { audioSec: imp.samples / RATE };
      }),
    'audio.import.finish': ({ encounterId, cancel }) =>
      serial(encounterId, async () => {
        const store = openStore('import audio into an encounter');
        const imp = imports.get(encounterId);
        if (!imp) throw new ApiError('not_found', `No audio import is in progress for encounter ${encounterId}.`);
        imports.delete(encounterId);
        if (imp.store !== store)
          throw new ApiError(
            'conflict',
            'The store was locked during the import: the audio sent so far is kept as an interrupted recording.',
          );
        if (cancel) {
          await store.discardRecording(encounterId).catch(storeConflict);
          log.info('asr.import_discarded', { encounter: encounterId });
          return { audioSec: 0, discarded: true };
        }
        await store.finishRecording(encounterId).catch(storeConflict);
        log.info('asr.import_done', { encounter: encounterId, audioSec: Math.round(imp.samples / RATE) });
        return { audioSec: imp.samples / RATE, discarded: false };
      }),
    'transcribe.encounter': async ({ encounterId, model, language, operationId }, ctx) => {
      try {
        const store = openStore('transcribe a stored recording');
        const e = await store.getEncounter(encounterId);
        if (!e) throw new ApiError('not_found', `No encounter with id ${encounterId}.`);
        if (e.status === 'recording')
          throw new ApiError(
            'conflict',
            imports.has(encounterId)
              ? 'The audio import of this encounter has not finished.'
              : 'This encounter is still recording, or its recording was interrupted (recover it first).',
          );
        if (e.segments > 0) throw new ApiError('conflict', `Encounter ${encounterId} already has a transcript.`);
        if (e.audioSeconds === 0) throw new ApiError('conflict', `Encounter ${encounterId} has no stored audio.`);
        if (transcribing.has(encounterId))
          throw new ApiError('conflict', `Encounter ${encounterId} is already being transcribed.`);
        // The clinic server when the setting says so (a local model, if installed, takes over when it fails).
        const server = (await services.asrServer?.()) ?? null;
        const resolved = server ? localModelOrNull(model, manager) : resolveModel(model, manager);
        transcribing.add(encounterId);
        try {
          const audio = await store.readAudio(encounterId);
          const onServer = server ? server.create(resolved ? () => asrEngine(resolved.path) : null) : null;
          const worker = onServer ?? asrEngine(resolved!.path);
          let result;
          try {
            const createVad = (await createDefaultVad()).create;
            result = await transcribeAudio(
              { sampleRate: audio.sampleRate, channels: [pcmToFloat(audio.pcm)] },
              worker,
              {
                language: language ?? 'en',
                createVad,
                ...(ctx.signal ? { signal: ctx.signal } : {}),
                onProgress: (doneSec, totalSec) =>
                  services.events.emit('transcribe.progress', {
                    encounterId,
                    ...(operationId ? { operationId } : {}),
                    doneSec,
                    totalSec,
                  }),
              },
            );
          } finally {
            await worker.close();
          }
          if (ctx.signal?.aborted) throw new AsrCancelledError();
          const now = await store.getEncounter(encounterId);
          if (!now || now.segments > 0)
            throw new ApiError(
              'conflict',
              `Encounter ${encounterId} got a transcript while its audio was transcribed.`,
            );
          const segments = await storeTranscript(store, encounterId, result.segments);
          const report = engineReport(onServer, server?.label ?? '', resolved);
          log.info('asr.encounter_done', {
            encounter: encounterId,
            segments: segments.length,
            audioSec: Math.round(result.durationSec),
            missingChunks: audio.missing.length,
            engine: report.engine,
            fallback: onServer?.fellBack ?? false,
          });
          return {
            segments,
            durationSec: result.durationSec,
            rtf: Math.round(result.rtf * 1000) / 1000,
            ...report,
          };
        } finally {
          transcribing.delete(encounterId);
        }
      } catch (err) {
        return apiError(err);
      }
    },
    'transcribe.live.start': async ({ model, language, specialty, medications, encounterId }) => {
      try {
        if (sessions.size >= MAX_SESSIONS) throw new ApiError('conflict', 'Too many live transcription sessions.');
        const server = (await services.asrServer?.()) ?? null;
        const resolved = server ? localModelOrNull(model, manager) : resolveModel(model, manager);
        let recording: Recording | undefined;
        if (encounterId !== undefined) {
          const store = openStore('record into an encounter');
          const encounter = await store.getEncounter(encounterId);
          if (!encounter) throw new ApiError('not_found', `No encounter with id ${encounterId}.`);
          if (!encounter.consent)
            throw new ApiError('conflict', "Record the patient's consent to recording before recording starts.");
          await store.beginRecording(encounterId).catch(storeConflict);
          recording = new Recording(store, encounterId);
        }
        const worker: AsrEngine = server
          ? server.create(resolved ? () => new WhisperWorker({ modelPath: resolved.path }) : null)
          : new WhisperWorker({ modelPath: resolved!.path });
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
        // Warm up while the clinician starts talking.
        if (worker instanceof WhisperWorker) void worker.load().catch(() => undefined);
        log.info('asr.live_start', { model: server ? server.label : resolved!.label });
        return { sessionId };
      } catch (err) {
        return apiError(err);
      }
    },
    'transcribe.live.push': async ({ sessionId, pcm }) => {
      const s = session(sessionId);
      const bytes = Buffer.from(pcm, 'base64');
      if (bytes.length % 2 !== 0) throw new ApiError('invalid_params', 'PCM16 data must have an even number of bytes.');
      if (bytes.length > 64_000) throw new ApiError('invalid_params', 'Push at most 2 s of audio per call.');
      const samples = new Int16Array(bytes.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      const recording = s.recording;
      // Refused before anything is taken in, so the client may send the same audio again.
      if (recording?.broken) throw notSaved();
      if (recording && recording.uncommittedSamples + samples.length > MAX_UNCOMMITTED_SEC * RATE)
        throw new ApiError(
          'unavailable',
          `Busy: more than ${MAX_UNCOMMITTED_SEC} s of audio is still being saved. Wait for the reply to each push ` +
            'before sending the next, then send this audio again.',
        );
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
      // Acknowledged only once this audio (and all before it) is committed to the encrypted store.
      if (recording) await recording.lastCommit.catch(() => Promise.reject(notSaved()));
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
        const notice = (s.worker as Partial<ClinicServerAsr>).notice;
        return { segments, ...(notice ? { notice } : {}) };
      } catch (err) {
        return apiError(err);
      } finally {
        await close(sessionId);
      }
    },
  };
}
