/**
 * engines.setServerKey and engines.testServer through the real dispatcher (and policy gate) over a real encrypted
 * store, against the loopback test server: the key is stored but never returned, logged or audited by value; the
 * connection test reports each step in words; the machine policy (allowedNoteEngines, inferenceServers,
 * inferenceCaFile) is enforced. Also the factory a host's EngineProvider uses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import type { StoreEngine } from '../../../core/store/index.js';
import type { PolicyReport } from '../../../core/policy/policy.js';
import type { Policy } from '../../../core/policy/schema.js';
import { log } from '../../../core/platform/log.js';
import { EngineError } from '../../../core/engines/types.js';
import { createClinicServerGenerator, SERVER_KEY_SETTING } from '../../../core/engines/server-api.js';
import { haveOpenssl, makeTestCa, startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';
import { newStore } from '../store/helpers.js';
import { runCli } from '../../helpers/cli.js';

const ctx = { transport: 'cli' as const };
const KEY = 'sk-test-0123456789abcdef';
const report = (values: Policy): PolicyReport => ({ values, origin: {}, sources: [], problems: [] });

let server: OpenAiTestServer;
let engine: StoreEngine;
let core: Core;
let logs: string[];
let restoreLog: () => void;
const setup = async (policy: Policy = {}) => {
  core = createCore({ policy: report(policy) });
  core.services.store = directStore(engine);
};

beforeEach(async () => {
  server = await startOpenAiServer({ apiKey: KEY, models: ['llama-3.1-8b', 'qwen2.5-7b'] });
  ({ engine } = await newStore());
  logs = [];
  log.setLevel('debug');
  restoreLog = log.setSink((line) => logs.push(line));
  await setup();
});
afterEach(async () => {
  restoreLog();
  log.setLevel('warn');
  await server.close();
});

describe('engines.setServerKey', () => {
  it('stores the key in the encrypted store; never returns, logs or audits its value; null removes it', async () => {
    expect(await core.dispatch('engines.setServerKey', { key: KEY }, ctx)).toEqual({
      ok: true,
      result: { keyStored: true },
    });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBe(KEY);
    const audit = JSON.stringify(engine.auditRows());
    expect(audit).toContain(SERVER_KEY_SETTING);
    expect(audit).not.toContain(KEY);
    const tested = await core.dispatch('engines.testServer', { url: server.url }, ctx);
    expect(JSON.stringify(tested)).not.toContain(KEY);
    expect(JSON.stringify(await core.dispatch('settings.get', {}, ctx))).not.toContain(KEY);
    expect(await core.dispatch('engines.setServerKey', { key: null }, ctx)).toEqual({
      ok: true,
      result: { keyStored: false },
    });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBe('');
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('refuses a key with spaces or line breaks without echoing it, and while locked', async () => {
    const bad = await core.dispatch('engines.setServerKey', { key: 'abc\r\nX-Evil: 1' }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(JSON.stringify(bad)).not.toContain('X-Evil');
    const locked = createCore({ policy: report({}) });
    expect(await locked.dispatch('engines.setServerKey', { key: KEY }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });

  it('is refused when the policy does not allow the clinic server, or the configured server', async () => {
    await setup({ allowedNoteEngines: ['rules', 'local'] });
    expect(await core.dispatch('engines.setServerKey', { key: KEY }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/does not allow .* clinic's inference server/) },
    });
    engine.setSetting('note.engine.server_url', 'https://elsewhere.example');
    await setup({ inferenceServers: ['https://llm.clinic.example'] });
    expect(await core.dispatch('engines.setServerKey', { key: KEY }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/not one of the clinic inference servers set by IT/) },
    });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBeNull();
    // Removing a key is always allowed.
    expect(await core.dispatch('engines.setServerKey', { key: null }, ctx)).toMatchObject({ ok: true });
  });
});

describe('engines.testServer', () => {
  it('reports a missing key, then success with the models listed and the model found', async () => {
    const r1 = await core.dispatch('engines.testServer', { url: server.url }, ctx);
    expect(r1).toMatchObject({
      ok: true,
      result: {
        ok: false,
        keyStored: false,
        message: expect.stringMatching(/needs an API key \(HTTP 401\); none is stored/),
      },
    });
    await core.dispatch('engines.setServerKey', { key: KEY }, ctx);
    const r2 = await core.dispatch('engines.testServer', { url: `${server.url}/v1`, model: 'qwen2.5-7b' }, ctx);
    expect(r2).toMatchObject({
      ok: true,
      result: {
        ok: true,
        keyStored: true,
        models: ['llama-3.1-8b', 'qwen2.5-7b'],
        message: expect.stringMatching(/^Connected to 127\.0\.0\.1:\d+: 2 model\(s\), qwen2\.5-7b available\.$/),
      },
    });
    const checks = (r2 as { result: { checks: { name: string; ok: boolean | null }[] } }).result.checks;
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['address', true],
      ['policy', true],
      ['connect', true],
      ['tls', null],
      ['auth', true],
      ['models', true],
      ['model', true],
    ]);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('a model the server does not list, a wrong key, a loading server, a closed port: each in words', async () => {
    await core.dispatch('engines.setServerKey', { key: KEY }, ctx);
    const missing = await core.dispatch('engines.testServer', { url: server.url, model: 'gpt-4o' }, ctx);
    expect(missing).toMatchObject({ result: { ok: false, message: 'The server does not list the model gpt-4o.' } });
    server.listing({ kind: 'status', status: 503 });
    const loading = await core.dispatch('engines.testServer', { url: server.url }, ctx);
    expect(loading).toMatchObject({ result: { ok: false, message: expect.stringMatching(/loading the model/) } });
    await core.dispatch('engines.setServerKey', { key: 'wrong-key' }, ctx);
    const wrong = await core.dispatch('engines.testServer', { url: server.url }, ctx);
    expect(wrong).toMatchObject({
      result: { ok: false, message: 'The server did not accept the stored API key (HTTP 401).' },
    });
    const url = server.url;
    await server.close();
    server = await startOpenAiServer();
    const closed = await core.dispatch('engines.testServer', { url }, ctx);
    expect(closed).toMatchObject({ result: { ok: false, message: expect.stringMatching(/connection refused/) } });
  });

  it("lists Ollama's models through /api/tags", async () => {
    await core.dispatch('engines.setServerKey', { key: KEY }, ctx);
    const r = await core.dispatch('engines.testServer', { url: `${server.url}/api`, model: 'llama-3.1-8b' }, ctx);
    expect(r).toMatchObject({ result: { ok: true, models: ['llama-3.1-8b', 'qwen2.5-7b'] } });
    expect(server.requests.at(-1)!.path).toBe('/api/tags');
  });

  it('plain http off this computer is invalid_params; a server not on the policy list is forbidden; nothing is sent', async () => {
    const before = server.connections();
    expect(await core.dispatch('engines.testServer', { url: 'http://llm.clinic.example:8000' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringMatching(/must use https/) },
    });
    expect(await core.dispatch('engines.testServer', { url: 'https://llm.clinic.example' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/not one of the clinic inference servers/) },
    });
    await setup({ inferenceServers: ['https://llm.clinic.example'] });
    expect(await core.dispatch('engines.testServer', { url: 'https://other.clinic.example/v1' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await setup({ allowedNoteEngines: ['rules'] });
    expect(await core.dispatch('engines.testServer', { url: server.url }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(server.connections()).toBe(before);
  });
});

describe('bedside engines test-server', () => {
  it('tests with a key from stdin (not stored), prints each check, exit 0; a failing check exits 1', async () => {
    const ok = await runCli(['engines', 'test-server', '--url', server.url, '--model', 'qwen2.5-7b', '--key-stdin'], {
      stdin: `${KEY}\n`,
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok {2}\s+auth {5}The API key was accepted\.$/m);
    expect(ok.stdout).toMatch(/Models: llama-3\.1-8b, qwen2\.5-7b/);
    expect(ok.stdout).not.toContain(KEY);
    const noKey = await runCli(['engines', 'test-server', '--url', server.url, '--json']);
    expect(noKey.code).toBe(1);
    expect(JSON.parse(noKey.stdout)).toMatchObject({ ok: false, keyUsed: 'none' });
  });

  it('usage errors and refusals in words', async () => {
    expect((await runCli(['engines', 'test-server'])).code).toBe(2);
    const http = await runCli(['engines', 'test-server', '--url', 'http://llm.clinic.example']);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/must use https/);
    const off = await runCli(['engines', 'test-server', '--url', 'https://llm.clinic.example']);
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/not one of the clinic inference servers/);
    const empty = await runCli(['engines', 'test-server', '--url', server.url, '--key-stdin'], { stdin: '' });
    expect(empty.code).toBe(2);
  });
});

describe.skipIf(!haveOpenssl())('TLS and the policy CA file', () => {
  let tls: OpenAiTestServer;
  let dir: string;
  let caFile: string;
  beforeAll(async () => {
    const ca = makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'bedside-ca-'));
    caFile = join(dir, 'clinic-ca.pem');
    writeFileSync(caFile, ca.caPem);
    tls = await startOpenAiServer({ tls: { key: ca.key, cert: ca.cert }, defaultPieces: ['over', ' tls'] });
  });
  afterAll(async () => {
    await tls.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the CA file the policy names; without it TLS is refused in words', async () => {
    await setup({ inferenceCaFile: caFile });
    const ok = await core.dispatch('engines.testServer', { url: tls.url }, ctx);
    expect(ok).toMatchObject({ result: { ok: true } });
    const checks = (ok as { result: { checks: { name: string; ok: boolean | null }[] } }).result.checks;
    expect(checks.find((c) => c.name === 'ca')).toMatchObject({ ok: true });
    expect(checks.find((c) => c.name === 'tls')).toMatchObject({ ok: true });
    await setup({});
    const no = await core.dispatch('engines.testServer', { url: tls.url }, ctx);
    expect(no).toMatchObject({
      result: { ok: false, message: expect.stringMatching(/not signed by an authority this computer trusts/) },
    });
    await setup({ inferenceCaFile: join(dir, 'missing.pem') });
    const missing = await core.dispatch('engines.testServer', { url: tls.url }, ctx);
    expect(missing).toMatchObject({ result: { ok: false, message: expect.stringMatching(/could not be read/) } });
  });

  it('the EngineProvider factory: stored key, policy CA, policy list', async () => {
    const policy: Policy = { inferenceCaFile: caFile };
    const g = await createClinicServerGenerator(
      { serverUrl: tls.url, serverModel: 'm' },
      { store: () => directStore(engine), policy: () => policy },
    );
    expect((await g.generate({ messages: [{ role: 'user', content: 'x' }], maxTokens: 4, temperature: 0 })).text).toBe(
      'over tls',
    );
    await g.close();
    const refused = await createClinicServerGenerator(
      { serverUrl: 'https://elsewhere.example', serverModel: 'm' },
      { store: () => undefined, policy: () => ({ inferenceServers: ['https://llm.clinic.example'] }) },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineError);
    expect((refused as EngineError).code).toBe('refused-url');
    const unset = await createClinicServerGenerator(
      { serverUrl: null, serverModel: 'm' },
      { store: () => undefined, policy: () => ({}) },
    ).catch((e: unknown) => e);
    expect((unset as EngineError).message).toMatch(/No clinic server is set/);
  });
});
