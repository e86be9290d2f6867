/**
 * Serving the built renderer, shared by the dev host (HTTP) and the Electron `app://` protocol handler:
 * one Content-Security-Policy, one MIME map, one path-containment check.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type StaticLookup =
  | { status: 200; file: string; contentType: string }
  | { status: 400 | 403 | 404; reason: string };

/**
 * Maps a URL path to a file under `root`. Paths escaping the root are refused; a path without an extension that
 * names no file falls back to index.html (client-side routes); a missing asset is a 404.
 */
export function resolveStatic(root: string, urlPath: string): StaticLookup {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, reason: 'Bad request' };
  }
  if (pathname.includes('\0')) return { status: 400, reason: 'Bad request' };
  let file = normalize(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) return { status: 403, reason: 'Forbidden' };
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(pathname)) return { status: 404, reason: 'Not found' };
    file = join(root, 'index.html');
    if (!existsSync(file)) return { status: 404, reason: 'Renderer not built: run npm run build' };
  }
  return { status: 200, file, contentType: TYPES[extname(file)] ?? 'application/octet-stream' };
}
