/**
 * Vocabulary as a visit says it: abbreviations spelled letter by letter ("C O P D", "U T I"), conditions and symptoms
 * the lexicons did not know ("thyroid problems", "heart burn", "blackouts", "lung embolism"), and the readings that
 * must not follow from them (a stutter "a- a- a", the "S V T" inside "N S V T", "OCD in the knee", "heard of DVT").
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { lexicons } from '../../../core/clinical/lexicon.js';

const draft = (...lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;
const problems = (text: string) =>
  lexicons()
    .problems.match(text.toLowerCase())
    .map((m) => m.value);

describe('spelled abbreviations', () => {
  it('reads a condition said letter by letter as the condition', () => {
    expect(problems('I have C O P D and G E R D.')).toEqual(['copd', 'gerd']);
    expect(problems('I was told I had a U T I, and an S T D s check.')).toEqual([
      'urinary tract infection',
      'sexually transmitted infection',
    ]);
    const note = draft(
      '[doctor] any medical problems?',
      '[patient] yes, i have c o p d and a f i b.',
      '[doctor] okay.',
    );
    expect(note).toMatch(/COPD/);
    expect(note).toMatch(/Atrial fibrillation/);
  });

  it('reads no name in a stutter or inside a longer run of letters', () => {
    expect(problems('from a- a- a rapid strep standpoint')).toEqual([]);
    expect(problems('her brother suffers from N S V T')).toEqual([]);
  });
});

describe('conditions and symptoms said in their everyday words', () => {
  it('writes a history said in words the lexicon did not know', () => {
    const note = draft(
      '[doctor] any past medical history?',
      '[patient] i have a history of thyroid problems, and four years back i had a lung embolism.',
      '[doctor] okay.',
    );
    expect(note).toMatch(/Thyroid disease/);
    expect(note).toMatch(/Pulmonary embolism/);
  });

  it('writes review-of-systems denials of heart burn, blackouts and a palpitation', () => {
    const note = draft(
      '[doctor] any heart burn, nausea or vomiting?',
      '[patient] no.',
      '[doctor] any blackouts or seizures?',
      '[patient] no.',
      '[doctor] any chest pain or palpitation?',
      '[patient] no.',
    );
    expect(note).toMatch(/Denies[^.\n]*heartburn/);
    expect(note).toMatch(/Denies[^.\n]*syncope/);
    expect(note).toMatch(/Denies[^.\n]*palpitations/);
  });
});

describe('readings that must not follow', () => {
  it('reads OCD of a joint as no obsessive-compulsive disorder', () => {
    expect(problems('the mri showed ocd in the left knee')).toEqual([]);
    expect(problems('an unstable ocd lesion')).toEqual([]);
    expect(problems('she has ocd and anxiety')).toEqual(['obsessive-compulsive disorder', 'anxiety']);
  });

  it('does not write a condition the patient has only heard of', () => {
    const note = draft(
      '[doctor] the risks include infection and blood clots.',
      "[patient] i've heard of dvt from the commercials, is there a risk for that?",
      '[doctor] yes, a small one.',
    );
    expect(note).not.toMatch(/PAST MEDICAL HISTORY\n(?:History of )?DVT/);
  });
});
