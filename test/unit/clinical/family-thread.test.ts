/**
 * A family-history thread keeps its experiencer: the doctor's offered name that finishes the patient's word about a
 * relative's illness is the relative's, "we have it all" speaks for the family, and a relative's line makes the
 * generic "Family history of …" line for the same condition redundant.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const thread = (offered: string) => [
  '[doctor] has anyone in your family had heart disease?',
  '[patient] yes. my brother died of heart disease.',
  "[doctor] i'm sorry. do you know what kind of heart problem he had?",
  '[patient] they called it co-',
  `[doctor] ${offered}`,
  '[patient] yes, exactly!',
  '[doctor] i see.',
];

describe('family-history threads', () => {
  it("writes the doctor's offered name as the relative's condition, not the patient's", () => {
    const d = draftOf(thread('oh, coronary artery disease?'));
    expect(sectionOf(d, /^PAST MEDICAL HISTORY$/).join(' ')).not.toMatch(/coronary/i);
    expect(sectionOf(d, /^FAMILY HISTORY$/)).toEqual(['Brother: died of coronary artery disease.']);
  });

  it('still reads a name the doctor asks the patient about as theirs', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      '[patient] my heart doctor sent me.',
      '[doctor] do you have heart disease?',
      '[patient] yes, i have coronary artery disease.',
    ]);
    expect(sectionOf(d, /^FAMILY HISTORY$/)).toEqual([]);
  });

  it('reads "we have it all" as the family speaking', () => {
    const d = draftOf([
      '[doctor] do you have any brothers or sisters?',
      '[patient] two sisters, both fine.',
      "[doctor] good. are there any other conditions you're aware of?",
      "[patient] oh yeah, we have it all, high blood pressure, lung disease, depression, it's all there.",
    ]);
    expect(sectionOf(d, /^PAST MEDICAL HISTORY$/)).toEqual([]);
    expect(sectionOf(d, /^FAMILY HISTORY$/).join(' ')).toMatch(/hypertension/);
  });
});
