import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

// A diagnosis the doctor draws from a result read out ("…so your thyroid is overactive") heads the A&P, in place of
// the symptom the patient came with.
describe('a diagnosis concluded from a result', () => {
  it('heads the assessment and plan', () => {
    const d = draftOf([
      '[doctor] i have your blood work here',
      '[patient] okay',
      '[doctor] your tsh is very low at 0.01 and the free t4 is high which means your thyroid is overactive',
      '[patient] so that is why my heart races and i feel shaky',
      '[doctor] yes i am going to start methimazole 10 mg daily and check your labs again in 4 weeks',
    ]);
    const ap = sectionOf(d, /ASSESSMENT/);
    expect(ap[0]).toBe('Hyperthyroidism.');
  });
  it('is not taken from a result read out without a conclusion', () => {
    const d = draftOf([
      '[doctor] i have your blood work here',
      '[doctor] your tsh is normal at 2.1 we checked it because of your hyperthyroidism questions',
      '[patient] okay good',
      '[doctor] so let us keep an eye on the palpitations and follow up in 3 months',
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).not.toMatch(/^Hyperthyroidism\./);
  });
});

// "Any chest pain since then?" "No.": a denial of recurrence, not of the episode the visit is about.
describe('a denial scoped to after an episode', () => {
  it('is written as no further symptom in the history and the review of systems', () => {
    const d = draftOf([
      '[doctor] so you were in the hospital last month',
      '[patient] yes i passed out at the grocery store and they kept me overnight',
      '[doctor] have you had any dizziness since you got out',
      '[patient] no not at all',
      '[doctor] okay your heart sounds regular. we will get a holter monitor for two weeks.',
    ]);
    const text = d.note;
    expect(text).toMatch(/denies further dizziness/i);
    expect(text).not.toMatch(/denies dizziness/i);
  });
});

// "They called nine one one": the draft's "911" is a number the visit said.
describe('the emergency number said in words', () => {
  it('is 911', async () => {
    const { numbersIn } = await import('../../../core/clinical/numbers.js');
    expect(numbersIn('so i called nine one one right away')).toContain(911);
    expect(numbersIn('room nine, one or two of them')).not.toContain(911);
  });
});
