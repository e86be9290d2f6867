/**
 * The browser dev host: an HTTP server on the loopback interface that serves the built renderer and carries the API
 * contract over a WebSocket. It exists for UI development and end-to-end tests; the desktop app uses Electron IPC.
 *
 * Defences: binds to loopback only; a random per-run token is required on the WebSocket; the Origin of a browser
 * upgrade must be this server's own; the Host header must name this server (DNS-rebinding); strict CSP on pages.
 *
 * Robustness: no traffic may stop the host (a recording in progress lives in it). Every raw socket, HTTP and
 * WebSocket error is handled: it is logged by event name and error code only (never data, which may be PHI) and
 * closes only the connection it happened on. A WebSocket message is at most MAX_MESSAGE_BYTES (bigger frames close
 * the connection with 1009); malformed frames (invalid UTF-8, unmasked, reserved opcodes or bits) close it with the
 * code RFC 6455 names. A connection with MAX_IN_FLIGHT requests unanswered is not read from until one is answered
 * (TCP backpressure), so one client cannot queue unbounded work.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Core } from '../api/index.js';
import { log } from '../platform/log.js';
import { isLoopbackHost } from '../platform/loopback.js';
import { parseMessage } from './limits.js';
import { resolveStatic, SECURITY_HEADERS } from './static.js';

export interface DevHostOptions {
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); a random 256-bit one otherwise. */
  token?: string;
  /** Largest WebSocket message accepted (default MAX_MESSAGE_BYTES). */
  maxMessageBytes?: number;
}

/**
 * Largest WebSocket message accepted: the biggest request the contract allows (a 2,000,000-character transcript)
 * fits as UTF-8 JSON with room to spare. A bigger frame is refused from its header, before it is buffered.
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Requests of one connection being handled at once before the host stops reading from it. */
export const MAX_IN_FLIGHT = 16;

/** The error's code (ECONNRESET, WS_ERR_INVALID_UTF8, ...) or class name: never its message, which may echo data. */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code;
  return err instanceof Error ? err.name : 'unknown';
}

export interface DevHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export class NotLoopbackError extends Error {
  constructor(host: string) {
    super(
      `refusing to listen on '${host}': the dev host binds only to a loopback address (127.0.0.1, ::1 or localhost)`,
    );
    this.name = 'NotLoopbackError';
  }
}

/** The one loopback rule (core/platform/loopback.ts): 127.0.0.0/8, ::1 in any spelling, and the name localhost. */
export { isLoopbackHost };

/** The address to bind for a loopback host: the name localhost binds 127.0.0.1; an IPv6 address loses its brackets. */
function loopbackBindAddress(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) ? bare : '127.0.0.1';
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startDevHost(opts: DevHostOptions): Promise<DevHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new NotLoopbackError(host);
  const bindHost = loopbackBindAddress(host);
  const token = opts.token ?? randomBytes(32).toString('hex');
  const staticDir = resolve(opts.staticDir);
  let port = opts.port ?? 0;

  const allowedHosts = () =>
    new Set([
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`,
    ]);
  const allowedOrigins = () => new Set([...allowedHosts()].map((h) => `http://${h}`));

  const server = createServer((req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) return deny(res, 421, 'Misdirected request');
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
      serveStatic(staticDir, req, res);
    } catch (err) {
      log.warn('devhost.request_failed', { code: errorCode(err) });
      if (!res.headersSent) deny(res, 400, 'Bad request');
      else res.destroy();
    }
  });
  // Every raw socket gets an error handler for its whole life: Node's HTTP parser drops its own when a connection
  // is upgraded, and a reset on a socket with no handler would be an uncaught exception.
  server.on('connection', (socket) => {
    socket.on('error', (err) => {
      log.warn('devhost.socket_error', { code: errorCode(err) });
      socket.destroy();
    });
  });
  server.on('clientError', (err, socket: Duplex) => {
    const code = errorCode(err);
    log.warn('devhost.client_error', { code });
    if (code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
  });
  server.on('error', (err) => log.error('devhost.server_error', { code: errorCode(err) }));

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    clientTracking: true,
  });
  wss.on('error', (err) => log.error('devhost.ws_server_error', { code: errorCode(err) }));
  wss.on('wsClientError', (err, socket) => {
    log.warn('devhost.ws_handshake_refused', { code: errorCode(err) });
    if (!socket.writable) return void socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
  });
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      if (!socket.writable) return void socket.destroy();
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
        socket.destroy(),
      );
    };
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/api') return refuse(404, 'Not Found');
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(421, 'Misdirected Request');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) {
        log.warn('devhost.foreign_origin_refused');
        return refuse(403, 'Forbidden');
      }
      if (!sameToken(url.searchParams.get('token'), token)) {
        log.warn('devhost.bad_token_refused');
        return refuse(401, 'Unauthorized');
      }
      wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
    } catch (err) {
      log.warn('devhost.upgrade_failed', { code: errorCode(err) });
      refuse(400, 'Bad Request');
    }
  });

  function onConnection(ws: WebSocket) {
    const controller = new AbortController();
    let inFlight = 0;
    const send = (data: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify(data), (err) => {
        if (err) log.warn('devhost.ws_send_failed', { code: errorCode(err) });
      });
    };
    /** A reply always reaches the client: one that cannot be encoded becomes an `internal` error. */
    const reply = (id: string | number | null, body: unknown) => {
      try {
        send({ id, reply: body });
      } catch (err) {
        log.error('devhost.reply_unencodable', { code: errorCode(err) });
        send({ id, reply: { ok: false, error: { code: 'internal', message: 'The reply could not be encoded.' } } });
      }
    };
    const unsubscribe = opts.core.events.subscribe((event, payload) => {
      try {
        send({ event, payload });
      } catch (err) {
        log.warn('devhost.ws_event_failed', { code: errorCode(err) });
      }
    });
    // A protocol error (oversized, invalid UTF-8, unmasked, reserved opcode or bits): ws has stopped reading and
    // sent the close code RFC 6455 names (1009, 1007, 1002), and drops the socket if the peer does not answer in
    // 30 s; a reset destroys the socket at once. This connection ends, nothing else does.
    ws.on('error', (err) => log.warn('devhost.ws_error', { code: errorCode(err) }));
    ws.on('close', () => {
      controller.abort();
      unsubscribe();
    });
    // At most MAX_IN_FLIGHT requests are handled at once, in arrival order; the rest wait here, and while any wait
    // the socket is not read (what one read already brought in is all that can wait).
    const waiting: [RawData, boolean][] = [];
    const pump = () => {
      while (inFlight < MAX_IN_FLIGHT && waiting.length > 0) {
        const [data, isBinary] = waiting.shift()!;
        inFlight++;
        void handle(data, isBinary)
          .catch((err: unknown) => log.error('devhost.message_failed', { code: errorCode(err) }))
          .finally(() => {
            inFlight--;
            pump();
          });
      }
      if (inFlight + waiting.length >= MAX_IN_FLIGHT) ws.pause();
      else if (ws.isPaused && ws.readyState === ws.OPEN) ws.resume();
    };
    ws.on('message', (data, isBinary) => {
      waiting.push([data, isBinary]);
      pump();
    });

    async function handle(data: RawData, isBinary: boolean): Promise<void> {
      let msg: { id?: unknown; method?: unknown; params?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        msg = parseMessage(rawText(data)) as typeof msg;
        if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
      } catch {
        reply(null, {
          ok: false,
          error: { code: 'invalid_params', message: 'Malformed message: expected JSON {id, method, params}.' },
        });
        return;
      }
      const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
      const result = await opts.core.dispatch(msg.method, msg.params, {
        transport: 'websocket',
        signal: controller.signal,
      });
      reply(id, result);
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  const origin = `http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A text message's bytes as a string (ws has already checked that they are valid UTF-8). */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function deny(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text + '\n');
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse) {
  const found = resolveStatic(root, new URL(req.url ?? '/', 'http://x').pathname);
  if (found.status !== 200) return deny(res, found.status, found.reason);
  res.writeHead(200, {
    'Content-Type': found.contentType,
    ...SECURITY_HEADERS,
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  if (req.method === 'HEAD') return res.end();
  pipeline(createReadStream(found.file), res, (err) => {
    // A client going away mid-response is ordinary; anything else is logged by code. pipeline has closed both ends.
    if (err && errorCode(err) !== 'ERR_STREAM_PREMATURE_CLOSE')
      log.warn('devhost.static_failed', { code: errorCode(err) });
  });
}
