/**
 * Cancelling a model install from the UI: models.install with an operationId, then app.cancel, over the real
 * dispatcher and model manager downloading from a 127.0.0.1 server that sends part of the file and stalls. The
 * model must not look installed afterwards; the part downloaded stays only in .partial (so a new install resumes).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../core/api/dispatcher.js';
import { EventBus } from '../../../core/api/events.js';
import { Operations } from '../../../core/api/operations.js';
import { createSpeechHandlers } from '../../../models/api.js';
import { ModelManager } from '../../../models/manager/manager.js';
import { FIXTURE_MODEL, FIXTURE_MODEL_SHA256, fixtureCatalogue } from './fixtures.js';

const body = readFileSync(FIXTURE_MODEL);
const NAME = 'for-tests-ggml-tiny.en.bin';
let server: http.Server;
let base: string;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bedside-cancel-'));
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': body.length });
    res.write(body.subarray(0, 64 * 1024)); // then nothing, until the client gives up
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe('models.install cancelled with app.cancel', () => {
  it('stops the download, answers cancelled, and leaves nothing that looks installed', async () => {
    const catalogue = fixtureCatalogue(`${base}/stall/${NAME}`);
    const manager = new ModelManager({ root, catalogue });
    const events = new EventBus();
    const progress: number[] = [];
    events.subscribe((name, p) => name === 'models.progress' && progress.push((p as { bytes: number }).bytes));
    const ops = new Operations();
    const dispatch = createDispatcher(
      {
        ...createSpeechHandlers({ events }, () => manager),
        'app.cancel': ({ operationId }: { operationId: string }) => ({ cancelled: ops.cancel(operationId) }),
      } as unknown as Handlers,
      ops,
    );
    const ctx = { transport: 'websocket' } as const;
    const operationId = '4d7f0c1e-8a0b-4b7e-9a53-1f2e3d4c5b6a';
    const started = performance.now();
    const install = dispatch('models.install', { id: 'test-tiny', operationId }, ctx);
    // wait until some bytes arrived, so the cancel lands mid-download
    while (progress.length === 0 && performance.now() - started < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(await dispatch('app.cancel', { operationId }, ctx)).toEqual({ ok: true, result: { cancelled: true } });
    expect(await install).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(performance.now() - started).toBeLessThan(5000); // not the 30 s idle timeout

    expect(manager.list().find((m) => m.id === 'test-tiny')).toMatchObject({ installed: false, path: null });
    expect(existsSync(join(root, 'test-tiny'))).toBe(false);
    const staging = join(root, '.staging');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
    // only the resumable part file is kept, outside any model folder
    expect(readdirSync(join(root, '.partial'))).toEqual([`${FIXTURE_MODEL_SHA256}.part`]);
    expect(ops.size).toBe(0);
  });
});
