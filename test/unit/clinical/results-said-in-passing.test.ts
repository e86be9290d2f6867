/**
 * Results the doctor reads out in passing: a lab checked and called normal, stable or high with its value ("i checked
 * your magnesium level … it was normal at 1.7"; "your blood sugar is a little bit high, it was 169 today … you
 * weren't fasting"), the heart-failure marker heard as "BMP", a value timed by the last visit, what a study under
 * review suggests or shows of an organ ("it says that you might be having asthma or copd", "your diaphragm is a
 * little bit flatter"), and where in an organ an imaging finding lies and what it is seen in.
 */
import { describe, expect, it } from 'vitest';
import { resultStatement } from '../../../core/clinical/result-line.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const resultsOf = (lines: string[]) => sectionOf(draftOf(lines), /^RESULTS/);

const heartFailureLabs = [
  '[doctor] hi, how are you doing with the torsemide?',
  "[patient] i'm doing okay, my breathing is better.",
  "[doctor] let's take a listen. your lungs sound clear.",
  '[patient] okay.',
  "[doctor] all right, let's review your blood work. i checked your hemoglobin level because you have had some anemia in the past but that is still doing great.",
  '[patient] good.',
  '[doctor] your potassium is 3.9. i also sent to look at your heart failure number. there is a test called a bmp that i was monitoring and in march it was up to 3,000 and then went up to 6,000 in april before i made the change.',
  '[patient] okay.',
  "[doctor] so your blood sugar is a little bit high, it was 169 today but that depends on what you ate and you weren't fasting for the blood check.",
  '[patient] all right.',
  '[doctor] i checked your magnesium level because sometimes you urinate out magnesium with the water pills but it was normal at 1.7 and your blood pressure is also looking good.',
  '[patient] okay great.',
  '[doctor] so for your heart failure, continue the torsemide 20 mg daily. we often like to keep people with heart problems on magnesium, so start magnesium twice a day.',
];

describe('labs read out in passing', () => {
  it('writes a lab checked and called normal at a value as the lab and its value', () => {
    expect(resultsOf(heartFailureLabs)).toContain('Magnesium: 1.7 (normal).');
  });

  it('writes a blood sugar said high with its value, and not fasting, as a glucose result', () => {
    expect(resultsOf(heartFailureLabs)).toContain('Glucose: 169, slightly high; not fasting.');
  });

  it('writes a lab "still doing great" as stable', () => {
    expect(resultsOf(heartFailureLabs)).toContain('Hemoglobin: stable.');
  });

  it('reads a "BMP" said as the heart failure number as the BNP', () => {
    const results = resultsOf(heartFailureLabs);
    expect(results).toContain('BNP: 3,000 (March); 6,000 (April).');
    expect(results.join(' ')).not.toMatch(/BMP/);
  });

  it('times a value said of the last visit', () => {
    expect(resultStatement('Last time they came in their A1c was a little bit higher at 7.3.')).toBe(
      'Hemoglobin A1c: 7.3 (last visit).',
    );
    expect(resultStatement('Her blood sugar is a little bit high, it was 169 today.')).toBe(
      'Glucose: 169, slightly high.',
    );
  });
});

describe('studies under review', () => {
  const copd = [
    "[doctor] you said you were coming in with shortness of breath, so we sent you to get some pulmonary function tests. so let's just look at those. hey, dragon, show me the pulmonary function tests. okay, so it looks like it's interesting. it says that you might be having a little bit of asthma or, uh, copd. and if you are, we'll talk about that.",
    '[patient] mm-hmm.',
    "[doctor] hey, dragon, show me the most recent chest x-ray. okay, this is interesting. your … kind of your diaphragm is a little bit flatter, and we'll see that in some, uh, copd, which happens with smokers often.",
    '[patient] okay.',
    "[doctor] so i think you do have copd. i'm going to start you on albuterol 2 puffs as needed.",
  ];

  it('writes what the study suggests and what the image shows of an organ', () => {
    const results = resultsOf(copd);
    expect(results).toContain('PFTs: suggestive of asthma or COPD.');
    expect(results).toContain('Chest X-ray: slightly flattened diaphragm, consistent with COPD.');
  });

  it('keeps a finding noticed on a chest x-ray as said', () => {
    const lines = [
      '[doctor] how long have you had the cough?',
      '[patient] a few weeks, every time i move hay.',
      '[doctor] so for your results i did review the results of your chest x-ray and i noticed some round glass opacities.',
      "[doctor] i'm going to prescribe an oral steroid.",
    ];
    expect(resultsOf(lines)).toContain('Chest X-ray: round glass opacities.');
  });

  it('keeps where in the organ a finding lies and what it is seen in', () => {
    const lines = [
      '[doctor] how is the swallowing?',
      '[patient] food gets stuck.',
      '[doctor] on exam your abdomen is soft and nontender.',
      '[doctor] i reviewed the results of your barium swallow and it showed that you have two areas of mild narrowing in the mid and lower portions of your esophagus that can be found in patients experiencing something called esophagitis.',
      "[doctor] i'm going to prescribe protonix 40 mg once a day.",
    ];
    expect(resultsOf(lines)).toContain(
      'Barium swallow: 2 areas of mild narrowing in the mid and lower esophagus, consistent with esophagitis.',
    );
  });
});
