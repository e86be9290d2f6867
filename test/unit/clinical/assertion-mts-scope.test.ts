/**
 * Polarity and experiencer cases from MTS-Dialog train failures, in new wording: a clause after ";" about the
 * relative named before it, a pronoun after the condition that has it, a bare "no, <item>" answer, and a
 * counterfactual ("would have made …") that does not report the symptom.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const note = (lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;
const section = (text: string, heading: string) => {
  const at = text.indexOf(heading);
  if (at < 0) return '';
  const rest = text.slice(at + heading.length);
  const next = rest.search(/\n[A-Z][A-Z &]+\n/);
  return next < 0 ? rest : rest.slice(0, next);
};

describe('family history: the relative reaches the condition', () => {
  it('reads a clause after ";" as still about the relative named before it', () => {
    const n = note([
      '[doctor] any illnesses in the family?',
      '[patient] my uncle passed from a tumor; it was colon cancer, i believe.',
    ]);
    expect(n).toMatch(/Uncle: colon cancer/);
    expect(section(n, 'PAST MEDICAL HISTORY')).not.toMatch(/colon cancer/i);
  });

  it('gives a condition followed by "they had" / "she had" to the relative the sentence names', () => {
    const n = note([
      '[doctor] does anybody in your family have health problems?',
      '[patient] my grandparents both had diabetes.',
      '[doctor] what type?',
      "[patient] i really can't say what diabetes they had, but my grandmother was on insulin.",
    ]);
    expect(section(n, 'PAST MEDICAL HISTORY')).not.toMatch(/diabetes/i);
    expect(section(n, 'FAMILY HISTORY')).toMatch(/diabetes/i);
  });
});

describe('answers: polarity', () => {
  it('reads "no, <the item asked>" as a denial said without its "no"', () => {
    const n = note(['[doctor] have you had any wheezing?', '[patient] no, wheezing lately.', '[doctor] good.']);
    expect(n).not.toMatch(/reports wheez|Endorses wheez/i);
    expect(n).toMatch(/Denies wheez/i);
  });

  // A guard (passes before and after): the bare "no" denies only the item asked.
  it('keeps "no, <another item>" as the item reported', () => {
    const n = note(['[doctor] any sore throat?', '[patient] no, a runny nose.', '[doctor] okay.']);
    expect(n).toMatch(/Endorses nasal congestion/i);
  });

  it('does not report a symptom named in a counterfactual after a relieved "no"', () => {
    const n = note([
      'Doctor: Has she thrown up at all after feeds?',
      'Guest_family: Luckily, no. I would have had to call my mother over to clean up the vomit.',
      "Doctor: That's good.",
    ]);
    expect(n).not.toMatch(/reports vomiting|Endorses vomiting/i);
  });
});
