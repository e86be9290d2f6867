/**
 * Whose condition or age it is: a relative's age is not the patient's, the family's conditions asked about in a
 * family question (or its follow-ups) are family history, and a parent's relative is named by the patient's kin.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts, parseTranscript } from '../../../core/clinical/index.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const ageOf = (lines: string[]) => extractFacts(parseTranscript(lines.join('\n'))).patient.age;
const pmh = (lines: string[]) => sectionOf(draftOf(lines), /^PAST MEDICAL HISTORY$/i);
const fhx = (lines: string[]) => sectionOf(draftOf(lines), /^FAMILY HISTORY$/i);

describe('a relative’s age is not the patient’s', () => {
  it('skips an age said of a parent, a sibling or a child in the patient’s words', () => {
    expect(
      ageOf([
        '[doctor] Are there any known diseases running in your family?',
        '[patient] My dad has high blood pressure. He is now eighty two years old.',
      ]),
    ).toBeNull();
    expect(
      ageOf(['[doctor] Do you have kids?', '[patient] Yes, I have a four year old and a six year old.']),
    ).toBeNull();
    expect(
      ageOf([
        '[doctor] Any medical problems in the family?',
        '[guest_family] Her sixteen year old brother has a heart rhythm problem.',
      ]),
    ).toBeNull();
  });

  it('keeps the patient’s own age and a companion’s word for the patient', () => {
    expect(ageOf(['[doctor] How old are you?', '[patient] I am a forty five year old mother of two.'])).toBe(45);
    expect(ageOf(['[patient] I am fifty years old. My mom is eighty years old.'])).toBe(50);
    expect(ageOf(['[guest_family] My son is sick. He is two and a half years old.'])).toBe(2.5);
  });
});

describe('conditions asked of the family are family history', () => {
  it('reads a family question’s follow-up naming no one, and its answer, as the family’s', () => {
    const lines = [
      '[doctor] Can you tell me about any kind of medical traits that run in your family?',
      '[patient] I think my family has been blessed.',
      '[doctor] What about any heart disease?',
      "[patient] Nope. No heart disease or diabetes or any other kind of issues that I'm aware of.",
    ];
    expect(pmh(lines)).toEqual([]);
    expect(fhx(lines)).toEqual(['No family history of coronary artery disease.', 'No family history of diabetes.']);
  });

  it('reads "anyone with …" and "does your family have …" as asked of the family', () => {
    const anyone = [
      '[doctor] Are you aware of any medical problems in your family?',
      '[patient] No.',
      '[doctor] Anyone with any heart disease or diabetes?',
      '[patient] No.',
    ];
    expect(pmh(anyone)).toEqual([]);
    expect(fhx(anyone)).toContain('No family history of diabetes.');
    const migraine = [
      '[doctor] Remind me again. Does you family have a history of migraines.',
      "[patient] I don't think so.",
    ];
    expect(pmh(migraine)).toEqual([]);
    const strong = [
      '[doctor] Does your family have any health related problems?',
      '[patient] Yeah, we do. We have a strong history of heart disease.',
    ];
    expect(pmh(strong)).toEqual([]);
    expect(fhx(strong)).toEqual(['Family history of coronary artery disease.']);
  });

  it('reads "someone" and "everyone" in the answer as the family', () => {
    const lines = [
      '[doctor] Do you know about any medical issues running in your family?',
      '[patient] Yeah, almost everyone had diabetes.',
      '[doctor] What about heart disease, does that sound familiar?',
      '[patient] Yes, I know someone had heart disease.',
    ];
    expect(pmh(lines)).toEqual([]);
    expect(fhx(lines)).toEqual(['Family history of diabetes.', 'Family history of coronary artery disease.']);
  });

  it('keeps the patient’s own risk factors asked after a family history is told', () => {
    const lines = [
      '[doctor] Since you have a family history of coronary heart disease, let me check you for its risk factors.',
      '[patient] Yeah, my father had it.',
      '[doctor] Any history of high blood pressure or diabetes?',
      '[patient] No.',
    ];
    expect(pmh(lines)).toEqual(['No history of hypertension.', 'No history of diabetes.']);
  });
});

describe('a parent’s relative is named by the patient’s kin', () => {
  it('reads "my dad’s mom" as a grandmother and "my mom’s brother" as an uncle', () => {
    expect(
      fhx([
        '[doctor] Any illnesses in the family?',
        "[patient] My dad's mom has diabetes and my mom's brother had melanoma.",
      ]),
    ).toEqual(['Grandmother: diabetes.', 'Uncle: melanoma.']);
  });

  it('does not take the side of the family or the relative who told of it for the one who had it', () => {
    expect(
      fhx([
        '[doctor] Tell me about your family history.',
        "[patient] My grandmother on my mom's side had pancreatic cancer.",
      ]),
    ).toEqual(['Grandmother: pancreatic cancer.']);
    expect(
      fhx([
        '[doctor] As far as you know, is there any family history of cancer?',
        '[patient] Yes, actually, my mom told me that someone had cervical cancer.',
      ]).join(' '),
    ).not.toMatch(/Mother/);
  });
});

describe('a group is not the patient', () => {
  it('does not give the other children\'s "they all have ear infections" to the patient', () => {
    const n = draftOf([
      "[doctor] how're your other children doing?",
      "[patient] not so wonderful. they're all on antibiotics.",
      '[doctor] for the same?',
      '[patient] yep. they all have ear infections and chest colds.',
    ]).note;
    expect(n).not.toMatch(/Otitis media|ear infections/i);
  });
});
