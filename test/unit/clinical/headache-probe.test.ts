/**
 * A headache visit in phrasings the train visits do not use: the verifier and the characterisation must not turn a
 * headache visit's own words against it.
 */
import { describe, expect, it } from 'vitest';
import { draftOf } from './draft-helpers.js';

const lines = [
  "[doctor] hi there, what's going on today?",
  "[patient] i've been getting these pounding headaches on the right side of my head for the last couple of months.",
  '[doctor] what do you take for them?',
  '[patient] excedrin, which helps a bit.',
  '[doctor] okay. your neuro exam is normal.',
  "[doctor] this is most likely migraine without aura. try to limit the excedrin so we don't get rebound headaches, and keep a headache diary.",
  "[doctor] let's follow up in two months.",
];

describe('a headache visit', () => {
  const sentences = draftOf(lines).sections.flatMap((s) => s.sentences);
  it('describes the headaches, not a pain never mentioned, and the verifier finds it said', () => {
    const q = sentences.find((s) => /describes the/.test(s.text));
    expect(q?.text).toMatch(/describes the headaches as pounding/);
    expect(q?.supported).toBe(true);
  });
  it('does not read "keep a headache diary" as asserting a headache the visit denied', () => {
    const diary = sentences.find((s) => /headache diary/i.test(s.text));
    expect(diary?.supported).toBe(true);
  });
});

describe('a depression follow-up', () => {
  const draft = draftOf([
    '[doctor] hi, how have things been since we started the sertraline?',
    "[patient] better, i think. i'm sleeping a bit better but i still feel down most days.",
    '[doctor] any side effects? nausea, headaches?',
    '[patient] a little nausea the first week but that went away.',
    "[doctor] on exam you're alert, good eye contact, mood is a bit low, affect is appropriate.",
    "[doctor] so your depression is improving but not where we want it. let's increase the sertraline to 100 mg once a day.",
  ]);
  const section = (t: RegExp) => draft.sections.find((s) => t.test(s.title))?.sentences.map((s) => s.text) ?? [];
  it('heads the note with the condition followed up, not a side effect that went away', () => {
    expect(section(/CHIEF COMPLAINT/)).toEqual(['Depression.']);
    expect(section(/REVIEW OF SYSTEMS/).join(' ')).not.toMatch(/Endorses nausea/);
  });
  it('files eye contact, mood and affect under psychiatric', () => {
    expect(section(/PHYSICAL EXAMINATION/).join(' ')).toMatch(/^• Psychiatric: .*good eye contact/);
  });
});

describe('a limit on a drug the patient takes', () => {
  it('is written with its reason and the verifier finds it said', () => {
    const sentences = draftOf([
      '[doctor] what brings you in?',
      '[patient] headaches most days for a month. i take excedrin for them.',
      '[doctor] your neuro exam is normal.',
      "[doctor] this is likely migraine. try to limit the excedrin to two days a week so we don't get rebound headaches.",
    ]).sections.flatMap((s) => s.sentences);
    const limit = sentences.find((s) => /Limit Excedrin/.test(s.text));
    expect(limit?.text).toMatch(/Limit Excedrin to 2 days a week to avoid rebound headaches\./);
    expect(limit?.supported).toBe(true);
  });
});
