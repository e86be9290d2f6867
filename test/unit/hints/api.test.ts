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
  it('gives one list per line in order', async () => {
    const { hintsForJsonl } = await import('../../../core/hints/jsonl.js');
    const text = [
      JSON.stringify({ id: 1, dialogue: '[patient] i take warfarin.\n[doctor] take ibuprofen.' }),
      JSON.stringify({ id: 2, dialogue: '[patient] i feel fine.' }),
    ].join('\n');
    const lists = hintsForJsonl(text + '\n');
    expect(lists).toHaveLength(2);
    expect(lists[0]!.map((h) => h.kind)).toContain('drug-interaction');
    expect(lists[1]).toEqual([]);
  });
});
