import { describe, expect, it } from 'vitest';
import { normalizeNumbers } from '../../../core/clinical/numbers.js';
import { draftOf, hpiLinesOf, sectionOf } from './draft-helpers.js';

const meds = (lines: string[]) => sectionOf(draftOf(lines), /CURRENT MEDICATIONS/i);

/** A short visit: the history lines given, an exam, then the plan lines given. */
const visit = (history: string[], plan: string[]) => [
  '[doctor] what brings you in today?',
  '[patient] my back has been hurting since saturday.',
  ...history,
  "[doctor] alright, let's do a quick physical exam. there is tenderness of the lumbar spine.",
  '[patient] okay.',
  ...plan,
];

describe('current medications: what the patient takes, not what was tried, stopped, offered or measured', () => {
  it('leaves out a drug tried for the complaint without relief', () => {
    const out = meds(
      visit(
        [
          '[doctor] have you taken anything for the pain?',
          '[patient] i took some tylenol. i took some ibuprofen.',
          '[doctor] anything else?',
          '[patient] i tried ice. i tried heat, but nothing really worked.',
          '[doctor] are you still taking your metformin?',
          '[patient] yes.',
        ],
        ['[doctor] i want to prescribe meloxicam 15 milligrams once a day.', '[patient] okay.'],
      ),
    );
    expect(out.join(' ')).not.toMatch(/Acetaminophen|Ibuprofen/);
    expect(out.join(' ')).toMatch(/Metformin/);
  });

  it('keeps a drug the patient still takes, though it does not help', () => {
    const out = meds(
      visit(
        ['[doctor] have you taken anything for it?', "[patient] i take 2 ibuprofen a day and that doesn't help."],
        ['[doctor] see you in 3 months.'],
      ),
    );
    expect(out.join(' ')).toMatch(/Ibuprofen/);
  });

  const thyroidVisit = () =>
    meds(
      visit(
        [
          "[patient] i haven't been able to start the unithroid yet, the price was high.",
          '[patient] do you think the birth control that i was taking before caused my weight gain?',
          "[doctor] maybe. i don't see an endocrine cause, so i would need to see high testosterone.",
        ],
        [
          "[doctor] let me grab your discount card for the unithroid, it'll be cheaper.",
          '[doctor] since we stopped your birth control, we can try one called phexxi. if you need some, let me know.',
          '[patient] okay.',
        ],
      ),
    ).join(' ');

  it('leaves out a hormone named as a lab value ("high testosterone")', () => {
    expect(thyroidVisit()).not.toMatch(/Testosterone/);
  });

  it('leaves out a drug stopped before the visit ("since we stopped your birth control")', () => {
    expect(thyroidVisit()).not.toMatch(/contraceptive/i);
  });

  it('leaves out a drug only offered ("we can try one called phexxi")', () => {
    expect(thyroidVisit()).not.toMatch(/Lactic acid/i);
  });

  it('reads Unithroid as levothyroxine', () => {
    expect(thyroidVisit()).toMatch(/Levothyroxine/);
  });
});

describe('a value corrected at once keeps the one meant', () => {
  it('keeps the span of time said after "or, I\'m sorry"', () => {
    expect(normalizeNumbers("order another a1c in a couple weeks, or, i'm sorry, a couple months.")).toBe(
      'order another a1c in a couple months.',
    );
    expect(normalizeNumbers('see you in two weeks, i mean three weeks')).toBe('see you in 3 weeks');
    expect(normalizeNumbers('take five milligrams, or, sorry, ten milligrams daily')).toBe('take 10 milligrams daily');
    // "actually" not followed by a value is no correction.
    expect(normalizeNumbers('it was 2 weeks ago, actually it was fine')).toBe(
      'it was 2 weeks ago, actually it was fine',
    );
  });

  it('orders the test at the interval meant', () => {
    const plan = sectionOf(
      draftOf(
        visit(
          ['[doctor] how is your diabetes?', '[patient] good.'],
          [
            "[doctor] for your diabetes, i wanna order another hemoglobin a1c in a couple weeks, or, i'm sorry, a couple months.",
            '[patient] okay.',
          ],
        ),
      ),
      /ASSESSMENT|PLAN/i,
    ).join(' ');
    expect(plan).toMatch(/a couple months/);
    expect(plan).not.toMatch(/a couple weeks/);
  });
});

describe('a study named by a symptom is not the symptom', () => {
  it('does not report weight loss from "the weight loss study"', () => {
    const hpi = hpiLinesOf([
      '[doctor] how have you been doing with your weight?',
      "[patient] i've gained about 10 pounds.",
      '[patient] you mentioned the weight loss study, and you mentioned that i have some meal plans.',
      '[doctor] yes, we can talk about it.',
    ]).join(' ');
    expect(hpi).not.toMatch(/weight loss/i);
  });
});
