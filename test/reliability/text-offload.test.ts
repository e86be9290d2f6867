/**
 * Heavy text work runs off the event loop that serves the API: while a 2 MB transcript is drafted, other calls
 * (an echo; in a host, audio pushes) are answered within 50 ms, and the draft stops at once when its caller goes.
 * Inline, a 2 MB draft held every other client for 1.2-1.6 s.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/api/index.js';
import { textPool } from '../../core/api/text-pool.js';

const demo = readFileSync('resources/samples/demo-visit.txt', 'utf8');
const transcript = (demo + '\n').repeat(Math.ceil(1_990_000 / (demo.length + 1))).slice(0, 1_990_000);

describe('heavy text work in worker threads', () => {
  const core = createCore();
  afterAll(async () => {
    await core.close();
    await textPool().close();
  });

  it('answers an echo within 50 ms while a 2 MB draft runs', async () => {
    let done = false;
    const elu0 = performance.eventLoopUtilization();
    const drafting = core.dispatch('note.draft', { transcript }, { transport: 'websocket' }).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const t0 = performance.now();
      const reply = await core.dispatch('app.echo', { text: 'ping' }, { transport: 'websocket' });
      expect(reply.ok).toBe(true);
      // The loop must also be free between calls (timers, sockets), not only inside dispatch.
      await new Promise((resolve) => setTimeout(resolve, 10));
      latencies.push(performance.now() - t0 - 10);
    }
    const busy = performance.eventLoopUtilization(elu0).utilization;
    const reply = await drafting;
    expect(reply.ok).toBe(true);
    expect(latencies.length).toBeGreaterThan(10);
    // Inline, the draft held the loop for seconds (utilization about 1). Here the loop is mostly idle and nearly
    // every echo takes a few ms; the 90th percentile is held to 50 ms and the worst to 1 s, which leaves room for a
    // loaded CI machine not scheduling this thread (it is shared with the draft's worker and other test files).
    const sorted = [...latencies].sort((a, b) => a - b);
    const summary = `busy ${busy.toFixed(2)}, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, p90 ${sorted[
      Math.floor(sorted.length * 0.9)
    ]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`;
    expect(busy, summary).toBeLessThan(0.5);
    expect(sorted[Math.floor(sorted.length * 0.9)]!, summary).toBeLessThanOrEqual(50);
    expect(sorted[sorted.length - 1]!, summary).toBeLessThan(1_000);
  }, 120_000);

  it('stops a long draft at once when its caller goes away', async () => {
    const controller = new AbortController();
    const drafting = core.dispatch(
      'note.verify',
      { transcript, note: transcript.slice(0, 200_000) },
      {
        transport: 'websocket',
        signal: controller.signal,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const t0 = performance.now();
    controller.abort();
    const reply = await drafting;
    expect(performance.now() - t0).toBeLessThan(500);
    expect(reply).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    // The pool serves the next job with a fresh worker.
    const next = await core.dispatch(
      'transcript.parse',
      { transcript: transcript.slice(0, 50_000) },
      {
        transport: 'websocket',
      },
    );
    expect(next.ok).toBe(true);
  }, 120_000);
});
