import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDefaultVad,
  defaultSileroModelPath,
  detectSpeechAsync,
  SileroError,
  SileroModel,
} from '../../../models/audio/silero.js';
import { transcribeAudio } from '../../../models/asr/pipeline.js';
import type { AsrEngine } from '../../../models/asr/whisper-worker.js';
import { EnergyVad } from '../../../models/audio/vad.js';
import { espeakAvailable, noise, SAMPLE_DIALOGUE, synthDialogue } from '../../helpers/speech.js';

const RATE = 16000;
let model: SileroModel;

beforeAll(async () => {
  model = await SileroModel.load();
});
afterAll(async () => {
  await model?.release();
});

describe('Silero VAD (onnxruntime-node)', () => {
  it('loads the packaged model and returns a probability per frame', async () => {
    expect(defaultSileroModelPath()).toMatch(/silero_vad\.onnx$/);
    const vad = model.detector();
    expect(await vad.push(new Float32Array(RATE))).toEqual([]);
    expect(vad.frames).toBe(Math.floor(RATE / 512));
    expect(vad.inSpeech).toBe(false);
  });

  it('finds no speech in digital silence or low noise', async () => {
    expect(await detectSpeechAsync(new Float32Array(RATE * 3), model.detector())).toEqual([]);
    expect(await detectSpeechAsync(noise(RATE * 5, 0.002), model.detector())).toEqual([]);
    expect(await detectSpeechAsync(noise(RATE * 5, 0.01, 3), model.detector())).toEqual([]);
  });

  it.skipIf(!espeakAvailable())(
    'puts the boundaries of a synthetic two-voice dialogue within 300 ms of the truth',
    async () => {
      const d = synthDialogue(SAMPLE_DIALOGUE);
      const segs = await detectSpeechAsync(d.mono, model.detector());
      expect(segs).toHaveLength(d.turns.length);
      const errors: number[] = [];
      segs.forEach((s, i) => {
        errors.push(Math.abs(s.start - d.turns[i]!.start), Math.abs(s.end - d.turns[i]!.end));
      });
      expect(Math.max(...errors)).toBeLessThan(0.3);
      // Stereo: each channel holds only its speaker's turns.
      for (const ch of [0, 1] as const) {
        const truth = d.turns.filter((t) => (t.speaker === 'doctor') === (ch === 0));
        const got = await detectSpeechAsync(d.stereo[ch], model.detector());
        expect(got).toHaveLength(truth.length);
        got.forEach((s, i) => {
          expect(Math.abs(s.start - truth[i]!.start)).toBeLessThan(0.3);
          expect(Math.abs(s.end - truth[i]!.end)).toBeLessThan(0.3);
        });
      }
    },
    60_000,
  );

  it('gives the same segments whatever the push size', async () => {
    if (!espeakAvailable()) return;
    const d = synthDialogue(SAMPLE_DIALOGUE.slice(0, 2));
    const a = await detectSpeechAsync(d.mono, model.detector(), RATE);
    const b = await detectSpeechAsync(d.mono, model.detector(), 777);
    expect(b).toEqual(a);
  }, 60_000);

  it('reports a missing or invalid model file with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-silero-'));
    try {
      const missing = SileroModel.load(join(dir, 'nope.onnx'));
      await expect(missing).rejects.toBeInstanceOf(SileroError);
      await expect(missing).rejects.toMatchObject({ code: 'model_missing', message: /not found/ });
      writeFileSync(join(dir, 'bad.onnx'), Buffer.from('not an onnx model at all'));
      await expect(SileroModel.load(join(dir, 'bad.onnx'))).rejects.toMatchObject({
        code: 'model_invalid',
        message: /could not be opened/,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the default detector, and the energy VAD takes over when the model cannot load', async () => {
    const v = await createDefaultVad();
    expect(v.kind).toBe('silero');
    const fallback = await createDefaultVad(() => SileroModel.load('/nonexistent/silero_vad.onnx'));
    expect(fallback.kind).toBe('energy');
    expect(fallback.create()).toBeInstanceOf(EnergyVad);
  });

  it.skipIf(!espeakAvailable())(
    'drives file transcription: only the speech Silero found is sent to the engine',
    async () => {
      const d = synthDialogue(SAMPLE_DIALOGUE);
      const sent: number[] = [];
      const engine: AsrEngine = {
        async transcribe(pcm) {
          sent.push(pcm.length / RATE);
          return {
            segments: [{ text: 'words', t0: 0, t1: Math.round((pcm.length / RATE) * 1000) }],
            language: 'en',
            ms: 1,
          };
        },
        async close() {},
      };
      const { create } = await createDefaultVad();
      const r = await transcribeAudio({ sampleRate: RATE, channels: d.stereo }, engine, { createVad: create });
      expect(r.segments.map((s) => s.speaker)).toEqual(d.turns.map((t) => t.speaker));
      r.segments.forEach((s, i) => {
        expect(Math.abs(s.start - d.turns[i]!.start)).toBeLessThan(0.3);
        expect(Math.abs(s.end - d.turns[i]!.end)).toBeLessThan(0.3);
      });
      // Each channel's turns fit one Whisper window: what is sent is the span of its speech (plus padding), never
      // the leading or trailing silence.
      const span = (sp: string) => {
        const t = d.turns.filter((x) => x.speaker === sp);
        return t[t.length - 1]!.end - t[0]!.start;
      };
      expect(sent).toHaveLength(2);
      expect(sent.reduce((a, b) => a + b, 0)).toBeLessThan(span('doctor') + span('patient') + 2 * 0.5);
      expect(sent.reduce((a, b) => a + b, 0)).toBeLessThan(2 * d.durationSec - 2);
    },
    60_000,
  );
});
