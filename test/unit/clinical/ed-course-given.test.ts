/**
 * Care given in the emergency department, a hospital or an ambulance before this visit: the drugs given there are no
 * current medications, and the doctor's recounting of them (or the answer to "what was she given in the ER?") is no
 * order of today's plan. A drug the patient still takes, started in hospital, stays a current medication.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf } from './draft-helpers.js';

const meds = (lines: string[]) => sectionOf(draftOf(lines), /^CURRENT MEDICATIONS$/);
const plan = (lines: string[]) => sectionOf(draftOf(lines), /^ASSESSMENT AND PLAN$/).join(' ');

describe('drugs given in the emergency department', () => {
  it('are not current medications when the patient tells of them', () => {
    const visit = [
      '[doctor] what happened?',
      '[patient] my side hurt so much last night that my husband took me to the ER.',
      '[doctor] and what did they do for you there?',
      '[patient] they gave me some morphine and fluids and did a scan, and then they sent me home.',
    ];
    expect(meds(visit).join(' ')).not.toMatch(/morphine/i);
  });

  it('are not current medications nor orders when the doctor recounts them', () => {
    const visit = [
      '[doctor] so, they gave you a dose of ketorolac here in the emergency room for the pain. is it any better?',
      '[patient] yes, much better.',
      '[doctor] good. i will prescribe naproxen to take twice a day.',
    ];
    expect(meds(visit).join(' ')).not.toMatch(/ketorolac/i);
    expect(plan(visit)).not.toMatch(/ketorolac/i);
    expect(plan(visit)).toMatch(/naproxen/i);
  });

  it('are no order when they answer a colleague asking what was given', () => {
    const visit = [
      '[guest_clinician] what was she given in the E R?',
      '[doctor] two milligrams of lorazepam intravenously, and after that the shaking stopped.',
    ];
    expect(itemsOf(visit).join(' ')).not.toMatch(/lorazepam/i);
    expect(meds(visit).join(' ')).not.toMatch(/lorazepam/i);
  });

  it('keeps a drug the patient still takes, started in hospital', () => {
    const visit = [
      '[doctor] what medicines are you on?',
      '[patient] i take metoprolol every day. they started me on it in the hospital last spring.',
    ];
    expect(meds(visit).join(' ')).toMatch(/metoprolol/i);
  });
});
