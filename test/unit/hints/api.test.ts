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
