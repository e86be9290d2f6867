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
