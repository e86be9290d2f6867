/**
 * Grounding a generative engine's answer: a tolerant reading of the model's JSON (code fences, text around it, single
 * quotes, trailing commas, an answer cut off by the token limit, `[T3]` citations inline), then every sentence checked
 * by THE verifier (core/clinical/verify.ts, the same code as note.verify) against the turns it cites. A sentence with
 * no citation, or with a number, drug, dose, side, polarity or person its turns do not back, is unsupported with its
 * problems; with `replaceUnsupported` it is replaced by the embedded drafter's sentence for the same fact (same
 * section, best overlap), or dropped when the embedded draft has none. No sentence leaves here unchecked.
 */
import { createDraftVerifier, negatedAt, NOTE_WORDS_SAID_AS } from '../clinical/verify.js';
import { numbersIn } from '../clinical/numbers.js';
import { lexicons } from '../clinical/lexicon.js';
import { RISING } from '../clinical/home-readings.js';
import type {
  ClinicalFacts,
  Draft,
  DraftSection,
  DraftSentence,
  NoteTemplate,
  Transcript,
  VerifyProblem,
} from '../clinical/types.js';
import { EngineError } from './types.js';

export interface ModelSentence {
  text: string;
  cites: number[];
}

export interface ModelSection {
  id: string;
  sentences: ModelSentence[];
}

// ---------------------------------------------------------------------------------------------------------------
// Tolerant JSON

/** Rewrites near-JSON into JSON: single-quoted strings, bare keys, trailing commas; closes what a cut-off left open. */
export function repairJson(text: string): string {
  let out = '';
  const stack: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      // A string in either quote, re-emitted with double quotes.
      let s = '';
      let j = i + 1;
      let closed = false;
      for (; j < text.length; j++) {
        const d = text[j]!;
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1]!;
          s += e === "'" ? "'" : d + e;
          j++;
          continue;
        }
        if (d === c) {
          closed = true;
          break;
        }
        if (d === '"') s += '\\"';
        else if (d === '\n') s += '\\n';
        else if (d === '\r') s += '\\r';
        else if (d === '\t') s += '\\t';
        else s += d;
      }
      // A string cut off by the end of the answer is left out (half a sentence is not a sentence).
      if (!closed) break;
      out += `"${s}"`;
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? '}' : ']');
      out += c;
    } else if (c === '}' || c === ']') {
      out = out.replace(/,\s*$/, '');
      if (stack.length && stack[stack.length - 1] === c) stack.pop();
      out += c;
      if (!stack.length) break;
    } else if (/[A-Za-z_$]/.test(c) && /[{,]\s*$/.test(out)) {
      // A bare key: `{id: "cc"}`.
      const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))!;
      const rest = text.slice(i + m[0].length);
      if (/^\s*:/.test(rest)) out += `"${m[0]}"`;
      else out += m[0];
      i += m[0].length;
      continue;
    } else out += c;
    i++;
  }
  // Cut off: drop a dangling key or comma, then close what is open.
  out = out.replace(/,\s*$/, '').replace(/,?\s*"[^"]*"\s*:\s*$/, '');
  while (stack.length) out = out.replace(/,\s*$/, '') + stack.pop();
  return out;
}

/** The first JSON value in the model's text (fences and chatter around it ignored), or undefined. */
export function parseLoose(text: string): unknown {
  const unfenced = text.replace(/```(?:json|JSON)?/g, '');
  const start = unfenced.search(/[{[]/);
  if (start < 0) return undefined;
  const body = unfenced.slice(start);
  try {
    return JSON.parse(body);
  } catch {
    // fall through to the repairs
  }
  try {
    return JSON.parse(repairJson(body));
  } catch {
    return undefined;
  }
}

const INLINE_CITE = /\s*[[(]\s*(T\s*\d+(?:\s*(?:[-–,;]|and)\s*T?\s*\d+)*)\s*[\])]/gi;

/** Turn numbers from a cites value: [3, 4], ["T3", "4"], "T3, T4", 3. Ranges T3-T5 are expanded (at most 20). */
function citeNumbers(v: unknown): number[] {
  const out: number[] = [];
  const fromText = (s: string) => {
    for (const m of s.matchAll(/T?\s*(\d+)(?:\s*[-–]\s*T?\s*(\d+))?/gi)) {
      const a = Number(m[1]);
      const b = m[2] !== undefined ? Number(m[2]) : a;
      if (b >= a && b - a <= 20) for (let k = a; k <= b; k++) out.push(k);
      else out.push(a);
    }
  };
  const visit = (x: unknown) => {
    if (typeof x === 'number' && Number.isFinite(x)) out.push(x);
    else if (typeof x === 'string') fromText(x);
    else if (Array.isArray(x)) x.forEach(visit);
  };
  visit(v);
  return out;
}

/** One sentence: `[T3]` citations taken out of its text and added to its cites. */
export function readSentence(raw: unknown): ModelSentence | null {
  let text: string;
  let cites: number[] = [];
  if (typeof raw === 'string') text = raw;
  else if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    const t = o.text ?? o.sentence ?? o.content;
    if (typeof t !== 'string') return null;
    text = t;
    cites = citeNumbers(o.cites ?? o.citations ?? o.evidence ?? o.turns ?? o.sources ?? []);
  } else return null;
  text = text.replace(INLINE_CITE, (_m, inner: string) => {
    cites.push(...citeNumbers(inner));
    return '';
  });
  text = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
  if (!/[A-Za-z0-9]/.test(text)) return null;
  return { text, cites: [...new Set(cites)].sort((a, b) => a - b) };
}

/** One section object ({id, sentences}); null when it is not one. */
export function readSection(raw: unknown): ModelSection | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const id = o.id ?? o.section ?? o.title ?? o.name;
  const list = o.sentences ?? o.text ?? o.content;
  if (typeof id !== 'string') return null;
  const items = Array.isArray(list) ? list : typeof list === 'string' ? [list] : null;
  if (!items) return null;
  return { id, sentences: items.map(readSentence).filter((s): s is ModelSentence => s !== null) };
}

/**
 * The model's answer as sections. Accepts {sections: [{id, sentences}]}, {sections: {id: [...]}}, a bare array of
 * sections, and sentences as strings with `[Tn]` citations. Anything else is EngineError 'bad-output'.
 */
export function parseAnswer(text: string): ModelSection[] {
  const value = parseLoose(text);
  const bad = () =>
    new EngineError('bad-output', "The model's answer was not the note as structured text (JSON sections).");
  if (value === undefined || value === null) throw bad();
  const root = Array.isArray(value) ? value : (value as Record<string, unknown>).sections;
  let sections: ModelSection[] = [];
  if (Array.isArray(root)) sections = root.map(readSection).filter((s): s is ModelSection => s !== null);
  else if (root && typeof root === 'object')
    sections = Object.entries(root as Record<string, unknown>)
      .map(([id, v]) => readSection({ id, sentences: v }))
      .filter((s): s is ModelSection => s !== null);
  if (!sections.length) throw bad();
  return sections;
}

/**
 * Finds section objects in a streamed answer as they close: fed text pieces in order, it returns each section whose
 * object has just ended (an object with an id and sentences; the sentence objects inside it are not sections).
 */
export class SectionScanner {
  private buf = '';
  private pos = 0;
  private quote: string | null = null;
  private escaped = false;
  /** Start offsets of the open objects and arrays ('{' or '['). */
  private readonly open: { ch: string; at: number }[] = [];

  feed(piece: string): ModelSection[] {
    this.buf += piece;
    const found: ModelSection[] = [];
    for (; this.pos < this.buf.length; this.pos++) {
      const c = this.buf[this.pos]!;
      if (this.quote) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === this.quote) this.quote = null;
        continue;
      }
      if (c === '"' || c === "'") this.quote = c;
      else if (c === '{' || c === '[') this.open.push({ ch: c, at: this.pos });
      else if (c === '}' || c === ']') {
        const o = this.open.pop();
        // A section object sits inside an array (the sections list).
        if (o && o.ch === '{' && c === '}' && this.open[this.open.length - 1]?.ch === '[') {
          const s = readSection(parseLoose(this.buf.slice(o.at, this.pos + 1)));
          if (s && (s.sentences.length > 0 || /sentences/.test(this.buf.slice(o.at, this.pos)))) found.push(s);
        }
      }
    }
    return found;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Grounding

export interface GroundingStats {
  /** Sentences the model wrote (after parsing). */
  written: number;
  /** Of those, the verifier backed. */
  supported: number;
  /** Of those, the verifier flagged (problems). */
  flagged: number;
  /** Flagged sentences replaced by the embedded drafter's sentence for the same fact. */
  replaced: number;
  /** Flagged sentences dropped (no embedded sentence for the same fact). */
  dropped: number;
  /** Sections the model wrote that the template does not have (left out). */
  unknownSections: number;
}

export interface GrounderOptions {
  template: NoteTemplate;
  transcript: Transcript;
  facts: ClinicalFacts;
  /** The embedded drafter's draft of the same visit and template: replacements come from it. */
  embedded: Draft;
  /** Replace (or drop) the sentences the verifier does not back; off: keep them, flagged (default on). */
  replaceUnsupported?: boolean;
}

const STOP = new Set(
  (
    'a an the and or of to in on at for with by from as is are was were be been has have had his her their this ' +
    'that it he she they i we you going will would patient reports reported states stated denies no not ' +
    // Words of any plan or dose: they do not make two sentences say the same fact.
    'start started stop stopped continue increase decrease take takes taking order ordered refer follow up ' +
    'mg milligrams once twice daily day days a week weeks month months as needed'
  ).split(/\s+/),
);

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 6)));
}

/** How well an embedded sentence says the same fact as a model sentence: shared words, and shared turns. */
function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** `modelWords` and `candidateWords` are the two sentences' words (words()), made once by the caller. */
function sameFactScore(
  model: ModelSentence,
  modelWords: Set<string>,
  candidate: DraftSentence,
  candidateWords: Set<string>,
): number {
  const jaccard = overlap(modelWords, candidateWords);
  // Shared turns help, but only words make it the same fact.
  if (jaccard < 0.1) return 0;
  const turns = candidate.evidence.some((e) => model.cites.includes(e)) ? 0.1 : 0;
  return jaccard + turns;
}

const MIN_SAME_FACT = 0.2;

/** A rough stem for the citation check: common endings off, first five letters. */
const stem5 = (w: string) =>
  (w.length > 4 ? w.replace(/(?:ies|(?<=(?:s|x|z|ch|sh))es|s|ing|ed|ly|ety|ous)$/, '') : w).slice(0, 5);
const SAID5 = new Map(Object.entries(NOTE_WORDS_SAID_AS).map(([k, v]) => [stem5(k), v.map(stem5)]));
const CITE_STOP = new Set(
  (
    'the and but for with from that this these those there then than have has had was were are been being will ' +
    'would could should about into over under also just very well some any all his her hers him she they them their ' +
    'its our your you patient reports reported report states stated denies denied endorses notes noted today ' +
    'currently presents discussed advised plan continue will further which while when where what who how ' +
    // The words a note frames a history with, which a patient never says ("has tried …, with some relief").
    'tried relief describes described intermittent constant counseled counselled'
  ).split(/\s+/),
);

const NEGATION =
  /(?<![a-z])(?:no|not|denies|denied|deny|without|never|none|nothing|nor|negative for|free of|absence of|[a-z]+n't|cannot|no longer|unable to recall)(?![a-z])/g;
/** Words that may stand between a negation and the symptom it negates ("denies any chest pain, or nausea"). */
const LIST_WORDS =
  /^(?:any|or|and|nor|of|a|an|the|other|either|significant|recent|new|further|kind|sort|recall|remember|notice|noticed|experienced?|had|have|has|been|felt|feel|seen|see|report|reported|endorse|endorsed|complain|complained)$/;

/**
 * Whether a symptom is negated in the sentence: a negation before it with only other symptoms and list words in
 * between ("no fever, chills or nausea"; not "no surgeries, he has had back pain"), or "denied" right after it.
 */
function mentionNegated(lower: string, start: number, end: number, lex: ReturnType<typeof lexicons>): boolean {
  if (/^[\s:,-]{0,3}(?:denied|negative|absent|none)(?![a-z])/.test(lower.slice(end))) return true;
  const before = lower.slice(Math.max(0, start - 120), start);
  let cue = -1;
  for (const m of before.matchAll(NEGATION)) cue = m.index + m[0].length;
  if (cue < 0) return false;
  let between = before.slice(cue);
  for (const m of lex.symptoms.match(between).reverse())
    between = between.slice(0, m.start) + ' ' + between.slice(m.end);
  return between
    .split(/[\s,;]+/)
    .filter(Boolean)
    .every((w) => LIST_WORDS.test(w));
}

const SIDE_PART =
  /\b(left|right)(?:[- ]sided|[- ]hand)?\s+(?:(?:upper|lower|middle|index|ring|little|big|great|medial|lateral|anterior|posterior|inner|outer)\s+)?([a-z]+)/g;

/** Names a vital sign or a drug goes by, as one word each, so "temperature 100.4" matches "a fever of 100.4". */
const SAME_THING: [RegExp, string][] = [
  [/\b(?:temperature|temp|fever|febrile)\b/g, 'vtemp'],
  [
    /\b(?:oxygen saturation|saturation|sats?|satting|saturating|pulse ox(?:imetry)?|o2|spo2|oxygenation|oxygen)\b/g,
    'vspo2',
  ],
  [/\b(?:blood pressure|pressures?|bp)\b/g, 'vbp'],
  [/\b(?:heart rate|pulse|hr|beats per minute|bpm)\b/g, 'vhr'],
  [/\b(?:respiratory rate|respirations?|rr|breaths)\b/g, 'vrr'],
  [/\b(?:weight|weighs?|weighed|pounds|lbs?)\b/g, 'vwt'],
  // An earlier value: a note's "(previously 8.4)" is the doctor's "the 8.4 from last time".
  [/\b(?:previously|prior|last (?:time|visit))\b/g, 'vprev'],
  // The heart's pumping as a note writes it: "ejection fraction of about 45%" for "pumping function … about 45%".
  [
    /\b(?:(?:ejection )?fraction|ef|pump(?:ing)? function(?: of (?:the|your|his|her|their) heart)?|heart function)\b/g,
    'vef',
  ],
  // A quantity dispensed: a note's "dispense #20" is the doctor's "I'll give you 20 of those".
  [/\b(?:dispensed?|give|giving|gave|quantity|qty)\b/g, 'vqty'],
  // Home readings as a note writes them: "systolic 120–140" for "120 for the top number", "diastolic 70–80" for "the
  // bottom number has been between 70 and 80", "readings" for "what have they been running", "rising" for "getting higher".
  [/\b(?:systolic|(?:top|upper) numbers?)\b/g, 'vsys'],
  [/\b(?:diastolic|(?:bottom|lower) numbers?)\b/g, 'vdia'],
  [/\b(?:readings?|running)\b/g, 'vread'],
  [new RegExp(`\\brising\\b|${RISING.source}`, 'g'), 'vrise'],
  // An age: a note's "43-year-old female" is the doctor's "she's a 43-year-old patient".
  [/\b(?:years?[- ]old|female|male|woman|man|lady|gentleman)\b/g, 'vage'],
];

/** Stems of a text's words, with drugs under their generic name and vital signs under one name each. */
function namedWords(text: string): string[] {
  let t = text.toLowerCase();
  const drugs = lexicons().medications.match(t);
  for (const m of [...drugs].reverse()) t = t.slice(0, m.start) + ` ${m.value.name} ` + t.slice(m.end);
  for (const [re, name] of SAME_THING) t = t.replace(re, ` ${name} `);
  return citeWords(t);
}

const noCovid = (t: string) => t.replace(/\bcovid-19\b/g, 'covid');

/**
 * Numbers of a sentence against the turns it cites (one turn either side): each said there with a word the sentence
 * says next to it, when it has one ("4 or 2 on the weekends" is not backed by a 4 said of something else; drugs by
 * their generic name, vital signs by any of their names); a fraction or reading ("3/6", "120/80", a date) said as
 * that pair.
 */
const PAIN_SCALE =
  /\b(?:scale (?:of|from) (?:0|1|zero|one) to (?:10|ten)|rate (?:your|the) pain|pain (?:level|score)|out of (?:10|ten))\b/;

function numberProblems(lower: string, around: string[]): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const turnWords = around.map((t) => noCovid(t).split(/\s+/).filter(Boolean));
  /** Where x is said in the turns around: the stems and the numbers of the words about it. */
  const said = (x: number) =>
    turnWords.flatMap((w, k) =>
      w.flatMap((_, j) => {
        if (!numbersIn(w.slice(j, j + 4).join(' ')).includes(x)) return [];
        if (numbersIn(w.slice(j + 1, j + 4).join(' ')).includes(x)) return [];
        // A short answer ("I have five.") counts what the question just before it asked ("do you have children?").
        const asked = w.length <= 8 && k > 0 && /\?\s*$/.test(around[k - 1]!) ? around[k - 1]! : '';
        const about = `${asked} ${w.slice(Math.max(0, j - 14), j + 14).join(' ')}`;
        return [{ near: new Set(namedWords(about)), next: numbersIn(w.slice(j, j + 8).join(' ')) }];
      }),
    );
  const words = noCovid(lower)
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .split(/[^a-z0-9./-]+/)
    .filter(Boolean);
  // A pain score ("rated 7/10") answers a scale asked in the cited turns ("on a scale of 1 to 10…" "it's a 7"): the
  // score and the scale are said in different turns, in different words.
  const aroundLower = around.join(' ').toLowerCase();
  const scaleAsked = PAIN_SCALE.test(aroundLower);
  // The score must be said as an answer, not only as an end of the scale ("1 to 10").
  const answered = new Set(
    numbersIn(aroundLower.replace(/\b(?:0|1|zero|one) to (?:10|ten)\b|\bout of (?:10|ten)\b/g, ' ')),
  );
  const scores = new Set<number>();
  const denominators = new Set<number>();
  if (scaleAsked)
    for (const m of lower.matchAll(/\brated (\d{1,2})(?:\s*\/\s*(10))?\b/g)) {
      if (answered.has(Number(m[1]))) scores.add(Number(m[1]));
      if (m[2]) denominators.add(10);
    }
  const seen = new Set<number>();
  for (const [i, w] of words.entries()) {
    for (const x of numbersIn(w)) {
      if (seen.has(x)) continue;
      seen.add(x);
      const where = said(x);
      if ((scores.has(x) || (denominators.has(x) && x === 10)) && where.length) continue;
      if (!where.length) {
        problems.push({ kind: 'number', detail: `${x} is not in the turns it cites` });
        continue;
      }
      const near = namedWords(
        words
          .slice(Math.max(0, i - 3), i + 4)
          .filter((n) => !/\d/.test(n))
          .join(' '),
      );
      if (near.length && !where.some((o) => near.some((n) => o.near.has(n))))
        problems.push({ kind: 'number', detail: `${x} is not said with these words in the turns it cites` });
    }
  }
  for (const m of noCovid(lower).matchAll(/(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/g)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // Said as a pair: b is the next number after a ("3/6", "3 out of 6", "120 over 80"); a pain score on the scale
    // the cited turns asked.
    const ok =
      (b === 10 && scores.has(a) && said(a).length > 0) ||
      said(a).some((o) => o.next.some((x, k) => x === a && o.next[k + 1] === b));
    if (!ok) problems.push({ kind: 'number', detail: `${m[1]}/${m[2]} is not in the turns it cites` });
  }
  return problems;
}

const RELATIVE =
  /(?<![a-z])(?:family|mother|mom|father|dad|parents?|brothers?|sisters?|siblings?|sons?|daughters?|grand(?:mother|father|parents?|ma|pa)|aunts?|uncles?|cousins?|relatives?|maternal|paternal)(?![a-z])/;

function citeWords(text: string): string[] {
  return [
    ...new Set(
      (text.toLowerCase().match(/[a-z][a-z'-]+/g) ?? []).filter((w) => w.length > 2 && !CITE_STOP.has(w)).map(stem5),
    ),
  ];
}

/**
 * Whether the turns a sentence cites (one turn either side, as the verifier reads them) back it: every drug, symptom
 * and condition it names is named there, and a fair share of its other words is said there. The verifier reads a
 * named concept as said when it was said anywhere in the visit; a citation must point where it was said.
 */
export function citationProblems(
  transcript: Transcript,
  text: string,
  cites: number[],
  facts?: ClinicalFacts,
  /** The sentence is in a family-history section: conditions there are the relatives'. */
  familySection = false,
): VerifyProblem[] {
  const n = transcript.turns.length;
  const window = new Set<number>();
  for (const c of cites) for (let k = c - 1; k <= c + 1; k++) if (k >= 0 && k < n) window.add(k);
  const turnsText = [...window]
    .sort((a, b) => a - b)
    .map((i) => transcript.turns[i]!.text.toLowerCase())
    .join(' \n ');
  const lex = lexicons();
  const lower = text.toLowerCase();
  const problems: VerifyProblem[] = [];
  const said = {
    drugs: new Set(lex.medications.match(turnsText).map((m) => m.value.name)),
    symptoms: new Set(lex.symptoms.match(turnsText).map((m) => m.value.name)),
    conditions: new Set(lex.problems.match(turnsText).map((m) => m.value)),
  };
  const turnStems = new Set(citeWords(turnsText));
  // Concepts the fact model read from these turns (a symptom said in other words: "my back hurts" → back pain).
  const inWindow = (f: { evidence: number[] }) => f.evidence.some((e) => window.has(e));
  if (facts) {
    for (const f of facts.medications) if (inWindow(f)) said.drugs.add(f.name);
    for (const f of facts.symptoms) if (inWindow(f)) said.symptoms.add(f.name);
    for (const f of [...facts.problems, ...facts.history]) if (inWindow(f)) said.conditions.add(f.name);
  }
  const named = [
    ...lex.medications.match(lower).map((m) => ({ m, ok: said.drugs.has(m.value.name) })),
    // A symptom and a condition may be one name in two lexicons ("anxiety"): either reading of the turns counts.
    ...lex.symptoms
      .match(lower)
      .map((m) => ({ m, ok: said.symptoms.has(m.value.name) || said.conditions.has(m.value.name) })),
    ...lex.problems.match(lower).map((m) => ({ m, ok: said.conditions.has(m.value) || said.symptoms.has(m.value) })),
  ];
  let plain = lower;
  const missing = new Set<string>();
  for (const { m, ok } of named) {
    // A concept named in other words in the turns (its words are there) counts as said.
    if (!ok && !citeWords(m.phrase).every((w) => turnStems.has(w))) missing.add(m.phrase);
    plain = plain.slice(0, m.start) + ' '.repeat(m.end - m.start) + plain.slice(m.end);
  }
  for (const phrase of missing)
    problems.push({ kind: 'no-evidence', detail: `${phrase} is not in the turns it cites` });
  problems.push(
    ...numberProblems(
      lower,
      [...window].map((i) => transcript.turns[i]!.text.toLowerCase()),
    ),
  );
  // Reported or denied: as the fact model read the cited turns (questions with their answers).
  if (facts)
    for (const m of lex.symptoms.match(lower)) {
      const read = facts.symptoms.filter(
        (f) => f.name === m.value.name && f.subject === 'patient' && inWindow(f) && f.assertion !== 'hypothetical',
      );
      const absent = read.some((f) => f.negated || f.assertion === 'absent' || f.assertion === 'ruled-out');
      const present = read.some((f) => !f.negated && (f.assertion ?? 'present') === 'present');
      // Only where both readings of the sentence agree (the verifier's and the list-aware one): no guesswork.
      const neg = negatedAt(lower, m.start, m.end);
      if (neg !== mentionNegated(lower, m.start, m.end, lex)) continue;
      if (neg && present && !absent)
        problems.push({ kind: 'polarity', detail: `${m.phrase} was reported in the turns it cites, not denied` });
      else if (!neg && absent && !present)
        problems.push({ kind: 'polarity', detail: `${m.phrase} was denied in the turns it cites` });
    }
  // Left or right with a body part: the cited turns say this side with it, or at least not only the other one.
  for (const m of lower.matchAll(SIDE_PART)) {
    const part = stem5(m[2]!);
    const sides = new Set([...turnsText.matchAll(SIDE_PART)].filter((t) => stem5(t[2]!) === part).map((t) => t[1]!));
    if (sides.size && !sides.has(m[1]!))
      problems.push({ kind: 'side', detail: `the turns it cites say the ${m[2]} is ${[...sides][0]}, not ${m[1]}` });
  }
  // A condition the cited turns say of a relative only, written as the patient's.
  if (facts && !familySection && !RELATIVE.test(lower))
    for (const m of lex.problems.match(lower)) {
      const name = m.value;
      const ofRelative = facts.history.some((h) => h.subject === 'family' && h.name === name && inWindow(h));
      const ofPatient = [...facts.problems, ...facts.history].some(
        (f) => f.subject === 'patient' && f.name === name && inWindow(f),
      );
      if (ofRelative && !ofPatient)
        problems.push({ kind: 'experiencer', detail: `${m.phrase} was said of a relative in the turns it cites` });
    }
  // A label the note puts before a line ("Medical treatment:") is not something said.
  const rest = citeWords(plain.replace(/^[\s•*-]*[a-z][a-z ,]{2,60}:\s/, ' '));
  if (!problems.length && rest.length >= 3) {
    // A note word counts as said through the everyday words for it, as the verifier reads it ("trauma" for "fell").
    const hit = rest.filter((w) => turnStems.has(w) || (SAID5.get(w) ?? []).some((x) => turnStems.has(x))).length;
    if (hit / rest.length < 0.25) problems.push({ kind: 'no-evidence', detail: 'the turns it cites do not say this' });
  }
  return problems;
}

/** Grounds sections one at a time (as they stream in); remembers which embedded sentences it has used. */
export class Grounder {
  readonly stats: GroundingStats = {
    written: 0,
    supported: 0,
    flagged: 0,
    replaced: 0,
    dropped: 0,
    unknownSections: 0,
  };
  private readonly verify: (sections: DraftSection[]) => void;
  private readonly used = new Set<DraftSentence>();
  private readonly done = new Map<string, DraftSection>();
  private readonly replace: boolean;

  constructor(private readonly opts: GrounderOptions) {
    this.verify = createDraftVerifier(opts.transcript, opts.facts);
    this.replace = opts.replaceUnsupported ?? true;
  }

  /** The template's section for a model section id (by id, else by title); null when the template has none. */
  private templateSection(id: string) {
    const t = this.opts.template.sections;
    return (
      t.find((s) => s.id === id) ??
      t.find((s) => s.title.toLowerCase() === id.toLowerCase().trim()) ??
      t.find((s) => s.id.toLowerCase() === id.toLowerCase().trim()) ??
      null
    );
  }

  /** Grounds one model section; null when the template has no such section. A repeated id adds to that section. */
  section(ms: ModelSection): DraftSection | null {
    const spec = this.templateSection(ms.id);
    if (!spec) {
      this.stats.unknownSections++;
      return null;
    }
    const n = this.opts.transcript.turns.length;
    const sentences: DraftSentence[] = [];
    const outside: VerifyProblem[][] = [];
    for (const s of ms.sentences) {
      const valid = s.cites.filter((c) => Number.isInteger(c) && c >= 0 && c < n);
      const bad = s.cites.filter((c) => !valid.includes(c));
      sentences.push({ text: s.text, evidence: valid, supported: false });
      outside.push(
        bad.length
          ? [{ kind: 'no-evidence', detail: `it cites turn ${bad.join(', ')}, which the visit does not have` }]
          : [],
      );
    }
    const checked: DraftSection = { id: spec.id, title: spec.title, sentences };
    // THE verifier: each sentence against its cited turns (no citation: no-evidence).
    this.verify([checked]);
    for (const [i, s] of sentences.entries()) {
      // A sentence the verifier backs must also be said in the turns it cites (not only somewhere in the visit).
      const extra = s.supported
        ? [
            ...outside[i]!,
            ...citationProblems(
              this.opts.transcript,
              s.text,
              s.evidence,
              this.opts.facts,
              spec.source === 'family_history',
            ),
          ]
        : outside[i]!;
      if (extra.length) {
        s.problems = [...extra, ...(s.problems ?? [])];
        s.supported = false;
      }
    }
    const backed = sentences.filter((s) => s.supported);
    const out: DraftSentence[] = [];
    for (const [i, s] of sentences.entries()) {
      this.stats.written++;
      if (s.supported) {
        this.stats.supported++;
        out.push(s);
        continue;
      }
      this.stats.flagged++;
      if (!this.replace) {
        out.push(s);
        continue;
      }
      const sub = this.replacement(spec.id, spec.source, ms.sentences[i]!, [...backed, ...out]);
      if (sub) {
        this.used.add(sub);
        this.stats.replaced++;
        out.push({
          text: sub.text,
          evidence: [...sub.evidence],
          supported: sub.supported,
          ...(sub.problems?.length ? { problems: sub.problems } : {}),
        });
      } else this.stats.dropped++;
    }
    const prior = this.done.get(spec.id);
    const merged: DraftSection = prior
      ? { ...prior, sentences: [...prior.sentences, ...out] }
      : { id: spec.id, title: spec.title, sentences: out };
    this.done.set(spec.id, merged);
    return { id: spec.id, title: spec.title, sentences: out };
  }

  /** The embedded drafter's supported sentence for the same fact in the same section, not used yet. */
  private replacement(
    sectionId: string,
    source: string,
    model: ModelSentence,
    kept: DraftSentence[],
  ): DraftSentence | null {
    const sec = this.opts.embedded.sections.find((s) => s.id === sectionId);
    let best: { s: DraftSentence; score: number } | null = null;
    // Not one that says again what a sentence kept in this section already says.
    const keptWords = [...kept, ...(this.done.get(sectionId)?.sentences ?? [])].map((k) => words(k.text));
    const modelWords = words(model.text);
    for (const s of sec?.sentences ?? []) {
      if (!s.supported || this.used.has(s)) continue;
      const w = words(s.text);
      if (keptWords.some((k) => overlap(k, w) >= 0.5)) continue;
      const score = sameFactScore(model, modelWords, s, w);
      if (score >= MIN_SAME_FACT && (!best || score > best.score)) best = { s, score };
    }
    // The replacement passes the same citation checks as the model's sentences.
    if (
      best &&
      citationProblems(this.opts.transcript, best.s.text, best.s.evidence, this.opts.facts, source === 'family_history')
        .length
    )
      return null;
    return best?.s ?? null;
  }

  /** The grounded sections in the template's order (sections the model left out are absent). */
  sections(): DraftSection[] {
    return this.opts.template.sections.flatMap((s) => {
      const d = this.done.get(s.id);
      return d ? [d] : [];
    });
  }
}

/** Grounds a whole parsed answer at once (for callers that do not stream). */
export function groundAnswer(
  answer: ModelSection[],
  opts: GrounderOptions,
): { sections: DraftSection[]; stats: GroundingStats } {
  const g = new Grounder(opts);
  for (const s of answer) g.section(s);
  return { sections: g.sections(), stats: g.stats };
}
