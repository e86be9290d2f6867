import { describe, expect, it } from 'vitest';
import { draftOf, examOf } from './draft-helpers.js';

/** The RESULTS section of a draft, as the note renders it. */
const resultsOf = (lines: string[]): string[] => {
  const m = /RESULTS\n([\s\S]*?)(?:\n\n|$)/.exec(draftOf(lines).note);
  return m ? m[1]!.split('\n') : [];
};

describe('exam and results lines as a clinician writes them', () => {
  it('files edema of both legs under Cardiovascular, graded as 1+, without the lay explanation', () => {
    const exam = examOf([
      '[doctor] hi, how are you doing today?',
      '[patient] i have been short of breath.',
      "[doctor] okay. so, on your physical examination, on your heart exam, i do appreciate a three out of six systolic ejection murmur, which i've heard in the past, okay? and on your lower extremities, i do appreciate one plus pitting edema, so you do have a little bit of fluid in your legs, okay?",
      '[patient] okay.',
    ]).join('\n');
    expect(exam).toContain('Cardiovascular');
    expect(exam).toMatch(/1\+ pitting edema/);
    expect(exam).not.toMatch(/Musculoskeletal/);
    expect(exam).not.toMatch(/fluid in/);
  });

  it('files leg edema on one side under Cardiovascular too, and drops the hedge before a grade', () => {
    const exam = examOf([
      '[doctor] what brings you in?',
      '[patient] my right knee got bitten and it is swollen.',
      '[doctor] let me examine you. your right knee shows some erythema. and you have some lower extremity edema on the right hand side.',
      '[doctor] and your lower extremities show just trace edema.',
    ]).join('\n');
    expect(exam).toMatch(/Cardiovascular: .*edema on the right/);
    expect(exam).toMatch(/show trace edema/);
  });

  it('writes "everything else is normal" as the rest of the exam, not as a garbled tail', () => {
    const exam = draftOf([
      '[doctor] hi, what brings you in today?',
      '[patient] i fell and hurt my right shoulder.',
      "[doctor] okay. so your exam is generally normal. on that right shoulder, you've got tenderness over your right shoulder. you've got normal pulses, and everything else is normal.",
      "[doctor] so for your shoulder, we'll put you in a sling.",
    ]).note;
    expect(exam).not.toMatch(/else is normal/);
    expect(exam).toMatch(/Normal pulses\./);
    expect(exam).toMatch(/The rest of the exam is normal\./);
  });

  it('writes the office blood pressure with the vitals, not as a result', () => {
    const d = draftOf([
      '[doctor] hi, how are you?',
      '[patient] good.',
      '[doctor] hey dragon, show me the blood pressure. so, yeah, looking at your blood pressure today here in the office, it is a little elevated. you know, you could just be nervous.',
      '[doctor] for your hypertension, continue lisinopril 20 mg daily.',
    ]).note;
    expect(d).not.toMatch(/Blood pressure: looking at/);
    expect(d).toMatch(/• Blood pressure: Slightly elevated\./);
  });

  it("writes the heart's pumping function as its ejection fraction", () => {
    const results = resultsOf([
      '[doctor] hi, how are you?',
      '[patient] tired.',
      '[doctor] hey dragon, show me the echocardiogram. so, this is the result of the echocardiogram that we did last year. it showed that you have that low-ish pumping function of your heart at about 45 %. and it also shows some mitral regurgitation.',
    ]).join('\n');
    expect(results).toMatch(/Echocardiogram: .*reduced ejection fraction of about 45%/);
    expect(results).not.toMatch(/pumping/);
  });

  it('names a radiograph reviewed by the part it shows, with what is seen on it', () => {
    const results = resultsOf([
      '[doctor] hi, what brings you in today?',
      '[patient] i fell and hurt my right arm.',
      '[doctor] hey dragon, show me the last radiograph. so this is looking at your right arm, and what i see is a proximal humerus fracture.',
      "[doctor] so for your fracture, we'll put you in a sling.",
    ]).join('\n');
    expect(results).toBe('Right arm X-ray: proximal humerus fracture.');
  });

  it('keeps the side of an x-ray and reads "i do not appreciate a fracture" as no fracture', () => {
    const results = resultsOf([
      '[doctor] hi, what happened?',
      '[patient] i twisted my left ankle playing soccer.',
      "[doctor] now we did do an x-ray of that left ankle when you came in so i'm going to review those x-ray results with you. the good news is i do not appreciate a fracture or any bony abnormalities so that's a good thing right.",
      "[doctor] so for your left ankle sprain, we'll get you a brace.",
    ]).join('\n');
    expect(results).toBe('Left ankle X-ray: no fracture or bony abnormality.');
  });

  it("writes a cancer's stage with its heading, not the assessment sentence as a result", () => {
    const d = draftOf([
      '[doctor] hi, what brings you in?',
      '[patient] i was told i have a mass on my ovary.',
      '[doctor] i reviewed the results of your abdominal ct which show a 3 centimeter left ovarian mass with localized lymph node involvement.',
      '[doctor] so for the first problem so i do think this is most likely ovarian cancer looking at your ct scan it looks like stage three a disease based on the lymph node involvement.',
      '[doctor] i want you to undergo genetic counseling.',
    ]).note;
    expect(d).toMatch(/ovarian cancer, stage IIIA\./i);
    expect(d).not.toMatch(/For the first problem so/);
  });
});
