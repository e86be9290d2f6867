/**
 * HTTP plumbing shared by the SMART and FHIR clients: HTTPS required except on loopback, a time limit per request,
 * a byte limit on every response body (counted while streaming, not trusted from headers), and JSON parsing that
 * turns malformed input into a clear error. Nothing here logs bodies, URLs with query strings or headers.
 */
import { isLoopbackHost } from '../platform/loopback.js';
import { EhrError } from './errors.js';

export type FetchLike = typeof fetch;

export interface HttpOptions {
  fetch?: FetchLike;
  /** Per-request time limit (default 20 s). */
  timeoutMs?: number;
  /** Largest accepted response body (default 8 MiB). */
  maxBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Parses and checks a server URL: https, or http on a loopback address only (RFC 8252 / SMART: tokens never cross
 * a network in clear text). No user:password part, no fragment.
 */
export function secureUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EhrError('config', `${what} is not a valid URL`);
  }
  if (url.username || url.password) throw new EhrError('config', `${what} must not contain a user name or password`);
  if (url.protocol === 'https:') return url;
  // Loopback is the one rule of core/platform/loopback.ts (127.0.0.0/8, ::1 in any spelling, localhost).
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === 'http:')
    throw new EhrError('config', `${what} must use https (plain http is allowed only on this computer's loopback)`);
  throw new EhrError('config', `${what} must be an https URL`);
}

/** Host (and port) of a URL, for messages: never the path or query, which may carry ids. */
export function hostOf(url: string | URL): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body as text (UTF-8), at most maxBytes bytes. */
  text: string;
  url: string;
}

/** Reads a body up to `maxBytes`, cancelling the stream when the limit is passed. */
async function readLimited(res: Response, maxBytes: number, host: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new EhrError('hostile', `the response from ${host} is too large (${declared} bytes, limit ${maxBytes})`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new EhrError('hostile', `the response from ${host} is too large (over ${maxBytes} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface RequestInit2 {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Follow redirects (default: no; a redirect is returned as is). */
  redirect?: 'follow' | 'manual';
}

/** One HTTP request with time and size limits. Network failures and timeouts become `unavailable` errors. */
export async function httpRequest(url: string, init: RequestInit2, opts: HttpOptions = {}): Promise<HttpResponse> {
  const host = hostOf(url);
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: init.method ?? 'GET',
        headers: init.headers,
        body: init.body,
        redirect: init.redirect ?? 'manual',
        signal: controller.signal,
      });
    } catch (err) {
      if (controller.signal.aborted)
        throw new EhrError('unavailable', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s`);
      const code = (err as { cause?: { code?: string } }).cause?.code;
      throw new EhrError('unavailable', `cannot reach ${host}${code ? ` (${code})` : ''}`);
    }
    let text: string;
    try {
      text = await readLimited(res, opts.maxBytes ?? DEFAULT_MAX_BYTES, host);
    } catch (err) {
      if (err instanceof EhrError) throw err;
      if (controller.signal.aborted)
        throw new EhrError('unavailable', `${host} did not finish answering within ${Math.round(timeoutMs / 1000)} s`);
      throw new EhrError('unavailable', `the connection to ${host} broke while reading the answer`);
    }
    return { status: res.status, headers: res.headers, text, url: res.url || url };
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a JSON object body; anything else (malformed JSON, arrays, scalars) is a `hostile` error. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EhrError('hostile', `${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new EhrError('hostile', `${what} is not a JSON object`);
  return value as Record<string, unknown>;
}
