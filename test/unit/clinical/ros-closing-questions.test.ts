/**
 * Review-of-systems questions at the close of a visit: a visit that ends on symptom questions ("any cough or coughing
 * up blood?" "no.") has not reached its plan, so their answers are written; urinary symptoms said in everyday words
 * ("pain while peeing", "urgency to pee") are read; "any other injuries?" "no" denies only other injuries.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const note = (lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;

describe('ROS: closing symptom questions', () => {
  it('writes the answers to symptom questions that end the visit', () => {
    const n = note([
      '[doctor] any chest pain or tightness with the shortness of breath?',
      '[patient] no, thankfully.',
      '[doctor] any fever, chills, or sweats?',
      '[patient] no.',
      '[doctor] any cough or coughing up blood?',
      '[patient] no.',
    ]);
    expect(n).toMatch(/Respiratory: Denies cough or hemoptysis\./);
  });

  it('writes a denial after an acknowledgement ("okay. do you have any wheezing?")', () => {
    const n = note([
      '[doctor] did you ever have pneumonia?',
      '[patient] no, never.',
      '[doctor] any history of tuberculosis?',
      '[patient] no.',
      '[doctor] are you feeling any shortness of breath?',
      '[patient] no.',
      '[doctor] okay. do you have any wheezing?',
      '[patient] no.',
    ]);
    expect(n).toMatch(/Respiratory: Denies shortness of breath or wheezing\./);
  });

  it('still opens the plan at the doctor statement after the last question', () => {
    const n = note([
      '[doctor] any fever?',
      '[patient] no.',
      '[doctor] any cough?',
      '[patient] yes, for a week.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] okay. get some rest and drink plenty of fluids.',
    ]);
    expect(n).toMatch(/Denies chest pain/);
    expect(n).toMatch(/ASSESSMENT AND PLAN[\s\S]*fluids/i);
  });
});

describe('ROS: urinary symptoms in everyday words', () => {
  it('reads pain while peeing and urgency to pee', () => {
    const n = note([
      '[doctor] any pain while peeing?',
      '[patient] no.',
      '[doctor] any urgency to pee?',
      '[patient] no.',
      '[doctor] okay, good.',
    ]);
    expect(n).toMatch(/Genitourinary: Denies painful urination or urinary urgency\./);
  });
});

describe('Injury denial', () => {
  it('denies only other injuries when asked about other injuries', () => {
    const n = note([
      '[doctor] what happened to your ankle?',
      '[patient] i was running when i twisted my ankle.',
      '[doctor] do you have any other injuries to speak of?',
      "[patient] no, it's just my ankle really.",
    ]);
    expect(n).toMatch(/Denies other injuries\./);
    expect(n).not.toMatch(/Denies any injury/);
  });
});
