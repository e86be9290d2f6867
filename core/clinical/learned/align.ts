/**
 * Weak labels for the utterance classifier, from the public data sets' own notes:
 *   - ACI-BENCH: each sentence of a visit is aligned to the sentences of the clinician's note; it takes the section
 *     of the note sentence that covers most of its content words (idf-weighted), or 'none' when no note sentence
 *     covers enough of it (small talk, commands, questions the note does not answer);
 *   - MTS-Dialog: each conversation has the one section written from it; its sentences that share enough content
 *     with that section text take the section, the others 'none'.
 * Only train splits feed training; valid is labelled the same way to measure.
 */
import { parseTranscript } from '../parse.js';
import type { Transcript } from '../types.js';
import { tokens, visitUtterances, type SectionLabel, type UtteranceInput } from './features.js';
import { splitSentences } from '../discourse.js';
import { rulesSections } from './rules-sections.js';

/** One labelled sentence with its visit context. */
export interface LabelledUtterance {
  input: UtteranceInput;
  label: SectionLabel;
  /** What the rules say (rules-sections.ts), for the side-by-side evaluation. */
  rules: SectionLabel;
  /** Which data set and visit it comes from (ids only, never text). */
  source: string;
}

/** A written section heading as one of the classifier's labels; null for a heading it does not know. */
export function sectionOfHeading(heading: string): SectionLabel | null {
  const h = heading.toUpperCase();
  if (/CHIEF COMPLAINT|^CC\b|PRESENT ILLNESS|^HPI\b|GENHX/.test(h)) return 'hpi';
  if (/REVIEW OF SYSTEMS|^ROS\b/.test(h)) return 'ros';
  if (/EXAM|VITALS|^MSK\b/.test(h)) return 'exam';
  if (/RESULTS|^LABS?\b|IMAGING/.test(h)) return 'results';
  if (/ASSESSMENT|PLAN|IMPRESSION|INSTRUCTIONS|PROCEDURE|DIAGNOSIS|DISPOSITION|EDCOURSE/.test(h)) return 'plan';
  if (/HISTORY|MEDICATIONS|ALLERG|IMMUNIZATIONS|GYNHX|SOCHX|PASTMEDICALHX|PASTSURGICAL/.test(h)) return 'history';
  return null;
}

const HEADING = /^([A-Z][A-Z &/]+):?$/;

/** A note's sentences with the section each stands in (text before the first known heading is skipped). */
export function noteSentences(note: string): Array<{ section: SectionLabel; text: string }> {
  const out: Array<{ section: SectionLabel; text: string }> = [];
  let cur: SectionLabel | null = null;
  for (const raw of note.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const h = HEADING.exec(line);
    if (h) {
      cur = sectionOfHeading(h[1]!) ?? cur;
      continue;
    }
    if (!cur) continue;
    for (const s of splitSentences(line)) out.push({ section: cur, text: s });
  }
  return out;
}

const STOP = new Set(
  (
    'a an the and or but so to of in on at for with about from by as is are was were be been being am do does did ' +
    'have has had i you he she it we they me him her us them my your his its our their this that these those there ' +
    'here what which who how when where why not yes yeah okay ok all right alright just like really very well know ' +
    'think mean get got go going gonna want let can could would should will may might must thing things something ' +
    'some any one little bit lot kind sort good great fine sure thank thanks um uh oh now then too also still even ' +
    "again i'm you're it's that's don't i've i'll we'll patient reports states she's he's if up out back see okay"
  ).split(/\s+/),
);

function stem(w: string): string {
  return w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** Content words of a text, stemmed. */
export function contentSet(text: string): Set<string> {
  return new Set(
    tokens(text)
      .filter((w) => !STOP.has(w) && (w.length > 2 || /0/.test(w)))
      .map(stem),
  );
}

/** Inverse document frequency over a list of texts (log scale, +1 smoothing). */
export function idfOf(texts: string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of texts) for (const w of contentSet(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log((n + 1) / (d + 1)) + 1);
  return idf;
}

/** Share of a sentence's content (idf-weighted) a note sentence must cover, and the fewest shared words. */
export const MIN_COVERAGE = 0.34;
export const MIN_SHARED = 2;

/** The section the best-covering note sentence stands in, or 'none'. */
export function alignSentence(
  text: string,
  note: Array<{ section: SectionLabel; words: Set<string> }>,
  idf: Map<string, number>,
): SectionLabel {
  const words = contentSet(text);
  if (words.size < MIN_SHARED) return 'none';
  let total = 0;
  for (const w of words) total += idf.get(w) ?? 1;
  let best = 0;
  let label: SectionLabel = 'none';
  for (const n of note) {
    let shared = 0;
    let cover = 0;
    for (const w of words)
      if (n.words.has(w)) {
        shared++;
        cover += idf.get(w) ?? 1;
      }
    if (shared < MIN_SHARED) continue;
    const c = cover / total;
    if (c > best) {
      best = c;
      label = n.section;
    }
  }
  return best >= MIN_COVERAGE ? label : 'none';
}

/** ACI-BENCH rows (encounter_id, dialogue, note) as labelled sentences with whole-visit context. */
export function labelAciRows(rows: Array<Record<string, string>>, name: string): LabelledUtterance[] {
  const visits = rows
    .filter((r) => r.dialogue && r.note)
    .map((r, i) => ({ id: r.encounter_id ?? String(i), transcript: parseTranscript(r.dialogue!), note: r.note! }));
  const idf = idfOf(visits.flatMap((v) => v.transcript.turns.map((t) => t.text)));
  const out: LabelledUtterance[] = [];
  for (const v of visits) {
    const note = noteSentences(v.note).map((n) => ({ section: n.section, words: contentSet(n.text) }));
    const { sentences, inputs } = visitUtterances(v.transcript);
    const rules = rulesSections(v.transcript, sentences);
    inputs.forEach((input, i) =>
      out.push({ input, label: alignSentence(input.text, note, idf), rules: rules[i]!, source: `${name}:${v.id}` }),
    );
  }
  return out;
}

/** MTS-Dialog rows (ID, section_header, section_text, dialogue): sentences without position (excerpts). */
export function labelMtsRows(rows: Array<Record<string, string>>, name: string): LabelledUtterance[] {
  const convs: Array<{ id: string; section: SectionLabel; transcript: Transcript; text: string }> = [];
  for (const [i, r] of rows.entries()) {
    const section = r.section_header ? sectionOfHeading(r.section_header) : null;
    if (!section || !r.dialogue || !r.section_text) continue;
    convs.push({ id: r.ID ?? String(i), section, transcript: parseTranscript(r.dialogue), text: r.section_text });
  }
  const idf = idfOf(convs.flatMap((c) => c.transcript.turns.map((t) => t.text)));
  const out: LabelledUtterance[] = [];
  for (const c of convs) {
    const note = splitSentences(c.text.replace(/\s+/g, ' ')).map((t) => ({
      section: c.section,
      words: contentSet(t),
    }));
    const { sentences, inputs } = visitUtterances(c.transcript);
    const rules = rulesSections(c.transcript, sentences);
    inputs.forEach((input, i) =>
      out.push({
        input: { ...input, position: null },
        label: alignSentence(input.text, note, idf),
        rules: rules[i]!,
        source: `${name}:${c.id}`,
      }),
    );
  }
  return out;
}
