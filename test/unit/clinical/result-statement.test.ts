import { describe, expect, it } from 'vitest';
import { labelledFinding, resultStatement } from '../../../core/clinical/result-line.js';
import { draftOf, sectionOf } from './draft-helpers.js';

describe('a reviewed result written as "Test: finding"', () => {
  it('takes the review frame off an imaging study and keeps its measurements', () => {
    const d = draftOf([
      '[doctor] what brings you in today?',
      '[patient] i have had some pelvic pain and bloating for a month.',
      '[doctor] i reviewed the results of your abdominal ct which show a 3 cm left ovarian mass with an associated localized lymph node involvement there is no evidence of gross peritoneal or metastatic disease.',
      "[doctor] my impression is ovarian cancer. i'm going to refer you to gynecologic oncology.",
    ]);
    expect(sectionOf(d, /RESULTS/)).toContain(
      'Abdominal CT: 3 cm left ovarian mass with an associated localized lymph node involvement; no evidence of gross peritoneal or metastatic disease.',
    );
  });

  it('writes a lab compared with the last value as "(previously N)"', () => {
    expect(resultStatement('Their A1c came back at 7.1 which is much better than the 8.4 from last time.')).toBe(
      'Hemoglobin A1c: 7.1 (previously 8.4).',
    );
    expect(resultStatement('His hemoglobin A1c here is 8, last time we had seen it was about 6.')).toBe(
      'Hemoglobin A1c: 8 (previously about 6).',
    );
  });

  it('keeps the date and the side of a study done earlier', () => {
    expect(
      resultStatement(
        "It looks like she had an ultrasound of her right breast on november 3rd, 2019, which revealed a mass at the 2 o'clock position.",
      ),
    ).toBe("Right breast ultrasound (November 3rd, 2019): mass at the 2 o'clock position.");
  });

  it('names the study done before its review and writes percent as %', () => {
    expect(
      resultStatement(
        'We since we did the echocardiogram I reviewed those results and it does show a preserved ef of 55 percent abnormal diastolic filling and mild-to-moderate mitral regurgitation.',
      ),
    ).toBe(
      'Echocardiogram: preserved EF of 55%, abnormal diastolic filling and mild-to-moderate mitral regurgitation.',
    );
  });

  it('leaves a finding that still reads as talk as it was', () => {
    expect(resultStatement("That's measuring 0.5 cm located in the proximal right ureter.")).toBeNull();
    expect(resultStatement('Her potassium is 3.9 so it is holding steady on the torsemide.')).toBeNull();
    expect(
      resultStatement("I reviewed your x-ray and it shows that it's probably just a sprain, you know."),
    ).toBeNull();
    expect(labelledFinding('here, his blood pressure is a little high.')).toBeNull();
  });

  it('drops the comment said to the patient after a labelled finding', () => {
    expect(labelledFinding("It also shows some mitral regurgitation, that's that heart murmur that I heard.")).toBe(
      'mitral regurgitation',
    );
    expect(labelledFinding("it's low at 8.2.")).toBe('low at 8.2');
  });
});
