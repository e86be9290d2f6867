import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { numbersIn } from '../../../core/clinical/numbers.js';

const note = (lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;

describe('home readings', () => {
  it('composes home blood pressure and glucose from the answers, dropping the spoken fragments', () => {
    const n = note([
      '[doctor] hi, how are you doing today?',
      '[patient] i have had a sore throat for four days.',
      '[doctor] did you ever buy that blood pressure cuff that i asked you to buy?',
      "[patient] yes i did and my blood pressure is like all over the place sometimes it could be like one twenty for the top number sometimes it could be one forty for the top number i don't really remember the bottom number though",
      '[doctor] okay. and are you watching your blood sugars, are you taking them at home?',
      "[patient] sometimes, if i take it first thing in the morning it'll be like eighty or ninety",
      '[doctor] okay, let me examine you now.',
    ]);
    expect(n).toContain('Home blood pressure readings: systolic 120–140.');
    expect(n).toContain('Home morning blood glucose readings: 80–90.');
    expect(n).not.toMatch(/for the top number/);
  });

  it('keeps a decade range, a peak and the diastolic, and how often it is checked', () => {
    const n = note([
      '[doctor] hi, how are you doing today?',
      '[patient] i have had back pain for three days.',
      '[doctor] have you been checking your blood pressure at home?',
      '[patient] yeah i check my blood pressures probably like a few times a week',
      '[doctor] okay',
      "[patient] the top numbers they're usually the one thirties and once it went to like one fifty",
      '[doctor] okay',
      '[patient] and then the bottom number has been between seventy and eighty',
      '[doctor] alright. lets do a quick exam. on exam your lungs are clear and your back is tender.',
      '[patient] okay.',
      '[doctor] for your back pain, take ibuprofen 400 mg three times a day and follow up in two weeks.',
    ]);
    expect(n).toMatch(/Home blood pressure readings.*systolic 130s, once 150; diastolic 70–80\./);
    expect(n).toContain('checked a few times a week');
  });

  it('reads a decade range as a number the verifier finds', () => {
    expect(numbersIn('they are like in the low one hundreds')).toContain(100);
    expect(numbersIn('usually the one thirties')).toContain(130);
  });
});

describe('results lines keep their subject and time', () => {
  it('names the lab a pronoun stands for and keeps when a past value was taken', () => {
    const n = note([
      '[doctor] hi, how are you doing?',
      '[patient] fine, my knee hurts.',
      "[doctor] okay. let me look at your labs. your psa today is good also. it's .6 i think.",
      '[patient] okay.',
      '[doctor] when you came in we did a glucose test on you a couple of months ago and you were around three hundred which is pretty up there.',
      '[patient] yeah.',
    ]);
    expect(n).toContain('PSA: 0.6.');
    expect(n).toContain('Glucose: about 300 (a couple of months ago).');
  });

  it('leaves the lead-in and the drug the patient is on out of a result', () => {
    const n = note([
      '[doctor] hi, how are you doing?',
      '[patient] fine.',
      "[doctor] so i also want to take a look here at your diabetes and last time you came in your a1c was a little bit higher at 7.3 and you're on 500 of metformin currently.",
      '[patient] yes.',
    ]);
    const results = n.slice(n.indexOf('RESULTS'), n.indexOf('ASSESSMENT'));
    expect(results).toContain('7.3');
    expect(results).not.toMatch(/metformin|I also want/i);
  });
});
