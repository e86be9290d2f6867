import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

/**
 * A reasoning sentence that only reports a result or an exam finding belongs to the results or the exam: it goes
 * there when that section lacks it, and out of the A&P when the section already states it. A sentence that reads the
 * finding for the problem ("… which is concerning for heart disease") stays where it is.
 */
describe('A&P reasoning does not restate results or exam findings', () => {
  it('moves a study read out in the reasoning to the results', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      '[patient] pain in my right side and some blood in my urine.',
      "[doctor] okay. so i think you're having a recurrence of your kidney stones. we drew a creatinine when you came in. the abdominal x-rays show a possible kidney stone. i'll order a ct scan of the abdomen.",
    ]);
    const plan = sectionOf(d, /ASSESSMENT/).join(' ');
    expect(plan).toMatch(/recurrence of their kidney stones/);
    expect(plan).not.toMatch(/x-rays show/i);
    expect(sectionOf(d, /RESULTS/)).toContain('The abdominal x-rays show a possible kidney stone.');
  });

  it('moves a lab value said among the reasoning to the results', () => {
    const d = draftOf([
      '[doctor] how are you doing?',
      '[patient] better, my legs are less swollen.',
      "[doctor] good. so for your heart failure, you had a flare in the spring. you're down three pounds. we checked labs and your creatinine is appropriate. continue lasix 40 mg daily.",
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).not.toMatch(/creatinine/);
    expect(sectionOf(d, /RESULTS/).join(' ')).toMatch(/creatinine is appropriate/);
  });

  it('drops an exam finding the exam already states', () => {
    const d = draftOf([
      '[doctor] hello, how have you been since your surgery?',
      '[patient] good, no problems.',
      '[doctor] let me examine you. no masses in either breast and the incision is well healed.',
      '[doctor] so for your breast cancer history, your exam looks good, no masses in either breast. you are doing well after the lumpectomy. we will see you in six months with a mammogram.',
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).not.toMatch(/no masses/i);
    expect(sectionOf(d, /PHYSICAL EXAMINATION/).join(' ')).toMatch(/no masses/i);
  });

  it('keeps a result read for the problem', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      "[patient] i've been short of breath walking up stairs.",
      '[doctor] we did an ekg today.',
      '[patient] okay.',
      "[doctor] for your shortness of breath, your ekg shows a new left bundle branch block, which is concerning for heart disease. we'll get an echocardiogram.",
    ]);
    expect(sectionOf(d, /ASSESSMENT/).join(' ')).toMatch(/bundle branch block, which is concerning for heart disease/);
  });
});
