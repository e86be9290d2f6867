/**
 * The local engine's guards against a worker that misbehaves (test/helpers/stubborn-llm-worker.ts, speaking the real
 * protocol): a load that never finishes times out in words and the process is killed; a worker that ignores Cancel
 * is killed after the grace period, and the next request starts a fresh one.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeLauncher, type HelperLauncher, type HelperProcess } from '../../../core/launcher/launcher.js';
import { MESSAGES, exited, localFixture, rejection } from '../../helpers/local-llm.js';

const STUBBORN = fileURLToPath(new URL('../../helpers/stubborn-llm-worker.ts', import.meta.url));
const { generator } = localFixture();

/** Starts the stubborn worker in place of the real one, in the given mode. */
function stubborn(mode: 'hang-load' | 'deaf'): HelperLauncher & { started: HelperProcess[] } {
  const started: HelperProcess[] = [];
  return {
    mode: 'node',
    started,
    launch(spec) {
      const p = nodeLauncher.launch({ ...spec, entry: STUBBORN, env: { ...process.env, BEDSIDE_FAKE_LLM: mode } });
      started.push(p);
      return p;
    },
  };
}

describe('local engine guards', () => {
  it('a load that never finishes times out in words and its process is killed', async () => {
    const launcher = stubborn('hang-load');
    const g = generator({ launcher, loadTimeoutMs: 300 });
    const err = await rejection(g.generate({ messages: MESSAGES, maxTokens: 5, temperature: 0 }));
    expect(err.code).toBe('timeout');
    expect(err.message).toBe("the local model 'tiny-llm' took too long to load");
    await exited(launcher.started[0]!);
  });

  it('a worker that ignores Cancel is killed after the grace period; the next request starts a fresh one', async () => {
    const launcher = stubborn('deaf');
    const g = generator({ launcher, cancelGraceMs: 200 });
    const ctl = new AbortController();
    let pieces = 0;
    let t0 = 0;
    const pending = g.generate({
      messages: MESSAGES,
      maxTokens: 5,
      temperature: 0,
      signal: ctl.signal,
      onToken: () => {
        if (++pieces === 2) {
          t0 = performance.now();
          ctl.abort();
        }
      },
    });
    expect((await rejection(pending)).code).toBe('cancelled');
    // Answered at once: the worker is still running (it is killed only when the grace period has passed).
    expect(launcher.started[0]!.running).toBe(true);
    await exited(launcher.started[0]!);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190); // the 200 ms grace (timers may fire ~1 ms early)
    expect(pieces).toBe(2); // nothing streamed to the caller after Cancel

    // The next request waits for the kill, then gets a fresh process (which streams, and is cancelled too).
    const ctl2 = new AbortController();
    const next = g.generate({
      messages: MESSAGES,
      maxTokens: 5,
      temperature: 0,
      signal: ctl2.signal,
      onToken: () => ctl2.abort(),
    });
    expect((await rejection(next)).code).toBe('cancelled');
    expect(launcher.started).toHaveLength(2);
    expect(g.status().starts).toBe(2);
  });
});
