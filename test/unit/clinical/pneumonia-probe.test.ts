/** A pneumonia visit in phrasings the train visits do not use. */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const lines = [
  "[doctor] hello, i'm dr. patel. what brings you in?",
  "[patient] i've had this cough for about ten days and now i'm bringing up green stuff. and i've had fevers up to 101.",
  '[doctor] any medical problems?',
  '[patient] just high blood pressure. i take amlodipine 5 mg.',
  '[doctor] okay. your temperature is 100.8, heart rate 98, oxygen 93 percent on room air.',
  '[doctor] when i listen to your lungs i hear crackles at the left base. heart is regular.',
  '[doctor] the chest x-ray shows a left lower lobe infiltrate.',
  "[doctor] so you have a community acquired pneumonia. i'll prescribe amoxicillin-clavulanate 875 mg twice a day.",
  '[doctor] use tylenol for the fever. i want to see you back in 3 days.',
];

describe('a pneumonia visit', () => {
  const draft = draftOf(lines);
  it('keeps the finding heard "when i listen to your lungs", and no vital twice', () => {
    const exam = sectionOf(draft, /PHYSICAL/).join(' ');
    expect(exam).toMatch(/Respiratory: Crackles at the left base\./);
    expect(exam).not.toMatch(/Cardiovascular: Heart rate/);
  });
  it('writes the chest x-ray infiltrate as a result', () => {
    expect(sectionOf(draft, /RESULTS/)).toEqual(['Chest X-ray: left lower lobe infiltrate.']);
  });
  it('orders amoxicillin-clavulanate and does not list advice to use Tylenol as a current medication', () => {
    expect(sectionOf(draft, /ASSESSMENT/).join(' ')).toMatch(/Start amoxicillin-clavulanate 875 mg twice a day/i);
    expect(sectionOf(draft, /CURRENT MEDICATIONS/).join(' ')).not.toMatch(/acetaminophen|tylenol/i);
  });
});
