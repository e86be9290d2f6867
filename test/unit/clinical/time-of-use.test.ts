import { describe, expect, it } from 'vitest';
import { characterOf } from './draft-helpers.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

describe('a drug taken now is not written as tried', () => {
  it('writes "takes" for a drug the patient says they take now', () => {
    const lines = characterOf([
      '[doctor] what medications are you taking',
      '[patient] i take prilosec and tramadol when i have back pain',
    ]).join(' ');
    expect(lines).toMatch(/takes Prilosec and tramadol/i);
    expect(lines).not.toMatch(/has tried/);
  });

  it('writes "takes" for "I am taking" with whether it helps', () => {
    const lines = characterOf([
      '[doctor] are you taking anything for pain',
      '[patient] yes, i am taking lyrica',
      '[doctor] is it helping',
      '[patient] yes, somewhat',
    ]).join(' ');
    expect(lines).toMatch(/takes Lyrica/i);
    expect(lines).not.toMatch(/has tried/);
  });

  it('keeps "has tried" for a drug taken once', () => {
    const lines = characterOf([
      '[doctor] have you taken anything for the pain',
      "[patient] i've taken some advil, but it doesn't seem to help",
    ]).join(' ');
    expect(lines).toMatch(/has tried Advil, without relief/i);
  });
});

describe('a drug whose course is over is not a current medication', () => {
  const meds = (lines: string[]) => {
    const note = draftNote(parseTranscript(lines.join('\n'))).note;
    const m = /CURRENT MEDICATIONS\n([\s\S]*?)(?:\n\n|$)/.exec(note);
    return m ? m[1]! : '';
  };

  it('leaves out a drug the patient just finished', () => {
    const list = meds([
      '[doctor] can you confirm the medications that you have already taken?',
      '[patient] yeah, i just finished the course for minocin.',
      '[doctor] and what else do you take?',
      '[patient] i take metformin every day.',
    ]);
    expect(list).not.toMatch(/minocycline/i);
    expect(list).toMatch(/metformin/i);
  });

  it('leaves out a drug the patient had to stop', () => {
    const list = meds([
      '[doctor] do you use any inhalers?',
      '[patient] i was on advair, but i had to stop advair because it made me itchy.',
      '[patient] i use albuterol when i need it.',
    ]);
    expect(list).not.toMatch(/fluticasone|advair/i);
    expect(list).toMatch(/albuterol/i);
  });
});
