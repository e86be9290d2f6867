/**
 * The local text engine end to end on the tiny random-weight decoder (test/fixtures/tiny-llm, made by
 * scripts/make-tiny-llm.ts): a real helper process, real transformers.js and onnxruntime-node, offline. The weights
 * are noise, so these tests check the plumbing (tokens, streaming, cancel, crash and restart), never the prose.
 * Memory refusal, the manager's layout, idle unload and offline loading: local-offline.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cudaProviderInstalled } from '../../../models/llm/local-protocol.js';
import { MESSAGES, localFixture, recordingLauncher, rejection } from '../../helpers/local-llm.js';

const { generator } = localFixture();

describe('local engine on the tiny fixture model', () => {
  const launcher = recordingLauncher();
  const gen = generator({ launcher });

  it('tokenises through the chat template, generates to the limit and streams the pieces in order', async () => {
    const pieces: string[] = [];
    const r = await gen.generate({ messages: MESSAGES, maxTokens: 24, temperature: 0, onToken: (t) => pieces.push(t) });
    expect(r.tokens).toBe(24); // special tokens are biased off in the fixture: generation runs to the limit
    expect(r.finish).toBe('length');
    expect(r.text.length).toBeGreaterThan(0);
    expect(pieces.length).toBeGreaterThan(1);
    // The worker decodes the generated ids once more at the end: the pieces, in arrival order, are that text.
    expect(pieces.join('')).toBe(r.text);
    const st = gen.status();
    expect(st).toMatchObject({ running: true, dtype: 'fp32', starts: 1, networkAttempts: 0 });
    // Without onnxruntime's CUDA libraries (scripts/install.sh skips them) 'auto' on Linux goes straight to the CPU.
    if (process.platform === 'linux' && !cudaProviderInstalled())
      expect(st).toMatchObject({ device: 'cpu', fallback: null });
    const promptTokens = st.lastPromptTokens!;
    expect(promptTokens).toBeGreaterThan(20);

    // Greedy decoding of the same prompt is deterministic; a longer prompt tokenises to more tokens.
    const again = await gen.generate({ messages: MESSAGES, maxTokens: 24, temperature: 0 });
    expect(again.text).toBe(r.text);
    await gen.generate({
      messages: [...MESSAGES, { role: 'user', content: 'And the blood pressure?' }],
      maxTokens: 2,
      temperature: 0,
    });
    expect(gen.status().lastPromptTokens).toBeGreaterThan(promptTokens + 4);
    expect(launcher.started).toHaveLength(1);
  });

  it('cancel mid-generation rejects with cancelled at once; the same process serves the next request', async () => {
    const ctl = new AbortController();
    let pieces = 0;
    const pending = gen.generate({
      messages: MESSAGES,
      maxTokens: 5000,
      temperature: 0,
      signal: ctl.signal,
      onToken: () => {
        if (++pieces === 1) ctl.abort();
      },
    });
    const err = await rejection(pending);
    expect(err.code).toBe('cancelled');
    expect(pieces).toBeGreaterThanOrEqual(1);
    const pid = gen.status().pid;
    const next = await gen.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0 });
    expect(next.tokens).toBe(3);
    // The worker stopped at the flag (not killed): no new process.
    expect(gen.status().pid).toBe(pid);
    expect(launcher.started).toHaveLength(1);
  });

  it('an already-aborted signal is refused without touching the process', async () => {
    const ctl = new AbortController();
    ctl.abort();
    expect(
      (await rejection(gen.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0, signal: ctl.signal }))).code,
    ).toBe('cancelled');
  });

  it('the process killed mid-generation: the call rejects with unavailable, the next call restarts it', async () => {
    const first = launcher.started.at(-1)!;
    const pending = gen.generate({
      messages: MESSAGES,
      maxTokens: 5000,
      temperature: 0,
      onToken: () => {
        if (first.running) process.kill(first.pid!, 'SIGKILL');
      },
    });
    const err = await rejection(pending);
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/stopped unexpectedly \(SIGKILL\)/);
    expect(gen.status().running).toBe(false);
    const r = await gen.generate({ messages: MESSAGES, maxTokens: 4, temperature: 0 });
    expect(r.tokens).toBe(4);
    expect(launcher.started).toHaveLength(2);
    expect(gen.status()).toMatchObject({ running: true, starts: 2 });
    expect(gen.status().pid).not.toBe(first.pid);
  });

  it('close() ends the process and is safe to call twice; later calls are refused', async () => {
    const last = launcher.started.at(-1)!;
    await gen.close();
    await gen.close();
    expect(last.running).toBe(false);
    expect((await rejection(gen.generate({ messages: MESSAGES, maxTokens: 2, temperature: 0 }))).code).toBe(
      'unavailable',
    );
  });
});
