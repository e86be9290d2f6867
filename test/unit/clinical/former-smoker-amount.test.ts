import { describe, expect, it } from 'vitest';
import { draftOf, hpiLinesOf, sectionOf } from './draft-helpers.js';

const visit = (answer: string) => [
  '[doctor] what brings you in?',
  "[patient] i get winded on the stairs, it's been about two months.",
  '[doctor] do you smoke?',
  `[patient] ${answer}`,
  '[doctor] okay. your lungs have scattered wheezes. we will get spirometry and a chest x-ray.',
];

describe("a former smoker's amount and years", () => {
  it('"I stopped eight years ago, I smoked two packs a day for thirty years" → one social history line', () => {
    const lines = visit('no, i stopped eight years ago. i smoked two packs a day for thirty years.');
    expect(sectionOf(draftOf(lines), /social/i)).toEqual([
      'Former smoker, 2 packs per day for 30 years; quit 8 years ago.',
    ]);
    expect(hpiLinesOf(lines).join(' ')).not.toMatch(/packs?/);
  });

  it('the years said in a sentence of their own in the same answer', () => {
    const lines = visit('i quit six years ago. it was about a pack a day. i smoked for twenty years.');
    expect(sectionOf(draftOf(lines), /social/i)).toEqual([
      'Former smoker, about a pack per day for 20 years; quit 6 years ago.',
    ]);
  });

  it('an amount said as a habit never had is not written', () => {
    const lines = visit('no, i stopped eight years ago. i never smoked a pack a day, maybe a few cigarettes.');
    expect(sectionOf(draftOf(lines), /social/i).join(' ')).not.toMatch(/pack/);
  });
});
