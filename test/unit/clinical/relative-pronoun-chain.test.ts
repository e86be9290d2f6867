import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';
import { readMention } from '../../../core/clinical/assertion.js';

const pmh = (d: ReturnType<typeof draftOf>) => sectionOf(d, /PAST MEDICAL HISTORY/).join('\n');
const fh = (d: ReturnType<typeof draftOf>) => sectionOf(d, /FAMILY HISTORY/).join('\n');

describe("a relative's condition told over several sentences stays the relative's", () => {
  it('"he" two sentences after the relative asked about, past one that names nobody', () => {
    const d = draftOf([
      '[doctor] tell me about your family. how is your grandpa doing?',
      '[patient] honestly, doctor, he died last spring. he had pancreatic cancer.',
      '[doctor] sorry to hear that.',
    ]);
    expect(pmh(d)).not.toMatch(/pancreatic cancer/i);
    expect(fh(d)).toMatch(/Grandfather: pancreatic cancer/);
  });

  it('"she" in the next answer, past the doctor\'s sympathy and question', () => {
    const d = draftOf([
      '[doctor] any illnesses in your relatives?',
      '[patient] my aunt had lupus. she passed away.',
      '[doctor] oh, i am sorry. what did she pass from?',
      '[patient] she had a stroke. she also had gout.',
    ]);
    expect(pmh(d)).not.toMatch(/stroke|gout/i);
    expect(fh(d)).toMatch(/Aunt: (?:stroke|gout)/);
  });

  it('the patient speaking of themself in between ends the chain', () => {
    const d = draftOf([
      '[doctor] how is your dad?',
      '[patient] he is fine.',
      '[doctor] and you?',
      '[patient] i have asthma. i use my inhaler for it.',
    ]);
    expect(pmh(d)).toMatch(/Asthma/);
  });

  it('someone else named in between ends the chain ("my neighbor")', () => {
    const d = draftOf([
      '[doctor] how is your mom?',
      '[patient] my mom is okay. my neighbor drove me here. she has copd.',
    ]);
    expect(fh(d)).not.toMatch(/copd/i);
  });

  it('"a lot of my family has …" is the family, not the patient', () => {
    const s = { speaker: 'patient' as const, lower: 'yeah, a lot of my family has gout.' };
    const at = s.lower.indexOf('gout');
    expect(readMention(s, at, at + 4).experiencer).toBe('family');
    const d = draftOf([
      '[doctor] anything else i should know about?',
      '[patient] yeah, most of my family has gout, and a lot of them have had kidney stones.',
    ]);
    expect(pmh(d)).not.toMatch(/gout/i);
    expect(fh(d)).toMatch(/gout/i);
  });
});

describe('a relative the doctor addresses is not the "he" of the answer', () => {
  it('"hi dad, what brings sophie in" — "she has had a cough": the child is the patient', () => {
    const d = draftOf([
      '[doctor] hi dad, what brings sophie in today',
      "[patient] she's had a cough for four days and she had a fever on sunday",
      '[doctor] okay. any rash?',
      '[patient] no',
    ]);
    const note = d.note;
    expect(fh(d)).not.toMatch(/cough|fever/i);
    expect(note).toMatch(/cough/i);
  });
});
