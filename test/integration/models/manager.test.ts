/**
 * Model manager against a real HTTP server on 127.0.0.1 serving the fixture model: resume after a cut connection,
 * checksum mismatch, 404, timeout, redirects, local-file and folder installs, verify and remove, and the CLI.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../models/manager/catalogue.js';
import { ModelError, ModelManager, type InstallProgress } from '../../../models/manager/manager.js';
import { runCli } from '../../helpers/cli.js';
import { FIXTURE_MODEL, FIXTURE_MODEL_SHA256, fixtureCatalogue } from './fixtures.js';

const body = readFileSync(FIXTURE_MODEL);
const NAME = 'for-tests-ggml-tiny.en.bin';
let server: http.Server;
let base: string;
const log: { path: string; range: string | undefined; host: string | undefined }[] = [];
let cutOnce = true;

function serveFile(req: http.IncomingMessage, res: http.ServerResponse, data: Buffer) {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = m ? Number(m[1]) : 0;
  if (start >= data.length) {
    res.writeHead(416).end();
    return;
  }
  res.writeHead(m ? 206 : 200, {
    'content-length': data.length - start,
    ...(m ? { 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` } : {}),
  });
  res.end(data.subarray(start));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    // A proxied request carries the absolute URL; a direct one only the path.
    const path = new URL(req.url ?? '/', 'http://direct').pathname;
    log.push({ path, range: req.headers.range, host: req.headers.host });
    if (path === `/ok/${NAME}`) return serveFile(req, res, body);
    if (path === `/redirect/${NAME}`) return res.writeHead(302, { location: `/ok/${NAME}` }).end();
    if (path === `/cut/${NAME}`) {
      if (cutOnce && !req.headers.range) {
        cutOnce = false;
        // Send 40% then drop the connection.
        res.writeHead(200, { 'content-length': body.length });
        res.write(body.subarray(0, Math.floor(body.length * 0.4)), () => res.socket?.destroy());
        return;
      }
      return serveFile(req, res, body);
    }
    if (path === `/bad/${NAME}`) {
      const evil = Buffer.from(body);
      evil[1000] = evil[1000]! ^ 0xff;
      return serveFile(req, res, evil);
    }
    if (path === `/stall/${NAME}`) {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 1000)); // then nothing
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bedside-models-'));
  log.length = 0;
  return () => rmSync(root, { recursive: true, force: true });
});

function catalogue(prefix: string): Catalogue {
  return fixtureCatalogue(`${base}/${prefix}/${NAME}`);
}

function leftovers(): string[] {
  const out: string[] = [];
  for (const d of ['.staging']) if (existsSync(join(root, d))) out.push(...readdirSync(join(root, d)));
  return out;
}

describe('model manager over HTTP (127.0.0.1)', () => {
  it('installs with progress events and a verified sha256, atomically', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('ok') });
    const events: InstallProgress[] = [];
    const man = await m.install('test-tiny', { onProgress: (p) => events.push(p) });
    expect(man.files[0]!.sha256).toBe(FIXTURE_MODEL_SHA256);
    expect(readFileSync(m.path('test-tiny')).equals(body)).toBe(true);
    expect(events.at(-1)).toMatchObject({ bytes: body.length, total: body.length, phase: 'download' });
    for (let i = 1; i < events.length; i++) expect(events[i]!.bytes).toBeGreaterThanOrEqual(events[i - 1]!.bytes);
    expect(m.list()[0]).toMatchObject({ id: 'test-tiny', installed: true });
    expect(leftovers()).toEqual([]);
    expect(await m.verify()).toEqual([{ id: 'test-tiny', ok: true }]);
  });

  it('follows a redirect', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('redirect') });
    await m.install('test-tiny');
    expect(log.map((l) => l.path)).toEqual([`/redirect/${NAME}`, `/ok/${NAME}`]);
  });

  it('resumes with a Range request after the connection is cut', async () => {
    cutOnce = true;
    const m = new ModelManager({ root, catalogue: catalogue('cut') });
    await m.install('test-tiny', { backoffMs: 10 });
    expect(readFileSync(m.path('test-tiny')).equals(body)).toBe(true);
    expect(log).toHaveLength(2);
    expect(log[0]!.range).toBeUndefined();
    expect(log[1]!.range).toMatch(/^bytes=\d+-$/);
    const resumedAt = Number(/\d+/.exec(log[1]!.range!)![0]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThan(body.length);
  });

  it('refuses a file whose checksum does not match: nothing installed, nothing left to resume from', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('bad') });
    const err = await m.install('test-tiny', { backoffMs: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).code).toBe('checksum');
    expect((err as Error).message).toMatch(/checksum mismatch .*nothing was installed/);
    expect(existsSync(join(root, 'test-tiny'))).toBe(false);
    expect(m.list()[0]!.installed).toBe(false);
    expect(readdirSync(join(root, '.partial'))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('reports 404 clearly without retrying', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('nowhere') });
    await expect(m.install('test-tiny', { backoffMs: 10 })).rejects.toThrowError(
      /not found on the server \(HTTP 404\): http:\/\/127\.0\.0\.1:\d+\/nowhere\//,
    );
    expect(log).toHaveLength(1);
    expect(existsSync(join(root, 'test-tiny'))).toBe(false);
  });

  it('times out a stalled download with a clear error after its retries, keeping the part file for later', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('stall') });
    await expect(m.install('test-tiny', { timeoutMs: 300, retries: 1, backoffMs: 10 })).rejects.toThrowError(
      /stalled \(timeout\) \(gave up after 2 attempts\)/,
    );
    expect(log.length).toBe(2);
    expect(readdirSync(join(root, '.partial'))).toHaveLength(1);
    expect(existsSync(join(root, 'test-tiny'))).toBe(false);
  });

  it('goes through an HTTP proxy from the environment (absolute-URI request to the proxy)', async () => {
    // The target host does not exist: only the proxy (our server on 127.0.0.1) can answer for it.
    const cat = catalogue('ok');
    cat.models[0]!.files[0]!.url = `http://models.bedside.invalid/ok/${NAME}`;
    const m = new ModelManager({ root, catalogue: cat });
    await m.install('test-tiny', { env: { HTTP_PROXY: base }, retries: 0 });
    expect(readFileSync(m.path('test-tiny')).equals(body)).toBe(true);
    expect(log.map((l) => l.path)).toEqual([`/ok/${NAME}`]);
    expect(log[0]!.host).toBe('models.bedside.invalid');
  });

  it('installs from a local file or a model-pack folder and rejects the wrong file', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('nowhere') });
    await m.install('test-tiny', { from: FIXTURE_MODEL });
    expect(m.manifest('test-tiny')?.source).toBe('local');
    expect(m.remove('test-tiny')).toBe(true);
    expect(m.list()[0]!.installed).toBe(false);
    await m.install('test-tiny', { from: dirname(FIXTURE_MODEL) });
    expect(readFileSync(m.path('test-tiny')).equals(body)).toBe(true);
    const wrong = join(root, 'wrong.bin');
    writeFileSync(wrong, Buffer.alloc(body.length, 1));
    m.remove('test-tiny');
    await expect(m.install('test-tiny', { from: wrong })).rejects.toThrowError(
      /checksum mismatch.*nothing was installed/,
    );
    expect(existsSync(join(root, 'test-tiny'))).toBe(false);
    expect(log).toEqual([]); // never touched the network
  });

  it('verify detects a corrupted installed file', async () => {
    const m = new ModelManager({ root, catalogue: catalogue('ok') });
    await m.install('test-tiny');
    const p = m.path('test-tiny');
    const b = readFileSync(p);
    b[b.length - 1] = b[b.length - 1]! ^ 1;
    writeFileSync(p, b);
    expect(await m.verify('test-tiny')).toEqual([
      { id: 'test-tiny', ok: false, problem: `${NAME} fails its checksum` },
    ]);
  });
});

describe('bedside models (CLI, real catalogue)', () => {
  it('lists the catalogue with the hardware recommendation', async () => {
    const r = await runCli(['models', 'list', '--json'], { env: { BEDSIDE_MODEL_DIR: root } });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { models: { id: string; installed: boolean }[]; recommended: { id: string } };
    expect(out.models.map((x) => x.id)).toEqual(
      expect.arrayContaining(['whisper-tiny.en', 'whisper-base.en-q5_1', 'whisper-small.en-q8_0']),
    );
    expect(out.models.map((x) => x.id)).toContain(out.recommended.id);
  });

  it('refuses a local file that is not the catalogued one, and an unknown id', async () => {
    const wrong = await runCli(['models', 'install', 'tiny.en', '--from', FIXTURE_MODEL], {
      env: { BEDSIDE_MODEL_DIR: root },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong size .*nothing was installed/);
    const unknown = await runCli(['models', 'install', 'gpt-5'], { env: { BEDSIDE_MODEL_DIR: root } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model 'gpt-5'/);
    const none = await runCli(['models', 'remove', 'tiny.en'], { env: { BEDSIDE_MODEL_DIR: root } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/not installed/);
  });

  it('downloads through an IT mirror base URL and reports a 404 there clearly', async () => {
    const r = await runCli(['models', 'install', 'tiny.en-q5_1', '--mirror', `${base}/mirror/`], {
      env: { BEDSIDE_MODEL_DIR: root },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HTTP 404\): http:\/\/127\.0\.0\.1:\d+\/mirror\/ggml-tiny\.en-q5_1\.bin/);
    expect(log.map((l) => l.path)).toEqual(['/mirror/ggml-tiny.en-q5_1.bin']);
    const v = await runCli(['models', 'verify'], { env: { BEDSIDE_MODEL_DIR: root } });
    expect(v).toMatchObject({ code: 0, stdout: 'no models installed\n' });
  });
});
