/**
 * The renderer is served from a privileged custom scheme, `app://bedside/`, instead of file:// — so it has a real
 * origin, the same strict CSP header as the dev host, and no access to arbitrary files.
 */
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS, resolveStatic } from '../../core/devhost/static.js';
import type { ElectronDeps } from './types.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bedside';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for URLs on our own app://bedside origin (URL.origin is "null" for custom schemes, so compare parts). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(protocol: ElectronDeps['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves files from `root` (dist/renderer) for app://bedside/...; anything else is refused. */
export async function serveAppRequest(root: string, requestUrl: string): Promise<Response> {
  if (!isAppUrl(requestUrl)) return new Response('Forbidden', { status: 403 });
  const url = new URL(requestUrl);
  const found = resolveStatic(root, url.pathname);
  if (found.status !== 200) return new Response(found.reason, { status: found.status });
  const body = await readFile(found.file);
  return new Response(body, { status: 200, headers: { 'Content-Type': found.contentType, ...SECURITY_HEADERS } });
}

export function handleAppProtocol(protocol: ElectronDeps['protocol'], root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request.url));
}
