/**
 * Past medical and surgical history lists state only what was said to be had: not the visit's own new diagnosis,
 * not an imaging result, not a procedure still to come, and not a more specific condition than the one named.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const pmh = (lines: string[]) => sectionOf(draftOf(lines), /^PAST MEDICAL HISTORY$/i);
const psh = (lines: string[]) => sectionOf(draftOf(lines), /^SURGICAL HISTORY$/i);

describe('past history lists what was not said', () => {
  it('does not list the condition the visit is for, which the patient never had before', () => {
    const lines = [
      '[doctor] good to see you. i have here that you are in for evaluation of gallstones your doctor said you had some gallstones on the ultrasound.',
      '[patient] yes, the pain started last week after dinner.',
      '[doctor] have you had gallstones before?',
      "[patient] no, i've never had gallstones. my mom had them though.",
      '[doctor] okay. on exam your belly is tender in the right upper quadrant.',
      "[doctor] i'll refer you to surgery and we'll follow up in two weeks.",
    ];
    expect(pmh(lines).join(' ')).not.toMatch(/gallstones/i);
  });

  it('does not read an x-ray showing no fracture as no history of fracture', () => {
    const lines = [
      "[doctor] so what's going on with your knee?",
      "[patient] it's been swollen and painful for a week.",
      '[doctor] okay. let me examine it. there is some swelling of the right knee.',
      "[doctor] here's your right knee x-ray. it shows good bony alignment. there's no acute fracture, which is not surprising based on the history.",
      "[doctor] i'll prescribe some meloxicam and see you in two weeks.",
    ];
    expect(pmh(lines).join(' ')).not.toMatch(/fracture/i);
  });

  it('writes arthritis as said, not osteoarthritis', () => {
    const lines = [
      '[doctor] she is a 60-year-old female with a past medical history significant for arthritis and gout who presents for follow up.',
      '[doctor] how are your joints doing?',
      "[patient] they're a little better with physical therapy.",
    ];
    const h = pmh(lines);
    expect(h).toContain('Arthritis.');
    expect(h.join(' ')).not.toMatch(/osteoarthritis/i);
  });

  it('does not make "an issue with your rotator cuff" a tear, and keeps its side', () => {
    const lines = [
      '[doctor] and i know that we had an issue with your right rotator cuff, is that okay?',
      "[patient] yeah it's surprisingly good, no pain.",
      '[doctor] good. your blood pressure looks fine today.',
    ];
    const h = pmh(lines).join(' ');
    expect(h).not.toMatch(/tear/i);
    expect(h).toMatch(/right rotator cuff problem/i);
  });

  it('does not list a procedure that is due or planned as surgical history', () => {
    const lines = [
      '[doctor] your knee looks good for surgery next month.',
      '[doctor] lastly, once we get your knee surgery, we should think about getting you a colonoscopy.',
      '[patient] okay, that sounds fine.',
      '[doctor] in other words completing a colonoscopy would not delay your surgery.',
    ];
    expect(psh(lines).join(' ')).not.toMatch(/colonoscopy/i);
  });

  it('still lists a procedure the patient had', () => {
    const lines = [
      '[doctor] any surgeries in the past?',
      '[patient] i had a colonoscopy about three years ago and my gallbladder taken out.',
      '[doctor] okay and how are you doing with your knee replacement?',
      "[patient] it's fine.",
    ];
    const h = psh(lines).join(' ');
    expect(h).toMatch(/colonoscopy/i);
    expect(h).toMatch(/knee replacement/i);
  });
});
