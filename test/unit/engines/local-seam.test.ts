/**
 * The real local engine (models/llm/local.ts: a helper process, transformers.js, onnxruntime-node) through the core's
 * engine seam, on the tiny random-weight decoder (test/fixtures/tiny-llm). Its answers are noise, so what is checked
 * is the plumbing: the prompt reaches the model, noise is refused as bad output and the built-in drafter writes the
 * note with the reason; the engine process killed mid-answer falls back the same way and the next draft starts a
 * new process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { draftWithEngine, type NoteDraftDeps } from '../../../core/engines/note-draft.js';
import { createEngineProvider } from '../../../core/engines/providers.js';
import { DEFAULT_NOTE_ENGINE } from '../../../core/engines/select.js';
import type { TextGenerator } from '../../../core/engines/types.js';
import { createLocalGenerator } from '../../../models/llm/local.js';
import { recordingLauncher, TINY_LLM } from '../../helpers/local-llm.js';

/** A short visit: the prompt (system text, sections, facts, turns) stays small for the tiny model. */
const VISIT = ['[doctor] any knee pain?', '[patient] yes, my left knee, for two weeks.'].join('\n');

const launcher = recordingLauncher();
let killNext = false;
const provider = createEngineProvider({
  local: (o) => {
    const g = createLocalGenerator({ ...o, launcher, idleMs: 0 });
    // Instrumented: when asked, the helper process is killed at the first streamed token.
    const wrapped: TextGenerator = {
      kind: g.kind,
      model: g.model,
      close: () => g.close(),
      generate: (req) =>
        g.generate({
          ...req,
          onToken: (t) => {
            const p = launcher.started.at(-1);
            if (killNext && p?.running) {
              killNext = false;
              process.kill(p.pid!, 'SIGKILL');
            }
            req.onToken?.(t);
          },
        }),
    };
    return wrapped;
  },
});
afterAll(async () => {
  await provider.close?.();
});

const events: { section: string; done: boolean }[] = [];
const deps: NoteDraftDeps = {
  policy: () => ({}),
  settings: async () => ({ ...DEFAULT_NOTE_ENGINE }),
  engines: () => provider,
  progress: (p) => events.push({ section: p.section, done: p.done }),
  maxTokens: 8,
};
const embedded = draftNote(parseTranscript(VISIT));

describe('the local engine through the core seam (tiny fixture model)', () => {
  it('noise from the model is refused as bad output: the built-in draft, with the reason in words', async () => {
    const d = await draftWithEngine({ transcript: VISIT, engine: 'local', model: TINY_LLM }, deps, undefined);
    expect(d.engine).toMatchObject({
      requested: 'local',
      used: 'embedded',
      model: 'tiny-llm',
      prompt: { id: 'outpatient' },
    });
    expect(d.engine.fallback).toMatch(
      /^The model on this computer could not write the note: .+ The built-in drafter wrote it instead\.$/,
    );
    expect(d.note).toBe(embedded.note);
    expect(events.at(-1)).toEqual({ section: '', done: true });
    expect(launcher.started).toHaveLength(1);
  });

  it('the engine process killed mid-answer: the built-in draft; the next draft starts a new process', async () => {
    killNext = true;
    const first = launcher.started.at(-1)!;
    const d = await draftWithEngine({ transcript: VISIT, engine: 'local', model: TINY_LLM }, deps, undefined);
    expect(d.engine.used).toBe('embedded');
    expect(d.engine.fallback).toMatch(/stopped unexpectedly/);
    expect(first.running).toBe(false);
    const again = await draftWithEngine({ transcript: VISIT, engine: 'local', model: TINY_LLM }, deps, undefined);
    expect(again.engine.fallback).toMatch(/structured text/);
    expect(launcher.started).toHaveLength(2);
  });
});
