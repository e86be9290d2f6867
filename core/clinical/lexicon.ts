/** Loads the clinical lexicons (resources/clinical/*.json) once and compiles their phrase matchers. */
import { readFileSync } from 'node:fs';
import { resourcePath } from '../platform/paths.js';

export interface Phrase<T> {
  /** Lowercase phrase as it may be said. */
  phrase: string;
  value: T;
}

/** A longest-first, word-bounded matcher over a list of phrases. */
export class PhraseMatcher<T> {
  private readonly re: RegExp;
  private readonly byPhrase = new Map<string, T>();

  constructor(phrases: Array<Phrase<T>>) {
    const sorted = [...phrases].sort((a, b) => b.phrase.length - a.phrase.length);
    for (const p of sorted) if (!this.byPhrase.has(p.phrase)) this.byPhrase.set(p.phrase, p.value);
    const alts = [...this.byPhrase.keys()].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'));
    this.re = new RegExp(`(?<![a-z0-9'])(?:${alts.join('|')})(?![a-z0-9'])`, 'gi');
  }

  /** All non-overlapping matches in `text` (lowercase it first for case-insensitive lookups). */
  match(text: string): Array<{ phrase: string; value: T; start: number; end: number }> {
    const out: Array<{ phrase: string; value: T; start: number; end: number }> = [];
    for (const m of text.matchAll(this.re)) {
      const phrase = m[0].toLowerCase().replace(/\s+/g, ' ');
      const value = this.byPhrase.get(phrase);
      if (value !== undefined) out.push({ phrase, value, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

interface MedEntry {
  class: string;
  aliases: string[];
}

export interface Lexicons {
  medications: PhraseMatcher<{ name: string; drugClass: string }>;
  symptoms: PhraseMatcher<{ name: string; system: string | null }>;
  problems: PhraseMatcher<string>;
  surgeries: PhraseMatcher<string>;
  cues: {
    negation: string[];
    negativeAnswer: string[];
    positiveAnswer: string[];
    uncertainty: string[];
    historical: string[];
    family: string[];
    terminators: string[];
  };
}

let cached: Lexicons | undefined;

function load<T>(name: string): T {
  return JSON.parse(readFileSync(resourcePath('clinical', name), 'utf8')) as T;
}

export function lexicons(): Lexicons {
  if (cached) return cached;
  const meds = load<{ medications: Record<string, MedEntry> }>('medications.json').medications;
  const medPhrases: Array<Phrase<{ name: string; drugClass: string }>> = [];
  for (const [name, e] of Object.entries(meds)) {
    const value = { name, drugClass: e.class };
    if (!name.includes('/')) medPhrases.push({ phrase: name, value });
    for (const a of e.aliases) medPhrases.push({ phrase: a.toLowerCase(), value });
  }
  const sym = load<{ symptoms: Record<string, { system: string | null; variants: string[] }> }>(
    'symptoms.json',
  ).symptoms;
  const symPhrases: Array<Phrase<{ name: string; system: string | null }>> = [];
  for (const [name, e] of Object.entries(sym))
    for (const v of e.variants) symPhrases.push({ phrase: v.toLowerCase(), value: { name, system: e.system } });
  const prob = load<{ problems: Record<string, string[]>; surgeries: Record<string, string[]> }>('problems.json');
  const toPhrases = (m: Record<string, string[]>) =>
    Object.entries(m).flatMap(([name, vs]) => vs.map((v) => ({ phrase: v.toLowerCase(), value: name })));
  cached = {
    medications: new PhraseMatcher(medPhrases),
    symptoms: new PhraseMatcher(symPhrases),
    problems: new PhraseMatcher(toPhrases(prob.problems)),
    surgeries: new PhraseMatcher(toPhrases(prob.surgeries)),
    cues: load<Lexicons['cues'] & { description: string }>('cues.json'),
  };
  return cached;
}
