/**
 * The Electron IPC transport of the API contract: one `ipcMain.handle` per contract method, generated from the
 * contract. Requests from any sender other than our own window's top frame on app://bedside are refused.
 * This is the only file in the main process allowed to touch ipcMain.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { requestNames } from '../../core/api/contract.js';
import type { Dispatch } from '../../core/api/dispatcher.js';
import type { EventBus } from '../../core/api/events.js';
import { EVENT_CHANNEL, requestChannel } from '../../core/api/ipc-channels.js';
import type { Reply } from '../../core/api/types.js';
import { log } from '../../core/platform/log.js';
import { isAppUrl } from './protocol.js';
import type { ElectronDeps } from './types.js';

export type TrustedSender = (event: IpcMainInvokeEvent) => boolean;

/** Trusts only the given window's main frame, loaded from our own origin. */
export function trustOnly(getWebContents: () => WebContents | null): TrustedSender {
  return (event) => {
    const ours = getWebContents();
    if (!ours || event.sender !== ours) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isAppUrl(frame.url);
  };
}

const FORBIDDEN: Reply = { ok: false, error: { code: 'forbidden', message: 'Request refused: unknown sender.' } };

export function registerIpcHost(
  deps: Pick<ElectronDeps, 'ipcMain'>,
  dispatch: Dispatch,
  isTrusted: TrustedSender,
): () => void {
  const { ipcMain } = deps;
  for (const name of requestNames) {
    ipcMain.handle(requestChannel(name), async (event, params: unknown) => {
      if (!isTrusted(event)) {
        log.warn('ipc.untrusted_sender_refused', { method: name });
        return FORBIDDEN;
      }
      return dispatch(name, params, { transport: 'ipc' });
    });
  }
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(requestChannel(name));
  };
}

/** Forwards contract events from the core to the window. */
export function forwardEvents(events: EventBus, getWebContents: () => WebContents | null): () => void {
  return events.subscribe((name, payload) => {
    const wc = getWebContents();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
  });
}
