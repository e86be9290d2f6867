/**
 * HTTP to the clinic's inference server, shared by the chat client (server.ts), the transcription client
 * (transcribe-server.ts) and the connection test (core/engines/server-api.ts).
 *
 * - Only https, except on loopback (127.0.0.0/8, ::1, localhost): any other http URL is refused before a socket is
 *   opened (EngineError 'refused-url').
 * - An organisation CA (PEM) is trusted in addition to the system roots.
 * - Timeouts: connecting, waiting for the response headers, and (streams) no bytes for `stallMs`.
 * - 503 (model loading / overloaded) is retried with backoff up to `maxLoadingWaitMs`; 429 is retried when the
 *   server's Retry-After is at most `maxRetryAfterMs`, otherwise reported.
 * - Cancel by AbortSignal destroys the request, which closes the socket.
 *
 * Node's own http/https modules are used (no fetch): they take a CA per agent and report socket errors by code.
 * Nothing here logs or reports request or response bodies (patient text) or the API key.
 */
import { readFileSync, statSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { log } from '../../core/platform/log.js';
import { isLoopbackHost } from '../../core/platform/loopback.js';
import { EngineError } from '../../core/engines/types.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface ServerConnectionOptions {
  /** Base URL of the server, e.g. https://inference.clinic.example:8000 or …/v1 (Ollama native: …/api). */
  url: string;
  /** Bearer token; kept in memory only, never logged or put in an error. */
  apiKey?: string;
  /** The organisation's CA certificate(s), PEM, trusted besides the system roots. */
  caPem?: string | Buffer;
  /** Time allowed to open the TCP connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time allowed until the response headers arrive. Default 120 s. */
  timeoutMs?: number;
  /** A stream that sends nothing for this long has stalled. Default 60 s. */
  stallMs?: number;
  /** Longest total wait for a server answering 503 (model loading). Default 120 s. */
  maxLoadingWaitMs?: number;
  /** Longest Retry-After of a 429 that is waited for (once or twice); longer ones are reported. Default 30 s. */
  maxRetryAfterMs?: number;
  /** The agent (tests, or a host sharing one); by default one of our own with the CA above. */
  agent?: http.Agent;
  /** Waiting between retries (injectable so tests need no real waits). */
  sleep?: Sleep;
}

/** 127.0.0.0/8, ::1 (and the IPv4-mapped ::ffff:127.x), or the name localhost: the one rule, core/platform/loopback.ts. */
export { isLoopbackHost };

/** What was read of each CA file, by path, with the file's identity then (re-read when any of it changes). */
const caCache = new Map<string, { mtimeNs: bigint; size: bigint; ino: bigint; pem: string }>();

/**
 * The organisation's CA file (policy inferenceCaFile) as text. Read once and kept by path; read again when the file's
 * modification time, size or inode changes (IT replaced the certificate), so a draft or transcription does not read
 * the disk each time. Throws the fs error when the file cannot be read (callers say so in words).
 */
export function readCaFile(path: string): string {
  const st = statSync(path, { bigint: true });
  const hit = caCache.get(path);
  if (hit && hit.mtimeNs === st.mtimeNs && hit.size === st.size && hit.ino === st.ino) return hit.pem;
  const pem = readFileSync(path, 'utf8');
  caCache.set(path, { mtimeNs: st.mtimeNs, size: st.size, ino: st.ino, pem });
  return pem;
}

/** The server URL, checked: http(s), no credentials, https unless loopback. Throws EngineError 'refused-url'. */
export function checkServerUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new EngineError('refused-url', 'The clinic server address is not a valid URL (e.g. https://host:8000).');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new EngineError('refused-url', `The clinic server address must start with https:// (not ${u.protocol}).`);
  if (u.username || u.password)
    throw new EngineError(
      'refused-url',
      'The clinic server address must not contain a user name or password; enter the API key separately.',
    );
  if (u.search || u.hash)
    throw new EngineError('refused-url', 'The clinic server address must not contain a query (?…) or fragment (#…).');
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
    throw new EngineError(
      'refused-url',
      `Refused to send patient text to ${u.host} over plain http: a clinic server must use https ` +
        '(plain http is allowed only for a server on this computer: localhost, 127.0.0.1, ::1).',
    );
  return u;
}

/** Joins the base URL and an API path: `/v1/...` paths drop a duplicate `/v1` the base already ends with. */
export function endpointUrl(base: URL, path: string): URL {
  const root = base.pathname.replace(/\/+$/, '');
  let p = path;
  if (root.endsWith('/v1') && p.startsWith('/v1/')) p = p.slice(3);
  if (root.endsWith('/api') && p.startsWith('/api/')) p = p.slice(4);
  const u = new URL(base.href);
  u.pathname = root + p;
  return u;
}

/** Where the server is, for messages: host and port only (never a path or key). */
export const where = (u: URL) => u.host;

/** A duration for a message: "150 ms", "30 s". */
export const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Where a network failure happened (the connection test reports each step). */
export type NetworkStage = 'dns' | 'connect' | 'tls' | 'reset' | 'other';

/** A network failure in words, with the step it failed at. */
export class ServerNetworkError extends EngineError {
  constructor(
    message: string,
    readonly stage: NetworkStage,
  ) {
    super('unavailable', message);
  }
}

/** A socket / TLS error in words (its code decides; no message text from elsewhere is passed through). */
export function networkError(err: unknown, u: URL): EngineError {
  if (err instanceof EngineError) return err;
  const code = (err as { code?: unknown })?.code;
  const host = where(u);
  const e = (stage: NetworkStage, message: string) => new ServerNetworkError(message, stage);
  switch (true) {
    case code === 'ECONNREFUSED':
      return e(
        'connect',
        `Could not connect to the clinic server at ${host}: connection refused (is the server running?).`,
      );
    case code === 'ENOTFOUND' || code === 'EAI_AGAIN':
      return e('dns', `The clinic server name ${u.hostname} could not be found (DNS).`);
    case code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT':
      return e('connect', `The clinic server at ${host} cannot be reached from this computer.`);
    case typeof code === 'string' && TLS_UNTRUSTED.has(code):
      return e(
        'tls',
        `The TLS certificate of ${host} is not signed by an authority this computer trusts. ` +
          "Ask IT for the organisation's CA certificate (machine policy inferenceCaFile).",
      );
    case code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID':
      return e('tls', `The TLS certificate of ${host} has expired or is not yet valid.`);
    case code === 'ERR_TLS_CERT_ALTNAME_INVALID':
      return e(
        'tls',
        `The TLS certificate of ${host} was issued for a different host name; use the name on the certificate.`,
      );
    case code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER':
      return e('tls', `${host} did not answer with TLS (is it a plain http port? Use the server's https address).`);
    case code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED':
      return e('reset', `The connection to the clinic server at ${host} was closed unexpectedly.`);
    default:
      return e(
        'other',
        `The clinic server at ${host} could not be reached` +
          (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code}).` : '.'),
      );
  }
}

/** Seconds or an HTTP date → milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const cancelled = () => new EngineError('cancelled', 'Cancelled.');

/** A real wait that an AbortSignal ends early (rejecting with 'cancelled'). */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface SendOptions {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  signal?: AbortSignal;
  /** Overrides the connection's header timeout (e.g. a whole transcription before the answer). */
  timeoutMs?: number;
}

/** A response whose status is final (not a 503/429 being retried); the caller reads or streams its body. */
export interface Sent {
  res: IncomingMessage;
  url: URL;
  /** Destroys the request and its socket. */
  destroy(): void;
}

export class ServerHttp {
  readonly base: URL;
  private readonly agent: http.Agent;
  private readonly ownAgent: boolean;
  private readonly sleep: Sleep;
  private closed = false;

  constructor(private readonly opts: ServerConnectionOptions) {
    this.base = checkServerUrl(opts.url);
    this.sleep = opts.sleep ?? realSleep;
    this.ownAgent = opts.agent === undefined;
    if (opts.agent) this.agent = opts.agent;
    else if (this.base.protocol === 'https:')
      this.agent = new https.Agent({
        keepAlive: true,
        maxSockets: 4,
        ...(opts.caPem ? { ca: [...rootCertificates, opts.caPem.toString()] } : {}),
      });
    else this.agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  get stallMs(): number {
    return this.opts.stallMs ?? 60_000;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ownAgent) this.agent.destroy();
  }

  /**
   * Sends one request, retrying 503 (loading) and short 429s. Resolves with any other status (the caller maps it:
   * see `statusError`); rejects with an EngineError for network failures, timeouts, cancel and exhausted retries.
   */
  async send(o: SendOptions): Promise<Sent> {
    const started = Date.now();
    const maxLoading = this.opts.maxLoadingWaitMs ?? 120_000;
    const maxRetryAfter = this.opts.maxRetryAfterMs ?? 30_000;
    let waited = 0;
    let loadingTries = 0;
    let limitedTries = 0;
    for (;;) {
      const sent = await this.once(o);
      const { res } = sent;
      const status = res.statusCode ?? 0;
      if (status !== 503 && status !== 429) return sent;
      const after = retryAfterMs(res.headers['retry-after']);
      res.resume(); // discard the body; the socket goes back to the agent
      if (status === 503) {
        const delay = after ?? Math.min(1000 * 2 ** loadingTries, 8000);
        loadingTries++;
        if (waited + delay > maxLoading) {
          const s = Math.round(Math.max(Date.now() - started, waited) / 1000);
          throw new EngineError(
            'loading',
            `The clinic server at ${where(sent.url)} is still loading the model or is busy (HTTP 503` +
              (s > 0 ? ` for ${s} s` : '') +
              '); try again in a minute.',
          );
        }
        log.info('llm.server_retry', { status, delayMs: delay, attempt: loadingTries });
        waited += delay;
        await this.sleep(delay, o.signal);
        continue;
      }
      limitedTries++;
      if (after === undefined || after > maxRetryAfter || limitedTries > 2)
        throw new EngineError(
          'rate-limited',
          `The clinic server at ${where(sent.url)} is limiting requests (HTTP 429)` +
            (after !== undefined ? `; it asks to wait ${Math.ceil(after / 1000)} s.` : '; try again shortly.'),
        );
      log.info('llm.server_retry', { status, delayMs: after, attempt: limitedTries });
      await this.sleep(after, o.signal);
    }
  }

  /** One request: resolves at the response headers. */
  private once(o: SendOptions): Promise<Sent> {
    if (this.closed) return Promise.reject(new EngineError('unavailable', 'The clinic server connection is closed.'));
    const url = endpointUrl(this.base, o.path);
    const signal = o.signal;
    if (signal?.aborted) return Promise.reject(cancelled());
    const headers: Record<string, string> = { accept: '*/*', ...o.headers };
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<Sent>((resolve, reject) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = mod.request(url, { method: o.method, headers, agent: this.agent });
      const fail = (e: EngineError) => {
        finish(() => reject(e));
        req.destroy();
      };
      const onAbort = () => fail(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      const headerMs = o.timeoutMs ?? this.opts.timeoutMs ?? 120_000;
      timers.push(
        setTimeout(
          () =>
            fail(
              new EngineError(
                'timeout',
                `The clinic server at ${where(url)} did not answer within ${duration(headerMs)}.`,
              ),
            ),
          headerMs,
        ),
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectMs = this.opts.connectTimeoutMs ?? 10_000;
        const t = setTimeout(
          () =>
            fail(
              new EngineError(
                'timeout',
                `Could not connect to the clinic server at ${where(url)} within ${duration(connectMs)}.`,
              ),
            ),
          connectMs,
        );
        timers.push(t);
        socket.once('connect', () => clearTimeout(t));
      });
      req.on('error', (err) => finish(() => reject(networkError(err, url))));
      req.on('response', (res) =>
        finish(() => {
          // A connection lost mid-body is reported by stream(); without a listener it would be an uncaught error.
          res.on('error', () => undefined);
          // After the headers, a cancel still ends the request (and its socket), until the response is over and the
          // socket may serve another request.
          if (signal && !signal.aborted) {
            const onLateAbort = () => req.destroy();
            signal.addEventListener('abort', onLateAbort, { once: true });
            res.once('close', () => signal.removeEventListener('abort', onLateAbort));
          }
          resolve({ res, url, destroy: () => req.destroy() });
        }),
      );
      req.end(o.body);
    });
  }

  /** Reads a whole (bounded) body. */
  readBody(sent: Sent, signal?: AbortSignal, maxBytes = 16 * 1024 * 1024): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    return this.stream(sent, signal, (chunk) => {
      size += chunk.length;
      if (size > maxBytes) throw new EngineError('bad-output', 'The clinic server sent a larger answer than expected.');
      chunks.push(chunk);
    }).then(() => Buffer.concat(chunks));
  }

  /**
   * Streams a body: `onChunk` gets the bytes as they arrive (it may throw to stop). Rejects with 'timeout' when
   * nothing arrives for `stallMs`, 'cancelled' on abort, 'unavailable' when the connection breaks.
   */
  stream(sent: Sent, signal: AbortSignal | undefined, onChunk: (chunk: Buffer) => void): Promise<void> {
    const { res, url } = sent;
    const stallMs = this.stallMs;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (err?: EngineError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (err) {
          sent.destroy();
          reject(err);
        } else resolve();
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            finish(
              new EngineError(
                'timeout',
                `The clinic server at ${where(url)} stopped sending for ${duration(stallMs)} in the middle of an answer.`,
              ),
            ),
          stallMs,
        );
      };
      const onAbort = () => finish(cancelled());
      if (signal?.aborted) return finish(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        arm();
        try {
          onChunk(chunk);
        } catch (err) {
          finish(
            err instanceof EngineError
              ? err
              : new EngineError('bad-output', 'The clinic server sent an answer Bedside could not read.'),
          );
        }
      });
      res.on('end', () => finish());
      res.on('aborted', () =>
        finish(new EngineError('unavailable', `The clinic server at ${where(url)} closed the connection mid-answer.`)),
      );
      res.on('error', (err) => finish(networkError(err, url)));
      res.on('close', () => {
        if (!res.complete)
          finish(
            new EngineError('unavailable', `The clinic server at ${where(url)} closed the connection mid-answer.`),
          );
      });
    });
  }
}

/**
 * A final non-2xx status in words. `body` (already read, bounded) only steers the choice of words: it may echo
 * patient text (validation errors often quote their input), so none of it is ever copied into the message.
 */
export function statusError(status: number, body: string, u: URL, model?: string): EngineError {
  const host = where(u);
  const b = body.toLowerCase();
  const m = model ? ` "${model}"` : '';
  if (status === 401)
    return new EngineError(
      'unauthorized',
      `The clinic server at ${host} did not accept the API key (HTTP 401). Check the key in Settings → Note engine.`,
    );
  if (status === 403)
    return new EngineError(
      'forbidden',
      `The clinic server at ${host} does not allow this key or computer to use the model${m} (HTTP 403).`,
    );
  if (status === 404)
    return b.includes('model')
      ? new EngineError('unavailable', `The clinic server at ${host} has no model${m} (HTTP 404).`)
      : new EngineError(
          'unavailable',
          `The clinic server at ${host} has no such endpoint (HTTP 404); check the address (e.g. https://host:8000/v1).`,
        );
  if (status === 413)
    return new EngineError('unavailable', `The request is too large for the clinic server at ${host} (HTTP 413).`);
  if ((status === 400 || status === 422) && /context|too long|maximum.*tokens|max_tokens|prompt.*length/.test(b))
    return new EngineError(
      'unavailable',
      `The visit is too long for the model${m} on the clinic server at ${host} (its context window is full).`,
    );
  if (status === 400 || status === 422)
    return new EngineError('unavailable', `The clinic server at ${host} refused the request (HTTP ${status}).`);
  return new EngineError('unavailable', `The clinic server at ${host} failed (HTTP ${status}).`);
}
