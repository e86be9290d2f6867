/**
 * Transcription on the clinic server chosen in Settings (issue 15), through the real dispatcher over a real encrypted
 * store: settings.set transcription {kind: 'server'}, then transcribe.file and transcribe.encounter send the speech
 * the local voice detector found to the loopback OpenAI-compatible test server (verbose_json segments), with the
 * note engine's address and API key; the local hallucination guards still run; an address off the organisation's
 * list is refused when set and again at transcription time (nothing sent); a failing server with no local speech
 * model fails in words.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import type { Result } from '../../../core/api/types.js';
import type { Policy } from '../../../core/policy/schema.js';
import { directStore } from '../../../core/store/client.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { decodeWav, toPcm16 } from '../../../models/audio/wav.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';
import { policyReport } from '../../helpers/policy.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';
import { newStore } from '../../unit/store/helpers.js';
import { JFK_WAV } from './fixtures.js';

const ctx = { transport: 'cli' as const };

let server: OpenAiTestServer;
let engine: StoreEngine;
// No speech model installed on "this computer": a server failure cannot fall back.
const dirs = useTempDirs({ models: 'bedside-asr-server-' });
const savedModelDir = process.env.BEDSIDE_MODEL_DIR;

beforeAll(() => {
  process.env.BEDSIDE_MODEL_DIR = dirs.models;
});
afterAll(() => {
  if (savedModelDir === undefined) delete process.env.BEDSIDE_MODEL_DIR;
  else process.env.BEDSIDE_MODEL_DIR = savedModelDir;
});
beforeEach(async () => {
  server = await startOpenAiServer({ apiKey: 'clinic-key' });
  engine = (await newStore()).engine;
});
afterEach(async () => {
  await server.close();
  engine.close();
});

function core(policy: Policy = {}) {
  const c = createCore({ policy: policyReport(policy) });
  c.services.store = directStore(engine);
  return c;
}

/** The note engine's clinic server and key, and transcription on the server with its own model name. */
async function chooseServer(c: ReturnType<typeof createCore>) {
  expect(await c.dispatch('settings.set', { noteEngine: { serverUrl: server.url } }, ctx)).toMatchObject({ ok: true });
  expect(await c.dispatch('engines.setServerKey', { key: 'clinic-key' }, ctx)).toMatchObject({ ok: true });
  const r = await c.dispatch('settings.set', { transcription: { kind: 'server', serverModel: 'whisper-small' } }, ctx);
  expect(r).toMatchObject({
    ok: true,
    result: {
      transcription: {
        kind: 'server',
        serverUrl: null,
        serverModel: 'whisper-small',
        effectiveUrl: server.url,
        serverAllowed: true,
      },
    },
  });
}

const uploads = () => server.requests.filter((q) => q.path === '/v1/audio/transcriptions');

describe('transcription on the clinic server', () => {
  it('transcribes a WAV file on the server with the guards of local Whisper', async () => {
    const c = core();
    await chooseServer(c);
    server.transcription({
      segments: [
        { start: 0, end: 2.5, text: ' And so my fellow Americans,' },
        // A repetition loop (the local guard drops it) and Whisper's no-speech rule as the server reports it.
        { start: 2.5, end: 4, text: " I'm sorry. I'm sorry. I'm sorry. I'm sorry." },
        { start: 4, end: 5, text: ' Thank you for watching.', no_speech_prob: 0.95, avg_logprob: -1.5 },
        { start: 5, end: 8, text: ' ask not what your country can do for you.' },
      ],
    });
    const reply = await c.dispatch('transcribe.file', { path: JFK_WAV }, ctx);
    if (!reply.ok) throw new Error(reply.error.message);
    const r = { result: reply.result as Result<'transcribe.file'> };
    expect(r.result).toMatchObject({ engine: 'server', model: 'server:whisper-small' });
    expect(r.result.notice).toBeUndefined();
    const texts = r.result.segments.map((s) => s.text).filter((t) => t !== '');
    expect(texts).toEqual(['And so my fellow Americans,', 'ask not what your country can do for you.']);
    expect(r.result.segments.every((s) => s.end <= r.result.durationSec + 0.01)).toBe(true);
    expect(uploads().length).toBeGreaterThan(0);
    for (const u of uploads()) {
      expect(u.headers.authorization).toBe('Bearer clinic-key');
      expect(u.form).toMatchObject({ fileHead: 'RIFF', fields: { model: 'whisper-small', language: 'en' } });
    }
  }, 20_000);

  it('transcribes an encounter’s stored recording on the server and stores the turns', async () => {
    const c = core();
    await chooseServer(c);
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    const s = toPcm16(decodeWav(readFileSync(JFK_WAV)).channels[0]!);
    const pcm = Buffer.from(s.buffer, s.byteOffset, s.byteLength);
    for (let off = 0, seq = 0; off < pcm.length; off += 64_000, seq++)
      expect(
        await c.dispatch(
          'audio.import.append',
          { encounterId: id, seq, pcm: pcm.subarray(off, off + 64_000).toString('base64') },
          ctx,
        ),
      ).toMatchObject({ ok: true });
    expect(await c.dispatch('audio.import.finish', { encounterId: id }, ctx)).toMatchObject({ ok: true });
    server.transcription({ segments: [{ start: 0.2, end: 3, text: ' What brings you in today?' }] });
    const reply = await c.dispatch('transcribe.encounter', { encounterId: id }, ctx);
    if (!reply.ok) throw new Error(reply.error.message);
    const r = { result: reply.result as Result<'transcribe.encounter'> };
    expect(r.result).toMatchObject({ engine: 'server', model: 'server:whisper-small' });
    expect(r.result.segments.map((t) => [t.speaker, t.text])).toEqual([['doctor', 'What brings you in today?']]);
    expect(engine.getEncounter(id)!.transcript.map((t) => t.text)).toEqual(['What brings you in today?']);
  }, 20_000);

  it('records live on the server: the speech goes there, the finals come back and are stored', async () => {
    const c = core();
    await chooseServer(c);
    // Every upload (live previews and final passes alike) hears the same sentence.
    for (let i = 0; i < 40; i++) server.transcription({ segments: [{ start: 0, end: 1, text: ' Hello doctor.' }] });
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    const start = await c.dispatch('transcribe.live.start', { encounterId: id }, ctx);
    if (!start.ok) throw new Error(start.error.message);
    const { sessionId } = start.result as Result<'transcribe.live.start'>;
    const s = toPcm16(decodeWav(readFileSync(JFK_WAV)).channels[0]!);
    const pcm = Buffer.from(s.buffer, s.byteOffset, s.byteLength);
    for (let off = 0; off < pcm.length; off += 64_000)
      expect(
        await c.dispatch(
          'transcribe.live.push',
          { sessionId, pcm: pcm.subarray(off, off + 64_000).toString('base64') },
          ctx,
        ),
      ).toMatchObject({ ok: true });
    const stop = await c.dispatch('transcribe.live.stop', { sessionId }, ctx);
    if (!stop.ok) throw new Error(stop.error.message);
    const { segments, notice } = stop.result as Result<'transcribe.live.stop'>;
    expect(notice).toBeUndefined();
    expect(segments.length).toBeGreaterThan(0);
    expect(new Set(segments.map((t) => t.text))).toEqual(new Set(['Hello doctor.']));
    expect(engine.getEncounter(id)!.transcript.map((t) => t.text)).toEqual(segments.map((t) => t.text));
    expect(uploads().every((u) => u.headers.authorization === 'Bearer clinic-key')).toBe(true);
  }, 20_000);

  it('refuses an address off the organisation’s list when set, and again when transcribing (nothing sent)', async () => {
    const strict = core({ inferenceServers: ['https://asr.clinic.example'] });
    const refused = await strict.dispatch(
      'settings.set',
      { transcription: { kind: 'server', serverUrl: 'https://elsewhere.example/v1', serverModel: 'w' } },
      ctx,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/does not allow audio to be sent to this server/) },
    });
    expect(
      await strict.dispatch('settings.set', { transcription: { serverUrl: 'http://10.0.0.5:8000' } }, ctx),
    ).toMatchObject({ ok: false, error: { code: 'invalid_params', message: expect.stringMatching(/https/) } });
    const allowed = await strict.dispatch(
      'settings.set',
      { transcription: { kind: 'server', serverUrl: 'https://asr.clinic.example/v1', serverModel: 'w' } },
      ctx,
    );
    expect(allowed).toMatchObject({ ok: true, result: { transcription: { serverAllowed: true } } });
    // IT narrows the list later: the stored address is refused at transcription time, before anything is sent.
    const later = core({ inferenceServers: ['https://other.clinic.example'] });
    const info = await later.dispatch('settings.get', {}, ctx);
    expect(info).toMatchObject({ ok: true, result: { transcription: { serverAllowed: false } } });
    const r = await later.dispatch('transcribe.file', { path: JFK_WAV }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: /does not allow audio/ } });
    expect(server.requests).toHaveLength(0);
  });

  it('a failing server with no speech model on this computer fails in words (no fallback elsewhere)', async () => {
    const c = core();
    await chooseServer(c);
    server.transcription({ kind: 'status', status: 500, body: '{"error":{"message":"CUDA out of memory"}}' });
    const r = await c.dispatch('transcribe.file', { path: JFK_WAV }, ctx);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringMatching(/^The clinic server could not transcribe: .*No speech model is installed/),
      },
    });
    if (!r.ok) expect(r.error.message).not.toMatch(/CUDA/);
    expect(uploads()).toHaveLength(1);
  }, 20_000);
});
