/**
 * The real speech path: whisper.cpp (through @fugood/whisper.node) in the worker process, on the shared test model
 * (real tiny.en hyper-parameters and vocabulary, empty weights: it runs everything and recognises no words).
 * These tests prove the pipeline, not the words.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from '../../../models/audio/wav.js';
import { LiveTranscriber, transcribeAudio, type LivePartial } from '../../../models/asr/pipeline.js';
import { AsrCancelledError, WhisperWorker } from '../../../models/asr/whisper-worker.js';
import { NativeError } from '../../../native/whisper.js';
import { runCli } from '../../helpers/cli.js';
import { espeakAvailable, SAMPLE_DIALOGUE, synthDialogue } from '../../helpers/speech.js';
import { FIXTURE_MODEL, JFK_WAV, writeFastModel } from './fixtures.js';

let dir: string;
let fastModel: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedside-asr-'));
  fastModel = writeFastModel(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('bedside transcribe (real whisper.cpp, fixture model)', () => {
  // The fast derivative of the fixture model (same file, 3 s encoder window) keeps this under a few seconds; the
  // unmodified fixture runs in the cancel test below and in bench/asr.bench.ts (about 20-60 s a run on this machine).
  it('transcribes jfk.wav end to end and prints exactly the promised JSON', async () => {
    const r = await runCli(['transcribe', JFK_WAV, '--model', fastModel, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['durationSec', 'model', 'rtf', 'segments']);
    expect(out.model).toBe('fast-test-model.bin');
    expect(out.durationSec).toBeCloseTo(11, 0);
    expect(out.rtf).toBeGreaterThan(0);
    const segs = out.segments as { start: number; end: number; speaker: string; text: string }[];
    expect(segs.length).toBeGreaterThan(0);
    let prev = 0;
    for (const s of segs) {
      expect(Object.keys(s).sort()).toEqual(['end', 'speaker', 'start', 'text']);
      expect(s.start).toBeGreaterThanOrEqual(prev);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(11.01);
      expect(['doctor', 'patient', 'other', 'unknown']).toContain(s.speaker);
      expect(typeof s.text).toBe('string');
      prev = s.start;
    }
    // jfk.wav has speech from about 0.3 s to 10.5 s.
    expect(segs[0]!.start).toBeLessThan(1);
    expect(segs[segs.length - 1]!.end).toBeGreaterThan(9.5);
  }, 180_000);

  it('rejects bad input with one clear line and exit 2, without starting whisper', async () => {
    const notWav = join(dir, 'notes.txt');
    writeFileSync(notWav, 'These are not audio samples, just some text in a file.');
    const cases: [string[], RegExp][] = [
      [
        ['transcribe', join(dir, 'missing.wav'), '--model', FIXTURE_MODEL],
        /the input file was not found or cannot be read\./,
      ],
      [['transcribe', notWav, '--model', FIXTURE_MODEL], /not a WAV file.*accepted: WAV/],
      [['transcribe', JFK_WAV, '--language', 'English!'], /--language must be a language code/],
      [['transcribe', JFK_WAV, '--model', 'no-such-model'], /unknown model 'no-such-model'/],
      [['transcribe'], /missing argument/],
      [['transcribe', JFK_WAV, '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [argv, re] of cases) {
      const r = await runCli(argv, { env: { BEDSIDE_MODEL_DIR: join(dir, 'models') } });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    }
  });

  it('fails clearly when no model is installed, or the model file is not a Whisper model', async () => {
    const none = await runCli(['transcribe', JFK_WAV], { env: { BEDSIDE_MODEL_DIR: join(dir, 'empty-models') } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no speech model is installed: run 'bedside models install tiny\.en'/);
    const gguf = join(dir, 'llm.bin');
    writeFileSync(gguf, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(4096)]));
    const r = await runCli(['transcribe', JFK_WAV, '--model', gguf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GGUF .*not a whisper\.cpp ggml model/);
  });

  it('maps a model whisper.cpp cannot load to a clear error (worker crash contained)', async () => {
    // Valid magic, zero hyper-parameters: whisper.cpp refuses it.
    const zeros = join(dir, 'zeros.bin');
    const z = Buffer.alloc(4096);
    z.writeUInt32LE(0x67676d6c, 0);
    writeFileSync(zeros, z);
    const w1 = new WhisperWorker({ modelPath: zeros });
    await expect(w1.load()).rejects.toThrowError(/whisper\.cpp could not load the model/);
    await w1.close();
    // Absurd hyper-parameters make whisper.cpp abort(): only the worker process dies, with a clear error here.
    const absurd = join(dir, 'absurd.bin');
    const a = Buffer.alloc(4096, 0xff);
    a.writeUInt32LE(0x67676d6c, 0);
    writeFileSync(absurd, a);
    const w2 = new WhisperWorker({ modelPath: absurd });
    const err = await w2.load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NativeError);
    expect((err as Error).message).toMatch(/could not load the model|the ASR worker stopped unexpectedly/);
    await w2.close();
  }, 60_000);
});

describe('pipeline on the real worker', () => {
  it.skipIf(!espeakAvailable())(
    'keeps stereo channels apart: the channel decides the speaker, timestamps follow the turns',
    async () => {
      const d = synthDialogue(SAMPLE_DIALOGUE);
      // Through a WAV file at 48 kHz and back, as an imported two-microphone recording would come in.
      const up = (x: Float32Array) => {
        const y = new Float32Array(x.length * 3);
        for (let i = 0; i < y.length; i++) y[i] = x[Math.floor(i / 3)]!;
        return y;
      };
      const audio = decodeWav(encodeWav16([up(d.stereo[0]), up(d.stereo[1])], 48000));
      const w = new WhisperWorker({ modelPath: fastModel });
      try {
        const r = await transcribeAudio(audio, w, { maxThreads: 2 });
        expect(r.segments.map((s) => s.speaker)).toEqual(d.turns.map((t) => t.speaker));
        r.segments.forEach((s, i) => {
          expect(Math.abs(s.start - d.turns[i]!.start)).toBeLessThan(0.3);
          expect(Math.abs(s.end - d.turns[i]!.end)).toBeLessThan(0.3);
        });
        expect(r.durationSec).toBeCloseTo(d.durationSec, 1);
      } finally {
        await w.close();
      }
    },
    120_000,
  );

  it('cancel stops a running transcription within 1 s and kills the worker', async () => {
    const w = new WhisperWorker({ modelPath: FIXTURE_MODEL });
    try {
      await w.load();
      const pid = w.pid!;
      const audio = decodeWav(readFileSync(JFK_WAV));
      const ac = new AbortController();
      const run = transcribeAudio(audio, w, { signal: ac.signal, maxThreads: 2 });
      await new Promise((r) => setTimeout(r, 300)); // whisper.cpp is now encoding (a run takes many seconds here)
      const t0 = performance.now();
      ac.abort();
      await expect(run).rejects.toBeInstanceOf(AsrCancelledError);
      expect(performance.now() - t0).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 100));
      expect(alive(pid)).toBe(false);
    } finally {
      await w.close();
    }
  }, 60_000);

  it.skipIf(!espeakAvailable())(
    'live: partials every second of audio, one final per spoken turn, raw audio to the sink',
    async () => {
      const d = synthDialogue(SAMPLE_DIALOGUE.slice(0, 2), { gapSec: 0.8 });
      const pcm = new Int16Array(d.mono.length);
      for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, d.mono[i]!)) * 32767);
      const w = new WhisperWorker({ modelPath: fastModel });
      const partials: LivePartial[] = [];
      let sunk = 0;
      try {
        const live = new LiveTranscriber(w, {
          maxThreads: 2,
          onPartial: (p) => partials.push(p),
          sink: (c) => (sunk += c.length),
        });
        for (let i = 0; i < pcm.length; i += 2048) {
          live.push(pcm.subarray(i, i + 2048)); // 128 ms frames
          await new Promise((r) => setImmediate(r));
        }
        const finals = await live.stop();
        expect(sunk).toBe(pcm.length);
        expect(partials.length).toBeGreaterThanOrEqual(Math.floor(d.durationSec));
        expect(finals).toHaveLength(2);
        finals.forEach((f, i) => {
          expect(Math.abs(f.start - d.turns[i]!.start)).toBeLessThan(0.3);
          expect(Math.abs(f.end - d.turns[i]!.end)).toBeLessThan(0.3);
        });
      } finally {
        await w.close();
      }
    },
    120_000,
  );
});
