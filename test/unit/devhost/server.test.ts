import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../core/api/index.js';
import { isLoopbackHost, NotLoopbackError, startDevHost, type DevHost } from '../../../core/devhost/server.js';
import { runCli } from '../../helpers/cli.js';

let host: DevHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function rpc(url: string, messages: unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const replies: unknown[] = [];
    ws.on('open', () => messages.forEach((m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m))));
    ws.on('message', (d) => {
      replies.push(JSON.parse(d.toString()));
      if (replies.length === messages.length) {
        ws.close();
        resolve(replies);
      }
    });
    ws.on('error', reject);
  });
}

describe('dev host', () => {
  it('knows loopback from everything else', () => {
    for (const h of ['127.0.0.1', '127.5.6.7', '::1', 'localhost']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '10.0.0.1', '::', 'example.com', ''])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses to bind to a non-loopback address', async () => {
    await expect(
      startDevHost({ core: createCore(), staticDir: 'test/fixtures/renderer', host: '0.0.0.0' }),
    ).rejects.toBeInstanceOf(NotLoopbackError);
    const r = await runCli(['serve', '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('loopback');
  });

  it('carries the contract over the WebSocket, with typed errors for bad messages', async () => {
    host = await startDevHost({ core: createCore(), staticDir: 'test/fixtures/renderer' });
    const url = `ws://127.0.0.1:${host.port}/api?token=${host.token}`;
    const replies = await rpc(url, [
      { id: 1, method: 'app.info', params: {} },
      { id: 2, method: 'app.echo', params: { text: 7 } },
      { id: 3, method: 'no.such', params: {} },
      '{not json',
    ]);
    expect(replies).toEqual(
      expect.arrayContaining([
        {
          id: 1,
          reply: expect.objectContaining({ ok: true, result: expect.objectContaining({ transport: 'websocket' }) }),
        },
        {
          id: 2,
          reply: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'invalid_params' }) }),
        },
        {
          id: 3,
          reply: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'unknown_method' }) }),
        },
        {
          id: null,
          reply: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'invalid_params' }) }),
        },
      ]),
    );
  });

  it('serves pages with the strict CSP and refuses path escapes', async () => {
    host = await startDevHost({ core: createCore(), staticDir: 'test/fixtures/renderer' });
    const page = await fetch(host.origin + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'/);
    expect((await fetch(host.origin + '/..%2f..%2f..%2fpackage.json')).status).toBe(403);
    expect((await fetch(host.origin + '/nope.js')).status).toBe(404);
    expect((await fetch(host.origin + '/', { method: 'POST' })).status).toBe(405);
  });
});
