import { describe, expect, it } from 'vitest';
import { hpiLinesOf } from './draft-helpers.js';

describe('a dictated introduction that says only the age', () => {
  it('gives way to a composed opening with the reason, its side as corrected, said once', () => {
    const hpi = hpiLinesOf([
      "[doctor] you're here for your hip today, or your leg today?",
      '[patient] yes. i hurt the top part of my right leg here.',
      "[doctor] hey, dragon. i'm seeing mrs. peterson, here, she's a 43-year-old patient. she's here for left leg pain. right leg pain, right leg pain?",
      '[patient] yes.',
      '[doctor] so, what happened to you?',
      '[patient] i was bowling and i hit the ball right into my leg.',
    ]);
    expect(hpi[0]).toBe('The patient is a 43-year-old female who presents for right leg pain.');
    const text = hpi.join(' ');
    expect(text).not.toMatch(/here for (?:right|left) leg pain|reports leg pain/);
  });

  it('presents the patient with the complaint where the reason names only a place', () => {
    const hpi = hpiLinesOf([
      "[doctor] hey dragon, i'm seeing ms. lopez, she's a 48-year-old female here for her right elbow.",
      '[doctor] so what happened?',
      '[patient] yesterday i was lifting a box and i felt a pop in my right elbow, and now it hurts.',
      '[doctor] on exam there is tenderness over the right lateral epicondyle.',
    ]);
    expect(hpi[0]).not.toMatch(/presents for right elbow\./);
    expect(hpi[0]).toMatch(/^The patient is a 48-year-old female/);
  });
});
