/**
 * engines.testTranscriptionServer (Settings → Transcription → Test connection; `bedside engines
 * test-transcription-server`): the note engine's connection test reused for the transcription server, against the
 * loopback OpenAI-compatible test server, through the real dispatcher and policy gate over a real encrypted store,
 * and over the dev host's WebSocket. With a model name it sends one second of generated silence to
 * /v1/audio/transcriptions; a server without a model list passes on that call alone; the machine policy's list of
 * servers applies, the note-engine list (allowedNoteEngines) does not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { requestNames } from '../../../core/api/contract.js';
import { createCore, type Core } from '../../../core/api/index.js';
import { SERVER_KEY_SETTING } from '../../../core/engines/server-api.js';
import type { Policy } from '../../../core/policy/schema.js';
import { directStore } from '../../../core/store/client.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { policyReport, runCli } from '../../helpers/cli.js';
import { useDevHost } from '../../helpers/devhost.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };
const KEY = 'sk-asr-0123456789abcdef';
type Check = { name: string; ok: boolean | null; detail: string };
type TestResult = { ok: boolean; message: string; checks: Check[]; models: string[]; keyUsed: string };

let server: OpenAiTestServer;
let engine: StoreEngine;
let core: Core;
const setup = (policy: Policy = {}) => {
  core = createCore({ policy: policyReport(policy) });
  core.services.store = directStore(engine);
};
beforeEach(async () => {
  server = await startOpenAiServer({ apiKey: KEY, models: ['Systran/faster-whisper-small'] });
  ({ engine } = await newStore());
  engine.setSetting(SERVER_KEY_SETTING, KEY);
  setup();
});
afterEach(async () => {
  await server.close();
  engine.close();
});
const startHost = useDevHost();

const uploads = () => server.requests.filter((q) => q.path === '/v1/audio/transcriptions');
async function test(params: Record<string, unknown>): Promise<TestResult> {
  const r = await core.dispatch('engines.testTranscriptionServer', params, ctx);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as TestResult;
}
const check = (r: TestResult, name: string) => r.checks.find((c) => c.name === name);

describe('engines.testTranscriptionServer', () => {
  it('is one contract entry (so IPC, the dev host and the CLI carry it)', () => {
    expect(requestNames).toContain('engines.testTranscriptionServer');
  });

  it('with the stored key and a model: lists, then transcribes one second of generated silence', async () => {
    const r = await test({ url: `${server.url}/v1`, model: 'Systran/faster-whisper-small' });
    expect(r).toMatchObject({ ok: true, keyUsed: 'stored', models: ['Systran/faster-whisper-small'] });
    expect(r.message).toMatch(/faster-whisper-small transcribed a test clip/);
    expect(check(r, 'auth')).toMatchObject({ ok: true });
    expect(check(r, 'model')).toMatchObject({ ok: true });
    expect(check(r, 'transcribe')).toMatchObject({ ok: true, detail: expect.stringMatching(/second of silence/) });
    expect(uploads()).toHaveLength(1);
    const u = uploads()[0]!;
    expect(u.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(u.form).toMatchObject({
      fileHead: 'RIFF',
      // 44-byte header + 1 s of 16 kHz 16-bit mono.
      fileBytes: 44 + 32_000,
      fields: { model: 'Systran/faster-whisper-small', language: 'en' },
    });
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('a wrong key: the listing says so and no audio is sent', async () => {
    const r = await test({ url: server.url, model: 'Systran/faster-whisper-small', key: 'sk-wrong' });
    expect(r.ok).toBe(false);
    expect(r.keyUsed).toBe('given');
    expect(check(r, 'auth')).toMatchObject({ ok: false, detail: expect.stringMatching(/did not accept the given/) });
    expect(check(r, 'transcribe')).toBeUndefined();
    expect(uploads()).toEqual([]);
  });

  it('a server without a model list (whisper.cpp) passes on the transcription alone; one that fails it does not', async () => {
    server.listing({ kind: 'status', status: 404 });
    const r = await test({ url: server.url, model: 'ggml-small.en' });
    expect(check(r, 'models')).toMatchObject({ ok: null, detail: expect.stringMatching(/does not need one/) });
    expect(check(r, 'transcribe')).toMatchObject({ ok: true });
    expect(r.ok).toBe(true);

    server.transcription({ kind: 'status', status: 500 });
    const bad = await test({ url: server.url, model: 'Systran/faster-whisper-small' });
    expect(bad.ok).toBe(false);
    expect(check(bad, 'transcribe')).toMatchObject({ ok: false });
    expect(bad.message).toMatch(/^The test transcription failed: /);

    // Without a model name only the listing can be checked.
    server.listing({ kind: 'status', status: 404 });
    const noModel = await test({ url: server.url });
    expect(noModel.ok).toBe(false);
    expect(noModel.message).toMatch(/enter the speech model's name/);
  });

  it('a model the server does not list is tried, not refused (speech servers fetch models on first use)', async () => {
    const r = await test({ url: server.url, model: 'whisper-large-v3' });
    expect(check(r, 'model')).toMatchObject({ ok: null });
    expect(check(r, 'transcribe')).toMatchObject({ ok: true });
    expect(r.ok).toBe(true);
  });

  it('the machine policy: the server list applies (audio wording), allowedNoteEngines does not', async () => {
    setup({ allowedNoteEngines: ['embedded'] });
    expect(await core.dispatch('engines.testServer', { url: server.url }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await test({ url: server.url, model: 'Systran/faster-whisper-small' })).toMatchObject({ ok: true });
    setup({ inferenceServers: ['https://asr.clinic.example'] });
    const before = server.connections();
    expect(
      await core.dispatch('engines.testTranscriptionServer', { url: 'https://asr.elsewhere.example/v1' }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/does not allow audio to be sent/) },
    });
    expect(
      await core.dispatch('engines.testTranscriptionServer', { url: 'http://asr.clinic.example' }, ctx),
    ).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(server.connections()).toBe(before);
  });

  it('over the dev host WebSocket', async () => {
    const host = await startHost({ core });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            id: 1,
            method: 'engines.testTranscriptionServer',
            params: { url: server.url, model: 'Systran/faster-whisper-small' },
          }),
        ),
      );
      ws.on('message', (d) => resolve(JSON.parse(d.toString())));
      ws.on('error', reject);
    });
    ws.close();
    expect(reply).toMatchObject({ id: 1, reply: { ok: true, result: { ok: true } } });
  });
});

describe('bedside engines test-transcription-server', () => {
  it('key from stdin, each check printed, exit 0; a failing transcription exits 1', async () => {
    const ok = await runCli(
      ['engines', 'test-transcription-server', '--url', server.url, '--model', 'whisper-1', '--key-stdin'],
      { stdin: `${KEY}\n` },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok {2}\s+transcribe The server transcribed a second of silence with whisper-1/m);
    expect(ok.stdout).not.toContain(KEY);
    server.transcription({ kind: 'status', status: 503, body: '{"error":"loading"}' });
    const bad = await runCli(
      ['engines', 'test-transcription-server', '--url', server.url, '--model', 'whisper-1', '--json', '--key-stdin'],
      { stdin: `${KEY}\n` },
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, keyUsed: 'given' });
    expect((await runCli(['engines', 'test-transcription-server'])).code).toBe(2);
  });
});
