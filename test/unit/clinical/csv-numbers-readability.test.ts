import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvObjects } from '../../../core/clinical/csv.js';
import { normalizeNumbers, numbersIn, numberValue, unsupportedNumbers } from '../../../core/clinical/numbers.js';
import { fleschKincaid, syllables } from '../../../core/clinical/readability.js';

describe('CSV parser', () => {
  it('handles quoted fields with commas, doubled quotes and newlines', () => {
    const text = 'id,dialogue,note\r\n1,"[doctor] hi , there\n[patient] ""fine""","A, B"\n2,plain,"x\r\ny"\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'dialogue', 'note'],
      ['1', '[doctor] hi , there\n[patient] "fine"', 'A, B'],
      ['2', 'plain', 'x\r\ny'],
    ]);
    expect(parseCsvObjects(text)[1]).toEqual({ id: '2', dialogue: 'plain', note: 'x\r\ny' });
  });

  it('keeps empty fields and a final row without newline', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
  });
});

describe('numbers in text', () => {
  it('reads digits and number words', () => {
    const n = numbersIn('about five weeks, 2.5 mg, one hundred and twenty, 1,000 steps, twenty five');
    for (const v of [5, 2.5, 120, 1000, 25]) expect(n).toContain(v);
  });

  it('reads colloquial vitals ("one twenty over eighty", "one thirty five")', () => {
    expect(numbersIn('one twenty over eighty')).toEqual(expect.arrayContaining([120, 80]));
    expect(numbersIn('one thirty five')).toContain(135);
  });

  it('reads spoken decimals as one number ("ninety eight point six" is 98.6, not 98 and 6)', () => {
    expect(numbersIn('temperature of ninety eight point six')).toEqual([98.6]);
    expect(numbersIn('point five milligrams, two and a half tablets, psa of .6')).toEqual([0.5, 2.5, 0.6]);
    expect(numbersIn('the constructor called twice')).toEqual([]);
  });

  it('reads "zero . zero five percent" (a strength below 1 whose point ASR wrote as a full stop) as 0.05', () => {
    expect(normalizeNumbers("use clobetasol that's a zero . zero five percent solution")).toContain('0.05 percent');
    expect(normalizeNumbers('zero . five milligrams')).toBe('0.5 milligrams');
    // Without a unit after it, a "zero ." stays as said.
    expect(normalizeNumbers('it was zero . zero five')).toBe('it was zero . zero five');
  });

  it('joins a decimal tokenised ASR split with a full stop, where a unit, drug, temperature or A1c says so', () => {
    expect(normalizeNumbers('your temperature is ninety eight . seven and')).toContain('98.7');
    expect(normalizeNumbers('a low-grade fever of about a hundred . four')).toContain('100.4');
    expect(normalizeNumbers('your a1c last time was seven . five and')).toContain('7.5');
    // "q.6 h" is a schedule (every 6 hours), not the decimal 0.6.
    expect(normalizeNumbers('six hundred milligrams q.6 h for one week')).toBe(
      '600 milligrams every 6 hours for 1 week',
    );
    expect(normalizeNumbers('take it q 4 h as needed')).toBe('take it every 4 hours as needed');
    expect(normalizeNumbers('a q.d. dose and the iq test')).toBe('a q.d. dose and the iq test');
    expect(normalizeNumbers('a stone that is a . five centimeter')).toContain('0.5 centimeter');
    expect(normalizeNumbers("you're on two . five of norvasc")).toContain('2.5 of norvasc');
    // A full stop between sentences stays one: "okay . five minutes later", "i have two . three kids".
    expect(normalizeNumbers('okay . five minutes later')).not.toMatch(/\d\.\d/);
    expect(normalizeNumbers('i have two . three kids')).not.toMatch(/\d\.\d/);
  });

  it('does not sum digit sequences ("nine one one")', () => {
    expect(numbersIn('nine one one')).not.toContain(11);
    expect(numbersIn('nine one one')).not.toContain(10);
  });

  it('flags numbers missing from the transcript', () => {
    expect(unsupportedNumbers('Lisinopril 40 mg for 5 weeks.', 'forty milligrams, about five weeks')).toEqual([]);
    expect(unsupportedNumbers('Lisinopril 40 mg daily.', 'twenty milligrams')).toEqual([40]);
  });
});

describe('Flesch-Kincaid grade', () => {
  it('counts syllables', () => {
    expect(syllables('cat')).toBe(1);
    expect(syllables('table')).toBe(2);
    expect(syllables('medication')).toBe(4);
    expect(syllables('hypertension')).toBe(4);
  });

  it('grades simple text low and dense text high', () => {
    expect(fleschKincaid('Take one pill a day. Drink lots of water. Call us if you feel worse.').grade).toBeLessThan(4);
    expect(
      fleschKincaid(
        'Pharmacological intervention with angiotensin-converting enzyme inhibitors demonstrates considerable cardiovascular mortality reduction.',
      ).grade,
    ).toBeGreaterThan(14);
  });
});

describe('numberValue (the one reader of a single number, used by the drafter checks and the hints)', () => {
  it('reads digits and number-word phrases, and refuses anything else', () => {
    expect(
      ['five', 'twenty-five', 'a hundred', 'eighty-one', '2.5', '1,000', 'one hundred and twenty'].map(numberValue),
    ).toEqual([5, 25, 100, 81, 2.5, 1000, 120]);
    expect(['two point five', 'two and a half', '.5', 'zero point four'].map(numberValue)).toEqual([
      2.5, 2.5, 0.5, 0.4,
    ]);
    for (const bad of ['banana', '', 'five apples', 'and five', 'constructor', 'point'])
      expect(numberValue(bad)).toBeNull();
  });
});
