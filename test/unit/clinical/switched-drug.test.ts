/**
 * A follow-up where the plan switches a drug ("let's stop the lisinopril and switch you to losartan") and the
 * assessment is said without "assessment" or "plan" ("your blood pressure is reasonably controlled, but the cough is
 * very likely from the lisinopril"), in phrasings the train visits do not use.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const lines = [
  "[doctor] hi mr. jones, good to see you again. how's the blood pressure been?",
  "[patient] pretty good i think. i check it at home most mornings and it's usually around 135 over 85.",
  "[doctor] okay. and you're still on the lisinopril 20 mg once a day?",
  "[patient] yes, but honestly i've had this dry tickly cough for the past two months and it drives my wife crazy.",
  '[doctor] any fever, shortness of breath, wheezing?',
  '[patient] no, nothing like that. just the cough.',
  '[doctor] okay, let me examine you. blood pressure today is 138 over 86, heart rate 72.',
  '[doctor] heart is regular, no murmurs. lungs are clear.',
  '[doctor] i looked at your labs from last week. your potassium is 4.5 and your creatinine is 1.0, which is normal.',
  "[doctor] so your blood pressure is reasonably controlled, but the cough is very likely from the lisinopril. that's a common side effect.",
  "[doctor] let's stop the lisinopril and switch you to losartan 50 mg once a day. the cough should settle in a few weeks.",
  "[doctor] keep checking your pressure at home and cut back on salt. i'd like to see you back in six weeks with your readings.",
  '[patient] sounds good, thanks doc.',
];

describe('a drug switched in the plan', () => {
  const draft = draftOf(lines);
  it('lists the drug the patient came in on as stopped today, not the one switched to', () => {
    const meds = sectionOf(draft, /CURRENT MEDICATIONS/).join(' ');
    expect(meds).toMatch(/Lisinopril 20 mg once a day \(stopped today\)/);
    expect(meds).not.toMatch(/losartan/i);
  });
  it("keeps the doctor's conclusion said before the switch in the A&P", () => {
    const ap = sectionOf(draft, /ASSESSMENT/).join(' ');
    expect(ap).toMatch(/likely from the lisinopril/);
    expect(ap).toMatch(/losartan 50 mg once a day/i);
  });
});
