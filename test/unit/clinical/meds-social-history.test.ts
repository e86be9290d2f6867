import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf, visitWithPlan } from './draft-helpers.js';

const meds = (lines: string[]) => sectionOf(draftOf(lines), /CURRENT MEDICATIONS/i);
const social = (lines: string[]) => sectionOf(draftOf(lines), /SOCIAL HISTORY/i);

describe('current medications', () => {
  it('lists a drug another doctor started before the visit without "(start)"', () => {
    const lines = [
      "[doctor] i saw that dr. brown put you on buspar. how's that going?",
      '[patient] it helps with my anxiety.',
      '[doctor] any chest pain?',
      '[patient] no.',
      ...visitWithPlan(['[doctor] i want to see you back in 3 months.']).slice(4),
    ];
    const out = meds(lines).join(' ');
    expect(out).toMatch(/Buspirone/);
    expect(out).not.toMatch(/\(start\)/);
  });

  it('does not list a drug the doctor only gets the patient started on today', () => {
    const out = meds(
      visitWithPlan([
        '[doctor] maybe we can try some singulair.',
        '[patient] okay.',
        '[doctor] and we will get you started on the singulair.',
        '[patient] sounds good.',
      ]),
    ).join(' ');
    expect(out).not.toMatch(/Montelukast/);
  });

  it('drops every drug of a class the doctor says to stop, and one only recommended', () => {
    const lines = [
      '[doctor] do you take any nonsteroidals like advil or aleve?',
      '[patient] yeah just once in a while for my knee pain.',
      ...visitWithPlan([
        '[doctor] stop taking any nonsteroidal medicines such as your advil. the only thing i want you taking is tylenol for any pain.',
        '[patient] okay.',
      ]).slice(4),
    ];
    const d = draftOf(lines);
    const out = sectionOf(d, /CURRENT MEDICATIONS/i).join(' ');
    expect(out).not.toMatch(/Naproxen|Ibuprofen|Acetaminophen/);
    expect(d.note).toMatch(/Tylenol/);
  });

  it('does not list a drug the patient was on before ("you were on the progesterone")', () => {
    const out = meds([
      "[doctor] 'cause you were on the progesterone, and you had some irritability back then.",
      '[patient] yes.',
      ...visitWithPlan(['[doctor] i want to see you back in 3 months.']).slice(4),
    ]).join(' ');
    expect(out).not.toMatch(/Progesterone/);
  });
});

describe('social history', () => {
  it("writes the patient's answer to the doctor's alcohol question, not the question", () => {
    const out = social([
      '[doctor] what kind of alcohol intake do you have you know how many drinks a week is what i am looking for',
      "[patient] i'll have a couple of beers during the week and like one or two on the weekends",
      ...visitWithPlan(['[doctor] i want to see you back in 3 months.']).slice(4),
    ]).join(' ');
    expect(out).toMatch(/^Drinks a couple of beers during the week/);
    expect(out).not.toMatch(/looking for|\?/);
  });

  it('writes how much the patient smokes now and before, not a list of her conditions', () => {
    const out = social([
      '[doctor] she has a history of depression, smoking, and chronic back pain.',
      '[doctor] last time i saw you, you were smoking two packs a day. how much are you smoking now?',
      "[patient] it's gone down quite a bit.",
      '[doctor] just couple cigarettes a day?',
      '[patient] probably, yeah.',
      ...visitWithPlan(['[doctor] i want to see you back in 3 months.']).slice(4),
    ]).join(' ');
    expect(out).toMatch(/Smokes a couple of cigarettes per day, down from (?:2|two) packs per day\./);
    expect(out).not.toMatch(/depression|back pain/);
  });
});
