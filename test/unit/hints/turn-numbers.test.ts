/**
 * A hint's basis names turns the way a clinician counts them (1-based, as the UI and the CLI number them), while
 * `evidence` keeps the 0-based indices that the UI highlights. A basis saying "turn 3" must point at evidence 2.
 */
import { describe, expect, it } from 'vitest';
import { hintsFor } from './helpers.js';

describe('turn numbers in a hint basis', () => {
  it('are the evidence indices plus one', () => {
    const hints = hintsFor(`[doctor] what brings you in?
[patient] my back hurts.
[doctor] are you still on the coumadin?
[patient] yes, every evening.
[doctor] take naproxen 500 mg twice a day for a week.`);
    const withTurns = hints.filter((h) => /\bturns? \d/.test(h.basis));
    expect(withTurns.length).toBeGreaterThan(0);
    for (const h of withTurns) {
      const named = [...h.basis.matchAll(/\bturns? ((?:\d+(?:, )?)+)/g)].flatMap((m) => m[1]!.split(', ').map(Number));
      for (const n of named) expect(n).toBeGreaterThanOrEqual(1);
      // every turn the basis names is one the hint's evidence points at (shifted by one)
      const shown = new Set(h.evidence.map((e) => e + 1));
      for (const n of named) expect(shown.has(n)).toBe(true);
    }
  });
});
