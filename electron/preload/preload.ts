/**
 * The one preload. It exposes exactly one global, `window.bedside`, holding only the API contract's methods and
 * `on` for contract events. No raw ipcRenderer, no Node APIs reach the page. Bundled to dist/electron/preload.cjs
 * (sandboxed preloads cannot load other files).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../../core/api/client.js';
import { isEventName, isRequestName, type EventName } from '../../core/api/contract.js';
import { EVENT_CHANNEL, requestChannel } from '../../core/api/ipc-channels.js';
import type { Reply } from '../../core/api/types.js';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const bridge = createBridge(
  (method, params) => {
    if (!isRequestName(method))
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
    return ipcRenderer.invoke(requestChannel(method), params) as Promise<Reply>;
  },
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
);

contextBridge.exposeInMainWorld('bedside', bridge);
