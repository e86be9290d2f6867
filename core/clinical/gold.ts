/**
 * Gold key facts per visit, and the checker that scores a note against them.
 *
 * A gold entry lists the facts a signable note must state ("must": each a list of term groups, every group
 * matched by one of its alternatives) and the statements a careless drafter gets wrong ("mustNot": a term list plus
 * the way it must not be asserted). A must-not item counts as asserted when a note sentence names all its terms
 * without the qualifier its kind requires: a denied symptom without a negation before it, a relative's condition
 * without the relative, a past problem without a past marker, advice or safety-netting without its condition, a
 * possible diagnosis without its hedge, a ruled-out one without its negation; kind "absent" may not appear at all.
 *
 * The checker is plain text matching on purpose: it scores any note (ours, an LLM's, a reference note) the same way,
 * and the reference notes must score ≈ 100 % found / ≈ 0 asserted, which is how the gold itself is checked.
 */
import { noteLines } from './note-text.js';

export type MustNotKind = 'denied' | 'family' | 'past' | 'hypothetical' | 'possible' | 'ruled-out' | 'absent';

export interface GoldFact {
  /** What the fact is, in words ("metformin 500 mg twice daily started"). */
  fact: string;
  /** Every group must match; a group matches when any one of its alternatives is in the note. */
  terms: string[][];
}

export interface GoldMustNot {
  /** The wrong statement, in words ("patient has kidney disease" — it is the grandfather's). */
  statement: string;
  kind: MustNotKind;
  terms: string[][];
}

export interface GoldVisit {
  must: GoldFact[];
  mustNot: GoldMustNot[];
}

export type GoldSet = Record<string, GoldVisit>;

export interface GoldScore {
  id: string;
  found: number;
  total: number;
  missing: string[];
  asserted: Array<{ statement: string; sentence: string }>;
}

const MUST_NOT_KINDS: MustNotKind[] = ['denied', 'family', 'past', 'hypothetical', 'possible', 'ruled-out', 'absent'];

/** Validates a parsed gold file; throws with the visit and item at fault. */
export function validateGold(data: unknown, where = 'gold'): GoldSet {
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new Error(`${where}: expected an object of visits`);
  const out: GoldSet = {};
  const terms = (t: unknown, at: string): string[][] => {
    if (!Array.isArray(t) || !t.length) throw new Error(`${at}: terms must be a non-empty array of arrays`);
    return t.map((g, i) => {
      if (!Array.isArray(g) || !g.length || g.some((x) => typeof x !== 'string' || !x.trim()))
        throw new Error(`${at}: terms[${i}] must be a non-empty array of non-empty strings`);
      return g as string[];
    });
  };
  for (const [id, v] of Object.entries(data as Record<string, unknown>)) {
    const at = `${where}: ${id}`;
    const visit = v as { must?: unknown; mustNot?: unknown };
    if (!Array.isArray(visit?.must) || !Array.isArray(visit?.mustNot)) throw new Error(`${at}: needs must and mustNot`);
    out[id] = {
      must: visit.must.map((f: { fact?: unknown; terms?: unknown }, i: number) => {
        if (typeof f?.fact !== 'string') throw new Error(`${at} must[${i}]: fact must be a string`);
        return { fact: f.fact, terms: terms(f.terms, `${at} must[${i}]`) };
      }),
      mustNot: visit.mustNot.map((f: { statement?: unknown; kind?: unknown; terms?: unknown }, i: number) => {
        if (typeof f?.statement !== 'string') throw new Error(`${at} mustNot[${i}]: statement must be a string`);
        if (!MUST_NOT_KINDS.includes(f.kind as MustNotKind))
          throw new Error(`${at} mustNot[${i}]: kind must be one of ${MUST_NOT_KINDS.join(', ')}`);
        return { statement: f.statement, kind: f.kind as MustNotKind, terms: terms(f.terms, `${at} mustNot[${i}]`) };
      }),
    };
  }
  return out;
}

/** Lowercase, unify dashes/quotes and spacing, "500mg" → "500 mg", so terms match the way notes are written. */
export function normaliseForMatch(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/(\d)(mg|mcg|ml|g|kg|lb|lbs|units?|%)\b/g, '$1 $2')
    .replace(/[^a-z0-9%.'/+\- ]+/g, ' ')
    .replace(/\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

const termReCache = new Map<string, RegExp>();
function termRe(term: string): RegExp {
  let re = termReCache.get(term);
  if (!re) {
    const t = normaliseForMatch(term).trim();
    const body = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
    // Word boundaries on both sides; a plural or possessive ending is allowed after a word ending.
    re = new RegExp(`(?<![a-z0-9])${body}(?:s|es|'s)?(?![a-z0-9])`);
    termReCache.set(term, re);
  }
  return re;
}

/** Position of the first alternative of a group found in normalised text, or -1. */
function groupAt(norm: string, group: string[]): number {
  let best = -1;
  for (const alt of group) {
    const m = termRe(alt).exec(norm);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

export function factFound(normNote: string, fact: { terms: string[][] }): boolean {
  return fact.terms.every((g) => groupAt(normNote, g) >= 0);
}

const NEG_BEFORE =
  /(?<![a-z])(?:no|not|denies|denied|deny|denying|negative for|without|absence of|absent|free of|ruled out|rule out|rules out|unlikely|nor|none|never|non|neither|resolved|lack of|lacks|doesn't|does not|did not|didn't|don't|do not|isn't|wasn't|no evidence of|no signs? of|negative|nothing|hasn't|has not|haven't|have not|no longer|wouldn't|won't|can't|cannot|couldn't|can't recall|don't recall)(?![a-z])/;
const NEG_AFTER =
  /^[^.;]{0,60}?(?<![a-z])(?:denied|negative|absent|ruled out|not present|not seen|not noted|resolved|none)(?![a-z])/;
const CLAUSE_BREAK =
  /(?<![a-z])(?:but|however|although|though|except|aside from|apart from|reports|report|reported|endorses|endorsed|complains|notes|noted|states|positive for|admits|presents with|has been having|is having)(?![a-z])|[;:]/g;
const FAMILY =
  /(?<![a-z])(?:family|mother|mom|father|dad|parents?|brother|sister|siblings?|son|daughter|children|grandmother|grandfather|grandparents?|grandma|grandpa|aunt|uncle|cousin|wife|husband|spouse|partner|relatives?|maternal|paternal|niece|nephew|fhx|fh)(?![a-z])/;
const PAST =
  /(?<![a-z])(?:history|previous|previously|prior|past|resolved|ago|used to|had|former|formerly|quit|s\/p|status post|last (?:year|month|week)|in (?:19|20)\d\d|was|were|remote|childhood|old|healed|recovered|underwent|no longer|stopped|discontinued)(?![a-z])/;
const HYPOTHETICAL =
  /(?<![a-z])(?:if|should|return|returns|precautions?|call|calls|monitor|monitoring|worsen|worsens|worsening|risk|risks|avoid|prevent|prevention|counsel|counseled|counselled|counseling|educated|education|discussed|advised|advise|signs of|watch for|in case|unless|may|might|could|possible|screen|screening|warning|seek|emergency|er|ed|develops?|recommend|recommended|potential|concern|concerns|aware|instructed|told|would)(?![a-z])/;
const POSSIBLE =
  /(?<![a-z])(?:possible|possibly|suspect|suspected|suspicion|likely|probable|probably|concern for|concerning for|concerned|rule out|r\/o|differential|may|might|could|versus|vs|query|consider|considered|evaluate for|evaluation|workup|work-up|assess for|evaluate|potential|suspects|questionable|presumed|presumptive|suggestive|suggests|cannot exclude|not sure|unclear|if|ordered|order|test|testing|check|checking)(?![a-z])|\?/;

function assertedIn(sentence: { text: string; section: string }, item: GoldMustNot): boolean {
  const norm = normaliseForMatch(sentence.text);
  const positions = item.terms.map((g) => groupAt(norm, g));
  if (positions.some((p) => p < 0)) return false;
  const first = Math.min(...positions);
  if (item.kind === 'absent') return true;
  // A negated mention asserts nothing, whatever the kind ("no signs of infection", "denies heartburn").
  let before = norm.slice(0, first);
  let cut = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) cut = m.index + m[0].length;
  before = before.slice(cut);
  const negated = NEG_BEFORE.test(before) || NEG_AFTER.test(norm.slice(Math.max(...positions)));
  if (negated) return false;
  switch (item.kind) {
    case 'denied':
    case 'ruled-out':
      return true;
    case 'family':
      return !FAMILY.test(norm) && !/family/.test(sentence.section);
    case 'past':
      return !PAST.test(norm) && !/past|history|surgical/.test(sentence.section);
    case 'hypothetical':
      return !HYPOTHETICAL.test(norm) && !/instruction|education|counsel/.test(sentence.section);
    case 'possible':
      return !POSSIBLE.test(norm);
  }
}

/** Scores one note against one visit's gold. */
export function scoreNote(id: string, note: string, gold: GoldVisit): GoldScore {
  const norm = normaliseForMatch(note);
  const missing = gold.must.filter((f) => !factFound(norm, f)).map((f) => f.fact);
  // Sections compared in lower case ("family history").
  const sentences = noteLines(note).map((s) => ({ text: s.text, section: s.section.toLowerCase() }));
  const asserted: GoldScore['asserted'] = [];
  for (const item of gold.mustNot) {
    const hit = sentences.find((s) => assertedIn(s, item));
    if (hit) asserted.push({ statement: item.statement, sentence: hit.text });
  }
  return { id, found: gold.must.length - missing.length, total: gold.must.length, missing, asserted };
}

export interface GoldSummary {
  notes: number;
  /** Share of all must facts found (micro average). */
  factsFound: number;
  /** Mean per-note share of must facts found. */
  factsFoundPerNote: number;
  /** Must-not statements asserted per note. */
  mustNotPerNote: number;
  perNote: GoldScore[];
}

export function summariseGold(scores: GoldScore[]): GoldSummary {
  const n = Math.max(1, scores.length);
  const total = scores.reduce((a, s) => a + s.total, 0);
  return {
    notes: scores.length,
    factsFound: total ? scores.reduce((a, s) => a + s.found, 0) / total : 1,
    factsFoundPerNote: scores.reduce((a, s) => a + (s.total ? s.found / s.total : 1), 0) / n,
    mustNotPerNote: scores.reduce((a, s) => a + s.asserted.length, 0) / n,
    perNote: scores,
  };
}
