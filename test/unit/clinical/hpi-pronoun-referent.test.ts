import { describe, expect, it } from 'vitest';
import { hpiLinesOf } from './draft-helpers.js';

/** The HPI of a visit whose history holds the given lines, with an opening, an exam and a plan around them. */
const hpiText = (middle: string[]) =>
  hpiLinesOf([
    '[doctor] hi how are you doing today',
    "[patient] i'm doing okay i've been having some headaches",
    ...middle,
    '[doctor] okay and are you watching your salt intake',
    '[patient] i really like my chips',
    "[doctor] alright let's go ahead and do a quick physical exam your lungs are clear",
    '[doctor] for your hypertension we will continue your medications',
  ]).join(' ');

describe("a copied history sentence's pronoun names the drug or procedure it stands for", () => {
  it("writes the drug the doctor's question named for the 'it' the patient takes", () => {
    const text = hpiText([
      '[doctor] okay are you taking the lisinopril i think we have you on twenty milligrams a day',
      '[patient] yep i take it every morning with my multivitamin and my vitamin d',
    ]);
    expect(text).toMatch(/take lisinopril every morning/i);
    expect(text).not.toMatch(/take it every morning/i);
  });

  it("writes the drug for 'that' as what is used, and only the first pronoun", () => {
    const text = hpiText([
      '[doctor] okay . and you take uh- uh , fluocinonide for your eczema ?',
      "[patient] yes , when it gets really itchy , i'll- i'll use that and it usually takes care of it .",
    ]);
    expect(text).toMatch(/use fluocinonide and it usually takes care of it/i);
  });

  it("writes the procedure named in the doctor's turn before a backchannel for 'that was'", () => {
    const text = hpiText([
      '[doctor] okay . and i know that they removed a cataract from your eye-',
      '[patient] mm-hmm .',
      "[doctor] . a couple months ago . that's been fine ?",
      '[patient] that was three months ago , and my vision has been fine ever since .',
    ]);
    expect(text).toMatch(/cataract removal was 3 months ago/i);
  });

  it('leaves the pronoun where the question names two drugs', () => {
    const text = hpiText([
      '[doctor] okay are you taking the lisinopril and the metformin',
      '[patient] yep i take it every morning with my multivitamin and my vitamin d',
    ]);
    expect(text).toMatch(/take it every morning/i);
    expect(text).not.toMatch(/take (?:lisinopril|metformin) every morning/i);
  });
});
