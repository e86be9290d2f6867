import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf, visitWithPlan } from './draft-helpers.js';

const sections = (lines: string[]) => {
  const d = draftOf(lines);
  return {
    meds: sectionOf(d, /CURRENT MEDICATIONS/i).join(' '),
    allergies: sectionOf(d, /ALLERGIES/i).join(' '),
    hpi: sectionOf(d, /HISTORY OF PRESENT ILLNESS/i).join(' '),
    ros: sectionOf(d, /REVIEW OF SYSTEMS/i).join(' '),
  };
};

describe('drug reactions and intolerances', () => {
  it('reads a drug the doctor says the patient reacted to as an allergy with its reaction, not a medication', () => {
    const out = sections([
      '[doctor] he is a 50-year-old male here for his right finger. he did not want any steroid because of the reaction to dexamethasone, which causes his heart to race.',
      '[doctor] how can i help you today?',
      '[patient] my finger has been hurting since march.',
    ]);
    expect(out.allergies).toMatch(/Dexamethasone \(palpitations\)/);
    expect(out.meds).not.toMatch(/Dexamethasone/);
  });

  it('reads a reaction the doctor asks about and the patient confirms as an allergy, not a symptom now', () => {
    const out = sections([
      '[doctor] what brings you in today?',
      '[patient] my finger has been hurting since march.',
      '[doctor] okay, and it looks like you suffer from itching with the methylprednisolone?',
      "[patient] uh, that's correct.",
      "[patient] i've gotten another, uh, methylprednisolone, and that itched me like crazy.",
    ]);
    expect(out.allergies).toMatch(/Methylprednisolone \(itching\)/);
    expect(out.meds).not.toMatch(/Methylprednisolone/);
    expect(`${out.hpi} ${out.ros}`).not.toMatch(/itching/i);
  });

  it('keeps the drugs the patient takes while reading the one they cannot take as an allergy', () => {
    const out = sections([
      '[doctor] what brings you in today?',
      '[patient] my knee has been hurting for a few weeks.',
      '[doctor] any medications?',
      "[patient] i take lisinopril 10 mg daily. i can't take codeine, it makes me sick to my stomach.",
    ]);
    expect(out.meds).toMatch(/Lisinopril 10 mg daily/);
    expect(out.meds).not.toMatch(/Codeine/);
    expect(out.allergies).toMatch(/Codeine \(nausea\)/);
  });

  it('does not read relief a drug gives, or a reaction denied, as an allergy', () => {
    const relief = sections([
      '[doctor] what brings you in today?',
      '[patient] my knee has been hurting for a few weeks.',
      '[doctor] what have you tried?',
      '[patient] i take ibuprofen, and that gives me some relief from the swelling.',
    ]);
    expect(relief.meds).toMatch(/Ibuprofen/);
    expect(relief.allergies).toBe('');
    const denied = sections([
      '[doctor] what brings you in today?',
      '[patient] my knee has been hurting for a few weeks.',
      '[doctor] have you had any reaction to the amoxicillin?',
      '[patient] no.',
    ]);
    expect(denied.allergies).toBe('');
    expect(denied.meds).not.toMatch(/Amoxicillin/);
  });

  it('writes the drugs of an injection given at the visit as the procedure, not as current medications', () => {
    const injection =
      '[doctor] we attempted a second time for a similar injection using the same technique with 1 cc of celestone and half a cc of lidocaine.';
    expect(itemsOf([injection])).toEqual(['Celestone 1 mL and lidocaine half a mL injection.']);
    const out = sections(visitWithPlan([injection, '[patient] okay.']));
    expect(out.meds).not.toMatch(/Lidocaine|Betamethasone/);
  });
});
