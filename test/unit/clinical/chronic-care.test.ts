/**
 * Chronic disease follow-up phrasings found by unseen probes (primary care: refills, dose changes, lab review).
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const draft = (lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;
const section = (note: string, name: string) => note.split(`${name}\n`)[1]?.split(/\n\n[A-Z &]+\n/)[0] ?? '';

describe('chronic care follow-up', () => {
  it('a switch from one drug to another stops the first, not "change to" it', () => {
    const note = draft([
      "[doctor] how's your asthma been",
      "[patient] not great, i'm coughing at night.",
      '[doctor] so i want to switch you from the flovent to symbicort two puffs twice a day.',
    ]);
    expect(note).toMatch(/Stop Flovent\. Change to Symbicort/);
    expect(note).not.toMatch(/Change to Flovent/);
  });

  it('a symptom check asked without a question mark in the plan is not a plan line', () => {
    const note = draft([
      '[doctor] so i got your labs back your a1c is 7.2 which is down from 8.4.',
      '[patient] good.',
      "[doctor] we'll keep the metformin the same and refer you to ophthalmology.",
      '[doctor] and any numbness or tingling in your feet',
      '[patient] no',
    ]);
    expect(section(note, 'ASSESSMENT AND PLAN')).not.toMatch(/numbness/i);
  });

  it('the condition the doctor opens the visit with is the chief complaint', () => {
    const note = draft([
      '[doctor] so tell me about the gout',
      "[patient] i've had three flares this year, the last one in my left big toe a month ago.",
      '[doctor] okay.',
      "[doctor] i think it's time to start allopurinol 100 milligrams daily.",
    ]);
    expect(section(note, 'CHIEF COMPLAINT')).toBe('Gout follow-up.');
  });

  it('an INR, uric acid or t-score said with its value is a result', () => {
    const note = draft([
      '[doctor] so your inr today is 3.6 which is a little high.',
      '[patient] i did start eating less salad.',
      "[doctor] okay let's go down on the coumadin.",
    ]);
    expect(section(note, 'RESULTS')).toMatch(/INR today is 3\.6/);
  });

  it('"recheck the tsh in six weeks" is a test to recheck, with its interval', () => {
    const note = draft([
      '[doctor] we are following up on your thyroid.',
      '[patient] i still feel tired.',
      '[doctor] your tsh came back at 6.8 so we will go up on the levothyroxine to 75 micrograms daily and recheck the tsh in six weeks.',
    ]);
    expect(note).toMatch(/Recheck TSH in 6 weeks/);
  });

  it('a bare strength after a tablet drug is its dose in milligrams, and no plan by itself', () => {
    const note = draft([
      '[doctor] so you just need refills today',
      "[patient] yeah i'm out of my blood pressure pill and my cholesterol pill",
      '[doctor] that is the amlodipine ten and the atorvastatin forty',
      '[patient] yes',
      '[doctor] okay and continue the losartan fifty.',
    ]);
    expect(section(note, 'CURRENT MEDICATIONS')).toMatch(/Amlodipine 10 mg/);
    expect(note).toMatch(/Continue losartan 50 mg/);
    expect(note).not.toMatch(/Start amlodipine/i);
    // A count or a time after the number is not a strength.
    expect(draft(['[doctor] hi.', '[patient] hi.', '[doctor] continue the metformin 2 times a day.'])).not.toMatch(
      /metformin 2 mg/i,
    );
  });

  it('"keep the buspirone at 15 mg" continues it with its dose', () => {
    const note = draft([
      '[doctor] how is the anxiety.',
      '[patient] fine.',
      "[doctor] i'd like to taper you off the lorazepam and keep the buspirone at fifteen milligrams twice a day",
    ]);
    expect(note).toMatch(/Continue buspirone 15 mg twice a day/);
  });
});
