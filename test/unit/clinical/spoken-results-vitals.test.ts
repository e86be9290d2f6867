/**
 * Results, vital signs and measured findings as a doctor says them in a short visit that never announces an exam or a
 * review of results ("your sats are ninety five on room air", "the ultrasound showed a two centimeter cyst", "your a1c
 * went from nine to seven point five"): each lands in its section, with its number as said.
 */
import { describe, expect, it } from 'vitest';
import { normalizeNumbers } from '../../../core/clinical/numbers.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const sections = (lines: string[]) => {
  const d = draftOf(lines);
  return {
    exam: sectionOf(d, /physical exam/i).join(' '),
    results: sectionOf(d, /^results/i).join(' '),
    note: d.note,
  };
};

describe('vital signs said in passing', () => {
  it('a saturation said as "sats are N on room air" is a vital, with how it was taken', () => {
    const { exam } = sections([
      '[doctor] how is the breathing today',
      '[patient] a little better than last week but i still get winded on the stairs',
      '[doctor] your sats are ninety five on room air and your lungs have a few crackles at the right base',
      '[doctor] let us finish the antibiotic and get a chest x-ray in six weeks',
    ]);
    expect(exam).toMatch(/Oxygen saturation: 95% on room air\./);
    expect(exam).toMatch(/Respiratory: .*crackles at the right base/);
  });

  it('"oxygen level is only N percent", "satting N percent" and "pulse ox is reading N" are saturations', () => {
    for (const said of [
      'your oxygen level is only eighty nine percent so we need to send you over to the hospital',
      "you're satting ninety one percent sitting here",
      'your pulse ox is reading ninety four percent',
    ]) {
      const { exam } = sections([
        '[doctor] how long have you been short of breath',
        '[patient] about two days it is worse when i walk',
        `[doctor] ${said}`,
      ]);
      expect(exam).toMatch(/Oxygen saturation: (?:89|91|94)%\./);
    }
  });

  it('a vital read before a finding keeps the finding in the exam, not the vital said twice', () => {
    const { exam } = sections([
      '[doctor] what is going on today',
      '[patient] i have had a sore throat and chills since tuesday',
      '[doctor] your temp is one hundred point four and your throat is red with white patches on the tonsils',
      '[doctor] we will do a rapid strep and i will call you with the result',
    ]);
    expect(exam).toMatch(/Temperature: 100\.4 °F\./);
    expect(exam).toMatch(/Throat: Throat is red with white patches on the tonsils\./);
  });

  it('lung sounds the doctor states ("you have some scattered wheezes") are an exam finding', () => {
    const { exam } = sections([
      '[doctor] so the cough is back',
      '[patient] yeah since the weekend and it keeps me up at night',
      '[doctor] okay you have some scattered wheezes on both sides today',
      '[doctor] let us restart the inhaler twice a day and see you in two weeks',
    ]);
    expect(exam).toMatch(/Respiratory: .*scattered wheezes on both sides/);
  });

  it('"heart rate\'s N" is the heart rate', () => {
    const { exam } = sections([
      '[doctor] tell me about the palpitations',
      '[patient] my heart has been racing on and off for three days',
      "[doctor] your heart rate's one hundred twelve and regular right now",
      '[doctor] we will get an ekg and thyroid tests today',
    ]);
    expect(exam).toMatch(/Heart rate: 112 bpm\./);
  });

  it('a temperature read digit by digit ("one oh two point three") is that temperature', () => {
    expect(normalizeNumbers('she had a fever of one oh two point three last night')).toBe(
      'she had a fever of 102.3 last night',
    );
    expect(normalizeNumbers('the room is one oh five')).toBe('the room is one oh 5');
    const { exam } = sections([
      '[doctor] what brings you in',
      '[patient] chills and body aches since yesterday',
      '[doctor] your temp is one oh one point six here',
    ]);
    expect(exam).toMatch(/Temperature: 101\.6 °F\./);
  });
});

describe('lab values said in passing', () => {
  it('a three-digit lipid or sodium value said the short way ("two twenty", "one thirty one") is that number', () => {
    const { results } = sections([
      '[doctor] let us go over the cholesterol panel',
      '[patient] okay',
      '[doctor] your triglycerides came back at two twenty and your sodium was one thirty one',
      '[doctor] i want you to cut back on sweets and we will recheck fasting labs in three months',
    ]);
    expect(results).toMatch(/\b220\b/);
    expect(results).toMatch(/\b131\b/);
  });

  it('a value said as a change ("went from N to M", "has gone up to N") is a result', () => {
    const a = sections([
      '[doctor] good news on the diabetes',
      '[patient] really',
      '[doctor] yes your a1c went from nine to seven point five since we added the jardiance',
      '[doctor] keep the jardiance ten milligrams daily and we will check it again in three months',
    ]);
    expect(a.results).toMatch(/A1c went from 9 to 7\.5/);
    const c = sections([
      '[doctor] so how are you feeling',
      '[patient] about the same i guess',
      '[doctor] your creatinine has gone up to one point six',
      '[doctor] we will talk about next steps and see you in four weeks',
    ]);
    expect(c.results).toMatch(/creatinine has gone up to 1\.6/);
  });

  it('a measured imaging finding is written in cm', () => {
    const { results } = sections([
      '[doctor] so i have the results from your pelvic imaging',
      '[patient] okay is everything alright',
      '[doctor] the ultrasound showed a two centimeter simple cyst on the left ovary',
      '[doctor] that is usually benign so we will repeat the ultrasound in eight weeks',
    ]);
    expect(results).toMatch(/Ultrasound: 2 cm simple cyst on the left ovary\./);
  });
});

describe('a measured lesion is an exam finding', () => {
  it('a skin lesion measured as "it" in a visit with no exam announced', () => {
    const { exam } = sections([
      '[doctor] tell me about the spot on your arm',
      '[patient] it showed up a few months ago and it has been getting darker',
      '[doctor] okay this is roughly six millimeters with uneven borders',
      '[doctor] i want you to see dermatology for a biopsy',
    ]);
    expect(exam).toMatch(/Integumentary: Lesion measures approximately 6 mm with uneven borders\./);
  });

  it('a wound measured in centimeters', () => {
    const { exam } = sections([
      '[doctor] so you cut your arm on a piece of metal',
      '[patient] yes yesterday at work on a shelf',
      '[doctor] the wound measures about three centimeters and the edges are clean',
      '[doctor] i will close it with steri strips and you need a tetanus shot today',
    ]);
    expect(exam).toMatch(/Integumentary: The wound measures about 3 cm and the edges are clean\./);
  });
});

describe('vitals read out with "are" and with praise before the number', () => {
  it('keeps the respiratory rate and the saturation', () => {
    const d = draftOf([
      '[patient] my chest feels tight',
      '[doctor] okay your vitals your respirations are twenty and your oxygen level looks really good at 98 percent okay now your lungs are clear',
    ]);
    const exam = sectionOf(d, /PHYSICAL/).join(' ');
    expect(exam).toMatch(/Respiratory rate: 20 breaths\/min/);
    expect(exam).toMatch(/Oxygen saturation: 98%/);
  });
});
