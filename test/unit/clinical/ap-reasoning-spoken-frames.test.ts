import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

/**
 * Reasoning reads as written: the spoken frame before the assessment ("based on your exam and the MRI …", "what we
 * are dealing with is …", "my diagnosis would be …") goes, and the clinical claim stays.
 */
describe('A&P reasoning without spoken frames', () => {
  it('cuts an evidence frame back to the statement it leads to', () => {
    const plan = sectionOf(
      draftOf([
        '[doctor] hi, what brings you in?',
        '[patient] my right knee is swollen and painful after a fall.',
        '[doctor] let me look. there is an effusion of the right knee and tenderness along the medial joint line.',
        "[doctor] so here's what i think is going on. based on your exam and what you told me today, your symptoms are consistent with a medial meniscus tear. we'll refer you to orthopedics.",
      ]),
      /ASSESSMENT/,
    );
    expect(plan).toContain('• Medical Reasoning: Their symptoms are consistent with a medial meniscus tear.');
  });

  it('skips a relative clause inside the frame', () => {
    const plan = sectionOf(
      draftOf([
        '[doctor] what brings you in today?',
        '[patient] both of my knees hurt when i climb stairs.',
        '[doctor] on exam there is pain with compression of both kneecaps.',
        '[doctor] based on what you told me and the exam that we did before you came in your symptoms are consistent with patellofemoral pain syndrome. start physical therapy.',
      ]),
      /ASSESSMENT/,
    ).join(' ');
    expect(plan).toMatch(/Medical Reasoning: Their symptoms are consistent with patellofemoral pain syndrome\./);
  });

  it('drops "what we are dealing with is" and the line when it only repeats its heading', () => {
    const plan = sectionOf(
      draftOf([
        '[doctor] hello, how are you?',
        '[patient] my ears hurt.',
        '[doctor] let me look. the right tympanic membrane is red and bulging.',
        "[doctor] what we are dealing with is acute otitis media of the right ear. i'll start amoxicillin 500 mg three times a day for ten days.",
      ]),
      /ASSESSMENT/,
    ).join(' ');
    expect(plan).not.toMatch(/dealing with/i);
    expect(plan).toMatch(/acute otitis media/i);
  });

  it('writes the first-person diagnosis as the diagnosis', () => {
    const plan = sectionOf(
      draftOf([
        '[doctor] hi, what brings you in?',
        '[patient] my right elbow hurts, it started after i moved some boxes.',
        '[doctor] okay. let me take a look. there is tenderness over the lateral epicondyle.',
        '[doctor] so after examining your elbow my diagnosis here would be lateral epicondylitis.',
        '[doctor] i want you to use ice and take ibuprofen 600 mg three times a day.',
      ]),
      /ASSESSMENT/,
    ).join(' ');
    expect(plan).toMatch(/Medical Reasoning: The diagnosis is lateral epicondylitis\./);
    expect(plan).not.toMatch(/\bmy diagnosis/i);
  });
});
