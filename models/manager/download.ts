/**
 * Resumable HTTP(S) download into a `.part` file: Range requests continue where a cut connection left off,
 * idle timeouts and retries with backoff, redirects, and a proxy from the environment (HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY; CONNECT tunnel for https). The sha256 is computed while writing (over the resumed prefix too).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync, truncateSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Socket } from 'node:net';

export class DownloadError extends Error {
  constructor(
    message: string,
    public readonly code: 'not_found' | 'http' | 'timeout' | 'network' | 'size' | 'cancelled' | 'proxy',
    public readonly retryable = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface Progress {
  bytes: number;
  total: number;
  /** Bytes per second over the last second or so. */
  rate: number;
  /** Seconds left at that rate, or null when unknown. */
  etaSec: number | null;
}

export interface DownloadOptions {
  expectedSize: number;
  /** Idle timeout: no byte for this long aborts the attempt. Default 30 s. */
  timeoutMs?: number;
  /** Attempts after the first. Default 4. */
  retries?: number;
  /** Backoff base in ms (doubles per attempt). Default 1000. */
  backoffMs?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onProgress?: (p: Progress) => void;
}

/** Redacts credentials and query strings from a URL before it is shown. */
export function displayUrl(u: string): string {
  try {
    const url = new URL(u);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const host = target.hostname.toLowerCase();
  if (host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]') return undefined;
  if (noProxy.some((n) => n === '*' || host === n.replace(/^\./, '') || host.endsWith(n.startsWith('.') ? n : `.${n}`)))
    return undefined;
  const raw =
    target.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!raw) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new DownloadError('the proxy setting in the environment is not a valid URL', 'proxy');
  }
}

function connectTunnel(proxy: URL, target: URL, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `${target.hostname}:${target.port || 443}` };
    if (proxy.username)
      headers['proxy-authorization'] =
        'Basic ' +
        Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64');
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: `${target.hostname}:${target.port || 443}`,
      headers,
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(new DownloadError('the proxy did not answer in time', 'timeout', true)),
    );
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new DownloadError(`the proxy refused the connection (HTTP ${res.statusCode})`, 'proxy'));
      } else resolve(socket);
    });
    req.on('error', (e) =>
      reject(e instanceof DownloadError ? e : new DownloadError('cannot reach the proxy', 'proxy', true)),
    );
    req.end();
  });
}

interface Attempt {
  status: number;
  headers: http.IncomingHttpHeaders;
  res: http.IncomingMessage;
}

async function request(
  url: URL,
  headers: Record<string, string>,
  o: Required<Pick<DownloadOptions, 'timeoutMs'>> & DownloadOptions,
): Promise<Attempt> {
  const proxy = proxyFor(url, o.env);
  const isHttps = url.protocol === 'https:';
  let options: https.RequestOptions = {
    host: url.hostname,
    port: url.port || (isHttps ? 443 : 80),
    path: url.pathname + url.search,
    method: 'GET',
    headers: { 'user-agent': 'Bedside-model-manager', ...headers },
  };
  if (proxy && !isHttps) {
    options = {
      ...options,
      host: proxy.hostname,
      port: proxy.port || 80,
      path: url.href,
      headers: { ...options.headers, host: url.host },
    };
  } else if (proxy && isHttps) {
    const socket = await connectTunnel(proxy, url, o.timeoutMs);
    options = { ...options, createConnection: () => tls.connect({ socket, servername: url.hostname }) };
  }
  const lib = isHttps ? https : http;
  return new Promise<Attempt>((resolve, reject) => {
    const req = lib.request(options, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, res }));
    req.setTimeout(o.timeoutMs, () =>
      req.destroy(new DownloadError('the server did not answer in time', 'timeout', true)),
    );
    req.on('error', (e) =>
      reject(
        e instanceof DownloadError
          ? e
          : new DownloadError(
              `network error (${(e as NodeJS.ErrnoException).code ?? 'connection failed'})`,
              'network',
              true,
            ),
      ),
    );
    const onAbort = () => req.destroy(new DownloadError('download cancelled', 'cancelled'));
    if (o.signal?.aborted) onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => o.signal?.removeEventListener('abort', onAbort));
    req.end();
  });
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Downloads `url` into `partPath`, resuming from what is already there. Resolves with the sha256 (hex) of the
 * complete file. Throws DownloadError with a clear message otherwise (the .part file is kept for a later resume,
 * except when it turned out larger than expected).
 */
export async function download(url: string, partPath: string, opts: DownloadOptions): Promise<string> {
  const o = { timeoutMs: 30_000, retries: 4, backoffMs: 1000, ...opts };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DownloadError('the download URL is not valid', 'http');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new DownloadError('only http and https URLs can be downloaded', 'http');
  let lastErr: DownloadError | undefined;
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (o.signal?.aborted) throw new DownloadError('download cancelled', 'cancelled');
    if (attempt > 0) await sleep(o.backoffMs * 2 ** (attempt - 1), o.signal);
    try {
      return await once(target, partPath, o);
    } catch (err) {
      const e = err instanceof DownloadError ? err : new DownloadError('network error', 'network', true);
      if (!e.retryable) throw e;
      lastErr = e;
    }
  }
  throw new DownloadError(
    `${lastErr?.message ?? 'download failed'} (gave up after ${o.retries + 1} attempts)`,
    lastErr?.code ?? 'network',
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new DownloadError('download cancelled', 'cancelled'));
      },
      { once: true },
    );
  });
}

async function once(start: URL, partPath: string, o: DownloadOptions & { timeoutMs: number }): Promise<string> {
  let have = sizeOf(partPath);
  if (have > o.expectedSize) {
    truncateSync(partPath, 0);
    have = 0;
  }
  const hash = createHash('sha256');
  if (have === o.expectedSize) {
    await hashFile(partPath, hash);
    return hash.digest('hex');
  }
  let url = start;
  let a: Attempt | undefined;
  for (let hops = 0; hops <= 5; hops++) {
    a = await request(url, have > 0 ? { range: `bytes=${have}-` } : {}, o);
    if (a.status >= 300 && a.status < 400 && a.headers.location) {
      a.res.resume();
      url = new URL(a.headers.location, url);
      continue;
    }
    break;
  }
  if (!a) throw new DownloadError('too many redirects', 'http');
  const { status, res } = a;
  if (status === 404 || status === 410) {
    res.resume();
    throw new DownloadError(
      `the file was not found on the server (HTTP ${status}): ${displayUrl(url.href)}`,
      'not_found',
    );
  }
  if (status === 416 && have > 0) {
    // Nothing left to send: the part file is complete (or wrong; the checksum decides).
    res.resume();
    await hashFile(partPath, hash);
    return hash.digest('hex');
  }
  if (status >= 500 || status === 429 || status === 408) {
    res.resume();
    throw new DownloadError(`the server failed (HTTP ${status})`, 'http', true);
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new DownloadError(`the server refused the download (HTTP ${status}): ${displayUrl(url.href)}`, 'http');
  }
  let offset = 0;
  if (status === 206) {
    const m = /^bytes (\d+)-/.exec(String(a.headers['content-range'] ?? ''));
    offset = m ? Number(m[1]) : -1;
    if (offset !== have) {
      res.resume();
      truncateSync(partPath, 0);
      throw new DownloadError('the server resumed at the wrong offset', 'http', true);
    }
    await hashFile(partPath, hash);
  } else if (have > 0) truncateSync(partPath, 0); // server ignored the Range header: start over
  const out = createWriteStream(partPath, { flags: offset > 0 ? 'a' : 'w' });
  let bytes = offset;
  let windowStart = performance.now();
  let windowBytes = 0;
  let rate = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < 200) return;
    lastReport = now;
    o.onProgress?.({
      bytes,
      total: o.expectedSize,
      rate: Math.round(rate),
      etaSec: rate > 0 ? Math.round((o.expectedSize - bytes) / rate) : null,
    });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      // The first failure wins: destroying the response also fires 'aborted'/'close', which must not mask it.
      let failure: DownloadError | undefined;
      const fail = (e: DownloadError) => {
        failure ??= e;
        res.destroy(e);
      };
      const cut = () => reject(failure ?? new DownloadError('the connection was cut', 'network', true));
      res.setTimeout(o.timeoutMs, () => fail(new DownloadError('the download stalled (timeout)', 'timeout', true)));
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > o.expectedSize) {
          fail(new DownloadError('the server sent more data than the catalogue size', 'size'));
          return;
        }
        hash.update(chunk);
        if (!out.write(chunk)) {
          res.pause();
          out.once('drain', () => res.resume());
        }
        windowBytes += chunk.length;
        const now = performance.now();
        if (now - windowStart >= 1000) {
          rate = (windowBytes * 1000) / (now - windowStart);
          windowStart = now;
          windowBytes = 0;
        } else if (rate === 0 && now - windowStart > 100) rate = (windowBytes * 1000) / (now - windowStart);
        report();
      });
      res.on('end', () => resolve());
      res.on('error', cut);
      res.on('aborted', cut);
      res.on('close', () => {
        if (!res.complete) cut();
      });
    });
  } catch (err) {
    await new Promise<void>((r) => out.end(() => r()));
    if (err instanceof DownloadError) {
      if (err.code === 'size') truncateSync(partPath, 0);
      throw err;
    }
    throw new DownloadError('the connection was cut', 'network', true);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  report(true);
  if (bytes !== o.expectedSize)
    throw new DownloadError(`the download ended early (${bytes} of ${o.expectedSize} bytes)`, 'network', true);
  return hash.digest('hex');
}
