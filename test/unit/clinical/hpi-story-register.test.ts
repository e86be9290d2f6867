import { describe, expect, it } from 'vitest';
import { coveredBy, storyInNoteRegister } from '../../../core/clinical/hpi.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { cleanSpoken, patientWeToThird } from '../../../core/clinical/rewrite.js';

/** The HPI text of a draft of a visit given as tagged lines. */
const hpiOf = (lines: string[]) =>
  draftNote(parseTranscript(lines.join('\n')))
    .sections.find((s) => s.id === 'hpi')!
    .sentences.map((s) => s.text)
    .join(' ');

describe('copied history sentences in a note register', () => {
  it('drops hedges and an emphatic "did" from a copied sentence', () => {
    const hpi = hpiOf([
      '[doctor] hi, how are you doing?',
      "[patient] not great. my doctor did put me on prednisone last month and i just haven't really been sleeping since.",
      '[doctor] okay.',
    ]);
    expect(hpi).toMatch(/put (?:her|him|them) on prednisone last month/i);
    expect(hpi).not.toMatch(/\bdid put\b|\bjust\b/i);
  });

  it('writes the patient\'s "we" as the patient, with the verb agreeing', () => {
    expect(patientWeToThird("Over the weekend, we've been moving boxes up and down our stairs", 'male')).toBe(
      'Over the weekend, he has been moving boxes up and down his stairs',
    );
    expect(patientWeToThird('We were hiking when it started', 'female')).toBe('She was hiking when it started');
    // What patient and doctor will do together is not the patient's history.
    expect(patientWeToThird("We'll check it out", 'female')).toBe("We'll check it out");
  });

  it('takes off a leading aside and a trailing comment on the story', () => {
    expect(storyInNoteRegister('Hands down, she was having anxiety at work, and it felt ridiculous.', 'female')).toBe(
      'She was having anxiety at work.',
    );
    expect(
      storyInNoteRegister('She stopped the singulair, but she is not sure if that was the issue or what.', 'female'),
    ).toBe('She stopped the singulair.');
    expect(storyInNoteRegister('She reports no weakness, just the numbness.', 'female')).toBe(
      'She reports no weakness, just the numbness.',
    );
  });

  it('does not copy a story whose only condition names a place of work', () => {
    const hpi = hpiOf([
      '[doctor] how has your anxiety been?',
      '[patient] my anxiety has been bad since december.',
      '[patient] and then we opened the evaluation centers and the covid clinic.',
      '[doctor] okay.',
    ]);
    expect(hpi).not.toMatch(/clinic/i);
  });

  it('does not repeat a weight loss the summary states', () => {
    expect(
      coveredBy('The past 6 months they have lost some weight.', [
        { text: 'The patient reports weight loss for 6 months.' },
      ]),
    ).toBe(true);
  });

  it('takes a contraction said twice as once', () => {
    expect(cleanSpoken("i'i'm just worried")).toBe("i'm just worried");
  });
});
