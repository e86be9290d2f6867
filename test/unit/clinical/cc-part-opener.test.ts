import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

/**
 * The doctor's opening question about a part ("you've been having some problems with your right hip?"), confirmed by
 * the patient, is the reason for the visit: the chief complaint names the part, not a symptom asked about later.
 */
const ccOf = (lines: string[]) => sectionOf(draftOf(lines), /CHIEF COMPLAINT/);

describe('chief complaint from the part the doctor opens with', () => {
  it('names the part and its pain over a symptom screened later', () => {
    expect(
      ccOf([
        "[doctor] so you've been having some trouble with your left shoulder?",
        '[patient] yeah, for about a month.',
        '[doctor] okay, and where does it hurt?',
        "[patient] it's a sharp pain on the outside when i lift my arm.",
        '[doctor] do you have any fatigue?',
        "[patient] yes, i've been tired too.",
        '[doctor] okay. on exam there is pain with abduction of the left shoulder. this is likely rotator cuff tendinitis. we will start physical therapy.',
      ]),
    ).toEqual(['Left shoulder pain.']);
  });

  it('names the part as problems when no pain is spoken of', () => {
    expect(
      ccOf([
        "[doctor] so you've been having problems with your right knee?",
        '[patient] yes.',
        '[doctor] does it swell?',
        '[patient] it gives way sometimes when i go down stairs.',
        '[doctor] any night sweats?',
        '[patient] yes, a few.',
        "[doctor] on exam the right knee has a positive lachman test. this is likely an acl tear. we'll get an mri of the right knee.",
      ]),
    ).toEqual(['Right knee problems.']);
  });

  it('does not take a part the patient corrects', () => {
    const cc = ccOf([
      "[doctor] you're having some problems with your knee?",
      "[patient] no, it's actually my hip that bothers me.",
      '[doctor] okay, tell me about the hip.',
      '[patient] it aches when i walk.',
      "[doctor] on exam there is decreased range of motion of the right hip. this is likely osteoarthritis. we'll get an x-ray of the hip.",
    ]);
    expect(cc.join(' ')).not.toMatch(/knee/i);
  });
});
