import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../../core/api/index.js';
import { isLoopbackHost, MAX_IN_FLIGHT, MAX_MESSAGE_BYTES, NotLoopbackError } from '../../../core/devhost/server.js';
import { runCli } from '../../helpers/cli.js';
import { useDevHost } from '../../helpers/devhost.js';
import { frame, RawSocket } from '../../reliability/host.js';

const startHost = useDevHost();

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
    await expect(startHost({ host: '0.0.0.0' })).rejects.toBeInstanceOf(NotLoopbackError);
    const r = await runCli(['serve', '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('loopback');
  });

  it('carries the contract over the WebSocket, with typed errors for bad messages', async () => {
    const host = await startHost();
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
    const host = await startHost();
    const page = await fetch(host.origin + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'/);
    expect((await fetch(host.origin + '/..%2f..%2f..%2fpackage.json')).status).toBe(403);
    expect((await fetch(host.origin + '/nope.js')).status).toBe(404);
    expect((await fetch(host.origin + '/', { method: 'POST' })).status).toBe(405);
  });

  it('keeps serving in this process after a refused upgrade + reset and a malformed frame, with a sane message cap', async () => {
    const host = await startHost();
    expect(MAX_MESSAGE_BYTES).toBeLessThanOrEqual(8 * 1024 * 1024);
    const refused = new RawSocket(host.port);
    expect(await refused.upgrade('/api')).toBe(401);
    refused.reset();
    const bad = new RawSocket(host.port);
    expect(await bad.upgrade(`/api?token=${host.token}`)).toBe(101);
    bad.write(frame({ opcode: 0x1, payload: Buffer.from([0xff]) }));
    expect(await bad.closeCode()).toBe(1007);
    bad.reset();
    const url = `ws://127.0.0.1:${host.port}/api?token=${host.token}`;
    expect(await rpc(url, [{ id: 1, method: 'app.echo', params: { text: 'ok' } }])).toEqual([
      { id: 1, reply: expect.objectContaining({ ok: true }) },
    ]);
  });

  it('handles at most MAX_IN_FLIGHT requests of a connection at once, in arrival order, and answers them all', async () => {
    const core = createCore();
    const held: (() => void)[] = [];
    const order: unknown[] = [];
    const host = await startHost({
      core: {
        ...core,
        dispatch: async (_method, params) => {
          order.push((params as { n: number }).n);
          await new Promise<void>((r) => held.push(r));
          return { ok: true, result: null };
        },
      },
    });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    await new Promise((r) => ws.once('open', r));
    let replies = 0;
    const allAnswered = new Promise<void>((done) =>
      ws.on('message', () => {
        if (++replies === 300) done();
      }),
    );
    // one socket write carrying 300 small requests
    for (let n = 0; n < 300; n++) ws.send(JSON.stringify({ id: n, method: 'app.echo', params: { n } }));
    while (held.length < MAX_IN_FLIGHT) await new Promise((r) => setImmediate(r));
    // the host has read everything the client wrote by now, yet handles no more than the limit
    await new Promise<void>((r) =>
      ws.send(JSON.stringify({ id: 'x', method: 'app.echo', params: { n: 300 } }), () => r()),
    );
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(held.length).toBe(MAX_IN_FLIGHT);
    const release = setInterval(() => held.splice(0).forEach((r) => r()), 1);
    await allAnswered;
    clearInterval(release);
    expect(order.slice(0, 300)).toEqual(Array.from({ length: 300 }, (_, n) => n));
    ws.close();
  });
});
