import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

describe("a companion's word for the patient is the patient", () => {
  const child = [
    '[doctor] hi there, what brings your son in today?',
    '[patient_guest] my son has been throwing up since this morning and he has loose stools.',
    '[doctor] is he drinking?',
    '[patient_guest] small sips only.',
    "[patient_guest] i've had a migraine all week myself.",
    '[doctor] his belly is soft and nontender.',
    '[doctor] this is a stomach bug, we will push fluids.',
  ];

  it('"my son has been throwing up" is written of him, as the family\'s report', () => {
    const hpi = sectionOf(draftOf(child), /HISTORY OF PRESENT/i).join(' ');
    expect(hpi).toMatch(/The family reports that he has been throwing up since this morning/);
    expect(hpi).not.toMatch(/\bmy son\b|\bHe reports\b/i);
    // The companion's own migraine is not the patient's.
    expect(draftOf(child).note).not.toMatch(/migraine/i);
  });

  it('an elderly patient with her son: "my mom" is the patient; her pronoun is used', () => {
    const d = draftOf([
      '[doctor] so how has your mom been doing?',
      '[guest_family] my mom has been much more forgetful for two months and she got lost driving home.',
      '[doctor] any falls?',
      '[guest_family] no falls.',
      '[doctor] she is alert and oriented to person and place.',
      '[doctor] we will check labs and a head ct for the memory loss.',
    ]);
    const hpi = sectionOf(d, /HISTORY OF PRESENT/i).join(' ');
    expect(hpi).toMatch(/\b[Ss]he has been much more forgetful for 2 months/);
    expect(hpi).not.toMatch(/\bmy mom\b/i);
  });

  it("the word is not the patient's when it is not what the doctor called the patient", () => {
    const d = draftOf([
      '[doctor] what brings your daughter in today?',
      '[patient_guest] she has had a rash on her arms for three days.',
      '[doctor] anyone else at home with a rash?',
      '[patient_guest] my son had a rash like this last month.',
      '[doctor] there are raised red bumps on both forearms.',
      '[doctor] this looks like contact dermatitis, use a steroid cream.',
    ]);
    expect(d.note).not.toMatch(/\b(?:she|he) had a rash like this last month/i);
  });
});
