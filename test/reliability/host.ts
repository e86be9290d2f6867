/**
 * What the reliability suite shares: a dev host process built from the sources in the tree, an API client over its
 * WebSocket that keeps every reply, a raw WebSocket (hand-made frames a well-behaved client library never sends) and
 * a seeded random generator.
 *
 * The host is compiled file by file (Vite's TypeScript transform, types stripped) into a temp folder under node_modules/.cache (so
 * bare imports and the package root resolve as from dist/), because a host started through tsx takes seconds to
 * boot and the SIGKILL test restarts one more than twenty times.
 */
import { rng } from '../../core/clinical/learned/train.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import WebSocket from 'ws';

const ROOT = resolve('.');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Compiles core/, models/, native/ and host-main.ts into a new temp folder; returns it (remove it when done). */
export async function buildHost(): Promise<string> {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const { transformWithOxc } = await import('vite'); // loaded only here: it takes a while
  const out = mkdtempSync(join(cache, 'bedside-reliability-'));
  const files = [
    ...['core', 'models', 'native'].flatMap((d) => sources(join(ROOT, d))),
    resolve(ROOT, 'test/reliability/host-main.ts'),
  ];
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, {
        lang: 'ts',
        target: 'es2022',
        sourcemap: false,
      });
      const dest = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, code);
    }),
  );
  return out;
}

/** Process groups of hosts started and not yet reaped: killed if this test process exits first (a crash). */
const groups = new Set<number>();
process.once('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface HostProcess {
  child: ChildProcess;
  pid: number;
  origin: string;
  wsUrl: string;
  token: string;
  /** Everything the host wrote to stderr so far (its log lines). */
  stderr(): string;
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then SIGKILL to what is left of its process group (a helper it started), and wait for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts the built host on `dataDir` in its own process group and waits for its URL line. The group lets a test
 * clean up the helper processes of a host it killed (the Whisper worker), never anything else.
 */
export async function startHost(build: string, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    [join(build, 'test/reliability/host-main.js'), dataDir, join(ROOT, 'test/fixtures/renderer')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...env } },
  );
  if (child.pid !== undefined) groups.add(child.pid);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        done(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => fail(new Error(`host exited (${code ?? signal}) before listening: ${err}`)));
  });
  const u = new URL(url);
  const pid = child.pid!;
  return {
    child,
    pid,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    wsUrl: `ws://${u.host}/api?token=${u.searchParams.get('token')!}`,
    stderr: () => err,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group is already empty
      }
      groups.delete(pid);
    },
  };
}

export type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** An API connection that matches replies to requests by id. */
export class ApiClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  closed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { id?: number; reply?: Reply };
      if (typeof m.id !== 'number') return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m.reply!);
    });
    ws.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
    });
    ws.on('error', () => undefined); // a reset shows as 'close'
  }

  static async open(url: string): Promise<ApiClient> {
    const ws = new WebSocket(url);
    await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
    return new ApiClient(ws);
  }

  call(method: string, params: unknown): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    const id = this.nextId++;
    return new Promise((resolveReply, reject) => {
      this.pending.set(id, { resolve: resolveReply, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The result of a call that must succeed. */
  async ok<T>(method: string, params: unknown): Promise<T> {
    const r = await this.call(method, params);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.result as T;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A TCP connection to the host, completed as a WebSocket handshake by hand when `upgrade` is called. */
export class RawSocket {
  /** Raw connections opened by this test process (for the suite's summary). */
  static opened = 0;
  private buffered: Buffer = Buffer.alloc(0);
  private readonly waiters: (() => void)[] = [];
  ended = false;
  readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    RawSocket.opened++;
    this.socket.on('data', (d: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, d]);
      this.wake();
    });
    const end = () => {
      this.ended = true;
      this.wake();
    };
    this.socket.on('end', end);
    this.socket.on('close', end);
    this.socket.on('error', end);
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  connected(): Promise<void> {
    return this.socket.connecting ? once(this.socket, 'connect').then(() => undefined) : Promise.resolve();
  }

  /** Waits until `test(received)` holds or the connection ends; returns what was received. */
  async until(test: (b: Buffer) => boolean): Promise<Buffer> {
    while (!test(this.buffered) && !this.ended) await new Promise<void>((w) => this.waiters.push(w));
    return this.buffered;
  }

  /** Resolves once the host has closed the connection. */
  async closedByPeer(): Promise<Buffer> {
    return this.until(() => false);
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /** Sends a TCP RST (SO_LINGER 0) instead of a FIN. */
  reset(): void {
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
  }

  /** Sends an upgrade request for `path` (headers override the defaults) and waits for the answer's status. */
  async upgrade(path: string, headers: Record<string, string> = {}): Promise<number> {
    await this.connected();
    const all: Record<string, string> = {
      Host: `127.0.0.1:${this.socket.remotePort}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...headers,
    };
    const lines = [`GET ${path} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
    this.write(lines.join('\r\n') + '\r\n\r\n');
    const got = await this.until((b) => b.includes('\r\n\r\n'));
    const end = got.indexOf('\r\n\r\n');
    if (end < 0) return 0;
    this.buffered = got.subarray(end + 4);
    const m = /^HTTP\/1\.1 (\d{3})/.exec(got.subarray(0, end).toString('latin1'));
    return m ? Number(m[1]) : 0;
  }

  /** The close code of a close frame the host sent, once it has sent one (or the connection ended). */
  async closeCode(): Promise<number | null> {
    const b = await this.until((x) => x.length >= 4 && (x[0]! & 0x0f) === 0x8);
    if (b.length >= 4 && (b[0]! & 0x0f) === 0x8) return b.readUInt16BE(2);
    return null;
  }
}

/** One WebSocket frame as a client would send it (masked unless `mask` is false); `length` may claim a size. */
export function frame(opts: {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  rsv?: number;
  mask?: boolean;
  length?: number;
}): Buffer {
  const payload = opts.payload ?? Buffer.alloc(0);
  const len = opts.length ?? payload.length;
  const masked = opts.mask ?? true;
  const head: number[] = [((opts.fin ?? true) ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | opts.opcode];
  let ext = Buffer.alloc(0);
  if (len < 126) head.push((masked ? 0x80 : 0) | len);
  else if (len < 65536) {
    head.push((masked ? 0x80 : 0) | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(len);
  } else {
    head.push((masked ? 0x80 : 0) | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(BigInt(len));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

/** A seeded generator (mulberry32, shared with model training), so a failing run can be replayed from its seed. */
export const seeded = rng;

export function removeBuild(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
