/**
 * Permissions: the microphone (audio capture only — never the camera or the screen) is granted to our own
 * app://bedside page in its main frame, and every other permission request or check is refused.
 */
import type { Session } from 'electron';
import { isAppUrl } from '../protocol.js';

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

interface MediaDetails {
  mediaTypes?: string[];
  requestingUrl?: string;
  isMainFrame?: boolean;
}

export function isAllowedMediaRequest(permission: string, requestingUrl: string, details: MediaDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingUrl)) return false;
  if (details.isMainFrame === false) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}

export function allowMicrophoneForOwnPage(session: PermissionSession): void {
  session.setPermissionRequestHandler((wc, permission, callback, details) => {
    const d = details as MediaDetails;
    callback(isAllowedMediaRequest(permission, d.requestingUrl ?? wc.getURL(), d));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => {
    if (permission !== 'media') return false;
    const d = details as { mediaType?: string; securityOrigin?: string };
    return isAppUrl(requestingOrigin || d.securityOrigin || '') && d.mediaType !== 'video';
  });
}
