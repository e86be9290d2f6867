/**
 * The speech pipeline: 16 kHz audio -> VAD speech segments -> Whisper (in the worker process) -> guarded,
 * timestamped segments with speakers.
 *
 * - File mode (`transcribeAudio`): each channel is segmented by the VAD; consecutive speech segments are grouped
 *   into chunks of at most `maxChunkSec` (so Whisper runs once per ~30 s window, not once per utterance) and the
 *   text Whisper returns is mapped back onto the VAD segments by time overlap. Silence is never sent to Whisper.
 * - Live mode (`LiveTranscriber`): PCM16 frames are pushed as they are captured; raw audio goes to an injectable
 *   sink in chunks of at most 1 s (for the encrypted store); a partial transcript is emitted for every second of
 *   audio; text is committed by local agreement; each VAD segment gets a final pass. Memory is bounded by the
 *   longest segment (the VAD cuts at `maxSegmentSec`), not by the length of the recording.
 *
 * Speakers: with two channels the channel decides ('doctor' on the first, 'patient' on the second); with one
 * channel roles come from the clinical text engine (`inferSpeakerRoles`).
 */
import { inferSpeakerRoles } from '../../core/clinical/index.js';
import type { SpeakerRole, Turn } from '../../core/clinical/index.js';
import { log } from '../../core/platform/log.js';
import { to16k } from '../audio/resample.js';
import {
  EnergyVad,
  levelDb,
  VAD_RATE,
  type SpeechSegment,
  type VadOptions,
  type VoiceActivityDetector,
} from '../audio/vad.js';
import { detectSpeechAsync, type AnyVad } from '../audio/silero.js';
import { toPcm16 } from '../audio/wav.js';
import { applyGuards, type DropReason, type GuardOptions } from './guards.js';
import { LocalAgreement } from './agreement.js';
import type { RunOptions } from './protocol.js';
import { AsrCancelledError, type AsrEngine } from './whisper-worker.js';
import type { WhisperSegment } from '../../native/whisper.js';

export interface TranscriptSegment {
  start: number;
  end: number;
  speaker: SpeakerRole;
  text: string;
}

export interface PipelineOptions {
  language?: string;
  /** Initial prompt (see prompt.ts); holds PHI, never logged. */
  prompt?: string;
  maxThreads?: number;
  vad?: VadOptions;
  guards?: GuardOptions;
  /** Longest audio span sent to Whisper at once. Default 28 s. */
  maxChunkSec?: number;
  signal?: AbortSignal;
  /** Called after each chunk with seconds of audio done and total. */
  onProgress?: (doneSec: number, totalSec: number) => void;
  /**
   * Factory for the detector (one per channel), synchronous (EnergyVad) or asynchronous (SileroVad). Default:
   * EnergyVad; `transcribeFile` passes Silero (`createDefaultVad`) when it loads.
   */
  createVad?: (opts?: VadOptions) => AnyVad;
}

export interface PipelineResult {
  segments: TranscriptSegment[];
  durationSec: number;
  /** Wall-clock processing time / audio duration. */
  rtf: number;
  /** Time spent inside whisper.cpp, ms (for the overhead benchmark). */
  asrMs: number;
  dropped: Partial<Record<DropReason, number>>;
}

function runOptions(o: PipelineOptions): RunOptions {
  return {
    language: o.language ?? 'en',
    ...(o.prompt ? { prompt: o.prompt } : {}),
    ...(o.maxThreads ? { maxThreads: o.maxThreads } : {}),
  };
}

/** Groups speech segments into chunks whose span is at most maxSec. */
export function groupSegments(segs: SpeechSegment[], maxSec: number): SpeechSegment[][] {
  const groups: SpeechSegment[][] = [];
  let cur: SpeechSegment[] = [];
  for (const s of segs) {
    if (cur.length > 0 && s.end - cur[0]!.start > maxSec) {
      groups.push(cur);
      cur = [];
    }
    cur.push(s);
  }
  if (cur.length > 0) groups.push(cur);
  return groups;
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Assigns Whisper segments (times relative to `offset`) to the VAD segments they overlap most. */
export function assignText(vadSegs: SpeechSegment[], asr: WhisperSegment[], offset: number): string[] {
  const texts = vadSegs.map(() => [] as string[]);
  for (const a of asr) {
    const a0 = offset + a.t0 / 1000;
    const a1 = offset + a.t1 / 1000;
    let best = -1;
    let bestOv = 0;
    vadSegs.forEach((v, i) => {
      const ov = overlap(a0, a1, v.start, v.end);
      if (ov > bestOv) {
        bestOv = ov;
        best = i;
      }
    });
    // Text that overlaps no speech at all comes from silence: dropped (non-speech guard).
    if (best >= 0) texts[best]!.push(a.text.trim());
  }
  return texts.map((t) => t.filter(Boolean).join(' '));
}

function slice16k(samples: Float32Array, start: number, end: number): Float32Array {
  const a = Math.max(0, Math.floor(start * VAD_RATE));
  const b = Math.min(samples.length, Math.ceil(end * VAD_RATE));
  return samples.subarray(a, Math.max(a, b));
}

/** Transcribes a decoded recording (any rate, one or two channels). */
export async function transcribeAudio(
  audio: { sampleRate: number; channels: Float32Array[] },
  engine: AsrEngine,
  opts: PipelineOptions = {},
): Promise<PipelineResult> {
  const started = performance.now();
  const signal = opts.signal;
  const channels = audio.channels.map((c) => (audio.sampleRate === VAD_RATE ? c : to16k(c, audio.sampleRate)));
  const durationSec = (channels[0]?.length ?? 0) / VAD_RATE;
  const stereo = channels.length === 2;
  const maxChunk = opts.maxChunkSec ?? 28;
  const makeVad = opts.createVad ?? ((o?: VadOptions) => new EnergyVad(o));
  const dropped: PipelineResult['dropped'] = {};
  let asrMs = 0;
  const plan: { ch: number; samples: Float32Array; groups: SpeechSegment[][] }[] = [];
  for (const [ch, samples] of channels.entries()) {
    const vad = makeVad({ ...opts.vad, maxSegmentSec: Math.min(opts.vad?.maxSegmentSec ?? 25, maxChunk) });
    const segs = await detectSpeechAsync(samples, vad, VAD_RATE, () => {
      if (signal?.aborted) throw new AsrCancelledError();
    });
    plan.push({ ch, samples, groups: groupSegments(segs, maxChunk) });
  }
  const totalSec = plan.reduce((s, p) => s + p.groups.flat().reduce((a, g) => a + (g.end - g.start), 0), 0);
  let doneSec = 0;
  const turns: (TranscriptSegment & { label?: string })[] = [];
  for (const { ch, samples, groups } of plan) {
    for (const group of groups) {
      if (signal?.aborted) throw new AsrCancelledError();
      const start = group[0]!.start;
      const end = group[group.length - 1]!.end;
      const pcm = toPcm16(slice16k(samples, start, end));
      const r = await engine.transcribe(pcm, runOptions(opts), signal);
      asrMs += r.ms;
      const texts = assignText(group, r.segments, start);
      group.forEach((seg, i) => {
        const g = applyGuards(
          texts[i]!,
          { speech: true, levelDb: levelDb(slice16k(samples, seg.start, seg.end)) },
          opts.guards,
        );
        if (g.dropped && g.dropped !== 'empty') dropped[g.dropped] = (dropped[g.dropped] ?? 0) + 1;
        turns.push({
          start: round(seg.start),
          end: round(seg.end),
          speaker: stereo ? (ch === 0 ? 'doctor' : 'patient') : 'unknown',
          text: g.text,
        });
      });
      doneSec += group.reduce((a, g) => a + (g.end - g.start), 0);
      opts.onProgress?.(doneSec, totalSec);
    }
  }
  turns.sort((a, b) => a.start - b.start || a.end - b.end);
  const segments = stereo ? turns : withRoles(turns);
  const wall = performance.now() - started;
  log.info('asr.file_done', { segments: segments.length, durationSec: round(durationSec), wallMs: Math.round(wall) });
  return {
    segments,
    durationSec: round(durationSec),
    rtf: durationSec > 0 ? wall / 1000 / durationSec : 0,
    asrMs,
    dropped,
  };
}

/** Mono audio: speaker roles from the clinical text engine (turns with no words stay 'unknown'). */
function withRoles(segs: TranscriptSegment[]): TranscriptSegment[] {
  const spoken = segs.filter((s) => s.text.length > 0);
  if (spoken.length === 0) return segs;
  const turns: Turn[] = spoken.map((s, index) => ({
    index,
    speaker: 'unknown',
    start: s.start,
    end: s.end,
    text: s.text,
  }));
  const roles = inferSpeakerRoles(turns);
  let k = 0;
  return segs.map((s) => (s.text.length > 0 ? { ...s, speaker: roles[k++]!.speaker } : s));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------------------------
// Live mode

export interface LivePartial {
  /** Seconds of audio received so far. */
  audioSec: number;
  /** Start of the open speech segment, or null between segments. */
  segmentStart: number | null;
  committed: string;
  tentative: string;
}

export interface LiveFinal extends TranscriptSegment {
  dropped?: DropReason;
}

export interface LiveOptions extends Omit<PipelineOptions, 'createVad'> {
  /**
   * Factory for the detector. Synchronous only: segment buffering follows the audio as it arrives, so live mode
   * keeps the energy VAD (an asynchronous Silero detector would need the buffer to follow VAD time instead).
   */
  createVad?: (opts?: VadOptions) => VoiceActivityDetector;
  /** Receives the raw PCM16 as it arrives, in chunks of at most 1 s, with their start time (s). */
  sink?: (chunk: Int16Array, startSec: number) => void;
  onPartial?: (p: LivePartial) => void;
  onFinal?: (f: LiveFinal) => void;
  /** Audio seconds between partials. Default 1 (the UI promise: a partial at least every second). */
  partialEverySec?: number;
  /** Speaker label for this stream (e.g. one stream per microphone). Default 'unknown'. */
  speaker?: SpeakerRole;
}

/** Streams 16 kHz mono PCM16 into VAD + Whisper with partial and final transcripts. */
export class LiveTranscriber {
  private readonly vad: VoiceActivityDetector;
  private readonly agreement = new LocalAgreement();
  private readonly controller = new AbortController();
  private readonly preroll: Float32Array;
  private prerollLen = 0;
  /** Samples of the open segment (grows up to maxSegmentSec, then the VAD cuts). */
  private seg: Float32Array;
  private segLen = 0;
  private segStart: number | null = null;
  private received = 0;
  private nextPartialAt: number;
  private hypothesisRunning = false;
  private finals: Promise<void> = Promise.resolve();
  private readonly results: LiveFinal[] = [];
  private stopped = false;
  private failure: Error | undefined;

  constructor(
    private readonly engine: AsrEngine,
    private readonly opts: LiveOptions = {},
  ) {
    const maxSeg = opts.vad?.maxSegmentSec ?? 25;
    this.vad = (opts.createVad ?? ((o?: VadOptions) => new EnergyVad(o)))({ ...opts.vad, maxSegmentSec: maxSeg });
    this.preroll = new Float32Array(Math.round(1.5 * VAD_RATE));
    this.seg = new Float32Array(Math.ceil((maxSeg + 2) * VAD_RATE));
    this.nextPartialAt = opts.partialEverySec ?? 1;
    opts.signal?.addEventListener('abort', () => this.cancel(), { once: true });
  }

  get audioSec(): number {
    return this.received / VAD_RATE;
  }

  /** Bytes held for audio (bounded: preroll + one segment). */
  get bufferedSamples(): number {
    return this.seg.length + this.preroll.length;
  }

  /** Pushes captured audio (16 kHz mono PCM16). */
  push(pcm: Int16Array): void {
    if (this.stopped) throw new Error('the live transcriber is stopped');
    if (this.failure) throw this.failure;
    const every = this.opts.partialEverySec ?? 1;
    // Process in pieces of at most 1 s so the sink gets <= 1 s chunks and partials keep their cadence.
    for (let off = 0; off < pcm.length; off += VAD_RATE) {
      const piece = pcm.subarray(off, Math.min(pcm.length, off + VAD_RATE));
      const startSec = this.received / VAD_RATE;
      this.opts.sink?.(piece, startSec);
      const f = new Float32Array(piece.length);
      for (let i = 0; i < piece.length; i++) f[i] = piece[i]! / 32768;
      // Feed the VAD sample-accurately: append to the segment, handle boundaries.
      const events = this.vad.push(f);
      this.append(f);
      this.received += piece.length;
      for (const e of events) {
        if (e.type === 'start') this.openSegment(e.t);
        else this.closeSegment(e.t);
      }
      while (this.received / VAD_RATE >= this.nextPartialAt) {
        this.emitPartial();
        this.nextPartialAt += every;
      }
    }
  }

  private append(f: Float32Array): void {
    if (this.segStart !== null) {
      const room = this.seg.length - this.segLen;
      this.seg.set(f.subarray(0, Math.min(room, f.length)), this.segLen);
      this.segLen += Math.min(room, f.length);
    }
    // Preroll (most recent 1.5 s), used to start a segment slightly before the VAD decided.
    const p = this.preroll;
    if (f.length >= p.length) {
      p.set(f.subarray(f.length - p.length));
      this.prerollLen = p.length;
    } else {
      const keep = Math.min(this.prerollLen, p.length - f.length);
      p.copyWithin(0, this.prerollLen - keep, this.prerollLen);
      p.set(f, keep);
      this.prerollLen = keep + f.length;
    }
  }

  private openSegment(t: number): void {
    // The VAD reports a start up to minSpeech + pad in the past: recover those samples from the preroll.
    const back = Math.min(this.prerollLen, Math.max(0, Math.round((this.audioSecAfterPush() - t) * VAD_RATE)));
    this.seg.set(this.preroll.subarray(this.prerollLen - back, this.prerollLen), 0);
    this.segLen = back;
    this.segStart = this.audioSecAfterPush() - back / VAD_RATE;
    this.agreement.reset();
    this.lastTentative = '';
  }

  /** Audio time at the end of the piece being processed (segments are appended before events are handled). */
  private audioSecAfterPush(): number {
    return this.received / VAD_RATE;
  }

  private closeSegment(t: number): void {
    if (this.segStart === null) return;
    const start = this.segStart;
    // Trim the trailing silence the VAD waited through (keep up to t).
    const keep = Math.max(0, Math.min(this.segLen, Math.round((t - start) * VAD_RATE)));
    const samples = this.seg.slice(0, keep);
    this.segStart = null;
    this.segLen = 0;
    const agreement = this.agreement.committedWords.slice();
    this.agreement.reset();
    this.lastTentative = '';
    const end = start + keep / VAD_RATE;
    this.finals = this.finals.then(() => this.finalPass(samples, start, end, agreement));
  }

  private async finalPass(samples: Float32Array, start: number, end: number, committed: string[]): Promise<void> {
    if (this.controller.signal.aborted || samples.length === 0) return;
    try {
      const r = await this.engine.transcribe(toPcm16(samples), runOptions(this.opts), this.controller.signal);
      const words = r.segments
        .map((s) => s.text.trim())
        .join(' ')
        .split(/\s+/)
        .filter(Boolean);
      // Committed words stay as they were shown; the final pass decides the rest.
      const text = [...committed, ...words.slice(committed.length)].join(' ');
      const g = applyGuards(text, { speech: true, levelDb: levelDb(samples) }, this.opts.guards);
      const fin: LiveFinal = {
        start: round(start),
        end: round(end),
        speaker: this.opts.speaker ?? 'unknown',
        text: g.text,
        ...(g.dropped && g.dropped !== 'empty' ? { dropped: g.dropped } : {}),
      };
      this.results.push(fin);
      this.opts.onFinal?.(fin);
    } catch (err) {
      if (err instanceof AsrCancelledError) return;
      this.failure = err instanceof Error ? err : new Error(String(err));
    }
  }

  private emitPartial(): void {
    const words = this.agreement.committedWords;
    this.opts.onPartial?.({
      audioSec: round(this.received / VAD_RATE),
      segmentStart: this.segStart === null ? null : round(this.segStart),
      committed: words.join(' '),
      tentative: this.lastTentative,
    });
    // Refresh the hypothesis for the open segment when the worker is free (never queue behind itself).
    if (this.segStart !== null && !this.hypothesisRunning && this.segLen > VAD_RATE / 2) this.runHypothesis();
  }

  private lastTentative = '';

  private runHypothesis(): void {
    this.hypothesisRunning = true;
    const segStart = this.segStart;
    const pcm = toPcm16(this.seg.subarray(0, this.segLen));
    this.engine
      .transcribe(pcm, runOptions(this.opts), this.controller.signal)
      .then((r) => {
        if (this.segStart !== segStart) return; // the segment closed meanwhile: the final pass owns it
        const words = r.segments
          .map((s) => s.text.trim())
          .join(' ')
          .split(/\s+/)
          .filter(Boolean);
        this.lastTentative = this.agreement.update(words).tentative.join(' ');
      })
      .catch((err: unknown) => {
        if (!(err instanceof AsrCancelledError)) this.failure = err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => {
        this.hypothesisRunning = false;
      });
  }

  /** Ends the stream: closes the open segment and waits for every final pass. */
  async stop(): Promise<LiveFinal[]> {
    if (!this.stopped) {
      this.stopped = true;
      for (const e of this.vad.flush()) if (e.type === 'end') this.closeSegment(e.t);
      if (this.segStart !== null) this.closeSegment(this.received / VAD_RATE);
    }
    await this.finals;
    if (this.failure) throw this.failure;
    return this.results.slice();
  }

  /** Stops all work now: in-flight Whisper runs are killed, pending final passes are dropped. */
  cancel(): void {
    this.stopped = true;
    this.controller.abort();
  }

  get finalSegments(): readonly LiveFinal[] {
    return this.results;
  }
}
