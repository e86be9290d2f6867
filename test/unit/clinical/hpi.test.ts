import { describe, expect, it } from 'vitest';
import { extractionContext } from '../../../core/clinical/extract.js';
import { characterisation, coveredBy } from '../../../core/clinical/hpi.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The characterisation of a visit given as tagged lines (every sentence read as history). */
const characterOf = (lines: string[], sex: 'female' | 'male' | null = 'female') => {
  const ex = extractionContext(parseTranscript(lines.join('\n')));
  return characterisation(ex.sentences, (s) => ex.answered.get(s.turn)?.questions ?? [], sex).map((l) => l.text);
};

/** The HPI lines of a draft of a visit given as tagged lines. */
const hpiOf = (lines: string[]) =>
  draftNote(parseTranscript(lines.join('\n')))
    .sections.find((s) => s.id === 'hpi')!
    .sentences.map((s) => s.text);

describe('the complaint characterised from what the patient said', () => {
  it('reads quality, timing and what was tried with whether it helped', () => {
    expect(
      characterOf([
        '[doctor] what brings you in?',
        '[patient] my knee has been hurting for about 6 months.',
        '[doctor] what does the pain feel like?',
        "[patient] it's like a deep achy pain, it comes and goes.",
        '[doctor] have you taken anything for it?',
        "[patient] yeah i've done some ibuprofen or aleve sometimes and i put ice on it and that does help.",
      ]),
    ).toEqual([
      'She describes the pain as deep and aching.',
      'The pain is intermittent.',
      'She has tried ibuprofen, aleve and ice, with some relief.',
    ]);
  });

  it('takes no denied quality, no drug taken for something else, and says when nothing helped', () => {
    expect(
      characterOf(
        [
          '[doctor] is the pain sharp?',
          "[patient] no, it's not sharp. it's more of a dull ache.",
          '[doctor] what medications do you take?',
          '[patient] i take lisinopril every morning with my multivitamin.',
          '[doctor] did you try anything for the pain?',
          "[patient] i took some tylenol but it didn't help at all.",
        ],
        'male',
      ),
    ).toEqual(['He describes the pain as dull.', 'He has tried tylenol, without relief.']);
  });

  it('keeps the timing of the pain apart from another symptom, and a quality apart from urination', () => {
    expect(
      characterOf([
        "[patient] i've been having some belly pain and i feel bloated all the time.",
        "[patient] and it's burning when i pee.",
      ]),
    ).toEqual([]);
  });

  it('a copied sentence that says nothing more is left out of the history', () => {
    const character = [{ text: 'She describes the pain as deep and aching.' }];
    expect(coveredBy("It's like a deep achy pain.", character)).toBe(true);
    expect(coveredBy('It is a deep achy pain when she climbs stairs.', character)).toBe(false);
    expect(coveredBy('She takes 2 ibuprofen a day.', [{ text: 'She has tried ibuprofen.' }])).toBe(false);
    const hpi = hpiOf([
      '[doctor] what brings you in?',
      '[patient] my right knee has been hurting for about 6 months.',
      '[doctor] what does the pain feel like?',
      "[patient] it's like a deep achy pain.",
      '[doctor] okay. any swelling?',
      '[patient] no.',
      '[doctor] on exam there is tenderness of the right knee.',
    ]);
    expect(hpi).toContain('The patient describes the pain as deep and aching.');
    expect(hpi.join(' ')).not.toMatch(/achy/);
  });

  it('states a reported symptom no history line states yet, as the fact model read it', () => {
    const hpi = hpiOf([
      '[doctor] brian is a 58 year old male who presents today for follow-up of his chronic problems.',
      '[doctor] how have you been feeling?',
      "[patient] i've been so tired lately, just worn out all the time.",
      '[doctor] any dizziness?',
      '[patient] maybe a little dizzy sometimes.',
      '[doctor] any fever?',
      '[patient] no.',
      '[doctor] on exam your lungs are clear.',
    ]);
    // Said in a line the history keeps: not said twice.
    expect(hpi.join(' ')).toMatch(/tired/);
    expect(hpi.join(' ')).not.toMatch(/also reports fatigue/);
    // Said only in speech the history drops: stated from the fact model.
    const garbled = hpiOf([
      '[doctor] how have you been feeling?',
      "[patient] i'm tired like you wouldn't believe.",
      '[doctor] any fever?',
      '[patient] no.',
      '[doctor] on exam your lungs are clear.',
    ]);
    expect(garbled.join(' ')).toMatch(/also reports fatigue/);
  });

  it('"any injury to that knee?" "no, not that i can recall" is a pertinent negative, said once', () => {
    const hpi = hpiOf([
      '[doctor] what brings you in?',
      '[patient] my left knee gives out on me sometimes.',
      '[doctor] have you ever had any type of injury to that knee, did you fall or bump it?',
      '[patient] no not that i can recall',
      '[doctor] did you twist it recently?',
      '[patient] no.',
      '[doctor] on exam there is no effusion of the left knee.',
    ]);
    expect(hpi.filter((l) => /injury/.test(l))).toEqual(['Denies any prior injury.']);
    // A yes is not a denial.
    expect(
      hpiOf([
        '[doctor] what brings you in?',
        '[patient] my left knee hurts.',
        '[doctor] any injury to that knee?',
        '[patient] yes, i fell skiing last week.',
        '[doctor] on exam there is no effusion of the left knee.',
      ]).join(' '),
    ).not.toMatch(/Denies any/);
  });
});
