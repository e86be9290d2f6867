import { describe, expect, it } from 'vitest';
import { draftOf, examOf, sectionOf } from './draft-helpers.js';

const visit = [
  '[doctor] so what is going on with your skin?',
  '[patient] these itchy bumps came up on my legs three days after i went hiking.',
  '[doctor] any fever?',
  '[patient] no.',
  '[doctor] alright. on your shins there are clusters of small red papules with scratch marks.',
  '[doctor] these look like chigger bites. use hydrocortisone 1 percent cream twice a day for a week.',
];

describe('findings said after a bare acknowledgement', () => {
  it('"alright. on your shins there are …" is the exam, not medical reasoning', () => {
    expect(examOf(visit).join(' ')).toMatch(/papules/);
    expect(sectionOf(draftOf(visit), /assessment/i).join(' ')).not.toMatch(/papules/);
  });
});
