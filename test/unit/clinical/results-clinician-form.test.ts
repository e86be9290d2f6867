import { describe, expect, it } from 'vitest';
import { labelledFinding, resultStatement } from '../../../core/clinical/result-line.js';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('RESULTS written as "Test: finding", without the doctor explaining it', () => {
  it('writes a measured stone with its site and drops the anatomy lesson', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      '[patient] pain in my right side for a week.',
      '[doctor] let me do a quick exam. there is tenderness on the right side.',
      "[doctor] so i did review the results of your ct and it does show a stone that's measuring point five centimeters located in the proximal right ureter and that's that duct that goes from your kidney down to your bladder there is no evidence of hydronephrosis that would mean that the stone is obstructing the ureter",
      '[doctor] i want you to push fluids.',
    ]);
    expect(sectionOf(d, /RESULTS/)).toEqual(['CT: 0.5 cm stone in the proximal right ureter; no hydronephrosis.']);
  });

  it('names the study a verdict sentence judges ("so it\'s essentially a normal x-ray")', () => {
    const d = draftOf([
      '[doctor] how is the leg?',
      '[patient] it hurts since i fell.',
      "[doctor] let's take a look at your x-ray. show me the x-ray. um, really don't see any evidence of a fracture or any swelling, so it's essentially, a normal x-ray.",
    ]);
    expect(sectionOf(d, /RESULTS/)).toEqual(['X-ray: normal; no fracture or swelling.']);
  });

  it("keeps the doctor's findings after the patient's bare acknowledgement", () => {
    const d = draftOf([
      '[doctor] how is your toe?',
      '[patient] it hurts when i walk.',
      '[doctor] okay so taking a look at your x-ray and you do have you you have a large spur there on the top of your big toe joint',
      '[patient] oh',
      "[doctor] and you've lost a lot of the cartilage",
    ]);
    expect(sectionOf(d, /RESULTS/)).toEqual([
      'X-ray: large spur on the top of the big toe joint; significant cartilage loss.',
    ]);
  });

  it('writes lab verdicts as "Labs: measure verdict", the next turn included', () => {
    const d = draftOf([
      '[doctor] how are the knees?',
      '[patient] sore after moving boxes.',
      '[doctor] hey, dragon, show me the labs. and here, looking at your lab results, you know, your white blood cell count is not elevated, which is good.',
      '[patient] mm-hmm.',
      '[doctor] and it looks like your kidney function is also very good.',
    ]);
    expect(sectionOf(d, /RESULTS/)).toEqual(['Labs: white blood cell count not elevated; kidney function very good.']);
  });

  it('writes a first-person monitoring story as the test and its values over time, and drops a plan clause', () => {
    const d = draftOf([
      '[doctor] how is the breathing?',
      '[patient] better since the change.',
      '[doctor] your potassium is 3.9. there is a test called a bmp that i was monitoring and in march it was up to 3,000. and then went up to 6,000 in april before i made the change.',
      '[doctor] your a1c is 5.1 on the last check so no need for further a1c today.',
    ]);
    expect(sectionOf(d, /RESULTS/)).toEqual([
      'Potassium: 3.9.',
      'BMP: 3,000 (March); 6,000 (April).',
      'Hemoglobin A1c: 5.1 (last check).',
    ]);
  });

  it('reads a lab verdict only of the labs', () => {
    expect(resultStatement('Looking at his lab results his white blood cell count is not elevated.')).toBe(
      'Labs: white blood cell count not elevated.',
    );
    expect(labelledFinding('It looks like his kidney function is also very good.', 'Labs')).toBe(
      'kidney function very good',
    );
    expect(labelledFinding('It looks like his kidney function is also very good.', 'Echocardiogram')).toBeNull();
  });
});
