import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf, visitWithPlan } from './draft-helpers.js';

const planOfDraft = (plan: string[]) => sectionOf(draftOf(visitWithPlan(plan)), /assessment|plan/i).join(' ');

describe('plan and exam facts said in other words', () => {
  it('reads massage said with the scars it is for as scar massage', () => {
    expect(itemsOf(['[doctor] massage and scar gel will help for the scars.'])).toContain('Scar massage.');
  });

  it('reads "take it a little bit easy" as activity modification, not under a condition said after it', () => {
    expect(itemsOf(["[doctor] you're gonna have to take it a little bit easy for now."])).toContain(
      'Activity modification.',
    );
    expect(
      itemsOf(["[doctor] i want you to take it easy for right now, and if your symptoms continue, we'll get an mri."]),
    ).toContain('Activity modification.');
  });

  it('orders screening questionnaires as a test', () => {
    expect(itemsOf(['[doctor] and we will do some screening questionnaires today.'])).toContain(
      'Order screening questionnaires.',
    );
  });

  it('keeps what the doctor says of the course of a condition (no cure, flares, goes away on its own)', () => {
    const plan = planOfDraft([
      '[doctor] so for your knee, i think you have patellofemoral pain syndrome.',
      '[doctor] now there is no cure for this unfortunately and flareups can be unpredictable.',
      '[doctor] most of the time these go away on their own within a year.',
    ]);
    expect(plan).toMatch(/no cure for this/);
    expect(plan).toMatch(/go away on their own within a year/);
  });

  it('reads "it sounds like related to" as the likely cause', () => {
    const plan = planOfDraft([
      '[doctor] so for your knee, i think you have patellofemoral pain syndrome.',
      '[doctor] and it sounds like related to school expectations and the stress with exams.',
    ]);
    expect(plan).toMatch(/Likely related to school expectations/);
  });

  it('keeps a follow-up said as "i will have you come back", which is no question', () => {
    const plan = planOfDraft([
      '[doctor] so for your knee, i think you have patellofemoral pain syndrome.',
      '[doctor] you should see a difference so i will have you come back in about six weeks and follow up and see how you are doing with that.',
      '[doctor] and then follow up in a couple weeks on the mood too.',
    ]);
    expect(plan).toMatch(/6 weeks/);
  });

  it('keeps a plan said before the question that checks it ("does that sound like a good plan for you")', () => {
    const plan = planOfDraft([
      '[doctor] so for your knee, i think you have patellofemoral pain syndrome.',
      '[doctor] in two weeks we will see if there is need for more testing or possibly a surgical release of the tendon does that sound like a good plan for you',
    ]);
    expect(plan).toMatch(/surgical release of the tendon/);
    expect(plan).not.toMatch(/good plan/);
  });

  it('states "what i\'d like to do is something called …" as the plan', () => {
    const plan = planOfDraft([
      '[doctor] so for your knee, i think you have patellofemoral pain syndrome.',
      "[doctor] what i'd like to do is something called a whole blood injection have you heard of that before",
    ]);
    expect(plan).toMatch(/Plan a whole blood injection\./);
  });

  it('files a scar and pain on supination as exam findings', () => {
    const exam = sectionOf(
      draftOf([
        '[doctor] how are your elbows?',
        '[patient] they hurt when i twist.',
        "[doctor] alright, let's do a quick physical exam.",
        '[doctor] that scar did widen a little bit.',
        '[doctor] okay so some pain with torsion and twisting supination what about pronation',
        '[patient] no.',
        '[doctor] i think you have medial epicondylitis, we will order an mri.',
      ]),
      /physical exam/i,
    );
    expect(exam).toContain('• Integumentary: That scar did widen a little bit.');
    expect(exam).toContain('• Musculoskeletal: Some pain with torsion and twisting supination.');
  });
});
