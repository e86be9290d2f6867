/**
 * Hostile traffic against a real dev host process: refused upgrades followed by TCP resets, a foreign page opening
 * and dropping sockets, oversized and malformed WebSocket frames (invalid UTF-8, unmasked, reserved opcodes and
 * bits, oversized control frames), resets mid-frame, malformed HTTP and a flood of requests. After every attack the
 * host must still answer an API echo and a page request, and it must never exit. Only the attacked connection ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiClient, buildHost, frame, RawSocket, removeBuild, startHost, type HostProcess } from './host.js';

let build = '';
let dir = '';
let host: HostProcess;
/** A connection opened before the attacks: it must survive all of them. */
let bystander: ApiClient;
let port = 0;

beforeAll(async () => {
  build = await buildHost();
  dir = mkdtempSync(join(tmpdir(), 'bedside-hostile-'));
  host = await startHost(build, dir, { BEDSIDE_LOG_LEVEL: 'warn' });
  port = Number(new URL(host.origin).port);
  bystander = await ApiClient.open(host.wsUrl);
});

afterAll(async () => {
  bystander?.close();
  await host?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (build) removeBuild(build);
});

/** The host still serves: a new connection's echo, the bystander's echo and a page. */
async function stillServing(): Promise<void> {
  expect(host.child.exitCode).toBeNull();
  expect(host.child.signalCode).toBeNull();
  const c = await ApiClient.open(host.wsUrl);
  try {
    expect(await c.ok('app.echo', { text: 'still here' })).toMatchObject({ text: 'still here' });
  } finally {
    c.close();
  }
  expect(await bystander.ok('app.echo', { text: 'bystander' })).toMatchObject({ text: 'bystander' });
  expect((await fetch(host.origin + '/')).status).toBe(200);
}

const apiPath = () => `/api?token=${host.token}`;

describe('the dev host under hostile socket traffic', () => {
  it('survives refused upgrades followed by a TCP reset, on every refusal path', async () => {
    const refusals: [string, Record<string, string>, number][] = [
      ['/api', {}, 401], // no token
      ['/api?token=wrong', {}, 401],
      ['/elsewhere', {}, 404],
      [apiPath(), { Host: 'evil.example:80' }, 421],
      [apiPath(), { Origin: 'http://evil.example' }, 403],
    ];
    for (const [path, headers, status] of refusals) {
      // answered, then reset
      const a = new RawSocket(port);
      expect(await a.upgrade(path, headers)).toBe(status);
      a.reset();
      // reset before the answer could be read
      const b = new RawSocket(port);
      await b.connected();
      b.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`);
      b.write(`Sec-WebSocket-Key: ${Buffer.alloc(16, 1).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      b.reset();
    }
    await stillServing();
  });

  it('survives a foreign page opening and dropping many sockets at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const s = new RawSocket(port);
        await s.connected();
        if (i % 4 === 0) s.reset();
        else if (i % 4 === 1) {
          s.write('GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
          s.reset();
        } else if (i % 4 === 2) {
          await s.upgrade('/api?token=nope', { Origin: 'http://foreign.example' });
          s.reset();
        } else {
          s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
          s.reset();
        }
      }),
    );
    await stillServing();
  });

  it('closes a connection that sends an oversized frame (9 MB, 50 MB) with 1009, and only that one', async () => {
    // A real 9 MB message through a client library.
    const big = new WebSocket(host.wsUrl, { maxPayload: 0 });
    await new Promise((ok, fail) => big.once('open', ok).once('error', fail));
    const closed = new Promise<number>((done) => big.once('close', (code) => done(code)));
    big.on('error', () => undefined);
    big.send(JSON.stringify({ id: 1, method: 'app.echo', params: { text: 'x'.repeat(9 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    // A 50 MB frame announced in its header, then data, then a reset.
    const raw = new RawSocket(port);
    expect(await raw.upgrade(apiPath())).toBe(101);
    raw.write(frame({ opcode: 0x1, length: 50 * 1024 * 1024, payload: Buffer.alloc(64 * 1024, 0x61) }).subarray(0));
    expect(await raw.closeCode()).toBe(1009);
    raw.reset();
    await stillServing();
  });

  it('closes connections that send malformed frames with the code RFC 6455 names', async () => {
    const cases: [string, Buffer, number][] = [
      ['invalid UTF-8 in a text frame', frame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), 1007],
      ['an unmasked frame', frame({ opcode: 0x1, payload: Buffer.from('{}'), mask: false }), 1002],
      ['reserved data opcode 0x3', frame({ opcode: 0x3, payload: Buffer.from('x') }), 1002],
      ['reserved control opcode 0xB', frame({ opcode: 0xb }), 1002],
      ['RSV1 without an extension', frame({ opcode: 0x1, rsv: 4, payload: Buffer.from('{}') }), 1002],
      ['a fragmented ping', frame({ opcode: 0x9, fin: false }), 1002],
      ['a ping longer than 125 bytes', frame({ opcode: 0x9, payload: Buffer.alloc(200) }), 1002],
      ['a continuation with nothing to continue', frame({ opcode: 0x0, payload: Buffer.from('x') }), 1002],
      [
        'invalid UTF-8 across fragments',
        Buffer.concat([
          frame({ opcode: 0x1, fin: false, payload: Buffer.from([0xe2, 0x82]) }),
          frame({ opcode: 0x0, payload: Buffer.from([0x41]) }),
        ]),
        1007,
      ],
      ['a close frame with a bad code', frame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) }), 1002],
    ];
    for (const [what, bytes, code] of cases) {
      const raw = new RawSocket(port);
      expect(await raw.upgrade(apiPath()), what).toBe(101);
      raw.write(bytes);
      expect(await raw.closeCode(), what).toBe(code);
      raw.reset();
    }
    // The same frames again, each followed at once by a reset (the error and the reset race).
    for (const [, bytes] of cases) {
      const raw = new RawSocket(port);
      expect(await raw.upgrade(apiPath())).toBe(101);
      raw.write(bytes);
      raw.reset();
    }
    await stillServing();
  });

  it('survives resets mid-frame, mid-handshake and mid-request', async () => {
    const half = frame({
      opcode: 0x1,
      payload: Buffer.from(JSON.stringify({ id: 1, method: 'app.info', params: {} })),
    });
    const raw = new RawSocket(port);
    expect(await raw.upgrade(apiPath())).toBe(101);
    raw.write(half.subarray(0, 9));
    raw.reset();
    const hs = new RawSocket(port);
    await hs.connected();
    hs.write(`GET ${apiPath()} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConn`);
    hs.reset();
    // a request whose reply is still being written when the client goes away
    const c = await ApiClient.open(host.wsUrl);
    void c.call('app.info', {}).catch(() => undefined);
    c.close();
    await stillServing();
  });

  it('answers malformed HTTP in words and keeps serving', async () => {
    const cases: [string, RegExp][] = [
      ['garbage\r\n\r\n', /^HTTP\/1\.1 400/],
      [`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, /^HTTP\/1\.1 (400|421)/],
      [
        `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
        /^HTTP\/1\.1 400/,
      ],
      [`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
      [
        `GET ${apiPath()} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        /^HTTP\/1\.1 400/,
      ],
    ];
    for (const [request, answer] of cases) {
      const s = new RawSocket(port);
      await s.connected();
      s.write(request);
      const got = await s.until((b) => b.includes('\r\n'));
      expect(got.toString('latin1'), request.slice(0, 30)).toMatch(answer);
      s.reset();
    }
    await stillServing();
  });

  it('answers a flood of pipelined requests on one connection, reading no faster than it answers', async () => {
    const c = await ApiClient.open(host.wsUrl);
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => c.call('app.echo', { text: `n${i}` })));
    expect(replies.every((r, i) => r.ok && (r.result as { text: string }).text === `n${i}`)).toBe(true);
    c.close();
    await stillServing();
  });

  it('logged the attacks by event name and code only, and never crashed', async () => {
    await stillServing();
    console.log(`hostile sockets: ${RawSocket.opened} hand-made connections, host deaths: 0`);
    const lines = host
      .stderr()
      .split('\n')
      .filter((l) => l.trim());
    const events = new Set(lines.map((l) => (JSON.parse(l) as { event: string }).event));
    expect([...events]).toEqual(expect.arrayContaining(['devhost.ws_error', 'devhost.bad_token_refused']));
    // every log line is a structured event: no stack trace, no echoed data
    for (const l of lines) {
      const entry = JSON.parse(l) as Record<string, unknown>;
      expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['event', 'level', 't']));
      expect(l).not.toMatch(/aaaa|xxxx|still here|\bat .*\(/);
    }
  });
});
