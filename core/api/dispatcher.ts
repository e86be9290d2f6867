/**
 * Turns the contract plus a set of handlers into one `dispatch(method, params)` function that every transport calls.
 * Input is validated at this boundary; a bad request becomes a typed error reply, never an exception in the host.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { isRequestName, requests, type RequestName } from './contract.js';
import { ApiError } from './errors.js';
import { apiErrorOfStore } from './store-errors.js';
import { Operations } from './operations.js';
import type { Reply, Result } from './types.js';
import { log } from '../platform/log.js';

export type Transport = 'ipc' | 'websocket' | 'cli';

export interface CallContext {
  transport: Transport;
  /** Aborted when the caller goes away (window closed, socket dropped, Ctrl-C). */
  signal?: AbortSignal;
}

export type Handlers = {
  [K in RequestName]: (
    params: z.output<(typeof requests)[K]['params']>,
    ctx: CallContext,
  ) => Promise<Result<K>> | Result<K>;
};

export type Dispatch = (method: unknown, params: unknown, ctx: CallContext) => Promise<Reply>;

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(params)' : path.map(String).join('.');
}

export function createDispatcher(handlers: Handlers, operations: Operations = new Operations()): Dispatch {
  return async (method, params, ctx) => {
    if (!isRequestName(method)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.` },
      };
    }
    const spec = requests[method];
    const parsed = spec.params.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
      return {
        ok: false,
        error: {
          code: 'invalid_params',
          message: `Invalid parameters for ${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      };
    }
    try {
      const handler = handlers[method] as (p: unknown, c: CallContext) => unknown;
      // A call naming an operationId can be cancelled by app.cancel (which names the id of another call).
      const opId = method === 'app.cancel' ? undefined : (parsed.data as { operationId?: unknown }).operationId;
      const result =
        typeof opId === 'string'
          ? await operations.run(opId, ctx.signal, (signal) =>
              Promise.resolve(handler(parsed.data, { ...ctx, signal })),
            )
          : await handler(parsed.data, ctx);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toShape() };
      const named = apiErrorOfStore(err);
      if (named) return { ok: false, error: named.toShape() };
      // Unexpected failures: the message may carry data, so only a reference and the error class are logged.
      const ref = randomBytes(4).toString('hex');
      log.error('api.internal_error', { method, ref, error: err instanceof Error ? err.name : typeof err });
      return { ok: false, error: { code: 'internal', message: `Internal error in ${method} (reference ${ref}).` } };
    }
  };
}
