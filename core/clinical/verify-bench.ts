/**
 * Verifier benchmark: errors injected into reference notes, counted as flagged or missed, next to the share of
 * untouched reference sentences the verifier flags. Five kinds, at most one of each per note, chosen deterministically:
 *   number (a stated number changed), polarity ("denies" ↔ "reports"), drug (one swapped for a drug the visit never
 *   named), side (left ↔ right), invented (a symptom sentence the visit never supports).
 */
import { lexicons } from './lexicon.js';
import { parseTranscript } from './parse.js';
import { noteLines } from './note-text.js';
import { createVerifier } from './verify.js';

export type InjectionKind = 'number' | 'polarity' | 'drug' | 'side' | 'invented';
export const INJECTION_KINDS: InjectionKind[] = ['number', 'polarity', 'drug', 'side', 'invented'];

export interface Injection {
  kind: InjectionKind;
  original: string;
  injected: string;
}

const SWAP_DRUGS = ['warfarin', 'prednisone', 'methotrexate', 'amiodarone', 'digoxin', 'lithium'];
const INVENTED = ['blurred vision', 'night sweats', 'hearing loss', 'hair loss', 'blood in the urine', 'double vision'];

/** A small deterministic hash, so the same note always gets the same injections. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function changedNumber(n: number): number {
  if (!Number.isInteger(n)) return Math.round((n + 1.3) * 10) / 10;
  return n < 10 ? n + 3 : Math.round(n * 1.4) + 1;
}

/** The injections for one note (one per kind where the note has a sentence it applies to). */
export function injectionsFor(id: string, dialogue: string, note: string): Injection[] {
  const lines = noteLines(note).map((l) => l.text);
  const lowerVisit = dialogue.toLowerCase();
  const out: Injection[] = [];
  const pick = <T>(items: T[], salt: string): T | undefined =>
    items.length ? items[hash(id + salt) % items.length] : undefined;
  const num = pick(
    lines.filter((l) => /\b\d+(?:\.\d+)?\b/.test(l) && !/\b\d+-year-old\b/.test(l)),
    'n',
  );
  if (num) {
    const m = /\b(\d+(?:\.\d+)?)\b/.exec(num)!;
    const injected = num.slice(0, m.index) + String(changedNumber(Number(m[1]))) + num.slice(m.index + m[1]!.length);
    out.push({ kind: 'number', original: num, injected });
  }
  const pol = pick(
    lines.filter(
      (l) => /\b(denies|reports|endorses)\b/i.test(l) && lexicons().symptoms.match(l.toLowerCase()).length > 0,
    ),
    'p',
  );
  if (pol) {
    const injected = /\bdenies\b/i.test(pol)
      ? pol.replace(/\bdenies( any)?\b/i, (m) => (m[0] === 'D' ? 'Reports' : 'reports'))
      : pol.replace(/\b(reports|endorses)\b/i, (m) => (m[0] === m[0]!.toUpperCase() ? 'Denies' : 'denies'));
    out.push({ kind: 'polarity', original: pol, injected });
  }
  const drugLine = pick(
    lines.filter((l) => lexicons().medications.match(l.toLowerCase()).length > 0),
    'd',
  );
  if (drugLine) {
    const m = lexicons().medications.match(drugLine.toLowerCase())[0]!;
    const swap = SWAP_DRUGS.find((d) => !lowerVisit.includes(d) && d !== m.value.name)!;
    out.push({ kind: 'drug', original: drugLine, injected: drugLine.slice(0, m.start) + swap + drugLine.slice(m.end) });
  }
  const sideLine = pick(
    lines.filter((l) => /\b(left|right)\b/i.test(l)),
    's',
  );
  if (sideLine) {
    const injected = sideLine.replace(
      /\b(left|right|Left|Right)\b/,
      (w) => ({ left: 'right', right: 'left', Left: 'Right', Right: 'Left' })[w as 'left']!,
    );
    out.push({ kind: 'side', original: sideLine, injected });
  }
  const invented = pick(
    INVENTED.filter((s) => !lowerVisit.includes(s.split(' ')[0]!)),
    'i',
  );
  if (invented) out.push({ kind: 'invented', original: '', injected: `The patient also reports ${invented}.` });
  return out;
}

export interface VerifyBenchResult {
  notes: number;
  /** Untouched reference sentences, and how many the verifier flags. */
  sentences: number;
  untouchedFlagged: number;
  injected: Record<InjectionKind, { total: number; flagged: number }>;
  missed: Array<{ id: string; kind: InjectionKind; sentence: string }>;
}

export function runVerifyBench(rows: Array<{ id: string; dialogue: string; note: string }>): VerifyBenchResult {
  const res: VerifyBenchResult = {
    notes: rows.length,
    sentences: 0,
    untouchedFlagged: 0,
    injected: Object.fromEntries(
      INJECTION_KINDS.map((k) => [k, { total: 0, flagged: 0 }]),
    ) as VerifyBenchResult['injected'],
    missed: [],
  };
  for (const r of rows) {
    // The visit is read once; the reference note and each injected sentence are checked against it.
    const verify = createVerifier(parseTranscript(r.dialogue));
    const base = verify(r.note);
    res.sentences += base.length;
    res.untouchedFlagged += base.filter((s) => !s.supported).length;
    for (const inj of injectionsFor(r.id, r.dialogue, r.note)) {
      if (inj.injected === inj.original) continue;
      const [v] = verify(inj.injected);
      res.injected[inj.kind].total++;
      if (v && !v.supported) res.injected[inj.kind].flagged++;
      else res.missed.push({ id: r.id, kind: inj.kind, sentence: inj.injected });
    }
  }
  return res;
}
