import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { createDispatcher, type Handlers } from '../../../core/api/dispatcher.js';
import { Operations } from '../../../core/api/operations.js';

const cli = { transport: 'cli' } as const;

/** A handler that runs until its signal is aborted, as a model install or a transcription does. */
function waitingHandlers(seen: { signal?: AbortSignal }) {
  return {
    'models.install': (_p: unknown, ctx: { signal?: AbortSignal }) =>
      new Promise((_resolve, reject) => {
        seen.signal = ctx.signal;
        ctx.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  };
}

describe('cancellable operations', () => {
  it('app.cancel aborts the signal of the call that named the same operationId', async () => {
    const ops = new Operations();
    const seen: { signal?: AbortSignal } = {};
    const core = createCore();
    const handlers = {
      ...waitingHandlers(seen),
      'app.cancel': ({ operationId }: { operationId: string }) => ({ cancelled: ops.cancel(operationId) }),
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, ops);
    const pending = dispatch('models.install', { id: 'whisper-tiny.en', operationId: 'install-1234' }, cli);
    await new Promise((r) => setTimeout(r, 10));
    expect(ops.size).toBe(1);
    expect(seen.signal?.aborted).toBe(false);
    // a second call with the same id is refused while the first runs
    const twice = await dispatch('models.install', { id: 'whisper-tiny.en', operationId: 'install-1234' }, cli);
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch('app.cancel', { operationId: 'install-1234' }, cli)).toEqual({
      ok: true,
      result: { cancelled: true },
    });
    expect(seen.signal?.aborted).toBe(true);
    expect((await pending).ok).toBe(false);
    expect(ops.size).toBe(0);
    // nothing left to cancel
    expect(await dispatch('app.cancel', { operationId: 'install-1234' }, cli)).toEqual({
      ok: true,
      result: { cancelled: false },
    });
    expect(core.services.operations).toBeInstanceOf(Operations);
  });

  it('the transport going away aborts the operation too', async () => {
    const ops = new Operations();
    const seen: { signal?: AbortSignal } = {};
    const dispatch = createDispatcher(waitingHandlers(seen) as unknown as Handlers, ops);
    const gone = new AbortController();
    const pending = dispatch(
      'models.install',
      { id: 'x', operationId: 'op-abcdefgh' },
      { ...cli, signal: gone.signal },
    );
    await new Promise((r) => setTimeout(r, 10));
    gone.abort();
    expect((await pending).ok).toBe(false);
    expect(seen.signal?.aborted).toBe(true);
  });

  it('refuses a malformed operation id', async () => {
    const { dispatch } = createCore();
    const r = await dispatch('app.cancel', { operationId: 'x' }, cli);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });
});
