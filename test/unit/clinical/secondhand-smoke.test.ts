import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const asthma = (answer: string, speaker = 'patient_guest') => [
  '[doctor] what brings your daughter in?',
  `[${speaker}] she has been wheezing at night for a week.`,
  '[doctor] does anyone at home smoke?',
  `[${speaker}] ${answer}`,
  '[doctor] there is wheezing on both sides.',
  '[doctor] this is an asthma flare, we will start an inhaled steroid.',
];

describe("a household member's smoking is secondhand smoke exposure in the social history", () => {
  it('"her grandpa smokes in the house" goes under social history, not the HPI', () => {
    const d = draftOf(asthma('her grandpa smokes in the house.'));
    expect(sectionOf(d, /SOCIAL HISTORY/i)).toContain(
      'Secondhand smoke exposure: her grandfather smokes in the house.',
    );
    expect(sectionOf(d, /HISTORY OF PRESENT/i).join(' ')).not.toMatch(/smokes/);
  });

  it('the patient\'s own "my husband smokes" is hers; a smoker "but not around her", or a companion\'s "my …", is not', () => {
    const own = draftOf([
      '[doctor] what brings you in?',
      '[patient] i have had a cough for three weeks.',
      '[doctor] do you smoke?',
      '[patient] no, but my husband smokes inside.',
      '[doctor] your lungs are clear.',
      '[doctor] this is likely a postviral cough.',
    ]);
    expect(own.note).not.toMatch(/Secondhand smoke exposure/);
    const hers = draftOf([
      '[doctor] what brings you in?',
      '[patient] i have had a cough for three weeks.',
      '[doctor] does anyone at home smoke?',
      '[patient] my husband smokes inside.',
      '[doctor] she has clear lungs.',
      '[doctor] this is likely a postviral cough.',
    ]);
    expect(sectionOf(hers, /SOCIAL HISTORY/i).join(' ')).toMatch(
      /Secondhand smoke exposure: (?:her|their) husband smokes inside\./,
    );
    expect(draftOf(asthma('her dad smokes but never around her.')).note).not.toMatch(/Secondhand/);
    expect(draftOf(asthma('my boyfriend smokes outside.')).note).not.toMatch(/Secondhand/);
  });
});
