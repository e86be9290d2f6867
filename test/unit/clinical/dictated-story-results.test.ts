/**
 * History and results the doctor dictates: the rest of the turn that dictates the introduction is the presenting
 * story ("her dermatologist referred her. she biopsied …"); a report dictated "to results" goes under RESULTS, not the
 * A&P; a value read out before a question is a result; the doctor's own review is written as the study's; a
 * subjectless "been pretty good taking my medications, watching my diet…" is adherence in the HPI, not social history.
 */
import { describe, expect, it } from 'vitest';
import { adherenceReport } from '../../../core/clinical/hpi.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const consult = [
  "[doctor] next patient is jane roe. she's a 61 year old female who is here for a surgical consult. her dermatologist referred her. she biopsied a 0.9 millimeter lesion which was located on the left upper arm. pathology came back as melanoma.",
  "[doctor] hi mrs. roe, it's good to meet you. when did you first notice the spot?",
  '[patient] my husband noticed it a few weeks ago.',
  "[doctor] okay, let me take a look at your arm. on the left upper arm there's a 1 centimeter shave biopsy site with no residual pigmentation.",
  '[patient] okay.',
  "[doctor] so we'll schedule a wide local excision. i recommend sunscreen every day.",
  '[patient] okay, thank you.',
  '[doctor] please add the following pathology report to results. a pathology, shave of left upper arm, malignant melanoma, invasive, superficial spreading. clark level 3, breslow thickness 0.9 millimeters, ulceration not identified.',
  '[doctor] for assessment and plan, the patient presents today with newly diagnosed melanoma. the need for follow-up, according to the national comprehensive cancer network guidelines, was reviewed.',
];

describe('dictated history and results', () => {
  it('keeps the rest of the dictated introduction as the story, the referrer doing the biopsy', () => {
    const hpi = sectionOf(draftOf(consult), /HISTORY OF PRESENT/).join(' ');
    expect(hpi).toContain('She was referred by her dermatologist, who biopsied a 0.9 mm lesion');
    expect(hpi).toContain('Pathology came back as melanoma.');
  });

  it('writes a report dictated to results under RESULTS, not the plan, and no "Cancer" problem', () => {
    const d = draftOf(consult);
    const results = sectionOf(d, /^RESULTS/).join(' ');
    expect(results).toContain('Pathology: shave of left upper arm, malignant melanoma');
    expect(results).toContain('breslow thickness 0.9 mm');
    const plan = sectionOf(d, /ASSESSMENT/).join(' ');
    expect(plan).not.toMatch(/breslow/i);
    expect(d.note).not.toMatch(/^Cancer\.$/m);
  });

  it("reads a value said before a question, and the doctor's review, as results", () => {
    const d = draftOf([
      '[doctor] hi, how are you doing?',
      "[patient] okay. they told me in the er my sugar was high and i've been tired.",
      '[doctor] okay, i had gone through your hemoglobin a1c and it was borderline in the past.',
      '[patient] mm-hmm.',
      "[doctor] let's do a quick physical exam. your lungs are clear. hey dragon, show me the glucose. okay so they just checked your blood sugar and it was 162 and you know, did you eat before this?",
      '[patient] uh, probably about 2 hours ago.',
      '[doctor] okay. for your first problem, diabetes, i want you to continue metformin 500 mg twice a day.',
    ]);
    const results = sectionOf(d, /^RESULTS/);
    expect(results).toContain('Blood sugar: 162 (about 2 hours after eating).');
    expect(results).toContain('Hemoglobin A1c has been borderline in the past.');
  });

  it('writes adherence as a note states it, in the HPI only', () => {
    expect(
      adherenceReport(
        'um, been pretty good t- taking my medications, watching my diet, trying to, uh, trying to exercise regularly, too.',
        'male',
      ),
    ).toBe('He reports good adherence to medications, diet and regular exercise.');
    expect(adherenceReport('been pretty good, no complaints.', 'male')).toBeNull();
    const d = draftOf([
      "[doctor] hi, how are you? tell me about your heart failure, i haven't seen you in a while.",
      '[patient] okay.',
      '[doctor] how are you doing with your diet?',
      '[patient] um, been pretty good taking my medications, watching my diet, trying to exercise regularly, too.',
      '[doctor] okay, good. any chest pain?',
      '[patient] no.',
      "[doctor] let's do a physical exam. your lungs are clear. for your heart failure, continue lasix 40 mg a day.",
    ]);
    expect(d.note).toContain('reports good adherence to medications, diet and regular exercise.');
    expect(d.note).not.toMatch(/been pretty good/i);
  });
});
