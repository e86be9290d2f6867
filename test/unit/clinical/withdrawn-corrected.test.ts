import { describe, expect, it } from 'vitest';
import { withSelfRepairs } from '../../../core/clinical/self-repair.js';
import { verifyNote } from '../../../core/clinical/verify.js';
import { draftOf, itemsOf, sectionOf, visitWithPlan } from './draft-helpers.js';

const planOf = (plan: string[]) => sectionOf(draftOf(visitWithPlan(plan)), /ASSESSMENT/).join(' ');

describe('a value said and at once corrected is the corrected value', () => {
  it('writes the corrected dose, schedule and time', () => {
    expect(withSelfRepairs("we'll start metoprolol 50 mg, sorry, 25 mg twice a day.")).toBe(
      "we'll start metoprolol 25 mg twice a day.",
    );
    expect(withSelfRepairs('use the drops four times a day, i mean twice a day, in both eyes.')).toBe(
      'use the drops twice a day, in both eyes.',
    );
    expect(withSelfRepairs('the swelling came on five days ago, no, six days ago.')).toBe(
      'the swelling came on six days ago.',
    );
    expect(itemsOf(['[doctor] take naproxen 500 mg three times a day, i mean twice a day, with meals.'])).toEqual([
      'Start naproxen 500 mg twice a day with meals.',
    ]);
  });

  it('writes the corrected symptom and site, not both', () => {
    const d = draftOf([
      '[doctor] what can i do for you today?',
      "[patient] i've had chest pain, sorry, i mean stomach pain, since the weekend.",
      '[doctor] any diarrhea?',
      '[patient] no.',
    ]);
    expect(d.note).not.toMatch(/chest pain/i);
    expect(withSelfRepairs('there is tenderness over the lateral elbow, i mean the medial elbow.')).toBe(
      'there is tenderness over the medial elbow.',
    );
  });

  it('reads an answer taken back as the answer given last', () => {
    const d = draftOf([
      '[doctor] any shortness of breath?',
      "[patient] yes, well actually no, it's more that i get tired.",
      '[doctor] okay.',
    ]);
    expect(d.note).not.toMatch(/Endorses shortness of breath|reports shortness of breath/i);
  });

  it('leaves a clarification that says more, a denial and two values said together as said', () => {
    for (const s of [
      'my hip hurts, i mean it really hurts on the stairs.',
      'i have knee pain, no back pain.',
      'a clot, i mean, a bleed in the brain.',
      'take 1 tablet in the morning and 2 tablets at night.',
    ])
      expect(withSelfRepairs(s)).toBe(s);
  });
});

describe('an order the doctor takes back is not written as ordered', () => {
  it('drops a device held off on later in the turn, with the sentence that ordered it', () => {
    const ap = planOf([
      "[doctor] we'll put you in a wrist splint. actually, let's hold off on the splint, the brace you have is fine.",
    ]);
    expect(ap).not.toMatch(/Place in wrist splint|put them in a wrist splint/i);
  });

  it('drops a drug replaced at once by another of its kind said "instead"', () => {
    const items = itemsOf([
      "[doctor] i'm going to give you cephalexin. actually, with your allergy, let's do clindamycin 300 mg three times a day instead.",
    ]);
    expect(items.join(' ')).not.toMatch(/cephalexin/i);
    expect(items.join(' ')).toMatch(/clindamycin 300 mg/);
  });

  it('drops the orders of a sentence the doctor scratches', () => {
    const ap = planOf(["[doctor] i'll refer you to dermatology. no, scratch that, let's try a cream first."]);
    expect(ap).not.toMatch(/Refer to dermatology/);
  });

  it('drops a procedure the doctor meant to do and then did not', () => {
    const ap = planOf([
      "[doctor] i was going to do a cortisone injection today, but let's wait since you have a fever.",
    ]);
    expect(ap).not.toMatch(/Plan cortisone injection/);
  });

  it('drops a drug taken back by name, and a study the patient already had from the list it was in', () => {
    expect(
      itemsOf([
        "[doctor] we'll start prednisone. hmm, on second thought, let's not do the prednisone with your sugars.",
      ]),
    ).not.toContain('Start prednisone.');
    expect(
      itemsOf(["[doctor] we'll check a cbc and a tsh. actually, you had the tsh last month, so just the cbc."]),
    ).toEqual([expect.stringMatching(/^Order cbc\.$/i)]);
  });

  it('keeps an order added, an option chosen instead of another, and a current drug held', () => {
    expect(
      itemsOf(["[doctor] we'll get an x-ray of the ankle. actually, let's also get an mri of the ankle."]).length,
    ).toBe(2);
    expect(itemsOf(["[doctor] instead of ibuprofen, let's start meloxicam 15 mg daily."])).toContain(
      'Start meloxicam 15 mg daily.',
    );
    expect(
      itemsOf(["[doctor] let's hold off on the aspirin for now. we will start atorvastatin 20 mg daily."]),
    ).toContain('Start atorvastatin 20 mg daily.');
  });
});

describe('"never mind" is no denial', () => {
  it('reads the complaint said after it as present', () => {
    const d = draftOf([
      '[patient] never mind the parking, my elbow hurts since tuesday.',
      "[doctor] there is swelling of the elbow. we'll get an elbow x-ray.",
    ]);
    expect(d.note).not.toMatch(/Denies elbow pain/i);
  });
});

describe('the verifier flags an order the visit took back', () => {
  const visit = [
    '[doctor] how is the wrist?',
    '[patient] it still hurts when i lift things.',
    "[doctor] we'll put you in a wrist splint. actually, let's hold off on the splint, the brace you have is fine.",
    '[patient] okay.',
  ].join('\n');
  it('flags the withdrawn order written as ordered, and not the sentence that held it', () => {
    const kinds = (note: string) => verifyNote(visit, note).flatMap((v) => v.problems.map((p) => p.kind));
    expect(kinds('ASSESSMENT AND PLAN\nPlace in wrist splint.')).toContain('withdrawn');
    expect(kinds('ASSESSMENT AND PLAN\nWill hold off on the splint.')).not.toContain('withdrawn');
  });
});
