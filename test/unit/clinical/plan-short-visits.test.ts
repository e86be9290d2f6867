/**
 * Plan reading in short visits and in phrasings the train visits do not use: a drug order said before the turn-level
 * plan starts, a dose said after the drug's own clause, "use the inhaler as needed", continued counselling, a diary,
 * vaccines, a prenatal vitamin, and an interval said as "one week".
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { normalizeNumbers, numbersIn } from '../../../core/clinical/numbers.js';

const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

describe('plan in short visits', () => {
  it('reads a drug order said early in a short visit as plan', () => {
    const ap = plan([
      '[doctor] your potassium came back at five point nine which is high',
      '[patient] oh i did not know that',
      '[doctor] so we have to stop the spironolactone for now',
      '[doctor] and we will repeat the potassium on friday',
      '[patient] okay',
      '[doctor] alright take care',
    ]);
    expect(ap).toMatch(/Stop spironolactone/i);
  });

  it('reads an imperative restart as plan', () => {
    const ap = plan([
      '[doctor] how have your seizures been',
      '[patient] i had one last week i ran out of the levetiracetam',
      '[doctor] okay so resume the levetiracetam five hundred milligrams twice a day',
      '[patient] okay',
      '[doctor] and call me if you have another one',
      '[patient] i will',
    ]);
    expect(ap).toMatch(/levetiracetam 500 mg twice a day/i);
  });
});

describe('medication details said apart from the drug', () => {
  it('gives a drug the dose said in the next clause', () => {
    const ap = plan([
      '[doctor] how is the blood pressure at home',
      '[patient] still about one sixty',
      '[doctor] your pressure today is one fifty eight over ninety six',
      '[doctor] i think we should add amlodipine. we will begin with five milligrams once a day and recheck in a month',
    ]);
    expect(ap).toMatch(/amlodipine 5 mg once a day/i);
  });

  it('keeps an as-needed rescue inhaler told as "use the … as needed"', () => {
    const ap = plan([
      '[doctor] how is your breathing',
      "[patient] pretty good i've only needed the inhaler a few times",
      '[doctor] your lungs are clear today',
      '[doctor] so stay on the advair two fifty fifty one puff twice a day and just use the ventolin as needed for wheezing',
    ]);
    expect(ap).toMatch(/(?:albuterol|ventolin)[^.]*as needed/i);
  });

  // A guard for the imperative "take the …" read as continuing: a drug just started stays started.
  it('keeps a drug started, not continued, when it is then told how to take it', () => {
    const ap = plan([
      '[doctor] so this looks like a urinary tract infection',
      "[doctor] i'm going to prescribe nitrofurantoin one hundred milligrams",
      '[doctor] take the nitrofurantoin twice a day for five days',
    ]);
    expect(ap).toMatch(/Start nitrofurantoin/i);
    expect(ap).not.toMatch(/Continue nitrofurantoin/i);
  });
});

describe('advice and preventive care', () => {
  it('writes continued therapy sessions', () => {
    const ap = plan([
      '[doctor] how has the anxiety been',
      '[patient] better since i started therapy',
      '[doctor] good your gad seven is down to six',
      '[doctor] so continue working with your therapist and i will see you in three months',
    ]);
    expect(ap).toMatch(/continue working with the therapist/i);
  });

  it('writes a symptom diary', () => {
    const ap = plan([
      '[doctor] so the stomach pain comes and goes',
      '[patient] yes after some meals',
      '[doctor] your exam is normal',
      "[doctor] i'd like you to start a food journal so we can see what sets it off and come back in a month",
    ]);
    expect(ap).toMatch(/Patient Education and Counseling: Start a food journal\./);
  });

  it('writes the vaccines given or due as items', () => {
    const ap = plan([
      '[doctor] you are here for your checkup',
      '[patient] yes',
      '[doctor] your blood pressure is fine',
      "[doctor] we'll give you the pneumonia shot today and you are also due for a covid booster",
    ]);
    expect(ap).toMatch(/Administer pneumonia shot today/i);
    expect(ap).toMatch(/covid booster due/i);
  });

  it('does not write a vaccine the patient already had', () => {
    const ap = plan([
      '[doctor] you are here for your checkup',
      '[patient] yes i already had my flu shot at the pharmacy',
      '[doctor] great your exam is normal',
      '[doctor] we will get some routine labs',
    ]);
    expect(ap).not.toMatch(/flu shot/i);
  });

  it('knows prenatal vitamins as a medication', () => {
    const ap = plan([
      '[doctor] so your pregnancy test is positive',
      '[patient] wow okay',
      '[doctor] i want you to start prenatal vitamins once a day and we will see you in four weeks',
    ]);
    expect(ap).toMatch(/prenatal vitamins once a day/i);
  });
});

describe('intervals in digits', () => {
  it('writes "in one week" as 1 week, not "one day I"', () => {
    expect(normalizeNumbers('come back in one week')).toBe('come back in 1 week');
    expect(normalizeNumbers('one day i fell down')).toBe('one day i fell down');
    expect(numbersIn('in 1 week').length).toBe(1);
  });
});
