/**
 * The local engine's `threads` option reaches ONNX Runtime in the helper process: asked for 3 intra-op threads, the
 * process runs 2 more threads than asked for 1 (the runtime's pool: the caller's thread plus n-1), whatever the
 * machine's core count. Linux (/proc) only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES, localFixture } from '../../helpers/local-llm.js';

const threadsOf = (pid: number | undefined) =>
  Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

describe.runIf(process.platform === 'linux')('local engine threads', () => {
  const { generator } = localFixture();

  it('caps the runtime threads of the helper process', async () => {
    const one = generator({ device: 'cpu', threads: 1 });
    const three = generator({ device: 'cpu', threads: 3 });
    const a = await one.generate({ messages: MESSAGES, maxTokens: 4, temperature: 0 });
    const b = await three.generate({ messages: MESSAGES, maxTokens: 4, temperature: 0 });
    expect(a.tokens).toBe(4);
    expect(b.tokens).toBe(4);
    // At least the two extra pool threads (other lazily started threads may differ by a few).
    expect(threadsOf(three.status().pid) - threadsOf(one.status().pid)).toBeGreaterThanOrEqual(2);
  });
});
