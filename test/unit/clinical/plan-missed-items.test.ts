/**
 * Plan items the A&P used to leave out: self-care told as an instruction, notes for work or school, what to tell
 * another clinician, activity restrictions that name a sport, referrals to meet a non-physician service, readings taken
 * at home, "keep it elevated", spirometry and microalbumin orders, a device-first plan turn. And what stays out.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf, visitWithPlan } from './draft-helpers.js';

const ap = (lines: string[]) => sectionOf(draftOf(lines), /assessment and plan/i).join('\n');
const planOf = (...said: string[]) =>
  ap(visitWithPlan([`[doctor] so this is a strain of the right knee. ${said.join(' ')}`, '[patient] okay, thanks.']));

describe('self-care and instructions told to the patient', () => {
  it('an instruction to use something at home is counselling, not dropped as talk', () => {
    expect(planOf('use a baking soda rinse after meals.')).toMatch(
      /Patient Education and Counseling: Use a baking soda rinse after meals\./,
    );
    expect(planOf('and, um, you can use a heating pad.')).toMatch(/Patient Education and Counseling: .*heating pad/);
  });

  it('a note written for work is counselling', () => {
    expect(planOf("i'm going to write you a note for light duty at work.")).toMatch(
      /Patient Education and Counseling: .*note for light duty at work/,
    );
  });

  it('what to tell another clinician is counselling, not reasoning', () => {
    const p = planOf('please let your cardiologist know about the new swelling in your legs.');
    expect(p).toMatch(/Patient Education and Counseling: Let their cardiologist know about the new swelling/);
    expect(p).not.toMatch(/Medical Reasoning: Let/);
  });

  it('a restriction that names a sport stays, however little else it names', () => {
    expect(planOf('and no contact sports while you have the cast on.')).toMatch(/No contact sports while/);
  });
});

describe('referrals and readings at home', () => {
  it('meeting with a service the doctor names is a referral', () => {
    expect(planOf("i'd like you to meet with our genetic counselor.")).toMatch(
      /Specialist Referrals: Refer to genetic counselor\./,
    );
  });

  it('a reading taken at home, with what is done with it, is one counselling item', () => {
    const p = planOf(
      "i'd like you to check your blood pressure at home twice a day for two weeks and send me the readings through the portal.",
    );
    expect(p).toMatch(
      /Patient Education and Counseling: Check their blood pressure at home twice a day for 2 weeks and send the readings through the portal\./,
    );
    expect(planOf('check your pulse and blood pressure at home every morning and write them down.')).toMatch(
      /Check their pulse and blood pressure at home every morning and write them down\./,
    );
    expect(planOf('i want you to continue to monitor your blood sugars at home.')).toMatch(
      /Patient Education and Counseling: Continue to monitor their blood sugars at home\./,
    );
  });

  it('a check in the office, a question, or a drug is no home reading', () => {
    expect(planOf("we'll check your blood pressure again in two weeks.")).not.toMatch(
      /Check (?:the|their) blood pressure/,
    );
    expect(planOf('keep taking your blood pressure medicine every day.')).not.toMatch(
      /Check (?:the|their)|Monitor (?:the|their)/,
    );
    expect(planOf('did you check your blood pressure at home every day?')).not.toMatch(/blood pressure/i);
  });
});

describe('orders and advice said in other words', () => {
  it('keeping a limb elevated is advice; an elevated reading is not', () => {
    expect(planOf('ice it twenty minutes three times a day and keep it elevated.')).toMatch(/Keep it elevated\./);
    expect(planOf('your blood pressure is elevated today.')).not.toMatch(/Patient Education and Counseling/);
  });

  it('spirometry and a urine microalbumin are orders, and an interval keeps its unit', () => {
    expect(planOf("we'll do spirometry at the next visit.")).toMatch(/Additional Testing: Order spirometry/);
    expect(planOf("we'll get a urine microalbumin and repeat the a1c in three months.")).toMatch(
      /Order urine microalbumin and repeat A1c in 3 months\./,
    );
  });
});

describe('a drug the parent may give', () => {
  it('is as needed, and a choice of two keeps what it is for', () => {
    expect(planOf('you can give her tylenol or motrin for fever.')).toMatch(
      /Start Tylenol or Motrin as needed for fever\./,
    );
    expect(planOf('you can take tylenol or ibuprofen as needed for pain.')).toMatch(
      /Start Tylenol or ibuprofen as needed for pain\./,
    );
    expect(planOf('you can give him some tylenol for the pain.')).toMatch(/Start Tylenol as needed for the pain\./);
  });
});

describe('a plan turn that opens with a device', () => {
  it('is read as the plan, with every item in it', () => {
    const p = ap([
      '[doctor] so what happened to the ankle?',
      '[patient] um, i rolled it playing soccer on saturday, the left one.',
      "[doctor] okay. on exam there's swelling over the lateral left ankle.",
      "[doctor] so, you know, this looks like a left ankle sprain. i'm going to put you in an aircast. let's get an x-ray of the left ankle to rule out a fracture. no soccer for three weeks. i'll also refer you to physical therapy.",
      "[doctor] we talked about crutches last time you hurt it, but you don't need those now.",
      '[patient] okay, do i need to come back?',
      "[doctor] yeah, let's see you back in three weeks.",
    ]);
    expect(p).toMatch(/Place in aircast/);
    expect(p).toMatch(/Order x-ray of the left ankle/);
    expect(p).toMatch(/No soccer for 3 weeks/);
    expect(p).toMatch(/Refer to physical therapy/);
    expect(p).not.toMatch(/crutch/i);
  });
});
