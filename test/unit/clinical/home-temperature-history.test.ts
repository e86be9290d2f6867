import { describe, expect, it } from 'vitest';
import { readMention } from '../../../core/clinical/assertion.js';
import { draftNote, extractFacts, parseTranscript } from '../../../core/clinical/index.js';
import { sectionOf } from './draft-helpers.js';

const visit = (lines: string[]) => parseTranscript(lines.join('\n'));

describe('a temperature someone reports from home is history, not a vital sign', () => {
  const lines = [
    '[doctor] what has been going on with your son?',
    '[patient_guest] he has had a runny nose since sunday and he had a temperature of 102 last night.',
    '[doctor] any rash?',
    '[patient_guest] no.',
    '[doctor] his throat is a little red and his lungs are clear.',
    '[doctor] this is a cold, fluids and rest.',
  ];

  it('keeps the reading out of the exam', () => {
    const exam = sectionOf(draftNote(visit(lines)), /PHYSICAL EXAM/i).join(' ');
    expect(exam).not.toMatch(/Temperature/);
    const temp = extractFacts(visit(lines)).vitals.find((v) => v.kind === 'temp');
    expect(temp?.historical).toBe(true);
  });

  it('the patient\'s own "fever of 101" at home too; the doctor\'s reading in the office stays a vital', () => {
    const own = extractFacts(
      visit([
        '[doctor] how have you been feeling?',
        '[patient] i had a fever of 101 on saturday.',
        "[doctor] okay let's look at your vitals. your temperature is 98.4.",
      ]),
    ).vitals.filter((v) => v.kind === 'temp');
    expect(own.find((v) => v.value === 101)?.historical).toBe(true);
    expect(own.find((v) => v.value === 98.4)?.historical).toBe(false);
  });
});

describe('a companion speaking of the patient', () => {
  it('the "she" after a companion\'s "my daughter" is the patient, in the sentence and the next one', () => {
    const said = 'my granddaughter is fine but my daughter has had a sore throat and she had a fever too.';
    const s = { speaker: 'other' as const, lower: said };
    const at = said.indexOf('fever');
    expect(readMention(s, at, at + 5).experiencer).toBe('patient');
    const prev = { speaker: 'other' as const, lower: 'my son has been coughing at night.' };
    const next = { speaker: 'other' as const, lower: 'he had a fever on monday.' };
    expect(readMention(next, 9, 14, prev).experiencer).toBe('patient');
    // Her brother's fever stays her brother's.
    const bro = { speaker: 'other' as const, lower: 'her brother had a fever and he was sick for a week.' };
    expect(readMention(bro, 18, 23).experiencer).toBe('brother');
  });
});
