/**
 * A learned judge of register: how much a sentence reads like a clinician's note rather than speech turned into the
 * third person. The rules of register.ts catch the marks of speech one by one ("you know", a leading "so", a
 * question); this model scores what they miss — run-ons, restarts, garbled ASR ("They shut several they had some
 * grandchildren with them") — from word and bigram features and the sentence's shape.
 *
 * Weights are data (resources/clinical/register-model.json), trained by core/clinical/train-register.ts on the
 * train splits only: note sentences of the ACI-BENCH and MTS-Dialog reference notes against transcript sentences put
 * through the drafter's own clean-up and third-person rewrite. Without the file every sentence scores 0.5 (neutral).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resourcePath } from '../platform/paths.js';

export interface RegisterModelFile {
  description: string;
  source: string;
  licence: string;
  bias: number;
  weights: Record<string, number>;
}

const PRONOUN = /^(?:pron|it|i|we|you)$/;

/**
 * Person and number do not make a sentence speech: the drafter writes "they" where the visit does not say the
 * patient's sex, while reference notes say "he" or "she". Pronouns and the verbs that agree with them are read alike.
 */
const SAME: Record<string, string> = {
  he: 'pron',
  she: 'pron',
  they: 'pron',
  his: 'poss',
  her: 'poss',
  their: 'poss',
  him: 'obj',
  them: 'obj',
  himself: 'refl',
  herself: 'refl',
  themselves: 'refl',
  is: 'be',
  are: 'be',
  was: 'was',
  were: 'was',
  has: 'have',
  have: 'have',
  does: 'do',
  do: 'do',
  "doesn't": "don't",
  "hasn't": "haven't",
  "isn't": "aren't",
  "wasn't": "weren't",
  "he's": "pron's",
  "she's": "pron's",
  "they're": "pron's",
};

/** Features of one sentence: lowercase words, bigrams, first and last word, length and clause-density buckets. */
export function registerFeatures(sentence: string): string[] {
  const words = (sentence.toLowerCase().match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? []).map((w) => SAME[w] ?? w);
  const out = new Set<string>();
  for (const w of words) out.add(`w:${w}`);
  for (let i = 1; i < words.length; i++) out.add(`b:${words[i - 1]} ${words[i]}`);
  if (words.length) {
    out.add(`f:${words[0]}`);
    out.add(`l:${words[words.length - 1]}`);
  }
  out.add(`len:${Math.min(8, Math.floor(words.length / 5))}`);
  // Speech runs clauses together without punctuation: subject pronouns per word, and commas.
  const subjects = words.filter((w) => PRONOUN.test(w)).length;
  out.add(`subj:${Math.min(4, subjects)}`);
  if (words.length >= 12) out.add(`dense:${Math.min(3, Math.floor((subjects * 10) / words.length))}`);
  if (!/[,;:]/.test(sentence) && words.length >= 15) out.add('nocomma-long');
  return [...out];
}

interface RegisterModel {
  bias: number;
  weights: Map<string, number>;
}

let cached: RegisterModel | null | undefined;

function model(): RegisterModel | null {
  if (cached !== undefined) return cached;
  const file = resourcePath('clinical', 'register-model.json');
  if (!existsSync(file)) return (cached = null);
  const data = JSON.parse(readFileSync(file, 'utf8')) as RegisterModelFile;
  return (cached = { bias: data.bias, weights: new Map(Object.entries(data.weights)) });
}

/** P(the sentence reads as a note), 0..1; 0.5 when the model file is absent. */
export function noteLikelihood(sentence: string): number {
  const m = model();
  if (!m) return 0.5;
  let z = m.bias;
  for (const f of registerFeatures(sentence)) z += m.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}
