import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { createDispatcher, type Handlers } from '../../../core/api/dispatcher.js';
import { ApiError } from '../../../core/api/errors.js';
import { log } from '../../../core/platform/log.js';

const cli = { transport: 'cli' as const };

describe('dispatcher', () => {
  it('answers a valid request', async () => {
    const { dispatch } = createCore();
    const reply = await dispatch('app.echo', { text: 'hello' }, cli);
    expect(reply).toMatchObject({ ok: true, result: { text: 'hello' } });
  });

  it('returns invalid_params with field paths, never throws', async () => {
    const { dispatch } = createCore();
    for (const bad of [{ text: 5 }, { text: 'x', extra: true }, 'nonsense', 42, [1, 2]]) {
      const reply = await dispatch('app.echo', bad, cli);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid_params');
    }
    const reply = await dispatch('app.echo', { text: 5 }, cli);
    expect(reply).toMatchObject({ ok: false, error: { issues: [{ path: 'text' }] } });
  });

  it('rejects unknown and prototype method names', async () => {
    const { dispatch } = createCore();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 7, null]) {
      const reply = await dispatch(name, {}, cli);
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('passes ApiError through and hides unexpected error messages', async () => {
    const lines: string[] = [];
    const restore = log.setSink((l) => lines.push(l));
    try {
      const handlers = {
        'app.info': () => {
          throw new ApiError('not_found', 'No such encounter.');
        },
        'app.echo': () => {
          throw new Error('patient Jane Doe exploded');
        },
      } as unknown as Handlers;
      const dispatch = createDispatcher(handlers);
      expect(await dispatch('app.info', {}, cli)).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'No such encounter.' },
      });
      const reply = await dispatch('app.echo', { text: 'x' }, cli);
      expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(reply)).not.toContain('Jane');
      expect(lines.join('\n')).not.toContain('Jane');
    } finally {
      restore();
    }
  });

  it('validates event payloads on the way out', () => {
    const { events } = createCore();
    const got: unknown[] = [];
    events.subscribe((name, payload) => got.push([name, payload]));
    events.emit('app.notice', { level: 'info', message: 'ok' });
    expect(got).toEqual([['app.notice', { level: 'info', message: 'ok' }]]);
    expect(() => events.emit('app.notice', { level: 'loud', message: 'x' } as never)).toThrow();
  });
});
