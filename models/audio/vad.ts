/**
 * Voice activity detection on 16 kHz mono audio.
 *
 * This is an energy detector with an adaptive noise floor and hysteresis (onset after `minSpeechMs` of speech-like
 * frames, offset after `minSilenceMs` of quiet), streaming (constant memory: one partial frame plus a few counters).
 * File transcription uses Silero VAD (`silero.ts`, onnxruntime-node) and falls back to this detector when the model
 * cannot be loaded; live mode uses this one (it needs synchronous decisions). See native/README.md.
 */

export const VAD_RATE = 16_000;

export interface VadOptions {
  /** Frame length in ms. Default 10. */
  frameMs?: number;
  /** dB above the noise floor that counts as speech. Default 10. */
  thresholdDb?: number;
  /** Absolute level (dBFS) below which nothing is speech. Default -50. */
  minLevelDb?: number;
  /** Speech must last this long to open a segment. Default 120 ms. */
  minSpeechMs?: number;
  /** Quiet must last this long to close a segment. Default 400 ms. */
  minSilenceMs?: number;
  /** Padding added before and after each segment. Default 50 ms. */
  padMs?: number;
  /** Segments longer than this are cut (Whisper's window is 30 s). Default 25 s. */
  maxSegmentSec?: number;
}

export interface SpeechSegment {
  /** Seconds from the start of the stream. */
  start: number;
  end: number;
}

export type VadEvent = { type: 'start'; t: number } | { type: 'end'; t: number };

export interface VoiceActivityDetector {
  /** Feeds 16 kHz mono samples; returns the segment boundaries decided so far. */
  push(samples: Float32Array): VadEvent[];
  /** Ends the stream, closing an open segment. */
  flush(): VadEvent[];
  /** True while inside a speech segment. */
  readonly inSpeech: boolean;
}

const DEFAULTS: Required<VadOptions> = {
  frameMs: 10,
  thresholdDb: 10,
  minLevelDb: -50,
  minSpeechMs: 120,
  minSilenceMs: 400,
  padMs: 50,
  maxSegmentSec: 25,
};

export function levelDb(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  const n = to - from;
  if (n <= 0 || sum === 0) return -100;
  return Math.max(-100, 10 * Math.log10(sum / n));
}

export class EnergyVad implements VoiceActivityDetector {
  private readonly o: Required<VadOptions>;
  private readonly frameLen: number;
  private readonly pending: Float32Array;
  private pendingLen = 0;
  private frameIndex = 0;
  private floor = -70;
  private floorInit = false;
  private speaking = false;
  /** Consecutive speech-like frames while quiet, and the frame where that run began. */
  private run = 0;
  private runStart = 0;
  /** Consecutive quiet frames while speaking, and the last speech-like frame. */
  private quiet = 0;
  private lastSpeechFrame = 0;
  private segStartFrame = 0;
  private lastEnd = 0;

  constructor(opts: VadOptions = {}) {
    this.o = { ...DEFAULTS, ...opts };
    this.frameLen = Math.round((VAD_RATE * this.o.frameMs) / 1000);
    this.pending = new Float32Array(this.frameLen);
  }

  get inSpeech(): boolean {
    return this.speaking;
  }

  private sec(frame: number): number {
    return (frame * this.frameLen) / VAD_RATE;
  }

  push(samples: Float32Array): VadEvent[] {
    const events: VadEvent[] = [];
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(this.frameLen - this.pendingLen, samples.length - i);
      this.pending.set(samples.subarray(i, i + take), this.pendingLen);
      this.pendingLen += take;
      i += take;
      if (this.pendingLen === this.frameLen) {
        this.frame(levelDb(this.pending), events);
        this.pendingLen = 0;
      }
    }
    return events;
  }

  flush(): VadEvent[] {
    const events: VadEvent[] = [];
    if (this.speaking) {
      const end = Math.min(this.sec(this.lastSpeechFrame + 1) + this.o.padMs / 1000, this.sec(this.frameIndex));
      events.push({ type: 'end', t: end });
      this.lastEnd = end;
      this.speaking = false;
    }
    this.run = 0;
    return events;
  }

  private frame(db: number, events: VadEvent[]): void {
    const f = this.frameIndex++;
    if (!this.floorInit) {
      this.floor = Math.min(db, -40);
      this.floorInit = true;
    }
    const speechLike = db > this.o.minLevelDb && db > this.floor + this.o.thresholdDb;
    // Noise floor: follows quiet frames (fast down, slow up); during speech it may only go down.
    if (!speechLike) this.floor += (db - this.floor) * (db < this.floor ? 0.3 : 0.02);
    else if (db < this.floor) this.floor = db;
    const frameSec = this.frameLen / VAD_RATE;
    const pad = this.o.padMs / 1000;
    if (!this.speaking) {
      if (speechLike) {
        if (this.run === 0) this.runStart = f;
        this.run++;
        if (this.run * frameSec * 1000 >= this.o.minSpeechMs) {
          this.speaking = true;
          this.segStartFrame = this.runStart;
          this.lastSpeechFrame = f;
          this.quiet = 0;
          events.push({ type: 'start', t: Math.max(this.lastEnd, this.sec(this.runStart) - pad, 0) });
        }
      } else this.run = 0;
      return;
    }
    if (speechLike) {
      this.quiet = 0;
      this.lastSpeechFrame = f;
    } else this.quiet++;
    const tooLong = this.sec(f + 1 - this.segStartFrame) >= this.o.maxSegmentSec;
    if (this.quiet * frameSec * 1000 >= this.o.minSilenceMs || tooLong) {
      const end = tooLong ? this.sec(f + 1) : this.sec(this.lastSpeechFrame + 1) + pad;
      events.push({ type: 'end', t: end });
      this.lastEnd = end;
      this.speaking = false;
      this.run = 0;
      if (tooLong && speechLike) {
        // Speech continues: open the next segment at once.
        this.speaking = true;
        this.segStartFrame = f + 1;
        this.quiet = 0;
        events.push({ type: 'start', t: end });
      }
    }
  }
}

/** Runs a detector over a whole recording and returns its speech segments. */
export function detectSpeech(
  samples: Float32Array,
  vad: VoiceActivityDetector = new EnergyVad(),
  chunk = VAD_RATE,
): SpeechSegment[] {
  const segments: SpeechSegment[] = [];
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
  for (let i = 0; i < samples.length; i += chunk) take(vad.push(samples.subarray(i, i + chunk)));
  take(vad.flush());
  return segments;
}
