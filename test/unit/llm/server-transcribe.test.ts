/**
 * Transcription on the clinic server (models/llm/transcribe-server.ts) through the local pipeline: WAV uploads as
 * multipart, verbose_json segments mapped to the local segment shape, the same hallucination guards, Whisper's
 * no-speech rule, the json fallback, errors in words and cancel.
 */
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../../core/engines/types.js';
import { AsrCancelledError } from '../../../models/asr/whisper-worker.js';
import { ServerAsrEngine, transcribeOnServer } from '../../../models/llm/transcribe-server.js';
import { noise } from '../../helpers/speech.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';

const RATE = 16_000;

function burst(sec: number, amp = 0.3): Float32Array {
  const x = new Float32Array(Math.round(sec * RATE));
  for (let i = 0; i < x.length; i++)
    x[i] = amp * Math.sin((2 * Math.PI * 220 * i) / RATE) * (0.6 + 0.4 * Math.sin(i / 400));
  return x;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Doctor speaks at 1–2.5 s on channel 0, the patient at 3–4 s on channel 1. */
const stereo = () => ({
  sampleRate: RATE,
  channels: [
    concat(noise(RATE, 0.003, 1), burst(1.5), noise(RATE * 2.5, 0.003, 2)),
    concat(noise(RATE * 3, 0.003, 3), burst(1), noise(RATE, 0.003, 4)),
  ],
});

let server: OpenAiTestServer;
beforeEach(async () => {
  server = await startOpenAiServer({ apiKey: 'k' });
});
afterEach(() => server.close());

describe('server transcription', () => {
  it('uploads WAV chunks and returns guarded segments in the local shape', async () => {
    server.transcription({ segments: [{ start: 0, end: 1.4, text: ' Any chest pain today?' }] });
    server.transcription({
      segments: [
        { start: 0, end: 0.9, text: ' No chest pain.' },
        // Whisper's no-speech rule, as the server reports it.
        { start: 0.9, end: 1, text: ' Thank you for watching.', no_speech_prob: 0.95, avg_logprob: -1.4 },
      ],
    });
    const r = await transcribeOnServer(stereo(), { url: server.url, apiKey: 'k', model: 'whisper-small' });
    expect(r.segments.map((s) => ({ speaker: s.speaker, text: s.text }))).toEqual([
      { speaker: 'doctor', text: 'Any chest pain today?' },
      { speaker: 'patient', text: 'No chest pain.' },
    ]);
    expect(r.segments[0]!.start).toBeGreaterThan(0.8);
    expect(r.segments[0]!.end).toBeLessThan(2.7);
    const uploads = server.requests.filter((q) => q.path === '/v1/audio/transcriptions');
    expect(uploads).toHaveLength(2);
    for (const u of uploads) {
      expect(u.headers.authorization).toBe('Bearer k');
      expect(u.form).toMatchObject({
        fileName: 'audio.wav',
        fileHead: 'RIFF',
        fields: { model: 'whisper-small', response_format: 'verbose_json', language: 'en', temperature: '0' },
      });
      // 16-bit mono at 16 kHz: 44 header bytes + 2 per sample; only the speech was sent, not the silence.
      expect((u.form!.fileBytes - 44) % 2).toBe(0);
      expect(u.form!.fileBytes).toBeLessThan(44 + 2 * RATE * 2.5);
    }
  });

  it('applies the local hallucination guards (a repetition loop is dropped and counted)', async () => {
    server.transcription({ segments: [{ start: 0, end: 1.4, text: " I'm sorry. I'm sorry. I'm sorry. I'm sorry." }] });
    server.transcription({ segments: [{ start: 0, end: 0.9, text: ' Yes.' }] });
    const r = await transcribeOnServer(stereo(), { url: server.url, apiKey: 'k', model: 'w' });
    expect(r.dropped.repetition).toBe(1);
    expect(r.segments.filter((s) => s.text !== '').map((s) => s.text)).toEqual(['Yes.']);
  });

  it('falls back to json when the server has no verbose_json (one segment per chunk)', async () => {
    server.transcription({
      kind: 'status',
      status: 400,
      body: '{"error":{"message":"Unsupported response_format verbose_json"}}',
    });
    server.transcription({ kind: 'json', body: { text: ' Hello there.' } });
    const engine = new ServerAsrEngine({ url: server.url, apiKey: 'k', model: 'w' });
    const pcm = new Int16Array(RATE);
    const r = await engine.transcribe(pcm, { language: 'en' });
    expect(r.segments).toEqual([{ text: ' Hello there.', t0: 0, t1: 1000 }]);
    expect(server.requests.map((q) => q.form?.fields.response_format)).toEqual(['verbose_json', 'json']);
    await engine.close();
  });

  it('401 and a non-JSON answer are errors in words', async () => {
    const bad = new ServerAsrEngine({ url: server.url, apiKey: 'wrong', model: 'w' });
    const e = await bad.transcribe(new Int16Array(100), {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe('unauthorized');
    await bad.close();
    server.transcription({ kind: 'status', status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' });
    const engine = new ServerAsrEngine({ url: server.url, apiKey: 'k', model: 'w' });
    const e2 = await engine.transcribe(new Int16Array(100), {}).catch((x: unknown) => x);
    expect((e2 as EngineError).code).toBe('bad-output');
    expect((e2 as EngineError).message).toMatch(/did not answer with JSON/);
    await engine.close();
  });

  it('cancel: the pipeline sees AsrCancelledError and the connection is closed', async () => {
    server.transcription({ kind: 'no-headers' });
    const ac = new AbortController();
    const engine = new ServerAsrEngine({ url: server.url, apiKey: 'k', model: 'w' });
    const closed = once(server, 'client-closed');
    const streaming = once(server, 'streaming');
    const p = engine.transcribe(new Int16Array(100), {}, ac.signal).catch((x: unknown) => x);
    await streaming;
    ac.abort();
    expect(await p).toBeInstanceOf(AsrCancelledError);
    await closed;
    await engine.close();
  });

  it('refuses plain http off loopback before connecting', () => {
    expect(() => new ServerAsrEngine({ url: 'http://asr.clinic.example', model: 'w' })).toThrow(
      /over plain http: a clinic server must use https/,
    );
  });
});
