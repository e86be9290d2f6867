import { describe, expect, it } from 'vitest';
import { hpiLinesOf } from './draft-helpers.js';

describe('what makes a complaint worse, named as what was said', () => {
  it('writes "Symptoms" where no one spoke of pain', () => {
    const hpi = hpiLinesOf([
      '[doctor] so what is going on?',
      '[patient] i have had this dry cough for about ten days. it is worse at night, i keep waking my wife up.',
      '[doctor] any fever?',
      '[patient] no.',
    ]).join(' ');
    expect(hpi).not.toMatch(/\bpain\b/i);
    expect(hpi).toMatch(/worse at night/);
  });

  it('keeps "The pain" where pain was said', () => {
    const hpi = hpiLinesOf([
      '[doctor] so what is going on?',
      '[patient] my lower back pain started last week. it is worse at night.',
    ]).join(' ');
    expect(hpi).toMatch(/The pain is worse at night/);
  });
});
