import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf, visitWithPlan } from './draft-helpers.js';

describe('a device or procedure the doctor withholds is not ordered', () => {
  it('does not place a cast the doctor says the patient will not get, and places the brace offered instead', () => {
    const items = itemsOf(["[doctor] we're not going to put you in a cast, just a wrist brace."]);
    expect(items).not.toContain('Place in cast.');
    expect(items).toContain('Place in wrist brace.');
  });

  it('does not plan surgery the doctor says is not needed', () => {
    expect(itemsOf(["[doctor] i don't think we need to do surgery."])).not.toContain('Plan surgery.');
    expect(itemsOf(['[doctor] we will schedule surgery for next week.'])).toContain('Plan surgery.');
  });

  it('writes the withheld device in plan wording, not as spoken', () => {
    const ap = sectionOf(
      draftOf(visitWithPlan(["[doctor] i don't think you need surgery. we will start ibuprofen 600 mg twice a day."])),
      /ASSESSMENT/,
    ).join(' ');
    expect(ap).toMatch(/No need for surgery\./);
    expect(ap).not.toMatch(/don't think/i);
  });
});

describe('a test another service will probably do is not ordered today', () => {
  it('reads "they will probably do an endoscopy" as a test to consider', () => {
    const items = itemsOf(["[doctor] they're gonna do, uh, probably do an endoscopy and another colonoscopy on you."]);
    expect(items.join(' ')).not.toMatch(/^Order endoscopy/);
    expect(items.join(' ')).toMatch(/Consider endoscopy/);
  });
});

describe('a dose lowered', () => {
  it('reads "lower" as a decrease, and "lower it" as the drug just named', () => {
    expect(itemsOf(["[doctor] let's lower your amlodipine to 5 mg daily."])).toEqual([
      'Decrease amlodipine to 5 mg daily.',
    ]);
    expect(
      itemsOf([
        '[doctor] the swelling is probably from the amlodipine. let us lower it to 5 milligrams daily and add losartan 25 milligrams daily.',
      ]),
    ).toEqual(['Decrease amlodipine to 5 mg daily.', 'Start losartan 25 mg daily.']);
    expect(itemsOf(['[doctor] we will lower your blood pressure with lisinopril 10 mg daily.'])).toEqual([
      'Start lisinopril 10 mg daily.',
    ]);
  });
});

describe('a symptom the patient had only in the past', () => {
  it('is written as history, not as a current complaint', () => {
    const note = draftOf([
      '[doctor] what brings you in?',
      "[patient] i've been very tired for a month.",
      '[doctor] any heavy periods?',
      "[patient] yes, in the past, but they've been normal this year.",
      '[doctor] okay, we will check a cbc.',
    ]).note;
    expect(note).toMatch(/history of menorrhagia/);
    expect(note).not.toMatch(/reports (?:fatigue and )?menorrhagia|Endorses menorrhagia/);
  });
});

describe("the patient's name", () => {
  it('is written with capitals wherever the note gives it, and an age said "45 -year-old" is read', () => {
    const d = draftOf([
      '[doctor] russell ramirez is a 45 -year-old male with a history of hypertension who presents with a cough.',
      '[doctor] so what brings you in?',
      '[patient] i have had a cough for a week.',
    ]);
    expect(d.note).toMatch(/Russell Ramirez is a 45-year-old male/);
  });
});
