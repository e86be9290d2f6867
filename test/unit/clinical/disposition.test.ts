/**
 * Where the patient goes when the visit ends, as the doctor decides it: home or admitted, written as the plan's last
 * line even when the decision comes before any plan talk. Questions, conditions, possibilities, "when you go home"
 * and a day-case surgery plan decide nothing.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const plan = (lines: string[]) => sectionOf(draftOf(lines), /^ASSESSMENT AND PLAN$/).join(' ');

describe('disposition', () => {
  it('writes a discharge home the doctor decides', () => {
    const p = plan([
      '[doctor] how are you feeling this morning?',
      '[patient] much better, thanks.',
      "[doctor] your fever is gone and your white count is back to normal. i think you are good to go home. i'll get your discharge papers ready.",
      '[patient] great.',
    ]);
    expect(p).toMatch(/Discharge home\./);
  });

  it('writes it when the visit opens with it', () => {
    expect(plan(['[doctor] all right, you can go home now.', '[patient] thank you, doctor.'])).toMatch(
      /Discharge home\./,
    );
  });

  it('writes an admission', () => {
    const p = plan([
      '[doctor] your oxygen is still low and the x-ray shows pneumonia in both lungs.',
      "[doctor] so i'm going to admit you to the hospital for iv antibiotics.",
      '[patient] okay.',
    ]);
    expect(p).toMatch(/Admit to the hospital\./);
  });

  it.each([
    ['a question', ['[doctor] ready to go home?', '[patient] i just cannot wait.']],
    [
      'advice for when they get home',
      [
        '[doctor] your ankle is sprained. we will put you in a brace.',
        '[doctor] when you go home, keep it up and put ice on it.',
        '[patient] okay.',
      ],
    ],
    [
      'a possibility',
      [
        '[doctor] your numbers are borderline. if your breathing gets worse we may have to admit you.',
        '[patient] i understand.',
      ],
    ],
    [
      'a day-case surgery plan',
      [
        "[doctor] so we'll do the surgery on friday, and you'll be discharged home that evening after the procedure.",
        '[patient] okay.',
      ],
    ],
  ])('writes none for %s', (_kind, lines) => {
    expect(plan(lines)).not.toMatch(/Discharge home|Admit to/);
  });
});
