import { describe, expect, it } from 'vitest';
import { detectSpeech, EnergyVad } from '../../../models/audio/vad.js';
import { groupSegments } from '../../../models/asr/pipeline.js';
import { espeakAvailable, noise, SAMPLE_DIALOGUE, synthDialogue } from '../../helpers/speech.js';

const RATE = 16000;

function burst(sec: number, freq = 220, amp = 0.3): Float32Array {
  const x = new Float32Array(Math.round(sec * RATE));
  for (let i = 0; i < x.length; i++)
    x[i] = amp * Math.sin((2 * Math.PI * freq * i) / RATE) * (0.6 + 0.4 * Math.sin(i / 400));
  return x;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) out.set(p, (o += p.length) - p.length);
  return out;
}

describe('energy VAD', () => {
  it('finds tone bursts in noise with tight boundaries', () => {
    const x = concat(noise(RATE, 0.003), burst(1.5), noise(RATE * 2, 0.003, 2), burst(0.8), noise(RATE, 0.003, 3));
    const segs = detectSpeech(x);
    expect(segs).toHaveLength(2);
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.1);
    near(segs[0]!.start, 1.0);
    near(segs[0]!.end, 2.5);
    near(segs[1]!.start, 4.5);
    near(segs[1]!.end, 5.3);
  });

  it('reports nothing for silence, digital zeros or noise alone', () => {
    expect(detectSpeech(new Float32Array(RATE * 3))).toEqual([]);
    expect(detectSpeech(noise(RATE * 5, 0.01))).toEqual([]);
  });

  it('ignores clicks shorter than the minimum speech duration', () => {
    const x = concat(noise(RATE, 0.003), burst(0.05), noise(RATE, 0.003, 5));
    expect(detectSpeech(x)).toEqual([]);
  });

  it('cuts segments longer than maxSegmentSec', () => {
    const segs = detectSpeech(
      concat(noise(RATE / 2, 0.003), burst(12), noise(RATE, 0.003)),
      new EnergyVad({ maxSegmentSec: 5 }),
    );
    expect(segs.length).toBeGreaterThanOrEqual(3);
    for (const s of segs) expect(s.end - s.start).toBeLessThanOrEqual(5.05);
  });

  it('gives the same segments whatever the push size (streaming is exact)', () => {
    const x = concat(noise(RATE, 0.003), burst(1.2), noise(RATE, 0.003, 2), burst(0.7), noise(RATE, 0.003, 4));
    const a = detectSpeech(x, new EnergyVad(), 16000);
    const b = detectSpeech(x, new EnergyVad(), 37);
    expect(b).toEqual(a);
  });

  it.skipIf(!espeakAvailable())(
    'puts boundaries within 300 ms of the known turns of a synthetic two-voice dialogue',
    () => {
      const d = synthDialogue(SAMPLE_DIALOGUE);
      const segs = detectSpeech(d.mono);
      expect(segs).toHaveLength(d.turns.length);
      segs.forEach((s, i) => {
        expect(Math.abs(s.start - d.turns[i]!.start)).toBeLessThan(0.3);
        expect(Math.abs(s.end - d.turns[i]!.end)).toBeLessThan(0.3);
      });
      // Per channel: each microphone hears only its own speaker.
      const doctor = detectSpeech(d.stereo[0]);
      expect(doctor).toHaveLength(d.turns.filter((t) => t.speaker === 'doctor').length);
    },
  );
});

describe('chunk grouping', () => {
  it('groups speech segments into spans no longer than the Whisper window', () => {
    const segs = [0, 5, 10, 20, 31, 40].map((s) => ({ start: s, end: s + 3 }));
    const groups = groupSegments(segs, 28);
    expect(groups.map((g) => g.length)).toEqual([4, 2]);
    for (const g of groups) expect(g[g.length - 1]!.end - g[0]!.start).toBeLessThanOrEqual(28);
  });
});
