import { describe, expect, it } from 'vitest';
import { draftOf, itemsOf, sectionOf, visitWithPlan } from './draft-helpers.js';

describe('how a drug is taken belongs to its order', () => {
  it('a timing at the onset of what it treats and a repeat rule are written as a clinician writes them', () => {
    expect(
      itemsOf([
        "[doctor] i'm going to start you on sumatriptan 50 mg at the onset of a headache, you can repeat once after two hours if needed.",
      ]),
    ).toEqual(['Start sumatriptan 50 mg at headache onset; may repeat once after 2 hours if needed.']);
  });

  it('a time before a meal is part of the order', () => {
    expect(itemsOf(['[doctor] start omeprazole 20 mg 30 minutes before breakfast.'])).toEqual([
      'Start omeprazole 20 mg 30 minutes before breakfast.',
    ]);
  });

  it('a time of day that is no symptom is not an onset', () => {
    expect(itemsOf(['[doctor] start lisinopril 10 mg at the start of the day.'])).toEqual(['Start lisinopril 10 mg.']);
  });

  it('a most-per-day rule is a limit, not the schedule', () => {
    expect(
      itemsOf(["[doctor] i'll start you on ibuprofen 600 mg with meals, no more than three times a day."]),
    ).toEqual(['Start ibuprofen 600 mg with meals; no more than 3 times a day.']);
  });

  it('a limit on a drug already taken is a plan item, with why', () => {
    expect(
      itemsOf(["[doctor] try to limit the excedrin to two days a week so we don't get rebound headaches."]),
    ).toEqual(['Limit excedrin to 2 days a week to avoid rebound headaches.']);
  });

  it('an instruction on how to take a current drug is a plan item', () => {
    expect(itemsOf(["[doctor] try to take the metformin with dinner so you don't forget it."])).toEqual([
      'Take metformin with dinner.',
    ]);
    expect(itemsOf(['[doctor] try to take the lisinopril in the morning.'])).toEqual([
      'Take lisinopril in the morning.',
    ]);
    // Not said as an instruction: no item.
    expect(itemsOf(['[doctor] did you take the metformin with dinner.'])).toEqual([]);
  });

  it('how to take a drug already ordered adds to that order, not a second item', () => {
    expect(
      itemsOf([
        "[doctor] i'm going to prescribe nitrofurantoin one hundred milligrams",
        '[doctor] take the nitrofurantoin twice a day for five days',
      ]),
    ).toEqual(['Start nitrofurantoin 100 mg twice a day for 5 days.']);
    expect(
      itemsOf([
        '[doctor] continue the metformin 500 mg twice a day.',
        '[doctor] and try to take the metformin with dinner.',
      ]),
    ).toEqual(['Continue metformin 500 mg twice a day with dinner.']);
  });

  it('a course with dose, schedule and duration still reads as before', () => {
    expect(itemsOf(["[doctor] we'll do nitrofurantoin 100 mg twice a day for five days."])).toEqual([
      'Start nitrofurantoin 100 mg twice a day for 5 days.',
    ]);
  });

  it('in the note, the limit and the instruction are in the A&P', () => {
    const ap = sectionOf(
      draftOf(
        visitWithPlan([
          "[doctor] for your headaches, try to limit the excedrin to two days a week so we don't get rebound headaches. and try to take the metformin with dinner so you don't forget it.",
        ]),
      ),
      /assessment|plan/i,
    ).join(' ');
    expect(ap).toMatch(/Limit Excedrin to 2 days a week to avoid rebound headaches\./);
    expect(ap).toMatch(/Take metformin with dinner\./);
  });
});
