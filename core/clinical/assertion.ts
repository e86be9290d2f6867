/**
 * Assertion of clinical mentions in dialogue, after the NegEx / ConText idea (trigger phrases whose scope runs up to
 * a terminator): for a mention in a sentence, whether it is stated as present, denied, hedged, hypothetical (advice,
 * safety-netting, risk) or ruled out; who it is about (the patient, a relative, the doctor, someone else); and when
 * it holds (now, in the past, resolved).
 *
 * Dialogue adds the question → answer step: a mention inside the doctor's yes/no question ("any fever, chills, or
 * cough?") is settled by the patient's answer ("no" denies every item, "no, but I have a cough" denies the rest,
 * "any OTHER joint pain?" "no" does not deny joint pain already reported).
 *
 * Cue phrases live in resources/clinical/cues.json. A sentence is analysed once (cues, terminators, persons, where
 * its question starts) and cached; reading a mention is then a walk over that short cue list.
 */
import { escapeRe } from './regex.js';
import { readFileSync } from 'node:fs';
import { resourcePath } from '../platform/paths.js';
import type { Sentence } from './discourse.js';
import { lexicons, PhraseMatcher } from './lexicon.js';
import type { Assertion, FactBase, SpeakerRole, Turn } from './types.js';

export type FactTime = NonNullable<FactBase['time']>;

export interface MentionAssertion {
  assertion: Assertion;
  /** "patient", a relative ("mother", "grandfather"), "family" (relative not named), "doctor" or "other". */
  experiencer: string;
  time: FactTime;
}

export interface MentionReading extends MentionAssertion {
  /**
   * Where the mention sits in a doctor's question: 'asked' when the question asks whether it exists ("any fever?"),
   * so the answer settles it; 'presupposed' when the question takes it as given ("does the pain radiate?").
   */
  question: 'asked' | 'presupposed' | null;
  /** Asked as "any other X" / "X anywhere else": a "no" does not deny X itself. */
  other: boolean;
}

/** The part of a sentence the reader needs: its lowercased text and who said it. */
export interface SpokenText {
  lower: string;
  speaker: SpeakerRole;
}

interface CueFile {
  negation: string[];
  negationPost: string[];
  pseudoNegation: string[];
  ruledOut: string[];
  ruledOutPost: string[];
  uncertainty: string[];
  uncertaintyPost: string[];
  doctorHedgeExceptions: string[];
  hypothetical: string[];
  hypotheticalPost: string[];
  historical: string[];
  /** Time cues that only reach forward ("prior colonoscopy", "used to smoke"). */
  historicalPreOnly: string[];
  resolved: string[];
  family: string[];
  familyPseudo: string[];
  relatives: Record<string, string>;
  others: string[];
  doctorOwnState: string[];
  doctorNotOwn: string[];
  terminators: string[];
  /** Words that end only a negation ("no fever, some chills"). */
  negationTerminators: string[];
  questionCues: string[];
  questionCuesAnywhere: string[];
  questionLeadIns: string[];
  whWords: string[];
  otherScope: string[];
  otherScopePost: string[];
  interjections: string[];
  negativeAnswer: string[];
  positiveAnswer: string[];
  possibleAnswer: string[];
  particleFollowers: string[];
}

type CueKind =
  | 'neg'
  | 'negPost'
  | 'ruledOut'
  | 'ruledOutPost'
  | 'possible'
  | 'possiblePost'
  | 'hypo'
  | 'hypoPost'
  | 'past'
  | 'resolved'
  | 'term'
  | 'negTerm';

interface Cue {
  kind: CueKind;
  start: number;
  end: number;
  text: string;
}

type PersonKind = 'relative' | 'family' | 'other' | 'self' | 'you' | 'third' | 'thePatient';

interface Person {
  kind: PersonKind;
  start: number;
  end: number;
  /** Canonical relative ("mother") for kind 'relative'. */
  relative?: string;
  /** "my" / "your" / ... before a relative. */
  possessor?: string;
}

/** A phrase as a pattern, its spaces matching any run of whitespace. */
const phrasePattern = (s: string): string => escapeRe(s).replace(/ /g, '\\s+');

/** A cue list as a word-token phrase matcher (longest first, so that "no longer" wins over "no"). */
function phrases<T = true>(words: string[], value: (w: string) => T = () => true as T): PhraseMatcher<T> {
  return new PhraseMatcher(words.map((phrase) => ({ phrase, value: value(phrase) })));
}

/** An answer opening: the phrase at the start, as a whole word. */
function openingRe(words: string[]): RegExp {
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  return new RegExp(`^(?:${sorted.map(phrasePattern).join('|')})(?![a-z0-9'])`);
}

interface Compiled {
  file: CueFile;
  byKind: Array<[CueKind, PhraseMatcher<true>]>;
  pseudo: PhraseMatcher<true>;
  historicalPreOnly: Set<string>;
  ruledOutSet: Set<string>;
  doctorHedgeExceptions: Set<string>;
  particles: Set<string>;
  particleFollowers: Set<string>;
  relatives: PhraseMatcher<string>;
  family: PhraseMatcher<true>;
  others: PhraseMatcher<true>;
  familyPseudo: PhraseMatcher<true>;
  familyPost: RegExp;
  questionCue: PhraseMatcher<true>;
  questionAnywhere: Set<string>;
  whBefore: RegExp;
  leadIn: RegExp;
  interjections: RegExp;
  negativeAnswer: RegExp;
  positiveAnswer: RegExp;
  possibleAnswer: RegExp;
  otherPre: RegExp;
  otherPost: RegExp;
  doctorOwnState: RegExp;
  doctorNotOwn: RegExp;
}

/** A year said as "in 2018" / "back in 1999": a past time cue. */
const YEAR = /(?<![a-z0-9])(?:back )?in (?:19|20)\d\d(?![0-9])/g;
/** Clause breaks that stop every scope: ; : and a comma or "and/or" opening a new subject ("…, I have a cough"). */
const CLAUSE_BREAK =
  /[;:?!]|\.(?!\d)|,(?=\s*(?:i|i'm|i've|you|you're|he|she|we|they|it|it's|then|but|so)(?![a-z'])|\s*$)|(?<![a-z'])(?:and|or) (?=(?:i|i'm|i've|you|you're|he|she|we|they)(?![a-z']))/g;
/** Words that a scope may run over freely: list glue, determiners, intensifiers. */
const GLUE = new Set(
  'or and nor any other a an the some of your my his her their like such as really recent recently ever at all new anything'.split(
    ' ',
  ),
);
const PRONOUNS =
  /(?<![a-z0-9'])(?:i|i'm|i've|i'd|i'll|me|my|myself|mine|you|you're|you've|you'd|your|yourself|he|he's|he'd|he'll|she|she's|she'd|she'll|his|her|him|they|they're|they've|they'd|they'll|them|their|the patient)(?![a-z0-9'])/g;
const PARTICLE_WORDS = ['no', 'nope', 'nah', 'none', 'not really', 'not at all'];
/** What follows an answer particle: punctuation, the end, or (unpunctuated) a new subject ("no i have a …"). */
const PARTICLE_END = /^\s*(?:[,.!?]|$|(?:i|i'm|i've|we|he|she|it|it's|that|that's|there|there's)(?![a-z']))/;
/**
 * "the / your / for …" just before a mention: a question that takes it as given ("does the pain radiate?"); so does
 * "when you / while you …" ("do you bring anything up when you cough?": a "no" denies the phlegm, not the cough).
 */
const PRESUPPOSED =
  /(?<![a-z'])(?:the|that|this|these|those|your|his|her|for(?: the| your| that)?)\s+(?:(?:left|right|lower|upper|bad|same|current|chronic)\s+)?$|\b(?:when|whenever|while|after|every time|each time) (?:you|he|she|they)\s+$/;
/** "Any problems with your bladder?": asking whether there is trouble with it, which presupposes nothing. */
const ANY_TROUBLE_WITH =
  /\bany (?:problems?|issues?|trouble|difficulty|difficulties|changes?) (?:with|in) (?:the|your|his|her)\s+$/;
/** The doctor repeating what the patient said, inside a question: what follows is a statement. */
const RESTATED =
  /\b(?:you said|you mentioned|you told me|you noted|you indicated|you reported|i know you|i heard you)\b/;
/** A tag closing a question ("…, chest pain, anything like that?"): not where its question starts. */
const TAIL_TAG = /^(?:anything|anyone|anybody)(?: else| like that| of that sort| of the sort)?\W*$/;
/** Breaks that end a topic for person cues ("for family history, it's … diabetes" keeps its frame). */
const TOPIC_BREAK = /^(?:but|however|although|though|whereas|except|[;:?!.])$/;
/** Terminators that end a clause for time cues ("I had pneumonia years ago, and I have a cough now"). */
const HARD_BREAK = /^(?:but|however|although|though|whereas|while|except|[,;:?!.]|and|or)$/;
/** How many words (not counting list glue and other mentions) a pre cue may reach over; a post cue reaches less. */
const MAX_GAP = 5;
const MAX_POST_GAP = 3;

let compiled: Compiled | undefined;
function cues(): Compiled {
  if (compiled) return compiled;
  const f = JSON.parse(readFileSync(resourcePath('clinical', 'cues.json'), 'utf8')) as CueFile;
  compiled = {
    file: f,
    byKind: [
      ['neg', phrases(f.negation)],
      ['negPost', phrases(f.negationPost)],
      ['ruledOut', phrases(f.ruledOut)],
      ['ruledOutPost', phrases(f.ruledOutPost)],
      ['possible', phrases(f.uncertainty)],
      ['possiblePost', phrases(f.uncertaintyPost)],
      ['hypo', phrases(f.hypothetical)],
      ['hypoPost', phrases(f.hypotheticalPost)],
      ['past', phrases(f.historical)],
      ['resolved', phrases(f.resolved)],
      ['term', phrases(f.terminators)],
      ['negTerm', phrases(f.negationTerminators)],
    ],
    pseudo: phrases(f.pseudoNegation),
    historicalPreOnly: new Set(f.historicalPreOnly),
    ruledOutSet: new Set(f.ruledOut),
    doctorHedgeExceptions: new Set(f.doctorHedgeExceptions),
    particles: new Set(PARTICLE_WORDS),
    particleFollowers: new Set(f.particleFollowers),
    // "mom" and "mom's" (one word token).
    relatives: phrases(
      Object.keys(f.relatives).flatMap((w) => [w, `${w}'s`]),
      (w) => f.relatives[w.replace(/'s$/, '')]!,
    ),
    family: phrases(f.family),
    others: phrases(f.others),
    familyPseudo: phrases(f.familyPseudo),
    familyPost:
      /^[\s,]*(?:[a-z']+\s+){0,4}?(?:runs? in (?:my|the|your|our|his|her) family|in (?:my|the|your|our) family|on (?:my|your|his|her) (mom|mother|dad|father)'s side)/,
    questionCue: phrases([...f.questionCues, ...f.questionCuesAnywhere]),
    questionAnywhere: new Set(f.questionCuesAnywhere),
    whBefore: new RegExp(`(?<![a-z'])(?:${f.whWords.map(phrasePattern).join('|')})(?:\\s+[a-z']+){0,2}\\s*$`),
    // A question cue opens a clause: at the start, after punctuation, or right after a lead-in ("okay, so any …").
    leadIn: new RegExp(
      `(?:^|[,;.?!]\\s*|(?<![a-z'])(?:${[...f.interjections, ...f.questionLeadIns].map(phrasePattern).join('|')})[,.]?\\s+)$`,
    ),
    interjections: new RegExp(`^(?:(?:${f.interjections.map(phrasePattern).join('|')})(?![a-z'-])[,.!]?\\s*)+`),
    negativeAnswer: openingRe(f.negativeAnswer),
    positiveAnswer: openingRe(f.positiveAnswer),
    possibleAnswer: openingRe(f.possibleAnswer),
    otherPre: new RegExp(`(?<![a-z'])(?:${f.otherScope.map(phrasePattern).join('|')})\\s+(?:[a-z'-]+\\s+)?$`),
    otherPost: new RegExp(`^\\s+(?:${f.otherScopePost.map(phrasePattern).join('|')})(?![a-z'])`),
    doctorOwnState: new RegExp(`^(?:'ve|'m)?\\s*(?:${f.doctorOwnState.map(phrasePattern).join('|')})(?![a-z'])`),
    doctorNotOwn: new RegExp(`^\\s*(?:${f.doctorNotOwn.map(phrasePattern).join('|')})(?![a-z'])`),
  };
  return compiled;
}

interface Analysis {
  lower: string;
  speaker: SpeakerRole;
  cues: Cue[];
  /** Spans of lexicon mentions (symptoms, problems): a scope runs over a list of them for free. */
  entities: Array<[number, number]>;
  persons: Person[];
  /** Offset where the doctor's yes/no question starts (-1: not a question). */
  questionFrom: number;
}

const cache = new Map<string, Analysis>();
const questionCache = new Map<string, number>();

/** A self-correction inside a question ("joint pain … I mean, like muscle aches?"). */
const CORRECTION = /(?<![a-z'])(?:i mean|or rather|sorry)(?![a-z'])[,.…\s]*/g;

/** Where a doctor's sentence asks a yes/no question: the first question cue opening a clause, or -1. */
function questionStart(lower: string): number {
  const hit = questionCache.get(lower);
  if (hit !== undefined) return hit;
  const at = findQuestionStart(lower);
  if (questionCache.size > 4000) questionCache.clear();
  questionCache.set(lower, at);
  return at;
}

/**
 * The doctor's question run into a patient's turn ("okay and do you have any pain in your foot no no no pain at
 * all"): a patient does not ask the clinician whether they have any symptom, so it is a question, not a statement.
 */
const ASKED_IN_PATIENT_TURN =
  /(?<![a-z'])(?:do|did|have|are|were) you (?:have|had|get|got|ever had|been having|having|notice|noticed|feel|felt) any (?!idea|ideas|thoughts?|questions?|samples?|time|advice|recommendations?|suggestions?|openings?|appointments?)/;
/** A patient's clarifying question about the doctor's ("flu-like symptoms?" "like fever or chills?"): asks, tells nothing. */
const CLARIFYING_QUESTION =
  /^(?:(?:oh|um|uh|so|hmm|what)[,.]?\s+)*(?:like|you mean|do you mean|meaning|such as|as in)\b[^.!?]*\?\s*$/;
function patientAsks(lower: string): number {
  if (CLARIFYING_QUESTION.test(lower)) return 0;
  const m = ASKED_IN_PATIENT_TURN.exec(lower);
  return m ? m.index : -1;
}

/** A problem opened by a frame before a question ("for your last issue, your epilepsy, …"): up to the name's end. */
export const PROBLEM_FRAME_FIRST =
  /\b(?:for|as for|regarding|in terms of|moving on to) (?:your|his|her|their|the) (?:[a-z-]+ ){0,2}(?:problem|issue|concern)s?,? [^,?]{3,60},/;

/** What may join the symptoms of a list asked about ("fever, chills or any cough at all lately"). */
const LIST_GLUE =
  /^(?:[\s,.?]|\b(?:or|and|any|other|anything|else|like that|at all|recently|lately|so far|that you've noticed)\b)*$/;

/**
 * "… let's talk about some other symptoms any joint pain fever weight loss": in unpunctuated speech, "any" before
 * symptoms that run to the sentence's end, with nothing else between them, asks about them, whatever comes before it.
 */
function symptomListToEnd(rest: string): boolean {
  const found = lexicons().symptoms.match(rest);
  if (!found.length) return false;
  let at = 0;
  for (const f of found) {
    if (!LIST_GLUE.test(rest.slice(at, f.start))) return false;
    at = f.end;
  }
  return LIST_GLUE.test(rest.slice(at));
}

function findQuestionStart(lower: string): number {
  const c = cues();
  const asked = lower.trimEnd().endsWith('?');
  if (asked) {
    // A self-correction asks only what follows it.
    let cut = -1;
    for (const m of lower.matchAll(CORRECTION)) cut = m.index + m[0].length;
    if (cut >= 0) return cut;
  }
  for (const m of c.questionCue.match(lower)) {
    // Lead-ins and wh-words sit right before the cue: the tail of the text before it is enough.
    const before = lower.slice(Math.max(0, m.start - 60), m.start);
    const atStart = m.start === 0 || !lower.slice(0, m.start).trim();
    if (c.whBefore.test(before) || TAIL_TAG.test(lower.slice(m.start))) continue;
    if (/(?<![a-z'])(?:you|i)\s+$/.test(before)) continue; // a stutter: "you were you were diagnosed"
    if (atStart || c.leadIn.test(before) || c.questionAnywhere.has(m.phrase)) return m.start;
    if (m.phrase === 'any' && !/n't\b|\b(?:not?|never|without)\b/.test(before) && symptomListToEnd(lower.slice(m.end)))
      return m.start;
  }
  if (!asked) return -1;
  // "For your last issue, your epilepsy, … you must be due to see her again?": the problem the frame names is stated,
  // the question is what follows it.
  const frame = PROBLEM_FRAME_FIRST.exec(lower);
  if (frame) return frame.index + frame[0].length;
  // "fever?", "and the swelling?": a question without an opening cue asks about all of it; a wh-question
  // ("how long have you had the knee pain?") presupposes its mentions.
  const head = lower.replace(c.interjections, '').replace(/^(?:and|so|now|then)\s+/, '');
  return c.whBefore.test(head.split(/\s+/).slice(0, 2).join(' ')) ? -1 : 0;
}

function analyse(s: SpokenText): Analysis {
  const key = `${s.speaker}\u0000${s.lower}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const c = cues();
  const lower = s.lower;
  const pseudo = c.pseudo.match(lower);
  const inPseudo = (a: number, b: number) => pseudo.some((x) => a < x.end && b > x.start);
  const found: Cue[] = [];
  for (const [kind, matcher] of c.byKind) {
    for (const { start, end, phrase: text } of matcher.match(lower)) {
      // Pseudo-triggers ("no change in", "nothing helps", "trying to quit") are neither negations nor endings.
      if ((kind === 'neg' || kind === 'negPost' || kind === 'resolved') && inPseudo(start, end)) continue;
      // A bare "no," / "nope." is an answer particle: it negates what came before it, not what follows.
      const particle = c.particles.has(text) && PARTICLE_END.test(lower.slice(end));
      if (kind === 'neg' && particle) continue;
      if (kind === 'negPost' && c.particles.has(text) && !particle) continue;
      found.push({ kind, start, end, text });
    }
  }
  for (const m of lower.matchAll(YEAR))
    found.push({ kind: 'past', start: m.index, end: m.index + m[0].length, text: m[0] });
  for (const m of lower.matchAll(CLAUSE_BREAK))
    found.push({ kind: 'term', start: m.index, end: m.index + m[0].length, text: m[0] });
  found.sort((a, b) => a.start - b.start);

  const lex = lexicons();
  const entities: Array<[number, number]> = [...lex.symptoms.match(lower), ...lex.problems.match(lower)].map((m) => [
    m.start,
    m.end,
  ]);

  const persons: Person[] = [];
  // Words that only qualify a relative ("on my mom's side"): no one's pronoun.
  const qualifiers: Array<[number, number]> = [];
  for (const m of c.relatives.match(lower)) {
    // "On my mom's side", "my dad's mom": a parent naming a side of the family or whose relative it is, not the one
    // who has the condition.
    if (
      (m.value === 'mother' || m.value === 'father') &&
      /'s$/.test(lower.slice(m.start, m.end)) &&
      /^\s+(?:side|mom|mother|mum|dad|father|parents|sister|brother)\b/.test(lower.slice(m.end, m.end + 10))
    ) {
      const own = /(?<![a-z'])(?:my|your|his|her|their|our)\s+$/.exec(lower.slice(Math.max(0, m.start - 8), m.start));
      qualifiers.push([own ? m.start - own[0].length : m.start, m.end]);
      continue;
    }
    // "My dad's mom" is a grandmother, "my mom's brother" an uncle.
    const parent = /(?:mom|mother|mum|dad|father)'s\s+$/.test(lower.slice(Math.max(0, m.start - 10), m.start));
    const relative = (parent && PARENTS_RELATIVE[m.value]) || m.value;
    // With its possessor ("my mom"): whose relative it is, and the "my" is not the patient speaking of themself.
    const own = /(?<![a-z'])(my|your|his|her|their|our|the|a)\s+(?:(?:mom|mother|mum|dad|father)'s\s+)?$/.exec(
      lower.slice(Math.max(0, m.start - 20), m.start),
    );
    persons.push({
      kind: 'relative',
      start: own ? m.start - own[0].length : m.start,
      end: m.end,
      relative,
      ...(own ? { possessor: own[1]! } : {}),
    });
  }
  const familyPseudo = c.familyPseudo.match(lower);
  for (const m of c.family.match(lower))
    if (!familyPseudo.some((x) => m.start < x.end && m.end > x.start))
      persons.push({ kind: 'family', start: m.start, end: m.end });
  // "Anyone in your family": the family, not someone else.
  for (const m of c.others.match(lower))
    if (
      !persons.some((p) => p.kind === 'family' && m.start < p.end && m.end > p.start) &&
      // "Do you or anyone have…": the patient is asked too.
      !/\byou (?:or|and) $/.test(lower.slice(Math.max(0, m.start - 8), m.start))
    )
      persons.push({ kind: 'other', start: m.start, end: m.end });
  for (const m of lower.matchAll(PRONOUNS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (persons.some((p) => start < p.end && end > p.start)) continue; // "my" of "my mom"
    if (qualifiers.some(([x, y]) => start < y && end > x)) continue;
    // "You know", "you see": a filler, nobody.
    if (/^you$/.test(m[0]) && /^\s+(?:know|see)\b/.test(lower.slice(end, end + 6))) continue;
    const w = m[0];
    const kind: PersonKind = /^(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)$/.test(w)
      ? 'self'
      : /^(?:you|you're|you've|you'd|your|yourself)$/.test(w)
        ? 'you'
        : w === 'the patient'
          ? 'thePatient'
          : 'third';
    persons.push({ kind, start, end });
  }
  persons.sort((a, b) => a.start - b.start);

  const a: Analysis = {
    lower,
    speaker: s.speaker,
    cues: found,
    entities,
    persons,
    questionFrom: s.speaker === 'doctor' ? questionStart(lower) : patientAsks(lower),
  };
  if (cache.size > 4000) cache.clear();
  cache.set(key, a);
  return a;
}

/** Words between two offsets that a scope has to cross, not counting other mentions and list glue. */
/** A parent's relative, by the patient's kin ("my dad's mom" is a grandmother). */
const PARENTS_RELATIVE: Record<string, string> = {
  mother: 'grandmother',
  father: 'grandfather',
  parents: 'grandparents',
  sister: 'aunt',
  brother: 'uncle',
};

function gapWords(a: Analysis, from: number, to: number): number {
  let n = 0;
  for (const m of a.lower.slice(from, to).matchAll(/[a-z0-9][a-z0-9'-]*/g)) {
    const at = from + m.index;
    if (GLUE.has(m[0])) continue;
    if (a.entities.some(([x, y]) => at >= x && at < y)) continue;
    n++;
  }
  return n;
}

/** Whether a terminator (or, for a negation, a negation terminator) lies between two offsets. */
function blocked(a: Analysis, from: number, to: number, negation = false): boolean {
  return a.cues.some(
    (c) => (c.kind === 'term' || (negation && c.kind === 'negTerm')) && c.start >= from && c.end <= to,
  );
}

/** The cue of one of `kinds` whose scope covers [start, end): before it (pre) or just after it (post). */
function scoped(a: Analysis, start: number, end: number, pre: CueKind[], post: CueKind[], preGap = MAX_GAP) {
  const negation = pre.includes('neg');
  let best: Cue | undefined;
  for (const c of a.cues) {
    if (c.start < end && c.end > start) continue; // the cue is part of the mention
    // The nearest cue before wins; of two ending together, the longer ("you're not" over "not").
    if (
      pre.includes(c.kind) &&
      c.end <= start &&
      !blocked(a, c.end, start, negation) &&
      gapWords(a, c.end, start) <= preGap
    )
      if (!best || c.end > best.end || (c.end === best.end && c.start < best.start)) best = c;
    // "pneumonia vaccine", "stroke risk": a hypothetical post cue is the very next word.
    if (post.includes(c.kind) && c.start >= end && !blocked(a, end, c.start)) {
      if (gapWords(a, end, c.start) <= (c.kind === 'hypoPost' ? 0 : MAX_POST_GAP)) return c;
    }
  }
  return best;
}

/** Where the clause (or, for `TOPIC_BREAK`, the topic) holding offset `at` starts: after the last such break. */
function clauseStart(a: Analysis, at: number, breaks = HARD_BREAK): number {
  let from = 0;
  for (const c of a.cues) if (c.kind === 'term' && c.end <= at && breaks.test(c.text.trim())) from = c.end;
  return from;
}

/** A pronoun right after a condition that has it ("which cancer they had", "what kind of diabetes she has"). */
const HAD_BY_PRONOUN =
  /^\s*(?:that |which )?(?:he|she|they) (?:had|has|have|got|suffered from|died (?:of|from))(?![a-z'])/;

/** One of a group of relatives ("one of them", "one of my parents") is one relative, not all of them. */
const ONE_OF = /\b(?:one|either) of\s+$/;
const ONE_OF_GROUP: Record<string, string> = {
  parents: 'parent',
  siblings: 'sibling',
  grandparents: 'grandparent',
  children: 'child',
  grandchildren: 'grandchild',
};
const oneOf = (a: Analysis, p: Person, rel: string): string =>
  ONE_OF_GROUP[rel] && ONE_OF.test(a.lower.slice(Math.max(0, p.start - 10), p.start)) ? ONE_OF_GROUP[rel]! : rel;

function experiencerOf(a: Analysis, start: number, end: number, antecedent: string | null): string {
  const c = cues();
  const after = a.lower.slice(end);
  const post = c.familyPost.exec(after);
  if (post && !blocked(a, end, end + post[0].length))
    return post[1] ? (c.file.relatives[post[1]] ?? 'family') : 'family';
  // The nearest person before the mention in its topic speaks for it ("my mom has diabetes, and I have asthma").
  const from = clauseStart(a, start, TOPIC_BREAK);
  let before = a.persons.filter((p) => p.end <= start && p.start >= from);
  // "My father died of cancer; it was prostate cancer": a clause after ";" that names nobody goes on about the one
  // named before it.
  if (!before.length && from > 0 && a.lower[from - 1] === ';') {
    const outer = clauseStart(a, from - 1, TOPIC_BREAK);
    before = a.persons.filter((p) => p.end <= start && p.start >= outer);
  }
  const familyContext = before.some((p) => p.kind === 'family');
  // A companion's "my daughter" is the patient (see below), and so is the "she" that goes on about her ("my daughter
  // has had ear pain, and she had a fever").
  const firstRelative = (upTo: number) => {
    const first = a.persons.find((p) => p.kind === 'relative' && p.end <= upTo);
    if (first?.possessor === 'my' && a.speaker === 'other') return 'patient';
    return first?.relative ?? antecedent;
  };
  // "I don't know which cancer they had, but my mother was 42": a "he" / "she" / "they" right after the condition
  // has it, once the sentence (or the one before) names a relative for it to stand for.
  if (a.speaker === 'patient' && HAD_BY_PRONOUN.test(after)) {
    const rel = firstRelative(a.lower.length);
    if (rel) return rel;
  }
  for (let i = before.length - 1; i >= 0; i--) {
    const p = before[i]!;
    switch (p.kind) {
      case 'relative':
        // The doctor's "my wife" is nobody in the patient's family; a companion's "my son" is usually the patient.
        if (p.possessor === 'my' && a.speaker === 'doctor') return 'other';
        if (p.possessor === 'my' && a.speaker === 'other') return 'patient';
        return oneOf(a, p, p.relative!);
      case 'family':
        return 'family';
      case 'other':
        return 'other';
      case 'thePatient':
        return 'patient';
      case 'self': {
        if (familyContext) continue;
        if (a.speaker === 'other') return 'other';
        if (a.speaker !== 'doctor') return 'patient';
        const rest = a.lower.slice(p.end);
        // The doctor's own life ("I had a knee replacement myself"), not their view of the patient ("I don't see").
        if (/^my$/.test(a.lower.slice(p.start, p.end)) ? !c.doctorNotOwn.test(rest) : c.doctorOwnState.test(rest))
          return 'doctor';
        continue;
      }
      case 'you':
        if (familyContext) continue;
        if (a.speaker === 'doctor') return 'patient';
        continue;
      case 'third': {
        const rel = firstRelative(p.start);
        if (rel) return oneOf(a, p, rel);
        if (a.speaker === 'doctor') return 'patient';
        // "They all have ear infections" (a parent of the other children): a group, not the one patient.
        if (
          /^(?:they|they're|they've)$/.test(a.lower.slice(p.start, p.end)) &&
          /^(?: are| have)? all\b/.test(a.lower.slice(p.end))
        )
          return 'other';
        continue;
      }
    }
  }
  return 'patient';
}

/** "… but that went away", "… but it's gone now", "I was a heavy drinker, but I quit": the mention just said, taken
 * back as resolved. */
const RESOLVED_AFTER_BUT =
  /^[^.;?!]{0,35}?,?\s*but (?:(?:that|it|those|they|this|these)(?:'s| is| are| has| have| had)? (?:went away|gone(?: away)?|resolved|cleared up|stopped|settled down|got better)|(?:i|he|she|they)(?: have| has|'ve)? (?:quit|stopped|gave (?:it|that) up))\b/;

function timeOf(a: Analysis, start: number, end: number): FactTime {
  const preOnly = cues().historicalPreOnly;
  const from = clauseStart(a, start);
  let time: FactTime = 'current';
  for (const c of a.cues) {
    if ((c.kind !== 'past' && c.kind !== 'resolved') || (c.start < end && c.end > start)) continue;
    if (c.start >= end && preOnly.has(c.text)) continue;
    const near =
      c.end <= start
        ? c.start >= from && !blocked(a, c.end, start) && gapWords(a, c.end, start) <= 4
        : c.start >= end && !blocked(a, end, c.start) && gapWords(a, end, c.start) <= MAX_POST_GAP + 1;
    if (!near) continue;
    if (c.kind === 'resolved') return 'resolved';
    time = 'past';
  }
  // "A little nausea the first week, but that went away": the clause after "but" takes the mention back as resolved.
  if (time === 'current' && RESOLVED_AFTER_BUT.test(a.lower.slice(end, end + 60))) return 'resolved';
  // "I had diarrhea last week (but I think I ate something bad)": an episode in the past tense, dated before today,
  // is past — not "I've had pain since last week", nor "I had it last week and still do".
  if (time === 'current') {
    const recent = RECENT_EPISODE.exec(a.lower.slice(end, end + 40));
    const lead = a.lower.slice(Math.max(0, start - 25), start);
    if (
      recent &&
      /\b(?:had|got|was|were)\s+(?:(?:some|a|an|the|bad|really bad|a bad|a little)\s+)?$/.test(lead) &&
      !/(?:'ve|\bhave|\bhas|'s)\s+had\s+\S*\s*$/.test(lead) &&
      !/\b(?:since|for|over)\s/.test(a.lower.slice(end, end + recent[0].length - recent[1]!.length + 1)) &&
      !/\b(?:still|again|ever since|keeps?|now)\b/.test(a.lower)
    )
      return 'past';
  }
  return time;
}

const RECENT_EPISODE =
  /^\s*(?:\w+\s+){0,2}?(last (?:week|weekend|month)|(?:a|one|two|three|a few|a couple(?: of)?) (?:days|weeks) (?:ago|back)|the other day)\b/;

function otherScoped(a: Analysis, start: number, end: number): boolean {
  const c = cues();
  return c.otherPre.test(a.lower.slice(Math.max(0, start - 30), start)) || c.otherPost.test(a.lower.slice(end));
}

/**
 * Someone who is neither the patient nor a relative, named by a noun ("the doctor", "my surgeon", "a guy at work");
 * not the doctor addressed ("well, doctor, he passed away").
 */
const NAMED_OTHER =
  /(?<![a-z'])(?:(?:the|my|a|an|his|her|your|their|that|this|another|other)\s+(?:[a-z]+\s+)?(?:doctors?|physicians?|surgeons?|specialists?|nurses?|cardiologist|dermatologist|neurologist|oncologist|therapist|chiropractor|guy|man|woman|lady|girl|boy|baby)|dr\.?\s+[a-z]+)(?![a-z'])/;

/**
 * How a sentence can pass a relative named before it on to a later "he" / "she" / "they": 'relative' where it names
 * one itself, 'bridge' where it names nobody new (only he / she / they, nobody at all, or, said by the doctor, the
 * doctor and the patient: "I'm so sorry. How did he pass away?"), 'stop' where it speaks of the patient
 * themself or of someone else.
 */
export function relativeChain(s: SpokenText): 'relative' | 'bridge' | 'stop' {
  const a = analyse(s);
  // The doctor names a relative asked about with its possessor ("how is your dad?"); a bare one is the person
  // addressed ("hi mom, what is going on with jacob?"), whose "he" is the patient.
  if (
    a.persons.some(
      (p) =>
        p.kind === 'family' ||
        (p.kind === 'relative' && (s.speaker !== 'doctor' || /^(?:your|his|her|their)$/.test(p.possessor ?? ''))),
    )
  )
    return 'relative';
  if (a.persons.some((p) => p.kind === 'other' || p.kind === 'thePatient') || NAMED_OTHER.test(a.lower)) return 'stop';
  const third = a.persons.some((p) => p.kind === 'third');
  if (s.speaker === 'doctor' || third) return 'bridge';
  return a.persons.length ? 'stop' : 'bridge';
}

/**
 * Reads the mention at [start, end) of a sentence. `previous` is the sentence before it in the same turn (for "my
 * dad had a stroke. he also has diabetes.").
 */
export function readMention(s: SpokenText, start: number, end: number, previous?: SpokenText): MentionReading {
  const a = analyse(s);
  const c = cues();
  let antecedent: string | null = null;
  if (previous) {
    const persons = analyse(previous).persons;
    const p = persons.filter((x) => x.kind === 'relative');
    // "A lot of my family has diabetes. They have had heart attacks too.": the family, no one relative.
    antecedent = p.length ? p[p.length - 1]!.relative! : persons.some((x) => x.kind === 'family') ? 'family' : null;
    // "My son has a cough. He had a fever too.": a companion's "my son" is the patient, and so is the "he" after.
    if (p.length && p[p.length - 1]!.possessor === 'my' && previous.speaker === 'other' && s.speaker === 'other')
      antecedent = 'patient';
  }
  const experiencer = experiencerOf(a, start, end, antecedent);
  const time = timeOf(a, start, end);
  let question: MentionReading['question'] = null;
  // "…did you have slips, you said your ankles were swelling": the doctor restating the patient, not asking.
  if (a.questionFrom >= 0 && start >= a.questionFrom && !RESTATED.test(a.lower.slice(a.questionFrom, start)))
    question =
      PRESUPPOSED.test(a.lower.slice(Math.max(a.questionFrom, start - 30), start)) &&
      !ANY_TROUBLE_WITH.test(a.lower.slice(Math.max(a.questionFrom, start - 45), start))
        ? 'presupposed'
        : 'asked';
  const other = question === 'asked' && otherScoped(a, start, end);

  let assertion: Assertion = 'present';
  const neg = scoped(a, start, end, ['neg', 'ruledOut'], ['negPost', 'ruledOutPost']);
  if (neg) {
    const ruledOut =
      neg.kind === 'ruledOutPost' ||
      (c.ruledOutSet.has(neg.text) &&
        (a.speaker === 'doctor' || /^(?:negative|ruled|rules|no evidence)/.test(neg.text)));
    assertion = ruledOut ? 'ruled-out' : 'absent';
  } else if (scoped(a, start, end, ['hypo'], ['hypoPost'], 8)) assertion = 'hypothetical';
  else {
    // Hedges reach less far: "probably for a few months now with pain" hedges the time, not the pain.
    const hedge = scoped(a, start, end, ['possible'], ['possiblePost'], 3);
    if (hedge && !(a.speaker === 'doctor' && c.doctorHedgeExceptions.has(hedge.text))) assertion = 'possible';
    // "I have almost incontinence", "I nearly passed out": a near miss is not the symptom itself.
    else if (NEAR_MISS.test(a.lower.slice(Math.max(0, start - 40), start))) assertion = 'possible';
  }
  return { assertion, experiencer, time, question, other };
}

/** A near miss right before a mention ("almost incontinence", "nearly passed out", "close to fainting"). */
const NEAR_MISS =
  /(?<![a-z'])(?:almost|nearly|borderline|close to|on the verge of|bordering on)(?:\s+(?:a|an|like|some|having|had|have|got|getting|to|been|being))*\s+$/;

/** Whether a sentence hedges anywhere ("maybe", "could be"), not counting a doctor's "I think" / "seems like". */
export function hedged(s: SpokenText): boolean {
  const c = cues();
  return c.byKind.some(
    ([kind, matcher]) =>
      (kind === 'possible' || kind === 'possiblePost') &&
      matcher.match(s.lower).some((x) => !(s.speaker === 'doctor' && c.doctorHedgeExceptions.has(x.phrase))),
  );
}

/** Openings that deny only what follows them, unless nothing specific follows ("I don't.", "I haven't noticed any"). */
const DENIAL_VERB = /^(?:i don't|i do not|i haven't|i have not|i didn't|i did not|i'm not|i am not)$/;
/** What a denial like "I haven't …" may deny without naming anything ("noticed any", "had anything like that"). */
const GENERIC_OBJECT =
  /^(?:(?:really|ever|actually)\b\s*)?(?:(?:noticed|had|seen|experienced|got|gotten|felt|been having|have|get|notice|see|think so)\s*)?(?:any(?:thing)?|that|those|it|them|so)?\b\W*(?:like that|of (?:that|those|the sort))?\W*$/;

/** Which way an answer opens: "no", "nope, nothing like that" → no; "yes", "a little", "sometimes" → yes. */
export type AnswerPolarity = 'yes' | 'no' | 'maybe' | 'other';

/** Polarity of an answer sentence from its opening, after interjections ("um, no." → no; "no fever" → other). */
export function answerPolarity(lower: string): AnswerPolarity {
  const c = cues();
  // "Oh that, no.": the answer's "that" points back at what was asked.
  const t = lower
    .replace(c.interjections, '')
    .trim()
    .replace(/^that\s*,\s*(?=(?:no|nope|yes|yeah)\b)/, '');
  if (!t) return 'other';
  if (c.possibleAnswer.test(t)) return 'maybe';
  const neg = c.negativeAnswer.exec(t);
  if (neg) {
    const rest = t.slice(neg[0].length).trim();
    if (!rest || /^[,.!?]/.test(rest)) return 'no';
    // "no" opens an answer when it stands alone ("no, I don't", "no no"), not as a determiner ("no fever": that
    // mention carries its own negation).
    if (/^(?:no|nope|nah)$/.test(neg[0]))
      return c.particleFollowers.has(/^[a-z'-]+/.exec(rest)?.[0] ?? '') ? 'no' : 'other';
    // "I haven't noticed anything" denies it all; "I haven't thrown up, but …" only what it names.
    if (DENIAL_VERB.test(neg[0]) && !GENERIC_OBJECT.test(rest)) return 'other';
    return 'no';
  }
  const pos = c.positiveAnswer.exec(t);
  if (pos) {
    if (pos[0] === 'right' && !/^right\s*(?:[,.!?]|$)/.test(t)) return 'other';
    return 'yes';
  }
  return 'other';
}

/** A doctor's yes/no question and the answer in the next turn. */
export interface QA {
  /** The question sentences the answer settles: the turn's last question, with a run of listed questions before it. */
  questions: Sentence[];
  /** The answer sentence whose opening gave the polarity (else the answer turn's first sentence). */
  answer: Sentence;
  /** The answer turn's first sentences, where items of the question may be named ("no, but I have a cough"). */
  answerSentences: Sentence[];
  polarity: AnswerPolarity;
}

/** Whether the doctor's sentence asks a yes/no question (with "?" or, in unpunctuated speech, from its words). */
export function isQuestion(s: SpokenText): boolean {
  return s.speaker === 'doctor' && (s.lower.trimEnd().endsWith('?') || questionStart(s.lower) >= 0);
}

/** Whether a doctor's question asks whether some mention exists ("any fever?"), not about one taken as given. */
function asksAboutMention(s: SpokenText): boolean {
  const a = analyse(s);
  return (
    a.questionFrom >= 0 &&
    a.entities.some(
      ([x]) => x >= a.questionFrom && !PRESUPPOSED.test(a.lower.slice(Math.max(a.questionFrom, x - 30), x)),
    )
  );
}

/** Someone said to be healthy ("he's pretty healthy", "they are all in good health"). */
const HEALTHY_SAID =
  /\b(?:he|she|they|everyone|everybody|both|all of them)(?:'s|'re| is| are| has been| have been)(?: (?:pretty|very|perfectly|quite|all|really))* (?:healthy|in good health)\b/;

/**
 * Pairs each doctor turn's questions with the next speaker's answer, keyed by the question turn. The answer's
 * polarity is read from its first sentence, or from the second when the first is only an interjection or a short
 * aside without a mention ("hmm, let me think. no.").
 */
export function pairQuestions(sentences: Sentence[], turns: Turn[]): Map<number, QA> {
  const byTurn = new Map<number, Sentence[]>();
  for (const s of sentences) {
    const list = byTurn.get(s.turn) ?? [];
    list.push(s);
    byTurn.set(s.turn, list);
  }
  const c = cues();
  const lex = lexicons();
  const out = new Map<number, QA>();
  for (const t of turns) {
    if (t.speaker !== 'doctor') continue;
    const next = turns[t.index + 1];
    if (!next || next.speaker === 'doctor') continue;
    const own = byTurn.get(t.index) ?? [];
    let last = -1;
    for (let i = own.length - 1; i >= 0 && last < 0; i--) if (isQuestion(own[i]!)) last = i;
    const ans = byTurn.get(next.index) ?? [];
    if (last < 0 || !ans.length) continue;
    // "Any fever? Any chills?": a run of questions that each ask about a mention is answered together (not "Any
    // pain? Does it radiate?", whose "no" is about radiating).
    let first = last;
    while (first > 0 && isQuestion(own[first - 1]!) && own.slice(first - 1, last + 1).every(asksAboutMention)) first--;
    // "… a colectomy? what happened there?": the answer's yes is to the closed question before the open follow-up.
    if (first === last && first > 0 && OPEN_FOLLOW_UP.test(own[last]!.lower.trim()) && isQuestion(own[first - 1]!))
      first--;
    let polarity: AnswerPolarity = 'other';
    let answer = ans[0]!;
    for (const a of ans.slice(0, 2)) {
      const rest = a.lower.replace(c.interjections, '').trim();
      if (!rest.replace(/[.,!?]/g, '')) continue;
      answer = a;
      polarity = answerPolarity(a.lower);
      const aside =
        rest.split(/\s+/).length <= 5 && !lex.symptoms.match(rest).length && !lex.problems.match(rest).length;
      if (polarity !== 'other' || !aside) break;
    }
    // "Any thyroid issue or diabetes there?" "I have one older brother. … I would say he's pretty healthy.": an answer
    // that says whoever was asked about is healthy, naming nothing, denies it.
    if (
      polarity !== 'no' &&
      asksAboutMention(own[last]!) &&
      ans
        .slice(0, 3)
        .some(
          (a) =>
            HEALTHY_SAID.test(a.lower) && !lex.problems.match(a.lower).length && !lex.symptoms.match(a.lower).length,
        )
    )
      polarity = 'no';
    out.set(t.index, { questions: own.slice(first, last + 1), answer, answerSentences: ans.slice(0, 3), polarity });
  }
  return out;
}

/** A relative said to have what was asked about ("my sister gets them", "my dad had that too", "my mom does"). */
const RELATIVE_HAS_IT =
  /^(?:(?:yes|yeah|well|um|uh|oh)[, ]+)*(?:my|our) (?:\w+ )?(?:mother|mom|mum|father|dad|sister|brother|grandmother|grandma|grandfather|grandpa|aunt|uncle|son|daughter|cousin|parents|siblings?)\b[^.?!]{0,20}?\b(?:gets?|got|has|had|have|does|did|suffers? from|deals? with|struggles? with)\b(?:\s+(?:them|it|that|those|these|one|too|though|as well|really bad|pretty bad|bad))*\s*(?:[,.!]|$)/;

/** A short open question that follows a closed one about the same thing: "what happened there?", "when was that?". */
const OPEN_FOLLOW_UP =
  /^(?:and |so |okay,? )?(?:what|when|how|why|where|who)\b(?:\s+\S+){0,5}\?$|^(?:tell me (?:more )?about (?:that|it))\b.{0,10}$/;

/**
 * Settles a mention of question sentence `q` by the answer. `named`: the answer names this item itself (its own
 * reading stands, so null here); `namedAny`: the answer names some item of the question ("fever, chills?" "some
 * chills": fever stays unsettled). A "yes" settles only the last question of a run ("any fever? any chills?" "yes").
 * Null when the answer does not settle the mention.
 */
export function settleByAnswer(
  reading: MentionReading,
  qa: QA,
  q: Sentence,
  named: boolean,
  namedAny: boolean,
): MentionAssertion | null {
  // Asked as advice or risk ("are you due for a colonoscopy?"), a yes does not make it so.
  if (named || reading.question !== 'asked' || reading.assertion === 'hypothetical') return null;
  let assertion: Assertion;
  if (namedAny && reading.assertion !== 'absent' && !reading.other && othersDenied(qa)) {
    // "Fever, chills, any congestion, cough?" — "a little congestion, but everything else has been okay": what the
    // answer does not name is denied.
    assertion = 'absent';
  } else if (qa.polarity === 'no') {
    // "Your dad had stomach cancer, right?" — "no, that was my uncle": the condition is the relative's the answer names.
    const to = reassignedTo(qa.answerSentences);
    if (to && to !== reading.experiencer && reading.assertion === 'present')
      return { assertion: 'present', experiencer: to, time: reading.time };
    if (reading.other) return null;
    assertion = 'absent';
  } else if (qa.polarity === 'yes' || qa.polarity === 'maybe') {
    // A subset named in the answer, or a yes to a negative question ("no fever?" "yes"), settles nothing.
    // The yes answers the last closed question; an open follow-up after it ("… a colectomy? what happened there?")
    // asks about the same thing.
    const later = qa.questions.slice(qa.questions.indexOf(q) + 1);
    if (namedAny || !later.every((x) => OPEN_FOLLOW_UP.test(x.lower.trim()))) return null;
    if (reading.assertion === 'absent' || reading.assertion === 'ruled-out') return null;
    assertion = qa.polarity === 'yes' ? 'present' : 'possible';
  } else if (
    // "Anyone in the family with migraines?" — "my sister gets them really bad": the relative named with the
    // question's condition as a pronoun answers yes for that relative.
    reading.experiencer === 'family' &&
    !namedAny &&
    RELATIVE_HAS_IT.test(qa.answer.lower) &&
    !/\b(?:not|n't|never|no|nobody|none)\b/.test(qa.answer.lower) &&
    qa.questions[qa.questions.length - 1] === q
  )
    assertion = 'present';
  else return null;
  const a = analyse(qa.answer);
  // "Any family history of diabetes?" — "yes, my mom.": the answer names the relative.
  let experiencer = reading.experiencer;
  if (experiencer === 'family') {
    // Not one who only told of it ("my mom told me that someone had cervical cancer").
    const rel = a.persons.find(
      (p) =>
        p.kind === 'relative' && !/^\s+(?:told|tells|said|says|thinks|thought|mentioned)\b/.test(a.lower.slice(p.end)),
    );
    if (rel) experiencer = rel.relative!;
  }
  const answerTime = a.cues.find((x) => x.kind === 'resolved' || x.kind === 'past');
  const time: FactTime = answerTime ? (answerTime.kind === 'resolved' ? 'resolved' : 'past') : reading.time;
  return { assertion, experiencer, time };
}

/**
 * "No, that was my uncle", "no, she didn't, my sister does": the answer gives the condition to another relative (the
 * relative it names; null when it names none that way).
 */
const REASSIGNED = /\b(?:that|it)(?:'s| is| was) (?:(?:actually|really) )?$/;
export function reassignedTo(answers: SpokenText[]): string | null {
  for (const answer of answers) {
    const a = analyse(answer);
    const rel = a.persons.find(
      (p) =>
        p.kind === 'relative' &&
        p.possessor !== 'your' &&
        (REASSIGNED.test(a.lower.slice(0, p.start)) ||
          (RELATIVE_HAS_IT.test(a.lower.slice(p.start)) &&
            !/^(?:no|nope)\b/.test(a.lower.slice(p.end).trim()) &&
            !/\b(?:not|n't|never|nobody|none)\b/.test(a.lower.slice(p.start)))),
    );
    if (rel) return rel.relative ?? null;
  }
  return null;
}

/** An answer's "everything else is fine" / "nothing else" / "other than that, no": the items it did not name are denied. */
const OTHERS_DENIED =
  /\b(?:(?:everything|anything|all the rest|the rest) else|everything other than that|otherwise|other than that|besides that|apart from that)\b[^.?!]{0,25}\b(?:okay|ok|fine|good|great|normal|alright|all right|no|nothing|none)\b|\bnothing else\b|\bno other\b/;
function othersDenied(qa: QA): boolean {
  return qa.answerSentences.some((a) => OTHERS_DENIED.test(a.lower));
}

/** Plain flags kept in step with the assertion, for consumers that read `negated` / `uncertain` / `historical`. */
export function legacyFlags(m: MentionAssertion): Pick<FactBase, 'negated' | 'uncertain' | 'historical' | 'subject'> {
  return {
    negated: m.assertion === 'absent' || m.assertion === 'ruled-out',
    uncertain: m.assertion === 'possible',
    historical: m.time !== 'current',
    subject:
      m.experiencer === 'patient'
        ? 'patient'
        : m.experiencer === 'doctor' || m.experiencer === 'other'
          ? 'other'
          : 'family',
  };
}

/** Whether the experiencer is a member of the patient's family (a relative word, or "family"). */
export function isFamily(experiencer: string): boolean {
  return experiencer !== 'patient' && experiencer !== 'doctor' && experiencer !== 'other';
}
