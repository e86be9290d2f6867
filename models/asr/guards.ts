/**
 * Hallucination guards applied to Whisper output. The binding does not expose whisper.cpp's per-segment
 * no-speech probability, so the no-speech guard uses the audio itself (VAD verdict and level); the compression-ratio
 * and repetition guards follow the reference Whisper heuristics, computed here on the text.
 */
import { deflateSync } from 'node:zlib';

export interface GuardOptions {
  /** Text whose gzip compression ratio exceeds this is a loop (Whisper's default threshold is 2.4). */
  maxCompressionRatio?: number;
  /** An n-gram repeated back to back at least this many times is a repetition loop. Default 4. */
  maxRepeats?: number;
  /** Audio quieter than this (dBFS) counts as quiet for the known-hallucination filter. Default -40. */
  quietDb?: number;
}

export type DropReason = 'non_speech' | 'compression_ratio' | 'repetition' | 'known_hallucination' | 'empty';

export interface GuardResult {
  text: string;
  dropped?: DropReason;
  /** True when a repetition loop was cut short (text kept up to the loop). */
  trimmed?: boolean;
}

/** Phrases Whisper is known to produce on silence or noise (from subtitle training data). */
export const SILENCE_HALLUCINATIONS = [
  'thank you for watching',
  'thanks for watching',
  'thank you so much for watching',
  'please subscribe',
  'like and subscribe',
  'subtitles by',
  'subtitled by',
  'transcribed by',
  'translated by',
  'amara.org',
  'see you next time',
  'see you in the next video',
  'thank you',
  'thanks',
  'bye',
  'you',
  'music',
  'blank audio',
  'silence',
];

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[[\]()*♪.,!?'"_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return 0;
  return bytes.length / deflateSync(bytes).length;
}

/**
 * Finds a word n-gram (n = 1..6) repeated back to back `maxRepeats` or more times. Returns the index (in words)
 * where the loop's second occurrence starts, or -1. `loopStart` receives where the first occurrence starts.
 */
export function findRepetitionLoop(words: string[], maxRepeats = 4, loopStart?: { index: number }): number {
  const w = words.map((x) => x.toLowerCase().replace(/[^\p{L}\p{N}']/gu, ''));
  for (let n = 1; n <= 6; n++) {
    for (let i = 0; i + n * maxRepeats <= w.length; i++) {
      let reps = 1;
      while (i + (reps + 1) * n <= w.length) {
        let same = true;
        for (let k = 0; k < n; k++) if (w[i + k] !== w[i + reps * n + k]) same = false;
        if (!same) break;
        reps++;
      }
      if (reps >= maxRepeats && w.slice(i, i + n).some((x) => x.length > 0)) {
        if (loopStart) loopStart.index = i;
        return i + n;
      }
    }
  }
  return -1;
}

export interface SegmentAudio {
  /** VAD verdict for the audio behind this text. */
  speech: boolean;
  /** Level of that audio in dBFS. */
  levelDb: number;
}

export function applyGuards(raw: string, audio: SegmentAudio, opts: GuardOptions = {}): GuardResult {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!audio.speech) return { text: '', dropped: 'non_speech' };
  if (text === '') return { text: '', dropped: 'empty' };
  const norm = normalise(text);
  if (norm === '') return { text: '', dropped: 'known_hallucination' };
  const quiet = audio.levelDb < (opts.quietDb ?? -40);
  if (quiet && SILENCE_HALLUCINATIONS.some((p) => norm === p || (p.length > 8 && norm.includes(p))))
    return { text: '', dropped: 'known_hallucination' };
  const words = text.split(' ');
  const first = { index: -1 };
  const loop = findRepetitionLoop(words, opts.maxRepeats ?? 4, first);
  if (loop >= 0) {
    // Nothing but the loop ("you you you you"): drop it; otherwise keep the text up to the loop's first pass.
    if (first.index === 0 && loop * (opts.maxRepeats ?? 4) >= words.length - 1)
      return { text: '', dropped: 'repetition' };
    return { text: words.slice(0, loop).join(' '), trimmed: true };
  }
  if (text.length >= 40 && compressionRatio(text) > (opts.maxCompressionRatio ?? 2.4))
    return { text: '', dropped: 'compression_ratio' };
  return { text };
}
