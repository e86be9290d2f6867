/** IPC channel names shared by the Electron main process (ipc-host) and the preload. One place, both sides. */
import type { RequestName } from './contract.js';

export const REQUEST_CHANNEL_PREFIX = 'bedside:req:';
export const EVENT_CHANNEL = 'bedside:event';

export function requestChannel(name: RequestName): string {
  return REQUEST_CHANNEL_PREFIX + name;
}
