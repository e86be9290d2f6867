/** The hosts' engine provider (core/engines/providers.ts) with injected factories: resolution, reuse, errors. */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineProvider, localModelDir } from '../../../core/engines/providers.js';
import { ScriptedGenerator } from '../../../core/engines/scripted.js';
import { DEFAULT_NOTE_ENGINE } from '../../../core/engines/select.js';
import { EngineError } from '../../../core/engines/types.js';

const root = mkdtempSync(join(tmpdir(), 'bedside-models-'));
mkdirSync(join(root, 'qwen2.5-0.5b-instruct'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function provider() {
  const made: { kind: string; opts: Record<string, unknown>; g: ScriptedGenerator }[] = [];
  const p = createEngineProvider({
    modelRoot: root,
    apiKey: () => 'sk-1',
    local: (opts) => {
      const g = new ScriptedGenerator({ answer: '', kind: 'local' });
      made.push({ kind: 'local', opts: { ...opts }, g });
      return g;
    },
    server: (opts) => {
      const g = new ScriptedGenerator({ answer: '', kind: 'server' });
      made.push({ kind: 'server', opts: { ...opts }, g });
      return g;
    },
  });
  return { p, made };
}

describe('createEngineProvider', () => {
  it('finds a local model by catalogue id under the model folder, or by its folder', () => {
    expect(localModelDir('qwen2.5-0.5b-instruct', root)).toBe(join(root, 'qwen2.5-0.5b-instruct'));
    expect(localModelDir('./models/x', root)).toBe(resolve('models/x'));
    expect(localModelDir('/opt/models/x', root)).toBe('/opt/models/x');
  });

  it('keeps one generator per setting, and ends the old one when the setting changes', async () => {
    const { p, made } = provider();
    const s = { ...DEFAULT_NOTE_ENGINE, localModel: 'qwen2.5-0.5b-instruct' };
    const [a, b] = await Promise.all([p.getGenerator('local', s), p.getGenerator('local', s)]);
    expect(a).toBe(b);
    expect(made).toHaveLength(1);
    expect(made[0]!.opts).toEqual({ modelDir: join(root, 'qwen2.5-0.5b-instruct') });
    const srv = await p.getGenerator('server', { ...s, serverUrl: 'https://llm.clinic.example/v1', serverModel: 'm1' });
    expect(made[1]!.opts).toEqual({ url: 'https://llm.clinic.example/v1', model: 'm1', apiKey: 'sk-1' });
    await p.getGenerator('server', { ...s, serverUrl: 'https://llm.clinic.example/v1', serverModel: 'm2' });
    expect((srv as ScriptedGenerator).closed).toBe(1);
    expect(made[0]!.g.closed).toBe(0);
    await p.close?.();
    expect(made.map((m) => m.g.closed)).toEqual([1, 1, 1]);
  });

  it('says in words what is missing (EngineError unavailable)', async () => {
    const { p } = provider();
    for (const [kind, settings, msg] of [
      ['local', { localModel: 'phi-3.5-mini-instruct' }, /phi-3\.5-mini-instruct is not installed/],
      ['local', {}, /No model on this computer is chosen/],
      ['server', { serverModel: 'm' }, /No clinic server address/],
      ['server', { serverUrl: 'https://x.example' }, /No model name/],
    ] as const) {
      const err = await p.getGenerator(kind, { ...DEFAULT_NOTE_ENGINE, ...settings }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('unavailable');
      expect((err as Error).message).toMatch(msg);
    }
  });
});
