/**
 * The patient's own words in the history, as a note writes them: an adverb after "I" is not conjugated ("I finally
 * went" → "he finally went", not "he finallies went").
 */
import { describe, expect, it } from 'vitest';
import { toThirdPerson } from '../../../core/clinical/rewrite.js';

describe('patient as subject in the HPI', () => {
  it('does not conjugate an adverb or a participle after "I"', () => {
    expect(toThirdPerson('I finally went to the ER', 'patient', 'male')).toBe('he finally went to the ER');
    expect(toThirdPerson('when it catches I almost fall', 'patient', 'female')).toBe(
      'when it catches she almost falls',
    );
    expect(toThirdPerson('I maybe adjusting the dose', 'patient', 'male')).toBe('he maybe adjusting the dose');
    expect(toThirdPerson('I apply the cream', 'patient', 'male')).toBe('he applies the cream');
  });
});
