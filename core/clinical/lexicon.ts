/** Loads the clinical lexicons (resources/clinical/*.json) once and compiles their phrase matchers. */
import { readFileSync } from 'node:fs';
import { resourcePath } from '../platform/paths.js';

export interface Phrase<T> {
  /** Lowercase phrase as it may be said. */
  phrase: string;
  value: T;
}

const TOKEN = /[a-z0-9]+(?:['-][a-z0-9]+)*/g;

type Tok = { w: string; start: number; end: number };
const tokenCache = new Map<string, Tok[]>();

/** Word tokens of a text, cached: the same sentence is matched against several lexicons. */
function tokensOf(text: string): Tok[] {
  const hit = tokenCache.get(text);
  if (hit) return hit;
  const toks: Tok[] = [];
  for (const m of text.matchAll(TOKEN)) toks.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  if (tokenCache.size > 4000) tokenCache.clear();
  tokenCache.set(text, toks);
  return toks;
}

/**
 * Tokens from..to, single letters, read as one spelled name: no hyphen between them, and no other letter said
 * before or after them ("a U T I", "S T D s" and "C O P D, I think" are; "N S V T" holds no "S V T").
 */
function spelledAlone(text: string, toks: Tok[], from: number, to: number): boolean {
  if (text.slice(toks[from]!.start, toks[to]!.end).includes('-')) return false;
  const before = toks[from - 1]?.w;
  const after = toks[to + 1]?.w;
  return (
    !(before && before.length === 1 && !/[ai]/.test(before)) && !(after && after.length === 1 && !/[ais]/.test(after))
  );
}

/** A longest-first, word-bounded phrase matcher: phrases are indexed by their first word. */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Array<{ tokens: string[]; phrase: string; value: T; spelled: boolean }>>();

  constructor(phrases: Array<Phrase<T>>) {
    const seen = new Set<string>();
    for (const p of phrases) {
      const tokens = p.phrase.toLowerCase().match(TOKEN) ?? [];
      const key = tokens.join(' ');
      if (!tokens.length || seen.has(key)) continue;
      seen.add(key);
      const list = this.byFirst.get(tokens[0]!) ?? [];
      list.push({
        tokens,
        phrase: key,
        value: p.value,
        spelled: tokens.length > 1 && tokens.every((t) => t.length === 1),
      });
      this.byFirst.set(tokens[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** All non-overlapping matches in `text`, longest first at each position (lowercase the text first). */
  match(text: string): Array<{ phrase: string; value: T; start: number; end: number }> {
    const toks = tokensOf(text);
    const out: Array<{ phrase: string; value: T; start: number; end: number }> = [];
    for (let i = 0; i < toks.length; i++) {
      const cands = this.byFirst.get(toks[i]!.w);
      if (!cands) continue;
      for (const c of cands) {
        if (i + c.tokens.length > toks.length) continue;
        let ok = true;
        for (let k = 1; k < c.tokens.length; k++)
          if (toks[i + k]!.w !== c.tokens[k]) {
            ok = false;
            break;
          }
        if (!ok) continue;
        const last = toks[i + c.tokens.length - 1]!;
        // Letters said one by one are spaced or dotted ("C O P D", "c.o.p.d."); "a- a- a" is a stutter, and the
        // letters inside a longer run ("N S V T") spell another name.
        if (c.spelled && !spelledAlone(text, toks, i, i + c.tokens.length - 1)) continue;
        out.push({ phrase: c.phrase, value: c.value, start: toks[i]!.start, end: last.end });
        i += c.tokens.length - 1;
        break;
      }
    }
    return out;
  }
}

interface MedEntry {
  class: string;
  aliases: string[];
  /** A drug class said in place of a drug ("some oral steroids"), not a drug of its own. */
  generic?: boolean;
  /** A brand name that is the entry itself ("excedrin"), capitalised in the note as its aliases' brands are. */
  brand?: boolean;
}

type MedValue = { name: string; drugClass: string; generic?: boolean };

/**
 * The medication matcher: a drug class said in place of a drug ("prescribe some steroids, also some prednisone") is
 * not a second drug where a drug of that class is named in the same text.
 */
class MedicationMatcher extends PhraseMatcher<MedValue> {
  override match(text: string) {
    const all = super.match(text);
    if (!all.some((m) => m.value.generic)) return all;
    const named = new Set(all.filter((m) => !m.value.generic).map((m) => m.value.drugClass));
    return all.filter((m) => !m.value.generic || !named.has(m.value.drugClass));
  }
}

/** "OCD in the left knee", "an OCD lesion": osteochondritis dissecans of a joint, no obsessive-compulsive disorder. */
const OCD_OF_A_JOINT =
  /^\s*(?:lesions?|fragments?|(?:in|of|on) (?:the |his |her |my |your |their )?(?:(?:left|right|medial|lateral) )*(?:knees?|elbows?|ankles?|talus|femoral|condyles?|joints?|hips?|shoulders?))\b/i;

/**
 * The problem matcher: "CVA tenderness" is costovertebral-angle tenderness, an exam finding, not a stroke (the
 * lexicon's "cva").
 */
class ProblemMatcher extends PhraseMatcher<string> {
  override match(text: string) {
    return super
      .match(text)
      .filter(
        (m) =>
          !(m.phrase.replace(/ /g, '') === 'cva' && /^\s*(?:tenderness|pain|region|area)\b/i.test(text.slice(m.end))) &&
          !(m.value === 'obsessive-compulsive disorder' && OCD_OF_A_JOINT.test(text.slice(m.end))),
      );
  }
}

/** The symptom matcher: the fever of a named disease ("hay fever", "rheumatic fever") is no fever. */
class SymptomMatcher extends PhraseMatcher<{ name: string; system: string | null }> {
  override match(text: string) {
    return super
      .match(text)
      .filter(
        (m) =>
          !(
            m.value.name === 'fever' &&
            /\b(?:hay|scarlet|rheumatic|yellow|valley|dengue|typhoid|glandular|cabin|spring)\s+$/i.test(
              text.slice(Math.max(0, m.start - 12), m.start),
            )
          ),
      );
  }
}

/**
 * A short one-word name as it is also said letter by letter ("copd" → "c o p d", "uti" → "u t i"; speech recognition
 * writes "C O P D", "G E R D", "T I A"): the letters, each its own word. No one spells out a word, so the spelled form
 * of a short name that is a word too ("gout", "mono") is never said and matches nothing.
 */
function withSpelled<T>(p: Phrase<T>): Array<Phrase<T>> {
  return /^[a-z]{2,5}$/.test(p.phrase) && !/^(.)\1+$/.test(p.phrase)
    ? [p, { phrase: p.phrase.split('').join(' '), value: p.value }]
    : [p];
}

export interface Lexicons {
  medications: PhraseMatcher<MedValue>;
  symptoms: PhraseMatcher<{ name: string; system: string | null }>;
  problems: PhraseMatcher<string>;
  surgeries: PhraseMatcher<string>;
  /** Each drug's class by its generic name ("furosemide" → "loop diuretic"). */
  drugClasses: ReadonlyMap<string, string>;
  /** The drug classes said in place of a drug ("oral steroid"), by name. */
  genericDrugs: ReadonlySet<string>;
}

let cached: Lexicons | undefined;

function load<T>(name: string): T {
  return JSON.parse(readFileSync(resourcePath('clinical', name), 'utf8')) as T;
}

export function lexicons(): Lexicons {
  if (cached) return cached;
  const meds = load<{ medications: Record<string, MedEntry> }>('medications.json').medications;
  const medPhrases: Array<Phrase<MedValue>> = [];
  for (const [name, e] of Object.entries(meds)) {
    const value: MedValue = e.generic ? { name, drugClass: e.class, generic: true } : { name, drugClass: e.class };
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
    Object.entries(m).flatMap(([name, vs]) => vs.flatMap((v) => withSpelled({ phrase: v.toLowerCase(), value: name })));
  cached = {
    medications: new MedicationMatcher(medPhrases),
    symptoms: new SymptomMatcher(symPhrases),
    problems: new ProblemMatcher(toPhrases(prob.problems)),
    surgeries: new PhraseMatcher(toPhrases(prob.surgeries)),
    drugClasses: new Map(Object.entries(meds).map(([name, e]) => [name, e.class])),
    genericDrugs: new Set(
      Object.entries(meds)
        .filter(([, e]) => e.generic)
        .map(([name]) => name),
    ),
  };
  return cached;
}

/** Aliases of the medication lexicon that are generic words or abbreviations, not brand names. */
const NOT_BRANDS = new Set(
  'hctz potassium asa nitro paracetamol ptu sennosides probiotics cholecalciferol isosorbide'.split(' '),
);
let brands: ReadonlyMap<string, string> | undefined;

/**
 * The brand names the medication lexicon knows, as written ("tylenol" → "Tylenol", "solu-medrol" → "Solu-Medrol"),
 * by their lowercase form: one-word aliases that are neither a generic name nor a drug class.
 */
export function brandNames(): ReadonlyMap<string, string> {
  if (brands) return brands;
  const meds = load<{ medications: Record<string, MedEntry> }>('medications.json').medications;
  const out = new Map<string, string>();
  const titled = (w: string) => w.replace(/(?:^|-)[a-z]/g, (c) => c.toUpperCase());
  for (const [name, e] of Object.entries(meds)) {
    if (e.brand) out.set(name, titled(name));
    if (!e.generic)
      for (const a of e.aliases)
        if (/^[a-z]+(?:-[a-z]+)*$/.test(a) && !meds[a] && !NOT_BRANDS.has(a)) out.set(a, titled(a));
  }
  brands = out;
  return out;
}

let indications: Map<string, ReadonlySet<string>> | undefined;

/**
 * The problems a drug is commonly prescribed for (resources/clinical/indications.json, by the drug's class), as
 * problem names of problems.json; empty for a drug the lexicon does not know or a class that treats too much to tell
 * (antibiotics, NSAIDs, steroids).
 */
export function indicationsOf(drug: string): ReadonlySet<string> {
  if (!indications) {
    const byClass = load<{ classes: Record<string, string[]> }>('indications.json').classes;
    indications = new Map([...lexicons().drugClasses].map(([name, cls]) => [name, new Set(byClass[cls] ?? [])]));
  }
  return indications.get(drug) ?? new Set();
}

/** Drug classes taken as tablets whose strength is always said in milligrams (not insulin, thyroid hormone, inhalers). */
export const MG_CLASSES =
  /^(?:ace inhibitor|angiotensin receptor blocker|beta blocker|calcium channel blocker|biguanide|statin|thiazide diuretic|loop diuretic|potassium-sparing diuretic|ssri|snri|sulfonylurea|sglt2 inhibitor|dpp-4 inhibitor|proton pump inhibitor|anticonvulsant|xanthine oxidase inhibitor)$/;

/**
 * A strength said bare right after a drug of those classes ("the metformin 500 twice a day", "losartan 50"): the
 * number is the strength in milligrams, unless a unit, a count or a time follows it (a small number is a count of
 * tablets, so only 5 or more).
 */
const BARE_STRENGTH =
  /^\s+(?:the\s+)?(\d+(?:\.\d+)?)(?!\d|\.\d|,\d|\s*(?:mg|milligrams?|mcg|micrograms?|grams?|g|ml|milliliters?|cc|units?|puffs?|tablets?|pills?|capsules?|drops?|days?|weeks?|months?|years?|times?|hours?|minutes?|pounds?|lbs?|percent|%|over|\/|-|to|or|and a half|point)\b)/;
export function bareStrength(after: string, drugClass: string | undefined): string | null {
  if (!drugClass || !MG_CLASSES.test(drugClass)) return null;
  const m = BARE_STRENGTH.exec(after);
  return m && Number(m[1]) >= 5 && Number(m[1]) <= 2000 ? m[1]! : null;
}
