/**
 * The lexical doctor-vs-patient model used by speaker-role inference: a logistic regression over word and bigram
 * features. Weights are data (resources/clinical/role-model.json, trained by core/clinical/train-roles.ts on the
 * ACI-BENCH train split); a small hand-written fallback is used when that file is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resourcePath } from '../platform/paths.js';

export interface RoleModel {
  bias: number;
  weights: Map<string, number>;
  /** P(next turn has the other speaker). */
  switchProb: number;
  /** P(first turn is the doctor's). */
  firstDoctorProb: number;
}

export interface RoleModelFile {
  description: string;
  source: string;
  licence: string;
  bias: number;
  switchProb: number;
  firstDoctorProb: number;
  weights: Record<string, number>;
}

const FALLBACK: Record<string, number> = {
  'w:you': 0.8,
  'w:your': 1.2,
  'w:okay': 0.4,
  'w:we': 0.6,
  "w:let's": 1.2,
  'w:dragon': 3,
  'w:recommend': 1.5,
  'w:exam': 1,
  'w:any': 0.8,
  'q:?': 1,
  'w:i': -0.6,
  'w:my': -1.2,
  "w:i'm": -0.4,
  'w:yes': -1,
  'w:yeah': -0.6,
  'w:no': -0.6,
  'w:mm-hmm': -0.5,
  'w:thank': -0.5,
};

let cached: RoleModel | undefined;

export function roleModel(): RoleModel {
  if (cached) return cached;
  const file = resourcePath('clinical', 'role-model.json');
  if (existsSync(file)) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as RoleModelFile;
    cached = {
      bias: data.bias,
      weights: new Map(Object.entries(data.weights)),
      switchProb: data.switchProb,
      firstDoctorProb: data.firstDoctorProb,
    };
  } else {
    cached = { bias: 0, weights: new Map(Object.entries(FALLBACK)), switchProb: 0.95, firstDoctorProb: 0.95 };
  }
  return cached;
}

/** Word tokens of a turn, lowercased, with apostrophes and hyphens kept inside words. */
export function roleTokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9'?\- ]+/g, ' ')
      .match(/[a-z0-9][a-z0-9'-]*|\?/g) ?? []
  );
}

/** Features of a turn: unigrams, bigrams, first/last words and a length bucket. */
export function roleFeatures(text: string): Set<string> {
  const toks = roleTokens(text);
  const f = new Set<string>();
  const words = toks.filter((t) => t !== '?');
  for (const w of words) f.add('w:' + w);
  for (let i = 0; i + 1 < words.length; i++) f.add('b:' + words[i] + '_' + words[i + 1]);
  if (words[0]) f.add('first:' + words[0]);
  if (words.length > 1) f.add('last:' + words[words.length - 1]);
  if (toks.includes('?')) f.add('q:?');
  if (toks[toks.length - 1] === '?') f.add('q:end');
  const n = words.length;
  f.add('len:' + (n <= 2 ? '0-2' : n <= 5 ? '3-5' : n <= 12 ? '6-12' : n <= 30 ? '13-30' : n <= 60 ? '31-60' : '61+'));
  return f;
}
