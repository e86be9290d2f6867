/**
 * Years said as years ("nineteen eighty eight", "two thousand and five") after a word that introduces a date are
 * written in digits, and an operation's year goes with it in the surgical history when its sentence pairs one
 * operation with one year.
 */
import { describe, expect, it } from 'vitest';
import { normalizeNumbers } from '../../../core/clinical/numbers.js';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('spoken years', () => {
  it.each([
    ['i broke it in nineteen eighty eight', 'i broke it in 1988'],
    ['we moved here back in twenty ten', 'we moved here back in 2010'],
    ['on it since two thousand and five', 'on it since 2005'],
    ['that was in twenty oh three', 'that was in 2003'],
    ['diagnosed in march twenty nineteen', 'diagnosed in march 2019'],
  ])('writes "%s" with its year in digits', (said, written) => {
    expect(normalizeNumbers(said)).toBe(written);
  });

  it.each([
    ['come back in twenty five minutes', 'come back in 25 minutes'],
    ['her vision of twenty twenty', 'her vision of twenty twenty'],
    ['by twenty forty we will see', 'by twenty forty we will see'],
  ])('leaves "%s" as no year', (said, written) => {
    expect(normalizeNumbers(said)).toBe(written);
  });
});

describe('the year of an operation', () => {
  it('writes each operation with the year said with it, and no HPI line retelling it', () => {
    const d = draftOf([
      '[doctor] any surgeries in the past?',
      '[patient] yes, i had my gallbladder taken out in nineteen ninety two.',
      '[doctor] any others?',
      '[patient] oh, and i had my appendix out in nineteen seventy nine.',
    ]);
    expect(sectionOf(d, /^SURGICAL HISTORY$/)).toEqual(['Cholecystectomy in 1992.', 'Appendectomy in 1979.']);
    expect(sectionOf(d, /^HISTORY OF PRESENT ILLNESS$/).join(' ')).not.toMatch(/appendix|1979/);
  });

  it('writes no year for one of several operations', () => {
    const d = draftOf([
      '[doctor] have you had any surgeries?',
      '[patient] yes, two laminectomies, the first back in two thousand and eight.',
    ]);
    expect(sectionOf(d, /^SURGICAL HISTORY$/)).toEqual(['Laminectomy.']);
  });
});
