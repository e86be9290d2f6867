import { describe, expect, it } from 'vitest';
import { examOf } from './draft-helpers.js';

const visit = (...exam: string[]) => [
  '[doctor] what brings you in today?',
  '[patient] my ankles keep swelling up and i get winded on the stairs.',
  '[doctor] alright, let me take a look at you.',
  ...exam,
  '[doctor] for the swelling, i am going to start you on lasix 20 mg once a day.',
];

describe('exam: one bullet per system, however the findings were ordered', () => {
  it('joins a finding of a system examined earlier to that system', () => {
    const exam = examOf(
      visit(
        '[doctor] your heart has a regular rhythm. your lungs have a few crackles at the bases. your belly is soft. your lower legs have 2+ pitting edema.',
      ),
    );
    expect(exam.filter((l) => l.startsWith('• Cardiovascular:'))).toHaveLength(1);
    expect(exam.find((l) => l.startsWith('• Cardiovascular:'))).toMatch(/regular rhythm.*pitting edema/i);
  });

  it('keeps each system once when two systems alternate', () => {
    const exam = examOf(
      visit(
        '[doctor] your heart is regular. your lungs are clear. your abdomen is soft. your lungs do have a faint wheeze when you breathe out hard.',
      ),
    );
    expect(exam.filter((l) => l.startsWith('• Respiratory:'))).toHaveLength(1);
    expect(exam.find((l) => l.startsWith('• Respiratory:'))).toMatch(/clear.*wheeze/i);
  });
});
