/**
 * Builds the bridge object exposed to the renderer: exactly the contract's request methods plus `on` for events.
 * Each method resolves to a `Reply` envelope (never throws for API errors) because Error objects lose their fields
 * when crossing Electron's contextBridge; the renderer unwraps replies identically for IPC and WebSocket.
 */
import type { BedsideBridge, EventName, Reply } from './types.js';
import { isEventName, requestNames } from './contract.js';

export type RawCall = (method: string, params: unknown) => Promise<Reply>;
export type RawSubscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function createBridge(call: RawCall, subscribe: RawSubscribe): BedsideBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of requestNames) bridge[name] = (params: unknown) => call(name, params ?? {});
  bridge.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return subscribe(event, listener);
  };
  return Object.freeze(bridge) as unknown as BedsideBridge;
}
