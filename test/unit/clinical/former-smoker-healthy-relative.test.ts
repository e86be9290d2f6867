/**
 * A smoker who says they quit is a former smoker, with when they quit, and the amount they smoked then is no current
 * amount; an answer that says the relative asked about is healthy denies what was asked.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const social = (lines: string[]) => sectionOf(draftOf(lines), /^SOCIAL HISTORY$/).join(' ');

describe('former smokers', () => {
  it('writes when the patient quit, not the old amount as today', () => {
    const s = social([
      '[doctor] you mentioned having a smoking history. when did you quit and approximately how much did you smoke?',
      '[patient] uh i quit about twenty seven years ago. if i had to guess, i smoked about two packs a day.',
    ]);
    expect(s).toMatch(/Former smoker, about 2 packs per day; quit about 27 years ago\./);
    expect(s).not.toMatch(/Smokes/);
  });

  it('reads "nope. i quit like fifteen years ago." as a former smoker, not a denial', () => {
    const s = social(['[doctor] do you smoke?', '[patient] nope. i quit like fifteen years ago.']);
    expect(s).toMatch(/Former smoker; quit 15 years ago\./);
    expect(s).not.toMatch(/Denies tobacco/);
  });

  it('keeps a current smoker current', () => {
    expect(social(['[doctor] do you smoke?', '[patient] yes, about a pack a day.'])).toMatch(
      /Smokes about a pack per day\./,
    );
  });
});

describe('a relative said to be healthy', () => {
  it('does not give the brother the conditions asked about', () => {
    const n = draftOf([
      '[doctor] what about your siblings? any kind of thyroid issue or diabetes or blood pressure issue there?',
      "[patient] i have one older brother. he's into weightlifting and all. i would say he's pretty healthy.",
    ]).note;
    expect(n).not.toMatch(/Brother: diabetes|^Diabetes\./m);
  });
});
