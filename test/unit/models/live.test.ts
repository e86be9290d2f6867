/**
 * Live pipeline behaviour (cadence, sink, commit policy, bounded memory) with a scripted ASR engine standing in for
 * Whisper, so that 30 minutes of audio run in seconds. The real Whisper worker is exercised by
 * test/integration/models/asr.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { LiveTranscriber, type LiveFinal, type LivePartial } from '../../../models/asr/pipeline.js';
import { AsrCancelledError, type AsrEngine, type TranscribeChunkResult } from '../../../models/asr/whisper-worker.js';
import { noise } from '../../helpers/speech.js';

const RATE = 16000;

/** Test double: one word per half second of audio ("w0 w1 ..."), answered on the next turn of the event loop. */
class ScriptedEngine implements AsrEngine {
  calls = 0;
  maxSamples = 0;
  async transcribe(pcm: Int16Array, _o: unknown, signal?: AbortSignal): Promise<TranscribeChunkResult> {
    this.calls++;
    this.maxSamples = Math.max(this.maxSamples, pcm.length);
    await new Promise((r) => setImmediate(r));
    if (signal?.aborted) throw new AsrCancelledError();
    const n = Math.floor(pcm.length / (RATE / 2));
    const segments = Array.from({ length: n }, (_, i) => ({ text: ` w${i}`, t0: i * 500, t1: i * 500 + 500 }));
    return { segments, language: 'en', ms: 1 };
  }
  async close() {}
}

/** Speech-like audio: `on` s of a modulated tone then `off` s of noise, repeated. */
function* dialogue(totalSec: number, on = 3, off = 2, frame = 320): Generator<Int16Array> {
  let t = 0;
  const total = totalSec * RATE;
  let seed = 1;
  while (t < total) {
    const n = Math.min(frame, total - t);
    const out = new Int16Array(n);
    const bg = noise(n, 0.003, seed++);
    for (let i = 0; i < n; i++) {
      const s = (t + i) / RATE;
      const speaking = s % (on + off) < on;
      const v = speaking ? 0.3 * Math.sin(2 * Math.PI * 200 * s) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * s)) : 0;
      out[i] = Math.round((v + bg[i]!) * 32767);
    }
    t += n;
    yield out;
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('live transcriber', () => {
  it('sends raw audio to the sink in chunks of at most 1 s, in order and complete', async () => {
    const chunks: { n: number; t: number }[] = [];
    const live = new LiveTranscriber(new ScriptedEngine(), { sink: (c, t) => chunks.push({ n: c.length, t }) });
    live.push(new Int16Array(RATE * 2.5)); // one big push is split
    for (const f of dialogue(2)) live.push(f);
    await live.stop();
    expect(Math.max(...chunks.map((c) => c.n))).toBeLessThanOrEqual(RATE);
    let expected = 0;
    for (const c of chunks) {
      expect(c.t).toBeCloseTo(expected / RATE, 6);
      expected += c.n;
    }
    expect(expected).toBe(RATE * 4.5);
  });

  it('emits a partial for every second of audio, commits words without flicker, and finalises each segment', async () => {
    const partials: LivePartial[] = [];
    const finals: LiveFinal[] = [];
    const engine = new ScriptedEngine();
    const live = new LiveTranscriber(engine, { onPartial: (p) => partials.push(p), onFinal: (f) => finals.push(f) });
    let pushed = 0;
    for (const f of dialogue(20)) {
      live.push(f);
      pushed += f.length;
      if (pushed % (RATE / 5) === 0) await tick(); // let the engine answer now and then, as in real time
    }
    const all = await live.stop();
    // Cadence: at least one partial per second of audio, never more than 1 s apart.
    expect(partials.length).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < partials.length; i++)
      expect(partials[i]!.audioSec - partials[i - 1]!.audioSec).toBeLessThanOrEqual(1.0001);
    // Within a segment, committed text only grows (never rewritten).
    for (let i = 1; i < partials.length; i++) {
      const [a, b] = [partials[i - 1]!, partials[i]!];
      if (a.segmentStart !== null && a.segmentStart === b.segmentStart)
        expect(b.committed.startsWith(a.committed)).toBe(true);
    }
    expect(partials.some((p) => p.committed.length > 0)).toBe(true);
    // Speech is 3 s on / 2 s off: four segments in 20 s, each finalised with sane timestamps.
    expect(all).toEqual(finals);
    expect(finals).toHaveLength(4);
    finals.forEach((f, i) => {
      expect(Math.abs(f.start - i * 5)).toBeLessThan(0.3);
      expect(Math.abs(f.end - (i * 5 + 3))).toBeLessThan(0.3);
      expect(f.text.split(' ').length).toBeGreaterThanOrEqual(5);
    });
  });

  it('keeps memory flat over a 30-minute recording', async () => {
    const engine = new ScriptedEngine();
    let finals = 0;
    let partials = 0;
    const live = new LiveTranscriber(engine, { onFinal: () => finals++, onPartial: () => partials++ });
    const buffered = live.bufferedSamples;
    let pushed = 0;
    let baseline = 0;
    let peak = 0;
    for (const f of dialogue(30 * 60, 8, 2, RATE / 5)) {
      live.push(f);
      pushed += f.length;
      if (pushed % RATE === 0) await tick();
      if (pushed === 60 * RATE) {
        global.gc?.();
        baseline = process.memoryUsage().rss;
      }
      if (pushed % (60 * RATE) === 0 && pushed > 60 * RATE) peak = Math.max(peak, process.memoryUsage().rss);
    }
    await live.stop();
    expect(partials).toBeGreaterThanOrEqual(1800);
    expect(finals).toBe(180);
    // The audio held never grows (one segment + preroll), whatever the length of the recording...
    expect(live.bufferedSamples).toBe(buffered);
    expect(engine.maxSamples).toBeLessThanOrEqual(27 * RATE);
    // ...and the process does not grow with it either: 29 more minutes of audio (55 MB as PCM16) add < 40 MB RSS.
    expect(peak - baseline).toBeLessThan(40 * 1024 * 1024);
  });

  it('cancel stops pending work and stop() then returns at once', async () => {
    let aborted = 0;
    const hanging: AsrEngine = {
      transcribe: (_p, _o, signal) =>
        new Promise((_r, reject) =>
          signal?.addEventListener('abort', () => {
            aborted++;
            reject(new AsrCancelledError());
          }),
        ),
      close: async () => {},
    };
    const live = new LiveTranscriber(hanging);
    for (const f of dialogue(8)) live.push(f);
    live.cancel();
    await expect(live.stop()).resolves.toEqual([]);
    expect(aborted).toBeGreaterThan(0);
    expect(() => live.push(new Int16Array(10))).toThrow(/stopped/);
  });
});

describe('file pipeline speaker roles (mono)', () => {
  it('asks the clinical text engine for roles when there is one channel', async () => {
    const { transcribeAudio } = await import('../../../models/asr/pipeline.js');
    // Three turns of tone bursts at known times; the scripted "ASR" returns one line per burst.
    const lines = [
      'Good morning. What brings you in today? Any allergies to medications?',
      'I have had a bad headache for three days and my neck hurts when I move it.',
      'Okay. I would like to examine you and order a blood test. Take ibuprofen twice a day.',
    ];
    const x = new Float32Array(RATE * 12);
    x.set(noise(x.length, 0.003));
    const starts = [1, 5, 9];
    for (const s of starts)
      for (let i = 0; i < 2 * RATE; i++) x[s * RATE + i]! += 0.3 * Math.sin((2 * Math.PI * 200 * i) / RATE);
    const engine: AsrEngine = {
      async transcribe(pcm) {
        // One chunk covering all three bursts (0.95 s .. 11.05 s): segment times are relative to its start.
        expect(pcm.length).toBeGreaterThan(9 * RATE);
        const off = 0.95;
        const segments = starts.map((s, i) => ({
          text: ` ${lines[i]}`,
          t0: (s - off) * 1000,
          t1: (s + 2 - off) * 1000,
        }));
        return { segments, language: 'en', ms: 1 };
      },
      async close() {},
    };
    const r = await transcribeAudio({ sampleRate: RATE, channels: [x] }, engine);
    expect(r.segments.map((s) => s.text)).toEqual(lines);
    expect(r.segments.map((s) => s.speaker)).toEqual(['doctor', 'patient', 'doctor']);
  });
});
