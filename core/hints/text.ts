/**
 * Reading the transcript for the hint rules: sentences with their turn, speaker and question flag; whether a phrase
 * is asserted for the patient (not negated, not a question without a "yes", not hypothetical, not about a relative,
 * not in the past); and the patient's answer to a doctor's question.
 */
import type { Turn } from '../clinical/index.js';
import { numberValue } from '../clinical/numbers.js';

export interface Sentence {
  turn: number;
  speaker: Turn['speaker'];
  /** Lowercase text. */
  text: string;
  question: boolean;
}

export interface Prepared {
  turns: Turn[];
  sentences: Sentence[];
  byTurn: Map<number, Sentence[]>;
  /** Whole transcript in lowercase, for "was it mentioned anywhere" checks. */
  all: string;
}

const QUESTION_START =
  /^(?:(?:and|so|okay|ok|um|uh|now|alright|all right|and then)[,.]?\s+)*(?:have you|has (?:she|he|it)|do you|does (?:she|he|it)|did you|are you|is (?:she|he|it|there)|any (?!time\b)|were you|was (?:she|he|it|there)|can you|could you|how (?:is|are|about|much|many|long|often)|what (?:is|are|about|do|did)|when did|where (?:is|does|did)|which)\b[^.!]*[-?]?$/;

/** The first letter in capitals: the clinical writer's own capitaliser. */
export { cap } from '../clinical/rewrite.js';

/** Unpunctuated speech: "now tell me have you had any chest pain or any shortness of breath". */
const QUESTION_INSIDE =
  /\b(?:have you (?:had|noticed|been having|felt|experienced)|do you (?:have|feel|get|notice)|did you (?:have|notice|feel|experience)|are you (?:having|feeling|experiencing)|any (?:other )?(?:chest pain|shortness of breath|fevers?|chills|nausea|vomiting|symptoms|problems|thoughts))\b[^.!]*$/;

export function prepare(turns: readonly Turn[]): Prepared {
  const sentences: Sentence[] = [];
  const byTurn = new Map<number, Sentence[]>();
  for (const t of turns) {
    const lower = t.text.toLowerCase().replace(/\s+/g, ' ');
    const parts = lower.split(/(?<=[.?!])\s+(?=\S)/);
    const list: Sentence[] = [];
    for (const p of parts) {
      const text = p.trim();
      if (!text) continue;
      const question =
        /\?\s*$/.test(text) || QUESTION_START.test(text) || (t.speaker === 'doctor' && QUESTION_INSIDE.test(text));
      const s = { turn: t.index, speaker: t.speaker, text, question };
      sentences.push(s);
      list.push(s);
    }
    byTurn.set(t.index, list);
  }
  return { turns: [...turns], sentences, byTurn, all: sentences.map((s) => s.text).join('\n') };
}

const NEG_RE =
  /\b(?:no|not|never|denies|denied|deny|denying|without|none|nor|neither|nothing|nowhere near|negative for|free of|absence of|ruled out|rule out)\b|n't\b|\bnot\b/;
const HYPOTHETICAL_RE =
  /\b(?:if|in case|should you|unless|whether|call (?:us|me|911|the office)|go to the (?:er|emergency)|watch (?:out )?for|warning signs?|signs of|let (?:me|us) know|make sure|worried about|concern(?:ed)? (?:for|about)|rule out|to see if|check for|look(?:ing)? for|risks? of|at risk|chance of|prevent\w*|reduce (?:the|your) risk|make sure)\b/;
const PAST_RE =
  /\b(?:used to|years ago|months ago|last year|in the past|previously|back in|as a (?:kid|child|teenager)|when i was (?:young|younger|a kid)|at one point|a long time ago|history of)\b/;
const RELATIVE =
  '(?:mother|mom|mama|father|dad|wife|husband|son|daughter|sister|brother|grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|friend|neighbor|roommate|boyfriend|girlfriend|kid|kids|child|children|baby|niece|nephew)';
const FAMILY_RE = new RegExp(
  `\\b(?:my|her|his|their|your|our|another|one of (?:my|her|his|their|your) \\w+)\\s+(?:(?:older|younger|oldest|youngest|big|little|late|step|twin)\\s+)?${RELATIVE}\\b`,
  'g',
);
const SELF_RE = /\b(?:me|my|i|i'm|i've|myself)\b/;

export const YES_RE =
  /^(?:(?:um|uh|well|oh|so|yeah,?)\s+)?(?:yes|yeah|yep|yup|yea|uh-huh|mm-hmm|mhm|i do|i am|i have|i did|i was|correct|right|sure|definitely|absolutely|a little|sometimes|occasionally|kind of|sort of)\b/;
export const NO_RE =
  /^(?:(?:um|uh|well|oh|so)[,.]?\s+)?(?:no|nope|nah|not really|not at all|never|none|i don't|i do not|i haven't|i'm not|nothing|negative)\b/;

/** The clause containing position `at`: cut at commas, semicolons, and "but"/"however"/"although". */
export function clauseAround(text: string, at: number, end: number): { before: string; after: string } {
  const head = text.slice(0, at);
  const cuts = [...head.matchAll(/[,;:]|\b(?:but|however|although|though|except|whereas)\b/g)];
  const last = cuts[cuts.length - 1];
  const start = last ? last.index + last[0].length : 0;
  const tail = text.slice(end);
  const m = /[,;:]|\b(?:but|however|although|though|except|whereas)\b/.exec(tail);
  return { before: text.slice(start, at), after: m ? tail.slice(0, m.index) : tail };
}

/** True when a negation cue governs the phrase at `at` (same clause, up to ~6 words before). */
export function negatedAt(text: string, at: number, end: number): boolean {
  const { before } = clauseAround(text, at, end);
  const words = before.trim().split(/\s+/).slice(-7).join(' ');
  if (NEG_RE.test(words)) return true;
  // Negation over a list: "you've not had any weight loss, headaches, bone pain, or blood in the stools".
  const head = text.slice(Math.max(0, at - 160), at);
  const neg = [
    ...head.matchAll(/\b(?:no|not had|not having|denies|denied|deny|without|negative for|never had)\b/g),
  ].pop();
  if (!neg) return false;
  const span = head.slice(neg.index + neg[0].length);
  return (
    /,|\bor\b/.test(span) &&
    !/[;.]|\b(?:but|however|although|though|except|yet|and (?:i|she|he|you|it|they))\b/.test(span)
  );
}

/** True when a relative is the subject of the phrase ("my mother takes warfarin"), not "my wife gives me my pills". */
export function aboutRelative(text: string, at: number): boolean {
  const head = text.slice(Math.max(0, at - 60), at);
  let last: RegExpMatchArray | undefined;
  for (const m of head.matchAll(FAMILY_RE)) last = m;
  if (!last) return false;
  const between = head.slice((last.index ?? 0) + last[0].length);
  return !SELF_RE.test(between);
}

export function hypothetical(text: string): boolean {
  return HYPOTHETICAL_RE.test(text);
}

export function pastTense(text: string): boolean {
  return PAST_RE.test(text);
}

/** The first sentence of the next turn when it is spoken by someone other than the doctor asking. */
export function answerTo(p: Prepared, s: Sentence): Sentence | undefined {
  const next = p.turns[s.turn + 1];
  if (!next || next.speaker === s.speaker) return undefined;
  return p.byTurn.get(next.index)?.[0];
}

export type Polarity = 'yes' | 'no' | 'other';

export function polarity(answer: Sentence | undefined): Polarity {
  if (!answer) return 'other';
  const t = answer.text.replace(/^[^a-z]+/, '');
  if (NO_RE.test(t)) return 'no';
  if (YES_RE.test(t)) return 'yes';
  return 'other';
}

export interface Assertion {
  asserted: boolean;
  evidence: number[];
}

/**
 * Whether a finding matched at [at, end) in sentence `s` is asserted as present for the patient now.
 * Doctor questions count only when the next speaker answers yes (evidence: question and answer).
 */
export function assertion(p: Prepared, s: Sentence, at: number, end: number): Assertion {
  const no = { asserted: false, evidence: [] };
  if (negatedAt(s.text, at, end)) return no;
  if (aboutRelative(s.text, at)) return no;
  if (pastTense(s.text)) return no;
  if (s.question) {
    if (s.speaker === 'patient') return no;
    const a = answerTo(p, s);
    if (polarity(a) !== 'yes' || !a) return no;
    return { asserted: true, evidence: [s.turn, a.turn] };
  }
  if (hypothetical(s.text)) return no;
  return { asserted: true, evidence: [s.turn] };
}

/** Finds every asserted match of the regexes in the transcript; returns the evidence turns (sorted, unique). */
const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) globalCache.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')));
  return g;
}

export function findAsserted(p: Prepared, res: RegExp[]): number[] {
  const ev = new Set<number>();
  for (const s of p.sentences) {
    for (const re of res) {
      if (!re.test(s.text)) continue;
      const g = globalOf(re);
      g.lastIndex = 0;
      for (const m of s.text.matchAll(g)) {
        const a = assertion(p, s, m.index, m.index + m[0].length);
        if (a.asserted) a.evidence.forEach((e) => ev.add(e));
      }
    }
  }
  return [...ev].sort((a, b) => a - b);
}

export function uniqSorted(xs: Iterable<number>): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** A dose or value written as digits or number words (one reader for the whole project: core/clinical/numbers). */
export const parseNumber = numberValue;

/**
 * Cross-checks a fact from the extractor: when its name appears in the evidence turns, at least one occurrence must
 * be asserted by our reading (not negated, not hypothetical, not about a relative). Names not found verbatim are
 * trusted as extracted.
 */
export function confirmedInTurns(p: Prepared, name: string, evidence: number[]): boolean {
  const needle = name.toLowerCase().trim();
  if (!needle) return false;
  const re = new RegExp(`\\b${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\b`, 'g');
  let seen = false;
  // Also the turn before each: an answer ("i have some body aches") is read with the question it answers.
  for (const t of new Set(evidence.flatMap((e) => [e, e - 1])))
    for (const s of p.byTurn.get(t) ?? [])
      for (const m of s.text.matchAll(re)) {
        seen = true;
        if (assertion(p, s, m.index, m.index + m[0].length).asserted) return true;
      }
  return !seen;
}
