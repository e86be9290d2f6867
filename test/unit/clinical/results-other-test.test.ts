import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('results: a line about another test keeps its own subject', () => {
  it('does not label a kidney-function line with the lab read out just before it', () => {
    const d = draftOf([
      '[doctor] what brings you in today?',
      '[patient] i came to hear about my lab results.',
      '[doctor] of course. your a1c came back at 7.9, up from last time. your kidney function is normal.',
      '[patient] alright.',
      '[doctor] for your diabetes i am going to add glipizide 5 mg every morning.',
    ]);
    const results = sectionOf(d, /RESULTS/);
    expect(results.some((l) => /kidney function is normal/i.test(l))).toBe(true);
    expect(results.some((l) => /^(?:Hemoglobin )?A1c: .*kidney/i.test(l))).toBe(false);
  });
});
