/**
 * Hardening applied to every web contents the app creates: no navigation away from our origin, no new windows
 * (http/https links open in the OS browser instead), no <webview>, no permissions except those granted explicitly,
 * and DevTools closed in packaged builds.
 */
import type { WebContents } from 'electron';
import { log } from '../../core/platform/log.js';
import { isAppUrl } from './protocol.js';
import type { ElectronDeps } from './types.js';

export function isExternalLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: WebContents, deps: Pick<ElectronDeps, 'shell'>, packaged: boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('security.navigation_blocked');
    if (isExternalLink(url)) void deps.shell.openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void deps.shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Deny every permission request (camera, geolocation, notifications...). The microphone is granted later, only to our own page. */
export function denyPermissions(session: ElectronDeps['session']['defaultSession']): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
