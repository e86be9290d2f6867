import { describe, expect, it } from 'vitest';
import { characterOf, hpiLinesOf } from './draft-helpers.js';
import { coveredBy } from '../../../core/clinical/hpi.js';

const hpiOf = hpiLinesOf;

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
    expect(garbled.join(' ')).toMatch(/also reports fatigue|presents with fatigue/);
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

  it('a copied sentence is covered word for word, with whether it helped, its numbers and its denials', () => {
    const tried = [{ text: 'The patient has tried ibuprofen, with some relief.' }];
    expect(coveredBy('They have tried ibuprofen that helps a little but not much.', tried)).toBe(true);
    expect(coveredBy("Ibuprofen doesn't seem to help.", tried)).toBe(false);
    expect(coveredBy("Ibuprofen doesn't seem to help.", [{ text: 'She has tried ibuprofen, without relief.' }])).toBe(
      true,
    );
    expect(coveredBy("It's like a 9.", [{ text: 'She reports right upper arm pain, rated 9/10.' }])).toBe(true);
    expect(coveredBy("It's like a 7.", [{ text: 'She reports right upper arm pain, rated 9/10.' }])).toBe(false);
    expect(coveredBy('The ibuprofen made her sick to her stomach.', tried)).toBe(false);
  });
});

/** The HPI of a short visit: the given history, then a question, its answer and the exam. */
const historyOf = (lines: string[]) =>
  hpiOf([...lines, '[doctor] okay. any numbness?', '[patient] no.', '[doctor] on exam there is tenderness.']);

describe('copied history sentences the slot lines already state', () => {
  it("a run-on's clause that only says what was tried goes; the clause with a fact of its own stays", () => {
    const hpi = historyOf([
      '[doctor] what brings you in today?',
      '[patient] my left ankle has been hurting since saturday.',
      '[doctor] what have you been doing for that left ankle since then, have you done anything to make the pain less?',
      '[patient] i have taken some ibuprofen and then i just tried to elevate it and ice it a little bit and keep my weight off of it',
    ]);
    expect(hpi).toContain('The patient has tried ibuprofen, ice and elevation.');
    // "a little bit" is written "a little" (see hpi-readability.test.ts).
    expect(hpi).toContain('They tried to elevate it and ice it a little and keep their weight off of it.');
    expect(hpi.join(' ')).not.toMatch(/taken some ibuprofen/);
  });

  it('"what have you taken?" "Tylenol, but it doesn\'t help": what was tried, not the answer copied', () => {
    const hpi = historyOf([
      '[doctor] what brings you in today?',
      '[patient] my back has been hurting for four days.',
      '[doctor] what have you taken for the pain?',
      "[patient] tylenol, but it really doesn't seem to help.",
    ]);
    expect(hpi).toContain('The patient has tried Tylenol, without relief.');
    expect(hpi.join(' ')).not.toMatch(/Tylenol, but/);
  });

  it('"does the ibuprofen help?" answered says whether what was tried helped', () => {
    const hpi = historyOf([
      '[doctor] what brings you in today?',
      '[patient] i hurt my foot playing tennis and i took some ibuprofen.',
      '[doctor] does the ibuprofen help at all?',
      '[patient] yeah it helps a little bit but after a while it wears out',
    ]);
    expect(hpi).toContain('The patient has tried ibuprofen, with some relief.');
    // That the relief wears off is said nowhere else: the copy stays.
    expect(hpi.join(' ')).toMatch(/wears out/);
  });

  it('the tail of the clause before and a restarted subject are not written', () => {
    const tail = historyOf([
      '[doctor] what brings you in today?',
      "[patient] i have this ulcer on my foot that's been there for a while.",
      '[doctor] how long has it been there?',
      "[patient] it's been there for about six. weeks right now and it's on my right foot.",
    ]);
    // The opening presents the foot ulcer; the clause saying which foot is not copied after it.
    expect(tail.join(' ')).toMatch(/right foot/);
    expect(tail.join(' ')).not.toMatch(/Weeks right now/);
    const restart = historyOf([
      '[doctor] what brings you in today?',
      '[patient] i twisted my ankle and i heard a pop.',
      '[doctor] can you walk on it?',
      '[patient] at first no. i and now i am able to put a little bit of weight on it.',
    ]);
    // "a little bit of" is written "some" (see hpi-readability.test.ts).
    expect(restart).toContain('They are able to put some weight on it.');
  });
});
