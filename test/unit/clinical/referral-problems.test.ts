import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf, visitWithPlan } from './draft-helpers.js';

describe('referrals say to whom and why', () => {
  it('reads a referral made without naming to whom as one to the specialist just offered', () => {
    const items = itemsOf([
      '[doctor] the only extra i could potentially do is we could get a breast specialist on the team.',
      '[patient] okay.',
      "[doctor] all right, let's go ahead and get them on board. i'll send out a referral and they will call you to schedule.",
    ]);
    expect(items).toEqual(['Refer to breast specialist.']);
  });

  it('does not read a bare referral as one when no specialist was named', () => {
    expect(itemsOf(["[doctor] i'll send out a referral and they will call you to schedule."])).toEqual([]);
  });

  it('reads "X should be evaluated by urology" as a referral for X', () => {
    expect(
      itemsOf([
        '[doctor] now the nodule in your right testicle should be evaluated by urology, and we will place that referral today.',
      ]),
    ).toEqual(['Refer to urology for the nodule in the right testicle.']);
  });

  it('keeps what a referral is for when a condition is said with it', () => {
    expect(itemsOf(["[doctor] i'm going to refer you to a urologist for the kidney stones."])).toEqual([
      'Refer to urologist for the kidney stones.',
    ]);
  });
});

describe('a problem assessed as the cause of the complaint heads the A&P', () => {
  it('heads the plan with the diagnosis the complaint "is due to", named by its kind', () => {
    const d = draftOf(
      visitWithPlan([
        '[doctor] now for the first concern of right foot pain, your right foot pain is due to a lisfranc fracture of the midfoot. we will place you in a cast and i want you non-weight-bearing for 6 weeks.',
        '[patient] okay.',
      ]),
    );
    expect(sectionOf(d, /ASSESSMENT/)[0]).toBe('Lisfranc fracture.');
  });
});
