/**
 * The browser dev host: an HTTP server on the loopback interface that serves the built renderer and carries the API
 * contract over a WebSocket. It exists for UI development and end-to-end tests; the desktop app uses Electron IPC.
 *
 * Defences: binds to loopback only; a random per-run token is required on the WebSocket; the Origin of a browser
 * upgrade must be this server's own; the Host header must name this server (DNS-rebinding); strict CSP on pages.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../api/index.js';
import { log } from '../platform/log.js';
import { resolveStatic, SECURITY_HEADERS } from './static.js';

export interface DevHostOptions {
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); a random 256-bit one otherwise. */
  token?: string;
  maxMessageBytes?: number;
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

/** True for 127.0.0.0/8, ::1 and 'localhost'. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const kind = isIP(host);
  if (kind === 4) return host.split('.')[0] === '127';
  if (kind === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
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
  const bindHost = host === 'localhost' ? '127.0.0.1' : host;
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
    if (!allowedHosts().has(req.headers.host ?? '')) return deny(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
    serveStatic(staticDir, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes ?? 8 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
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
  });

  function onConnection(ws: WebSocket) {
    const controller = new AbortController();
    const unsubscribe = opts.core.events.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    ws.on('close', () => {
      controller.abort();
      unsubscribe();
    });
    ws.on('message', async (data, isBinary) => {
      let msg: { id?: unknown; method?: unknown; params?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(data.toString()) as typeof msg;
        if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
      } catch {
        ws.send(
          JSON.stringify({
            id: null,
            reply: {
              ok: false,
              error: { code: 'invalid_params', message: 'Malformed message: expected JSON {id, method, params}.' },
            },
          }),
        );
        return;
      }
      const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
      const reply = await opts.core.dispatch(msg.method, msg.params, {
        transport: 'websocket',
        signal: controller.signal,
      });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, reply }));
    });
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
  createReadStream(found.file).pipe(res);
}
