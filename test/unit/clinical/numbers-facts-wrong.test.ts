import { describe, expect, it } from 'vitest';
import { readMention } from '../../../core/clinical/assertion.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { normalizeNumbers } from '../../../core/clinical/numbers.js';
import { repairMisheard } from '../../../core/clinical/rewrite.js';

const draft = (lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;
const section = (note: string, head: string) => {
  const at = note.indexOf(head);
  if (at < 0) return '';
  const next = note.slice(at + head.length).search(/\n[A-Z][A-Z &]{5,}\n/);
  return next < 0 ? note.slice(at) : note.slice(at, at + head.length + next);
};

describe('numbers written exactly as said', () => {
  it('joins an A1c decimal split by a full stop, its value a clause after the test', () => {
    expect(
      normalizeNumbers(
        "we checked your hemoglobin a1c last time i'm looking at your records in epic and it showed that it was you know seven . one so it's good",
      ),
    ).toContain('it was you know 7.1 so');
    expect(normalizeNumbers('your temperature you are running ninety seven . one today')).toContain('97.1');
    // No A1c, temperature or unit: a full stop between numbers stays one.
    expect(normalizeNumbers('i have two . one more question')).toBe('i have 2 . one more question');
  });

  it('writes the number a speaker corrected to, not the one corrected', () => {
    expect(normalizeNumbers('take five milligrams, sorry, ten milligrams daily')).toBe('take 10 milligrams daily');
    expect(normalizeNumbers('i take 20 units i mean 25 units at night')).toBe('i take 25 units at night');
    expect(
      normalizeNumbers('vitamin d3, around 5000 units on sundays, and 2 thous … or 50,000 units on sundays, excuse me'),
    ).toBe('vitamin d3, around 50,000 units on sundays, excuse me');
    // A correction of a word, not of the number, keeps the number.
    expect(normalizeNumbers('a respiratory rate of eighteen excuse me your temperature is normal')).toContain(
      '18 excuse me',
    );
    const note = draft([
      '[doctor] so you are taking vitamin d, 5000 units on sundays … or 50,000 units on sundays, excuse me, correct?',
      '[patient] yes.',
    ]);
    expect(note).toContain('50,000 units');
    expect(note).not.toMatch(/\b5000 units/);
  });
});

describe('result labels are the test said', () => {
  it('labels a verdict on a hemoglobin a1c as the A1c, not "Hemoglobin"', () => {
    const note = draft([
      '[patient] i have been feeling tired.',
      "[doctor] okay we checked your hemoglobin a1c last time and it showed that it was 6.5. so it's good.",
      '[patient] great.',
    ]);
    expect(note).not.toMatch(/^Hemoglobin: /m);
    expect(note).toMatch(/^Hemoglobin A1c: /m);
  });
});

describe('a vital taken elsewhere is history', () => {
  it('keeps a reading said of the hospital stay out of today’s exam', () => {
    const note = draft([
      '[doctor] hi, i was notified you were in the hospital for some heart failure. what happened?',
      '[patient] my ankles were swelling and i could not breathe.',
      '[doctor] i see that your blood pressure was high also it was two hundred over ninety. have you been checking it?',
      '[patient] no.',
      "[doctor] okay let's do a quick physical exam. your blood pressure looks good today at one twenty eight over seventy two.",
    ]);
    const exam = section(note, 'PHYSICAL EXAM');
    expect(exam).toContain('128/72');
    expect(exam).not.toContain('200/90');
    expect(note).toMatch(/Blood pressure was 200\/90 in the hospital/);
  });
});

describe('a near miss is not the symptom', () => {
  it('reads "almost incontinence" as hedged, not as incontinence', () => {
    const read = (lower: string, word: string) =>
      readMention({ lower, speaker: 'patient' }, lower.indexOf(word), lower.indexOf(word) + word.length).assertion;
    expect(read('yeah yeah i have almost incontinence so', 'incontinence')).toBe('possible');
    expect(read('i nearly passed out at work', 'passed out')).toBe('possible');
    // "almost" of the time, not of the symptom.
    expect(read('almost every day i get headaches', 'headaches')).toBe('present');
  });
});

describe('test orders keep every region', () => {
  it('keeps the pelvis of "a ct scan without contrast of your abdomen and pelvis"', () => {
    const note = draft([
      '[patient] my back hurts again, on the right side.',
      '[doctor] okay, on physical exam you are tender on the right side.',
      "[doctor] so let's talk a little bit about my assessment and plan for you. so, for your first problem, your back pain, i think you're having a recurrence of your kidney stones. so i wanna go ahead and order a ct scan without contrast of your abdomen and pelvis. okay?",
      '[patient] okay.',
    ]);
    expect(note).toMatch(/abdomen and pelvis/);
  });
});

describe('misheard clinical terms', () => {
  it('repairs ASR confusions only in the context that makes the term certain', () => {
    expect(repairMisheard('you do have some cda tenderness on the right')).toBe(
      'you do have some cva tenderness on the right',
    );
    expect(repairMisheard('lungs clear to oscillation, no wheezing')).toBe('lungs clear to auscultation, no wheezing');
    expect(repairMisheard('no midline tenderness to palpitation')).toBe('no midline tenderness to palpation');
    // The heard word is a real term elsewhere: palpitations felt, high-frequency oscillation.
    expect(repairMisheard('i get palpitations at night')).toBe('i get palpitations at night');
    expect(repairMisheard('on oscillation ventilation')).toBe('on oscillation ventilation');
  });
  it('writes the repaired term in the exam', () => {
    const note = draft([
      "[doctor] okay let's do a physical exam. on physical exam you do have some cda tenderness on the right-hand side.",
      '[patient] ouch.',
    ]);
    expect(note).toContain('CVA tenderness');
    expect(note).not.toMatch(/cda/i);
  });
});

describe('a temperature said with how it runs', () => {
  it('reads "your temperature you\'re running normal 97.1"', () => {
    const note = draft([
      "[doctor] i looked at your vitals. your temperature you're running normal ninety seven . one and your blood pressure is one twenty over seventy.",
      '[patient] okay.',
    ]);
    expect(note).toMatch(/Temperature: 97\.1/);
  });
});
