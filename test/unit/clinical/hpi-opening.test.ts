import { describe, expect, it } from 'vitest';
import { hpiLinesOf } from './draft-helpers.js';

describe('the HPI opens on why the patient came', () => {
  it('opens with the chief complaint when no introduction, age or reason was said', () => {
    const hpi = hpiLinesOf([
      '[doctor] hi jeremy, the assistant told me you have an ulcer on your foot.',
      "[patient] yeah it's been there a while, it's on my right foot and it is just not going away.",
      '[doctor] any fever or chills?',
      '[patient] no.',
      '[doctor] on exam there is a 2 by 3 cm ulcer on the right lateral foot.',
    ]);
    expect(hpi[0]).toBe('The patient presents with a right foot ulcer.');
  });

  it('folds the symptom line that names the complaint into the opening, with its side', () => {
    const hpi = hpiLinesOf([
      '[doctor] so what brings you in today?',
      "[patient] i've had pain in my left shoulder for three weeks.",
      '[doctor] on exam there is tenderness over the left shoulder.',
    ]);
    expect(hpi[0]).toMatch(/^The patient presents with left shoulder pain for (?:about )?3 weeks\.$/);
    expect(hpi.join(' ')).not.toMatch(/reports shoulder pain/);
  });

  it('completes a composed introduction with the complaint, and writes "an" before an 82-year-old', () => {
    const hpi = hpiLinesOf([
      '[doctor] how old are you now?',
      '[patient] i am 82 years old.',
      '[doctor] and what brings you in?',
      '[patient] my right knee has been hurting, about a 7 out of 10.',
      '[doctor] on exam the right knee is tender.',
    ]);
    expect(hpi[0]).toMatch(/^The patient is an 82-year-old who presents with right knee pain/);
    expect(hpi.join(' ').match(/knee pain/g)).toHaveLength(1);
  });
});
