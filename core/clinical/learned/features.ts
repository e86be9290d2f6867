/**
 * Features of the learned utterance classifier (fastText style): each sentence of a visit becomes a bag of hashed
 * ids — its words, word bigrams and character 3-grams, the words of the sentence before it, the speaker, whether it
 * is a question, and where in the visit it falls. Training (train.ts) and the runtime (models/text) share this file,
 * so a model and the code that feeds it cannot drift apart; `FEATURES_VERSION` is written into each model card and
 * checked at load time.
 */
import { sentencesOf, type Sentence } from '../discourse.js';
import type { Transcript } from '../types.js';

/** The utterance-section model's name: its folder under resources/models and its card's name. */
export const UTTERANCE_MODEL = 'utterance-section';

/** Bumped whenever a change here would give a trained model different ids for the same sentence. */
export const FEATURES_VERSION = 1;

/** Target note section of a sentence; 'none' = no note section states it (small talk, commands, chit-chat). */
export const SECTION_LABELS = ['none', 'hpi', 'history', 'ros', 'exam', 'results', 'plan'] as const;
export type SectionLabel = (typeof SECTION_LABELS)[number];

/** Most features a sentence keeps (the rest are dropped, longest sentences only): the model's input width. */
export const MAX_FEATURES = 256;

/** FNV-1a 32-bit hash of a string, folded into `buckets` (a power of two). */
export function hashFeature(s: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (buckets - 1);
}

/** Words of a sentence as the model sees them: lowercased, digits folded to '0'. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9']+/g) ?? []).map((w) => w.replace(/[0-9]+/g, '0'));
}

/** One sentence with the context the classifier reads. */
export interface UtteranceInput {
  text: string;
  speaker: string;
  /** Text of the sentence before it in the visit ('' for the first). */
  previous: string;
  /** Relative position of its turn in the visit, 0..1; null when unknown (an excerpt, not a whole visit). */
  position: number | null;
}

/** The string features of one sentence (before hashing); exported for tests and inspection. */
export function featureStrings(u: UtteranceInput): string[] {
  const w = tokens(u.text);
  // Context first: a long sentence loses its last character n-grams to MAX_FEATURES, never these.
  const q = /\?\s*$/.test(u.text) ? 'q' : 's';
  const out: string[] = [`s:${u.speaker}`, `q:${u.speaker}:${q}`, `n:${Math.min(w.length, 30) >> 2}`];
  if (u.position !== null) {
    const bin = Math.min(9, Math.floor(u.position * 10));
    out.push(`pos:${bin}`, `ps:${u.speaker}:${bin}`);
  }
  for (const x of w) out.push(`w:${x}`);
  for (let i = 0; i + 1 < w.length; i++) out.push(`b:${w[i]} ${w[i + 1]}`);
  for (const x of tokens(u.previous)) out.push(`p:${x}`);
  for (const x of w) {
    const g = `<${x}>`;
    if (g.length <= 4) continue;
    for (let i = 0; i + 3 <= g.length; i++) out.push(`c:${g.slice(i, i + 3)}`);
  }
  return out;
}

/** Hashed ids of one sentence's features, at most `MAX_FEATURES`. */
export function featureIds(u: UtteranceInput, buckets: number): number[] {
  const f = featureStrings(u);
  const ids = new Array<number>(Math.min(f.length, MAX_FEATURES));
  for (let i = 0; i < ids.length; i++) ids[i] = hashFeature(f[i]!, buckets);
  return ids;
}

/** The sentences of a visit (discourse.ts split) with the context the classifier reads. */
export function visitUtterances(transcript: Transcript): { sentences: Sentence[]; inputs: UtteranceInput[] } {
  const sentences = sentencesOf(transcript);
  const n = Math.max(1, transcript.turns.length);
  const inputs = sentences.map((s, i) => ({
    text: s.text,
    speaker: s.speaker,
    previous: i > 0 ? sentences[i - 1]!.text : '',
    position: s.turn / n,
  }));
  return { sentences, inputs };
}

/** Key of a sentence in a visit: `${turn}:${pos}` (the drafter's own sentence key). */
export function sentenceKey(s: { turn: number; pos: number }): string {
  return `${s.turn}:${s.pos}`;
}
