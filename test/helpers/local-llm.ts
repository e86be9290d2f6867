/** Shared pieces of the local-engine tests (test/unit/llm/local*.test.ts) on the tiny fixture model. */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { nodeLauncher, type HelperLauncher, type HelperProcess } from '../../core/launcher/launcher.js';
import { EngineError, type ChatMessage } from '../../core/engines/types.js';
import { createLocalGenerator, type LocalGenerator, type LocalGeneratorOptions } from '../../models/llm/local.js';

/** The random-weight decoder made by scripts/make-tiny-llm.ts. */
export const TINY_LLM = fileURLToPath(new URL('../fixtures/tiny-llm', import.meta.url));

export const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'Write the note as JSON.' },
  { role: 'user', content: '[T0] Doctor: Any chest pain? [T1] Patient: Yes, for 3 days; I take 20 mg daily.' },
];

/** The node launcher, recording every process it starts. */
export function recordingLauncher(): HelperLauncher & { started: HelperProcess[] } {
  const started: HelperProcess[] = [];
  return {
    mode: 'node',
    started,
    launch(spec) {
      const p = nodeLauncher.launch(spec);
      started.push(p);
      return p;
    },
  };
}

export const exited = (p: HelperProcess) =>
  new Promise<void>((r) => {
    if (!p.running) r();
    else p.once('exit', () => r());
  });

/** The EngineError a promise rejects with (fails the test when it resolves or rejects with something else). */
export async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    return err as EngineError;
  }
  throw new Error('expected a rejection');
}

/** Generators and temporary folders made by a test file, cleaned up after it. */
export function localFixture() {
  const open: LocalGenerator[] = [];
  const tmp: string[] = [];
  afterAll(async () => {
    await Promise.all(open.map((g) => g.close()));
    for (const d of tmp) rmSync(d, { recursive: true, force: true });
  });
  return {
    tmp,
    generator(opts: Partial<LocalGeneratorOptions> = {}) {
      // Plenty of free memory unless a test says otherwise: the tests must not depend on the machine's load.
      const g = createLocalGenerator({
        modelDir: TINY_LLM,
        device: 'auto',
        idleMs: 0,
        freemem: () => 64 * 1024 ** 3,
        ...opts,
      });
      open.push(g);
      return g;
    },
  };
}
