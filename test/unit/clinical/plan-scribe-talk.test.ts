/**
 * The A&P's reasoning and treatment hold reasoning and orders, not talk: a diagnosis dictated to the scribe heads its
 * problem, praise and encouragement go (a quit date they carry is written as the item), clauses that lost their main
 * verb or complement go or keep what they state, and a drug injected once in the office is a procedure, not a start.
 */
import { describe, expect, it } from 'vitest';
import { cleanSpoken } from '../../../core/clinical/rewrite.js';
import { draftOf, itemsOf } from './draft-helpers.js';

/** The A&P of a visit given as tagged lines. */
const plan = (lines: string[]) => {
  const note = draftOf(lines).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};
const finger = [
  '[doctor] hi, what brings you in today?',
  '[patient] my right index finger has been stiff and sore since the car accident.',
  "[doctor] okay, let's do a quick exam. there is tenderness over the flexor tendon.",
  '[patient] okay.',
];

describe('A&P: talk that is not reasoning or orders', () => {
  it('a diagnosis dictated to the scribe heads the problem and is not copied as a treatment line', () => {
    const ap = plan([
      ...finger,
      '[doctor] so for mr. smith, just put that he has a post-traumatic rather severe stenosing tenosynovitis of his right index finger, and the plan is a steroid injection today.',
      '[doctor] i will also have you do occupational therapy once a week for 6 weeks.',
    ]);
    expect(ap).toMatch(/^Post-traumatic severe stenosing tenosynovitis of the right index finger\.$/m);
    expect(ap).not.toMatch(/put that|just put/i);
  });

  it('praise and encouragement go, and the quit date they carry is written as the plan item', () => {
    const ap = plan([
      '[doctor] hi, what brings you in today?',
      '[patient] i want to quit smoking, i smoke a pack a day.',
      "[doctor] okay, let's do a quick exam. your lungs are clear.",
      '[patient] okay.',
      "[doctor] for your first problem of nicotine dependence, i'm going to start you on a nicotine patch 21 mg daily.",
      "[doctor] we'll be with you every step of the way. it's fantastic you have chosen next monday as a quit date.",
    ]);
    expect(ap).toMatch(/Quit date set for next Monday\./);
    expect(ap).toMatch(/Start nicotine patch 21 mg/);
    expect(ap).not.toMatch(/every step of the way|fantastic/i);
  });

  it('a clause that lost its main clause keeps what it states; "how it is doing" keeps its complement', () => {
    const ap = plan([
      '[doctor] hi, what brings you in today?',
      '[patient] follow up on my blood pressure and my knee.',
      "[doctor] okay, let's do a quick exam. your heart is regular.",
      '[patient] okay.',
      '[doctor] for your hypertension, i want you to take your blood pressure every so often and then because your blood pressures actually seem fine at this time we will continue lisinopril 10 mg daily.',
      "[doctor] and then from your last problem, your arthritis, i'm very pleased with how your right knee is doing and i want you to continue pilates.",
    ]);
    expect(ap).not.toMatch(/often and then because|From (?:her|his|their) last problem|knee is doing\./i);
    expect(ap).toMatch(/right knee is doing well/i);
  });

  it('the doctor\'s "I\'ll be back shortly" is no part of the plan', () => {
    const ap = plan([
      ...finger,
      '[doctor] i think you have a stenosing tenosynovitis of the right index finger.',
      "[doctor] all right, well, i will have the nurse set up the injection procedure, and we'll, and i'll be back shortly.",
    ]);
    expect(ap).toMatch(/nurse set up the injection procedure\./);
    expect(ap).not.toMatch(/be back shortly|we'll, and/i);
  });

  it('a drug injected once in the office is a procedure item, not "Start <drug>"', () => {
    const items = itemsOf([
      '[doctor] we attempted a second time for a similar injection using the same technique with one cc of celestone and half a cc of lidocaine.',
    ]);
    expect(items).toContain('Celestone 1 mL and lidocaine half a mL injection.');
    expect(items.join(' ')).not.toMatch(/^Start celestone/im);
  });

  it('"you\'ve got ta" is read as "you have to", not "you\'ve have to"', () => {
    expect(cleanSpoken("you've got ta start moving the finger")).toMatch(/^you have to start moving the finger/);
  });
});
