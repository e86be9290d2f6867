/**
 * A loopback OpenAI-compatible inference server for tests (plain http, or https with a test CA made at test time by
 * `makeTestCa`). Each chat request takes the next scripted behaviour (`script`); with none left it streams
 * `defaultPieces` as server-sent events. Behaviours: SSE or NDJSON streams written in chunks of any byte size (so
 * pieces split mid-token and mid-UTF-8 character), with CRLF line ends, keep-alive comments and malformed lines;
 * any status with headers (401, 403, 429 + Retry-After, 503 loading); a stream that stalls; headers that never come;
 * a stream cut off mid-answer. Also GET /v1/models (Ollama: /api/tags) and POST /v1/audio/transcriptions (multipart,
 * verbose_json).
 *
 * Events: 'request' (a request arrived), 'streaming' (the first bytes of a stream were written), 'client-closed'
 * (the client closed a connection while its answer was still open) — tests wait for these, never for time.
 */
import { execFileSync } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Behaviour =
  | {
      kind: 'sse';
      pieces: string[];
      /** Bytes per write (1: every byte alone). Default: one write per event. */
      chunk?: number;
      crlf?: boolean;
      /** A ': keep-alive' comment before every event. */
      comments?: boolean;
      /** Lines of garbage written before the first event. */
      malformed?: number;
      finish?: 'stop' | 'length';
      /** A final usage chunk with completion_tokens. */
      usage?: number;
      /** Whether `data: [DONE]` ends the stream (default true). */
      done?: boolean;
    }
  | {
      kind: 'ndjson';
      pieces: string[];
      chunk?: number;
      malformed?: number;
      finish?: 'stop' | 'length';
      evalCount?: number;
    }
  | { kind: 'json'; body: unknown; status?: number; headers?: Record<string, string> }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Writes the pieces as SSE, then nothing more: the connection stays open. */
  | { kind: 'stall'; pieces: string[] }
  /** Never sends the response headers. */
  | { kind: 'no-headers' }
  /** Writes the pieces as SSE, then destroys the socket without [DONE]. */
  | { kind: 'cut'; pieces: string[] };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** JSON bodies parsed; others undefined. */
  json: Record<string, unknown> | undefined;
  /** Multipart uploads: the fields and the file's size and first bytes. */
  form?: { fields: Record<string, string>; fileName: string; fileBytes: number; fileHead: string };
}

export interface TranscriptionSegment {
  start: number;
  end: number;
  text: string;
  no_speech_prob?: number;
  avg_logprob?: number;
}

export interface OpenAiTestServer extends EventEmitter {
  /** Base URL, e.g. http://127.0.0.1:PORT or https://localhost:PORT. */
  url: string;
  requests: RecordedRequest[];
  /** Behaviours for the next chat requests, in order. */
  script(...b: Behaviour[]): void;
  /** What the next GET /v1/models answers instead of the model list. */
  listing(next: Behaviour): void;
  /** What POST /v1/audio/transcriptions answers next (a behaviour, or segments as verbose_json). */
  transcription(next: Behaviour | { segments: TranscriptionSegment[]; language?: string }): void;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export interface OpenAiTestServerOptions {
  /** Requests need `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** Models listed by GET /v1/models. */
  models?: string[];
  /** Default streamed answer. */
  defaultPieces?: string[];
  /** https with this key and certificate (from makeTestCa). */
  tls?: { key: string; cert: string };
}

function chatChunk(content: string | null, finish: string | null, usage?: number): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    model: 'test',
    choices:
      usage === undefined ? [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }] : [],
    ...(usage !== undefined
      ? { usage: { prompt_tokens: 10, completion_tokens: usage, total_tokens: usage + 10 } }
      : {}),
  });
}

function sseText(b: Extract<Behaviour, { kind: 'sse' }>): string {
  const nl = b.crlf ? '\r\n' : '\n';
  const events: string[] = [];
  for (let i = 0; i < (b.malformed ?? 0); i++) events.push(`data: {not json ${i}${nl}${nl}`);
  const ev = (data: string) => (b.comments ? `: keep-alive${nl}` : '') + `data: ${data}${nl}${nl}`;
  events.push(ev(chatChunk('', null)));
  for (const p of b.pieces) events.push(ev(chatChunk(p, null)));
  events.push(ev(chatChunk(null, b.finish ?? 'stop')));
  if (b.usage !== undefined) events.push(ev(chatChunk(null, null, b.usage)));
  if (b.done !== false) events.push(ev('[DONE]'));
  return events.join('');
}

function ndjsonText(b: Extract<Behaviour, { kind: 'ndjson' }>): string {
  const lines: string[] = [];
  for (let i = 0; i < (b.malformed ?? 0); i++) lines.push(`{oops ${i}`);
  for (const p of b.pieces)
    lines.push(JSON.stringify({ model: 'test', message: { role: 'assistant', content: p }, done: false }));
  lines.push(
    JSON.stringify({
      model: 'test',
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: b.finish ?? 'stop',
      ...(b.evalCount !== undefined ? { eval_count: b.evalCount } : {}),
    }),
  );
  return lines.join('\n') + '\n';
}

/** Writes bytes in chunks of `size`, yielding to the event loop between writes so they leave as separate packets. */
async function writeChunked(res: ServerResponse, data: Buffer, size: number | undefined): Promise<void> {
  const step = size ?? data.length;
  for (let i = 0; i < data.length && !res.destroyed; i += step) {
    res.write(data.subarray(i, i + step));
    await new Promise<void>((r) => setImmediate(r));
  }
}

/** Minimal multipart/form-data reader (test uploads only). */
function parseMultipart(body: Buffer, contentType: string): RecordedRequest['form'] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return undefined;
  const delim = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  let fileName = '';
  let fileBytes = 0;
  let fileHead = '';
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the boundary and before the next one
    const sep = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, sep).toString('utf8');
    const content = part.subarray(sep + 4);
    const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
    const file = /filename="([^"]*)"/.exec(head)?.[1];
    if (file !== undefined) {
      fileName = file;
      fileBytes = content.length;
      fileHead = content.subarray(0, 4).toString('latin1');
    } else fields[name] = content.toString('utf8');
    pos = next;
  }
  return { fields, fileName, fileBytes, fileHead };
}

export async function startOpenAiServer(opts: OpenAiTestServerOptions = {}): Promise<OpenAiTestServer> {
  const emitter = new EventEmitter() as OpenAiTestServer;
  const queue: Behaviour[] = [];
  const listings: Behaviour[] = [];
  const transcriptions: (Behaviour | { segments: TranscriptionSegment[]; language?: string })[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const play = async (b: Behaviour, req: IncomingMessage, res: ServerResponse) => {
    // The client going away while the answer is still open.
    res.on('close', () => {
      if (!res.writableEnded) emitter.emit('client-closed');
    });
    switch (b.kind) {
      case 'status':
        res.writeHead(b.status, { 'content-type': 'application/json', ...b.headers });
        res.end(b.body ?? JSON.stringify({ error: { message: `status ${b.status}`, code: b.status } }));
        return;
      case 'json':
        sendJson(res, b.status ?? 200, b.body, b.headers);
        return;
      case 'no-headers':
        emitter.emit('streaming');
        return;
      case 'sse':
      case 'stall':
      case 'cut': {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.flushHeaders();
        if (b.kind === 'sse') {
          const text = Buffer.from(sseText(b), 'utf8');
          emitter.emit('streaming');
          await writeChunked(res, text, b.chunk);
          res.end();
          return;
        }
        const partial = sseText({ kind: 'sse', pieces: b.pieces, done: false }).split('\n\n');
        // Everything but the finishing event: the answer is visibly unfinished.
        res.write(partial.slice(0, 1 + b.pieces.length).join('\n\n') + '\n\n');
        emitter.emit('streaming');
        if (b.kind === 'cut') req.socket.destroy();
        return;
      }
      case 'ndjson': {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.flushHeaders();
        emitter.emit('streaming');
        await writeChunked(res, Buffer.from(ndjsonText(b), 'utf8'), b.chunk);
        res.end();
        return;
      }
    }
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0]!;
    const type = String(req.headers['content-type'] ?? '');
    let json: Record<string, unknown> | undefined;
    if (type.includes('application/json'))
      try {
        json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
    const rec: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, json };
    if (type.startsWith('multipart/form-data')) {
      const form = parseMultipart(raw, type);
      if (form) rec.form = form;
    }
    requests.push(rec);
    emitter.emit('request', rec);
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      sendJson(res, 401, { error: { message: 'Invalid API key', type: 'invalid_request_error', code: 401 } });
      return;
    }
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      const next = listings.shift();
      if (next) return play(next, req, res);
      sendJson(res, 200, {
        object: 'list',
        data: (opts.models ?? ['test-model']).map((id) => ({ id, object: 'model', owned_by: 'test' })),
      });
      return;
    }
    if (req.method === 'GET' && path === '/api/tags') {
      sendJson(res, 200, { models: (opts.models ?? ['test-model']).map((name) => ({ name, model: name })) });
      return;
    }
    if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/api/chat')) {
      const ollama = path === '/api/chat';
      const next = queue.shift();
      const pieces = opts.defaultPieces ?? ['Hello', ' world'];
      await play(next ?? (ollama ? { kind: 'ndjson', pieces } : { kind: 'sse', pieces }), req, res);
      return;
    }
    if (req.method === 'POST' && path === '/v1/audio/transcriptions') {
      const next = transcriptions.shift() ?? { segments: [] };
      if ('kind' in next) await play(next, req, res);
      else
        sendJson(res, 200, {
          task: 'transcribe',
          language: next.language ?? 'english',
          duration: next.segments.at(-1)?.end ?? 0,
          text: next.segments.map((s) => s.text).join(''),
          segments: next.segments.map((s, id) => ({ id, seek: 0, no_speech_prob: 0.01, avg_logprob: -0.2, ...s })),
        });
      return;
    }
    sendJson(res, 404, { error: { message: 'Not found', code: 404 } });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch(() => res.destroy());
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest)
    : http.createServer(onRequest);
  server.on(opts.tls ? 'secureConnection' : 'connection', () => accepted++);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  emitter.url = `${opts.tls ? 'https://localhost' : 'http://127.0.0.1'}:${port}`;
  emitter.requests = requests;
  emitter.script = (...b) => queue.push(...b);
  emitter.listing = (next) => listings.push(next);
  emitter.transcription = (next) => transcriptions.push(next);
  emitter.connections = () => accepted;
  emitter.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return emitter;
}

export interface TestCa {
  /** The CA certificate (PEM) clients trust. */
  caPem: string;
  /** Server key and certificate for the name localhost only (so https://127.0.0.1 is a host-name mismatch). */
  key: string;
  cert: string;
}

/** Whether openssl is on PATH (the TLS tests need it to make a throw-away CA). */
export function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A throw-away CA and a localhost server certificate (EC P-256, valid 2 days), made with openssl in a temp dir. */
export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'bedside-test-ca-'));
  try {
    const f = (n: string) => join(dir, n);
    const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=Bedside Test CA',
    );
    ssl('req', ...ec, '-keyout', f('srv.key'), '-out', f('srv.csr'), '-subj', '/CN=localhost');
    writeFileSync(
      f('ext.cnf'),
      'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    ssl(
      'x509',
      '-req',
      '-in',
      f('srv.csr'),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f('srv.pem'),
      '-days',
      '2',
      '-extfile',
      f('ext.cnf'),
    );
    return {
      caPem: readFileSync(f('ca.pem'), 'utf8'),
      key: readFileSync(f('srv.key'), 'utf8'),
      cert: readFileSync(f('srv.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
