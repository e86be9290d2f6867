/**
 * Builds the typed client object (`BedsideApi`) from a raw `call` function. Used by the Electron preload,
 * which needs a plain object with exactly the contract's methods (contextBridge cannot expose a Proxy).
 */
import { ApiCallError } from './errors.js';
import type { BedsideApi, EventName, Reply } from './types.js';
import { requestNames, isEventName } from './contract.js';

export type RawCall = (method: string, params: unknown) => Promise<Reply>;
export type RawSubscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function createClient(call: RawCall, subscribe: RawSubscribe): BedsideApi {
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    api[name] = async (params: unknown) => {
      const reply = await call(name, params ?? {});
      if (reply.ok) return reply.result;
      throw new ApiCallError(name, reply.error);
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return subscribe(event, listener);
  };
  return Object.freeze(api) as unknown as BedsideApi;
}
