/**
 * Short visits written like real ones (eval/hints/scenarios.ts), with the hints a clinician would expect and nothing
 * else that is not a diagnosis code; codes that must (not) be suggested. Overall recall must be >= 90 % and false
 * alarms <= 10 %, as the issues target.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, scoreScenario } from '../../../eval/hints/scenarios.js';
import { hintsFor } from './helpers.js';

describe('scenario set', () => {
  const results = SCENARIOS.map((s) => scoreScenario(s, hintsFor(s.text, s.context)));

  it.each(results.map((r) => [r.s.name, r] as const))('%s', (_name, r) => {
    expect(r.found.length, `missed: ${JSON.stringify(r.s.expect.filter((e) => !r.found.includes(e)))}`).toBe(
      r.s.expect.length,
    );
    expect(
      r.extra.map((h) => `${h.kind}: ${h.title}`),
      'unexpected hints',
    ).toEqual([]);
    expect(r.missingCodes, `codes: ${r.codes.join(', ')}`).toEqual([]);
    expect(r.wrongCodes, 'forbidden codes').toEqual([]);
  });

  it('meets the recall and false-alarm targets overall', () => {
    const expected = results.reduce((n, r) => n + r.s.expect.length, 0);
    const found = results.reduce((n, r) => n + r.found.length, 0);
    const shown = results.reduce((n, r) => n + r.hints.length, 0);
    const extra = results.reduce((n, r) => n + r.extra.length, 0);
    expect(found / expected).toBeGreaterThanOrEqual(0.9);
    expect(extra / Math.max(1, shown)).toBeLessThanOrEqual(0.1);
  });

  it('has a negative scenario for each false pattern of issue 13', () => {
    for (const pattern of ['family history', 'vaccination', 'side-effect', 'advice', 'denied symptom', 'ruled-out'])
      expect(
        SCENARIOS.some((s) => s.name.startsWith('negative:') && s.name.includes(pattern)),
        pattern,
      ).toBe(true);
  });
});
