import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';

const visit = (...exam: string[]) => [
  '[doctor] so what brings you in today?',
  '[patient] i have had a cough and my back hurts.',
  '[doctor] okay, let me examine you.',
  ...exam,
  '[doctor] for your cough, i am going to start albuterol.',
];

describe('exam: findings in a clinician’s register', () => {
  it('drops the praise and the pronoun before the part examined ("your belly exam is nice and soft")', () => {
    const exam = examOf(visit('[doctor] your belly exam is nice and soft.', '[doctor] your heart sounds good.'));
    expect(exam).toContain('• Gastrointestinal: Abdomen is soft.');
    expect(exam).toContain('• Cardiovascular: Heart sounds normal.');
  });

  it('cuts a run-on where the next finding starts, keeping each finding and its polarity', () => {
    const exam = examOf(
      visit("[doctor] on inspection of the knee, there is no redness there's no swelling a small amount of effusion."),
    );
    expect(exam).toContain('• Musculoskeletal: Knee: no redness, no swelling, a small amount of effusion.');
  });

  it('keeps one copy of a restart and drops the examiner’s tail ("that’s what")', () => {
    const exam = examOf(
      visit(
        "[doctor] on your legs there is some just some tenderness and one plus edema no signs of blood clot that's what.",
      ),
    );
    const line = exam.find((l) => /edema/.test(l));
    expect(line).toMatch(/some tenderness and 1\+ edema, no signs of blood clot\.$/);
    expect(line).not.toMatch(/just some|that's what/);
  });

  it('writes a vital read out inside a finding with the vitals, and the finding without the examiner', () => {
    const exam = examOf(
      visit(
        '[doctor] when i listen to your lungs there are some scattered wheezes but no crackles your oxygen saturation is 96 percent.',
      ),
    );
    expect(exam).toContain('• Oxygen saturation: 96%.');
    expect(exam).toContain('• Respiratory: Some scattered wheezes but no crackles.');
  });

  it('keeps the site of a finding as its label when the patient is its subject ("their lungs they have …")', () => {
    const exam = examOf(visit('[doctor] on your lung exam your lungs you have some coarse rhonchi at the bases.'));
    expect(exam.find((l) => /rhonchi/.test(l))).toMatch(/^• Respiratory: Lungs: some coarse rhonchi at the bases\.$/);
  });
});
