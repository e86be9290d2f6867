import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';

const ctx = { transport: 'cli' as const, signal: new AbortController().signal };

describe('hints.compute over the API', () => {
  it('returns ranked hints and accepts patient context', async () => {
    const core = createCore();
    const reply = await core.dispatch(
      'hints.compute',
      { transcript: '[patient] i take metformin 1000 mg twice a day.', context: { labs: { egfr: 24 } } },
      ctx,
    );
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const hints = reply.result as Array<{ kind: string; severity: string }>;
    expect(hints[0]).toMatchObject({ kind: 'renal-dose', severity: 'critical' });
  });

  it('rejects invalid context naming the field', async () => {
    const reply = await createCore().dispatch(
      'hints.compute',
      { transcript: 'hi', context: { labs: { egfr: 'x' } } },
      ctx,
    );
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_params');
    expect(reply.error.message).toContain('context.labs.egfr');
  });
});

describe('hints for draft --jsonl lines', () => {
  it('gives each visit its own hints, in input order, beside the draft', async () => {
    const { runCli } = await import('../../helpers/cli.js');
    const text = [
      JSON.stringify({ id: 1, dialogue: '[patient] i take warfarin.\n[doctor] take ibuprofen.' }),
      JSON.stringify({ id: 2, dialogue: '[patient] i feel fine.' }),
    ].join('\n');
    const r = await runCli(['draft', '--jsonl'], { stdin: text + '\n' });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; hints: Array<{ kind: string; evidence: number[] }> });
    expect(lines.map((l) => l.id)).toEqual([1, 2]);
    expect(lines[0]!.hints.map((h) => h.kind)).toContain('drug-interaction');
    expect(lines[0]!.hints.every((h) => h.evidence.length > 0)).toBe(true);
    expect(lines[1]!.hints).toEqual([]);
  });
});
