import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const meds = (lines: string[]) => sectionOf(draftOf(lines), /CURRENT MEDICATIONS/i);

/** A short visit: the history lines given, an exam, then the plan lines given. */
const visit = (history: string[], plan: string[]) => [
  '[doctor] what brings you in today?',
  '[patient] my knee has been hurting for a few weeks.',
  ...history,
  "[doctor] alright, let's do a quick physical exam. there is tenderness of the medial knee.",
  '[patient] okay.',
  ...plan,
];

describe('current medication entries', () => {
  it('keeps the dose told after "we have you on" and leaves the plan\'s increase to the plan', () => {
    const out = meds(
      visit(
        [
          '[doctor] are you taking the lisinopril i think we have you on twenty milligrams a day',
          '[patient] yep i take it every morning.',
        ],
        [
          '[doctor] for your hypertension i do want to increase the lisinopril to forty milligrams once a day.',
          '[patient] okay.',
        ],
      ),
    );
    expect(out).toContain('• Lisinopril 20 mg daily.');
    expect(out.join(' ')).not.toMatch(/\(increase\)|Lisinopril a day/);
  });

  it('reads a strength written against its unit ("20mg")', () => {
    const out = meds(
      visit(
        ['[doctor] i know we have you on the prozac 20mg a day.', '[patient] yes.'],
        ['[doctor] see you in 3 months.'],
      ),
    );
    expect(out).toContain('• Fluoxetine 20 mg daily.');
  });

  it('keeps the count of a frequency said in numerals ("3 times a day")', () => {
    const out = meds(
      visit(
        ['[doctor] what do you take for the pain?', '[patient] ibuprofen 800 milligrams 3 times a day.'],
        ['[doctor] see you in 3 months.'],
      ),
    );
    expect(out).toContain('• Ibuprofen 800 mg 3 times a day.');
  });

  it('writes a count of tablets said before the drug, never a dangling "a day"', () => {
    const out = meds(
      visit(
        [
          '[doctor] are you taking anything for it?',
          "[patient] i take like a 2 ibuprofen a day and that doesn't help.",
        ],
        ['[doctor] see you in 3 months.'],
      ),
    );
    expect(out).toContain('• Ibuprofen 2 tablets daily.');
  });

  it('does not list a drug only recommended today, even when its lab level was read', () => {
    const out = meds([
      '[doctor] what brings you in today?',
      '[patient] my knee has been hurting for a few weeks.',
      '[doctor] are you still on an iron supplement?',
      '[patient] yes.',
      "[doctor] alright, let's do a quick physical exam. there is tenderness of the medial knee.",
      '[patient] okay.',
      "[doctor] let's review your blood work real quick. your potassium is 3.9.",
      '[patient] okay.',
      '[doctor] i checked your magnesium level because sometimes you urinate out magnesium with the water pills but it was normal at 1.7.',
      "[doctor] so we often like to keep people with heart problems on magnesium. so i might recommend putting you on magnesium supplement. it's supposed to be twice a day.",
      '[patient] okay.',
      '[doctor] assessment and plan. for the knee pain, order an x-ray of the knee.',
      '[patient] okay.',
    ]).join(' ');
    expect(out).toMatch(/Iron/);
    expect(out).not.toMatch(/Magnesium/);
  });
});
