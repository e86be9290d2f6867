import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxRetrier } from '../../../core/ehr/retry.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('background outbox retry', () => {
  it('flushes on every interval, one pass at a time, skips while the store is locked, and stops', async () => {
    vi.useFakeTimers();
    let calls = 0;
    let release: () => void = () => undefined;
    let unlocked = false;
    const svc = {
      flush: () => {
        calls++;
        return new Promise<Array<{ state: string }>>((resolve) => {
          release = () => resolve([{ state: 'sent' }]);
        });
      },
    };
    const r = new OutboxRetrier(() => (unlocked ? svc : undefined), 1000);
    r.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(0); // locked: nothing to flush
    unlocked = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(3000); // the first pass is still running: no overlap
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    release();
    await r.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(2);
  });

  it('survives a failing flush', async () => {
    const r = new OutboxRetrier(() => ({ flush: () => Promise.reject(new Error('boom')) }), 1000);
    await expect(r.tick()).resolves.toBeUndefined();
  });
});
