import { describe, expect, it } from 'vitest';
import { subjectlessNot, withoutCutOffEnd, withoutIntensifiers } from '../../../core/clinical/hpi.js';
import { hpiLinesOf } from './draft-helpers.js';

const hpiText = (lines: string[]) => hpiLinesOf(lines).join(' ');

describe('HPI readability: intensifiers and fillers', () => {
  it('writes "pretty sore" as sore and "a little bit" as a little', () => {
    const hpi = hpiText([
      '[doctor] what brings you in today?',
      '[patient] my lower back has been pretty sore since i shoveled snow on monday.',
      '[doctor] does anything help?',
      '[patient] i tried ibuprofen and it helped a little bit.',
      '[doctor] any fever?',
      '[patient] no.',
    ]);
    expect(hpi).toMatch(/lower back has been sore since/i);
    expect(hpi).not.toMatch(/\bpretty\b/);
  });

  it('writes "a little bit of swelling" as some swelling', () => {
    const hpi = hpiText([
      '[doctor] how is the wrist?',
      "[patient] it's kind of stiff in the mornings and i had to like stop typing at work.",
      '[doctor] any swelling?',
      '[patient] a little bit of swelling after i type all day.',
    ]);
    expect(hpi).toMatch(/\bsome swelling after they type\b/i);
    expect(hpi).not.toMatch(/little bit/);
  });

  it('keeps a kind named, a likeness, a certainty and a number', () => {
    expect(withoutIntensifiers('She has a kind of rash on her arm.')).toBe('She has a kind of rash on her arm.');
    expect(withoutIntensifiers('He feels like he is choking.')).toBe('He feels like he is choking.');
    expect(withoutIntensifiers('She is pretty sure she heard a pop.')).toBe('She is pretty sure she heard a pop.');
    expect(withoutIntensifiers('They take like a 2 ibuprofen a day.')).toBe('They take like a 2 ibuprofen a day.');
    expect(withoutIntensifiers('It is kind of sharp and they had to like stop.')).toBe(
      'It is sharp and they had to stop.',
    );
  });
});

describe('HPI readability: speech cut off', () => {
  it('drops a cut-off sentence that names nothing clinical', () => {
    const hpi = hpiText([
      '[doctor] what brings you in?',
      '[patient] my finger still hurts since the car accident in march.',
      '[doctor] what did therapy say?',
      '[patient] i went to the hand therapist. the hand therapist says.',
      '[doctor] okay. any numbness?',
      '[patient] no.',
    ]);
    expect(hpi).toMatch(/went to the hand therapist/);
    expect(hpi).not.toMatch(/therapist says/);
  });

  it('trims a hanging end back to the clause, and keeps a cut sentence that names a symptom', () => {
    const anchored = (l: string) => /\b(?:pain|swelling)\b/.test(l);
    expect(
      withoutCutOffEnd(
        'The patient states that they have been straining their urine and they do not see anything in.',
        anchored,
      ),
    ).toBe('The patient states that they have been straining their urine and they do not see anything.');
    expect(withoutCutOffEnd('Despite how active they have never.', anchored)).toBeNull();
    expect(withoutCutOffEnd('The pain is worse when.', anchored)).toBe('The pain is worse when.');
    // A stranded preposition is English: "where the pain came from" stays.
    expect(withoutCutOffEnd('She does not know where this pain came from.', anchored)).toBe(
      'She does not know where this pain came from.',
    );
  });
});

describe('HPI readability: subjectless "not" answers', () => {
  const anchored = (l: string) => /\b(?:breath|pain|cough)\b/.test(l);
  it('drops one that names nothing clinical', () => {
    expect(subjectlessNot('Not good enough to run yet, but everything else works fine.', anchored)).toBe(true);
    expect(
      subjectlessNot('Not out of the ordinary and not surprised because he remembers that from 2 years ago.', anchored),
    ).toBe(true);
  });
  it('keeps one with a subject or a symptom', () => {
    expect(subjectlessNot('Not while sleeping, but they get out of breath after 2 blocks.', anchored)).toBe(false);
    expect(subjectlessNot('Not since she started the new medicine.', anchored)).toBe(false);
  });
});

describe('HPI readability: a symptom told twice', () => {
  it('drops the bare report another line states', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today?',
      '[patient] i have a sore throat since friday.',
      '[doctor] any cough?',
      '[patient] yes, i have a cough that keeps me up at night.',
      '[doctor] any fever?',
      '[patient] no.',
    ]);
    expect(hpi.join(' ')).toMatch(/cough that keeps them up at night/);
    expect(hpi).not.toContain('The patient reports cough.');
  });

  it('keeps it when the other line denies it or only names it without saying it was had', () => {
    const hpi = hpiLinesOf([
      '[doctor] what brings you in today?',
      '[patient] my ankle swelling is back.',
      '[doctor] any weight gain?',
      '[patient] yes, i have had weight gain of about five pounds over the holidays.',
      '[doctor] any chest pain?',
      '[patient] no.',
    ]);
    expect(hpi.join(' ')).toMatch(/weight gain of about 5 pounds/);
    expect(hpi.join(' ')).toMatch(/denies chest pain/);
  });
});
