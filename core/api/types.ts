/**
 * Types derived from the contract. This is the only module the renderer imports from `core` (type-only).
 */
import type { z } from 'zod';
import type { events, requests, RequestName, EventName } from './contract.js';

export type { RequestName, EventName };
export type Params<K extends RequestName> = z.input<(typeof requests)[K]['params']>;
export type Result<K extends RequestName> = z.output<(typeof requests)[K]['result']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;
export type BuildInfo = Result<'app.info'>;

/** Error codes every transport can return. */
export type ApiErrorCode =
  | 'invalid_params'
  | 'unknown_method'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'unavailable'
  | 'cancelled'
  | 'internal';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** For invalid_params: which fields were wrong and why (no values are echoed back). */
  issues?: { path: string; message: string }[];
}

/** What goes over the wire for one request. */
export type Reply<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };

/** What the preload exposes as `window.bedside` (and the WebSocket transport mimics): replies, not exceptions. */
export type BedsideBridge = {
  [K in RequestName]: (params: Params<K>) => Promise<Reply<Result<K>>>;
} & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
};

/** The typed client the UI code uses, identical over IPC and WebSocket: resolves results, rejects on errors. */
export type BedsideApi = {
  [K in RequestName]: (params: Params<K>) => Promise<Result<K>>;
} & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
};
