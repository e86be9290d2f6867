import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf, visitWithPlan } from './draft-helpers.js';

/** A short visit whose plan turn is `plan`, after a history and an exam; the draft's A&P as one string. */
const planOf = (plan: string[]) => sectionOf(draftOf(visitWithPlan(plan)), /assessment|plan/i).join(' ');

describe('plan items keep their qualifiers', () => {
  it('a condition left hanging at the end of a sentence governs the next one, its pointer named', () => {
    const ap = planOf([
      "[doctor] so for your sore throat i'm going to swab you for a rapid strep test and if that's positive. i want to prescribe amoxicillin 500 milligrams three times a day for ten days.",
    ]);
    expect(ap).toMatch(/Start amoxicillin 500 mg 3 times a day for 10 days if the rapid strep test is positive\./);
  });

  it('a condition that opens its own clause does not govern an item said before it', () => {
    const ap = planOf([
      "[doctor] for your knee pain i'm going to refer you to physical therapy and if it doesn't get better then we can get an x-ray.",
    ]);
    expect(ap).toMatch(/Refer to physical therapy\./);
    expect(ap).toMatch(/Order x-ray if it does not get better\./);
  });

  it("a test's purpose is kept as its purpose, not made a condition", () => {
    const ap = planOf([
      '[doctor] for your knee pain i want to order an mri just to assess if there is any injury to those ligaments.',
    ]);
    expect(ap).toMatch(/Order MRI to assess for any injury to those ligaments\./);
    expect(ap).not.toMatch(/MRI if there/);
  });

  it("a course's duration is kept however it is said", () => {
    const ap = planOf(['[doctor] for your knee pain take ibuprofen 600 milligrams every 6 hours for a full week.']);
    expect(ap).toMatch(/ibuprofen 600 mg every 6 hours for a full week/);
  });

  it('a condition for coming sooner stays with the follow-up', () => {
    const ap = planOf([
      "[doctor] for your knee pain we'll see you again in 3 months and if it gets worse please call me and come in sooner.",
    ]);
    expect(ap).toMatch(/Follow up in 3 months, or sooner if it gets worse\./);
  });

  it('a drug said again keeps the statement with its dose and schedule', () => {
    const ap = planOf([
      "[doctor] for your knee pain i'm going to prescribe you ibuprofen 800 milligrams you can take that as needed for pain and just in case it does start to swell i want you to take the ibuprofen.",
    ]);
    expect(ap).toMatch(/Start ibuprofen 800 mg as needed for pain\./);
  });

  it('a test named inside a condition is not ordered on that condition', () => {
    const ap = planOf([
      "[doctor] for your knee pain we'll get you scheduled for the mri. once you get the mri i'll know a little bit more.",
    ]);
    expect(ap).not.toMatch(/once they get the MRI|i'll know/i);
  });
});
