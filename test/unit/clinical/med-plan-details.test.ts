/**
 * Medication and plan-item details a physician found lost: a regimen said without its drug, a supplement, the form of
 * an order (taper pack, swish and swallow), a refill asked for and ordered, a drug kept pending a test, diet changes
 * continued, and diet advice told while the history is taken.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { itemsOf } from './draft-helpers.js';

const note = (...lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;
const section = (n: string, head: string) => {
  const at = n.indexOf(head);
  if (at < 0) return '';
  const rest = n.slice(at + head.length);
  const next = rest.search(/\n[A-Z][A-Z &]+\n/);
  return next < 0 ? rest : rest.slice(0, next);
};
const plan = (...lines: string[]) => section(note(...lines), 'ASSESSMENT AND PLAN');
const meds = (...lines: string[]) => section(note(...lines), 'CURRENT MEDICATIONS');

describe('medication details', () => {
  it('a regimen said without its drug is the one listed drug for the visit problem', () => {
    const m = meds(
      '[doctor] next patient is a 59 year old gentleman here for hypogonadism. he is on 1 milliliter every 10 days, his levels were low to begin with.',
      '[doctor] so how is everything going?',
      '[patient] good. i take my testosterone, 140 milligrams.',
    );
    expect(m).toMatch(/Testosterone 140 mg, 1 mL every 10 days\./);
  });

  it('a supplement the patient takes is listed', () => {
    const m = meds(
      '[doctor] for medications, i have that you take vitamin d, fish oil, and elderberry fruit. is that right?',
      '[patient] yes.',
    );
    expect(m).toMatch(/Elderberry\./);
  });
});

describe('plan item details', () => {
  it('the form said with a drug is part of its order', () => {
    const p = plan(
      '[patient] i have been short of breath when i walk.',
      '[doctor] on exam your lungs have mild wheezes bilaterally.',
      '[doctor] so for your copd, i want to start you on some inhalers.',
      '[doctor] hey, dragon, order combivent, uh, two puffs twice a day. and order, uh, prednisone uh taper pack.',
      '[doctor] i am going to give you some lidocaine swish and swallow so that will help with some of the pain.',
    );
    expect(p).toMatch(/Start prednisone taper pack\./);
    expect(p).toMatch(/Start lidocaine swish and swallow\./);
  });

  it('a refill the patient says they need, then ordered, is written with the continued drug', () => {
    const p = plan(
      '[patient] my gout has been fine.',
      '[doctor] on exam your right knee has no swelling.',
      "[doctor] for your gout, let's continue you on the allopurinol, 100 milligrams, once a day. do you need a refill of that?",
      '[patient] yes, i do actually.',
      '[doctor] hey dragon, order allopurinol, 100 milligrams, once daily.',
    );
    expect(p).toMatch(/Continue allopurinol 100 mg once a day; refill provided\./);
  });

  it('a drug kept unless a test calls for an adjustment is continued at the dose the history told', () => {
    const p = plan(
      '[doctor] are you still taking the metformin we have you on, a thousand milligrams twice a day?',
      '[patient] yes, with breakfast and dinner.',
      "[doctor] for your diabetes let's go ahead and order a hemoglobin a1c just to make sure that we don't have to make any adjustments to your metformin.",
    );
    expect(p).toMatch(/Continue metformin 1000 mg twice a day\./);
  });

  it('diet changes the patient is told to keep up are counselling', () => {
    const p = plan(
      '[patient] i still have some reflux.',
      '[doctor] i want you to continue on the omeprazole, 40 milligrams, once a day and continue with those dietary modifications.',
    );
    expect(p).toMatch(/Continue dietary modifications\./);
  });

  it('diet advice told during the history is counselling; exercise as the purpose of rehab is not', () => {
    const p = plan(
      '[doctor] are you watching your salt intake?',
      '[patient] i really like pizza.',
      "[doctor] there is a lot of salt in pizza. and you're gonna have to avoid all the other salty foods as well.",
      '[doctor] let me examine you. your lungs are clear.',
      "[doctor] for your coronary artery disease, continue the aspirin 81 milligrams daily. i'm also going to refer you to cardiac rehab to give you the confidence to get back exercising regularly.",
    );
    expect(p).toMatch(/low-sodium diet/);
    expect(p).not.toMatch(/regular exercise/);
  });
});

describe('when a new drug is taken, said without minutes', () => {
  it('keeps "before breakfast" with the order', () => {
    const items = itemsOf(['[doctor] start pantoprazole 40 mg once a day before breakfast for eight weeks.']);
    expect(items.join(' ')).toMatch(/pantoprazole 40 mg once a day before breakfast for 8 weeks/i);
  });

  it('writes "30 minutes before breakfast" once', () => {
    const items = itemsOf(['[doctor] take levothyroxine 50 mcg every morning 30 minutes before breakfast.']);
    expect(items.join(' ').match(/before breakfast/g)?.length).toBe(1);
  });
});
