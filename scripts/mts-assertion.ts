/**
 * Assertion check at scale (polarity and experiencer) on MTS-Dialog TRAIN: the section a clinician wrote from each
 * short conversation is gold for what was denied, whose condition it is and what is history.
 *
 *   npx tsx scripts/mts-assertion.ts [--data ../shared/data/mts-dialog/train.csv] [--reference] [--list N] [--json]
 *
 * From the clinician's section text it builds must-not items in the gold checker's terms (core/clinical/gold.ts):
 *   denied  — ROS / GENHX: a symptom or problem the clinician writes as negated ("denies fever", "no chest pain",
 *             "negative for nausea"): the draft must not state it as present;
 *   family  — FAM/SOCHX: a condition in a sentence that names a relative ("mother had breast cancer"): the draft
 *             must not state it as the patient's own (without the relative, outside a family-history section);
 *   past    — PASTMEDICALHX / PASTSURGICAL: a surgery, or a symptom or problem with an explicit past-time marker
 *             ("appendectomy", "pneumonia two years ago"): the draft must not state it as current (without a past
 *             marker, outside a history section).
 * Terms are every lexicon variant of the named symptom, problem or surgery (lexicon.ts), so the draft's wording
 * ("febrile", "CAD") is read the same as the clinician's. Each draft is read with scoreNote, the gold checker.
 *
 * --reference scores the clinician's own section text (under its heading) in place of the drafts: it must score
 * ≈ 0 asserted, which checks the extraction and the checker together. Items the clinician's text itself asserts
 * (a symptom denied in one sentence and reported in another) are dropped as ambiguous and counted.
 * Drafts are made as scripts/eval-notes.ts makes them for MTS rows: draftNote(parseTranscript(dialogue)).note.
 * Train split only.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { splitSentences } from '../core/clinical/discourse.js';
import { scoreNote, type GoldMustNot, type MustNotKind } from '../core/clinical/gold.js';
import { draftNote, parseTranscript } from '../core/clinical/index.js';

const DEFAULT_DATA = '../shared/data/mts-dialog/train.csv';
type Kind = Extract<MustNotKind, 'denied' | 'family' | 'past'>;
const KINDS: Kind[] = ['denied', 'family', 'past'];

/** The heading the clinician's section sits under in a full note (the gold checker reads section names). */
const HEADING: Record<string, string> = {
  ROS: 'REVIEW OF SYSTEMS',
  GENHX: 'HISTORY OF PRESENT ILLNESS',
  'FAM/SOCHX': 'FAMILY AND SOCIAL HISTORY',
  PASTMEDICALHX: 'PAST MEDICAL HISTORY',
  PASTSURGICAL: 'PAST SURGICAL HISTORY',
};
const KIND_OF: Record<string, Kind> = {
  ROS: 'denied',
  GENHX: 'denied',
  'FAM/SOCHX': 'family',
  PASTMEDICALHX: 'past',
  PASTSURGICAL: 'past',
};

/** Relatives (the gold checker's FAMILY words, less the spouse, whose conditions social history also names). */
const RELATIVE =
  /\b(?:family|mother|mom|father|dad|parents?|brothers?|sisters?|siblings?|sons?|daughters?|children|grandmother|grandfather|grandparents?|grandma|grandpa|aunts?|uncles?|cousins?|relatives?|maternal|paternal|nieces?|nephews?)\b/i;
/** An explicit past time said of a problem ("two years ago", "in 1998", "as a child", "previous"). */
const PAST_TIME =
  /\b(?:ago|in (?:19|20)\d\d|(?:19|20)\d\d|as a (?:child|kid|teenager)|childhood|previous(?:ly)?|prior|resolved|remote|years back|in the past)\b/i;
/** Symptom names too broad to stand as a must-not on their own ("denies pain" says nothing of which pain). */
const TOO_BROAD = new Set(['pain', 'swelling', 'weakness', 'bleeding', 'ulcer', 'redness', 'stiffness']);

interface Vocab {
  variants: Map<string, string[]>;
  match: (text: string) => Array<{ key: string; phrase: string }>;
}

/** Symptom, problem and surgery lexicons as one matcher of named entries with all their variants. */
function vocab(): Vocab {
  const sym = JSON.parse(readFileSync('resources/clinical/symptoms.json', 'utf8')).symptoms as Record<
    string,
    { variants: string[] }
  >;
  const prob = JSON.parse(readFileSync('resources/clinical/problems.json', 'utf8')) as {
    problems: Record<string, string[]>;
    surgeries: Record<string, string[]>;
  };
  const variants = new Map<string, string[]>();
  const add = (key: string, vs: string[]) => variants.set(key, [...new Set(vs.map((v) => v.toLowerCase()))]);
  for (const [name, e] of Object.entries(sym)) if (!TOO_BROAD.has(name)) add(`symptom:${name}`, [name, ...e.variants]);
  for (const [name, vs] of Object.entries(prob.problems)) add(`problem:${name}`, [name, ...vs]);
  for (const [name, vs] of Object.entries(prob.surgeries)) add(`surgery:${name}`, [name, ...vs]);
  // Longest phrase first, word-bounded, non-overlapping.
  const phrases = [...variants]
    .flatMap(([key, vs]) => vs.map((v) => ({ key, v })))
    .sort((a, b) => b.v.length - a.v.length);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![a-z0-9])(?:${phrases.map((p) => esc(p.v)).join('|')})(?![a-z0-9])`, 'g');
  const keyOf = new Map<string, string>();
  for (const p of phrases) if (!keyOf.has(p.v)) keyOf.set(p.v, p.key);
  return {
    variants,
    match: (text) => [...text.toLowerCase().matchAll(re)].map((m) => ({ key: keyOf.get(m[0])!, phrase: m[0] })),
  };
}

/** A denial that governs what follows it ("denies", "no", "negative for", "not had", "without"). */
const DENIAL =
  /(?<![a-z-])(?:no|denies|denied|deny|denying|negative for|negative|without|nor|none|not (?:have|had|having|been having|experienced?|experiencing|noticed?|report(?:ed)?|complain(?:ed)? of|bothered by)|free of)(?![a-z-])/g;
/** What ends a denial's reach before the mention: a new subject, an exception, a relative clause. */
const DENIAL_ENDS =
  /(?<![a-z])(?:who|which|whom|that|other than|except|apart from|aside from|with the|presented|presents|complain(?:s|ed|ing)?|reports?|reported)(?![a-z])/;

/**
 * Whether a denial reaches the mention: the nearest denial before it, with nothing between them that ends its
 * reach, and the mention not a word part ("non-small cell lung cancer").
 */
function deniedBy(clause: string, phrase: string): boolean {
  const lower = clause.toLowerCase();
  const at = lower.indexOf(phrase);
  if (at < 0 || /non-?\s*$/.test(lower.slice(0, at))) return false;
  let last: RegExpExecArray | null = null;
  for (const m of lower.slice(0, at).matchAll(DENIAL)) last = m as RegExpExecArray;
  if (!last) return false;
  const between = lower.slice(last.index + last[0].length, at);
  return between.length <= 120 && !DENIAL_ENDS.test(between);
}

/** The comma-separated list item holding a mention ("…, distant history of migraine some 30 years ago"). */
function listItemOf(clause: string, phrase: string): string {
  const lower = clause.toLowerCase();
  const at = lower.indexOf(phrase);
  const from = lower.lastIndexOf(',', at) + 1;
  const to = lower.indexOf(',', at + phrase.length);
  return lower.slice(from, to < 0 ? undefined : to);
}

/** The patient's lines about themself only: first person, no relative, no "we" / "he" / "she" / "they". */
function ownLines(dialogue: string): string[] {
  return dialogue
    .split(/\r?\n/)
    .filter((l) => /^patient:/i.test(l))
    .map((l) => l.replace(/^patient:\s*/i, ''))
    .filter(
      (l) =>
        /\b(?:i|i'm|i've|my|me)\b/i.test(l) &&
        !RELATIVE.test(l) &&
        !/\b(?:we|we've|our|he|he's|she|she's|they|they're|them|his|her|their|husband|wife|partner)\b/i.test(l),
    );
}

interface Item extends GoldMustNot {
  key: string;
}

/** Whether the gold checker reads `phrase` in `sentence` as negated (a 'denied' must-not not asserted there). */
function negatedIn(sentence: string, phrase: string): boolean {
  const item: GoldMustNot = { statement: phrase, kind: 'denied', terms: [[phrase]] };
  return scoreNote('', sentence, { must: [], mustNot: [item] }).asserted.length === 0;
}

/** The must-not items a clinician's section implies, by its header. */
function itemsOf(header: string, text: string, v: Vocab): Item[] {
  const kind = KIND_OF[header];
  if (!kind) return [];
  const out = new Map<string, Item>();
  for (const sentence of splitSentences(text.replace(/\s+/g, ' ').trim())) {
    // Clauses: the gold checker's negation does not cross these, so neither does a relative or a past time.
    for (const clause of sentence.split(/;|\bbut\b|\bhowever\b|\balthough\b/i)) {
      for (const m of v.match(clause)) {
        const negated = negatedIn(clause, m.phrase);
        const source = m.key.split(':')[0];
        let take = false;
        if (kind === 'denied') take = negated && source !== 'surgery' && deniedBy(clause, m.phrase);
        else if (kind === 'family') take = !negated && source !== 'surgery' && RELATIVE.test(clause);
        else take = !negated && (source === 'surgery' || PAST_TIME.test(listItemOf(clause, m.phrase)));
        if (!take || out.has(m.key)) continue;
        const name = m.key.split(':')[1]!;
        out.set(m.key, {
          key: m.key,
          kind,
          statement:
            kind === 'denied'
              ? `${name} (denied: "${clause.trim()}")`
              : kind === 'family'
                ? `patient has ${name} (a relative's: "${clause.trim()}")`
                : `${name} is current (history: "${clause.trim()}")`,
          terms: [v.variants.get(m.key)!],
        });
      }
    }
  }
  return [...out.values()];
}

function main(): number {
  const args = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA },
      reference: { type: 'boolean' },
      list: { type: 'string', default: '1000' },
      json: { type: 'boolean' },
    },
    strict: true,
  }).values;
  if (/valid|test/i.test(args.data!)) {
    process.stderr.write('mts-assertion: train split only\n');
    return 2;
  }
  const v = vocab();
  const rows = parseCsvObjects(readFileSync(args.data!, 'utf8')).filter(
    (r) => r.dialogue && r.section_text && KIND_OF[r.section_header ?? ''],
  );
  const convs: Record<Kind, number> = { denied: 0, family: 0, past: 0 };
  const items: Record<Kind, number> = { denied: 0, family: 0, past: 0 };
  const asserted: Record<Kind, number> = { denied: 0, family: 0, past: 0 };
  let ambiguous = 0;
  const failures: Array<{ id: string; kind: Kind; statement: string; sentence: string }> = [];
  const t0 = performance.now();
  for (const r of rows) {
    const header = r.section_header!;
    const kind = KIND_OF[header]!;
    convs[kind]++;
    const reference = `${HEADING[header]}\n${r.section_text!.replace(/\s+/g, ' ').trim()}`;
    let list = itemsOf(header, r.section_text!, v);
    if (kind === 'family') {
      // The patient has it too ("I am feeling kind of dizzy" — "this happened to my sister too"): not only a
      // relative's, so the draft may state it as the patient's.
      const own = ownLines(r.dialogue!);
      list = list.filter((i) => {
        const mine = own.some(
          (l) => scoreNote('', l, { must: [], mustNot: [{ ...i, kind: 'denied' }] }).asserted.length,
        );
        if (mine) ambiguous++;
        return !mine;
      });
    }
    if (!args.reference) {
      // An item the clinician's own text asserts is ambiguous (denied in one place, reported in another).
      const self = new Set(scoreNote(r.ID!, reference, { must: [], mustNot: list }).asserted.map((a) => a.statement));
      ambiguous += self.size;
      list = list.filter((i) => !self.has(i.statement));
    }
    items[kind] += list.length;
    if (!list.length) continue;
    const note = args.reference ? reference : draftNote(parseTranscript(r.dialogue!)).note;
    for (const a of scoreNote(r.ID!, note, { must: [], mustNot: list }).asserted) {
      asserted[kind]++;
      failures.push({ id: r.ID!, kind, statement: a.statement, sentence: a.sentence });
    }
  }
  const ms = performance.now() - t0;
  const per100 = (k: Kind) => ((100 * asserted[k]) / Math.max(1, convs[k])).toFixed(1);
  if (args.json) {
    process.stdout.write(JSON.stringify({ convs, items, asserted, ambiguous, failures }, null, 2) + '\n');
    return 0;
  }
  const lines = [
    `== ${args.data} (MTS-Dialog): ${args.reference ? "clinician's section text" : 'drafts'}, ${rows.length} conversations`,
    ...KINDS.map(
      (k) =>
        `${k.padEnd(7)} ${String(convs[k]).padStart(4)} conversations, ${String(items[k]).padStart(4)} must-nots, ` +
        `${String(asserted[k]).padStart(3)} asserted = ${per100(k)} per 100 conversations`,
    ),
    `all     ${((100 * (asserted.denied + asserted.family + asserted.past)) / Math.max(1, rows.length)).toFixed(1)} per 100 conversations` +
      `; ${ambiguous} items dropped as ambiguous (asserted by the clinician's own text, or a family item the patient` +
      ` also says of themself)`,
    `time    ${(ms / Math.max(1, rows.length)).toFixed(1)} ms per conversation`,
    '',
    ...failures
      .slice(0, Number(args.list))
      .map((f) => `${f.kind.padEnd(6)} ${f.id.padStart(4)}  ${f.statement}\n             draft: ${f.sentence}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

process.exitCode = main();
