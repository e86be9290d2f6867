/**
 * Evaluation of drafted notes against reference notes (ACI-BENCH CSV rows): ROUGE-1/2/Lsum F-measure averaged per
 * note, evidence coverage (share of sentences with evidence) and numbers in drafts absent from their transcripts.
 */
import { draftNote } from './drafter.js';
import { numbersIn, unsupportedNumbers } from './numbers.js';
import { parseTranscript } from './parse.js';
import { rougeAll } from './rouge.js';
import type { Draft } from './types.js';

export interface NoteEval {
  id: string;
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
  sentences: number;
  withEvidence: number;
  unsupportedNumbers: number[];
}

export interface EvalSummary {
  notes: number;
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
  coverage: number;
  unsupportedNumbers: number;
  perNote: NoteEval[];
  /** The drafts, in row order. */
  drafts: Draft[];
}

export function evaluateOne(
  id: string,
  dialogue: string,
  reference: string,
  template = 'outpatient',
  /** A draft made already (a generative engine's, scripts/eval-notes.ts --engine); default: the embedded drafter's. */
  drafted?: Draft,
): { eval: NoteEval; draft: Draft } {
  const transcript = parseTranscript(dialogue);
  const draft = drafted ?? draftNote(transcript, { template });
  const r = rougeAll(reference, draft.note);
  const have = new Set(numbersIn(transcript.turns.map((t) => t.text).join('\n')));
  const sentences = draft.sections.flatMap((s) => s.sentences);
  const bad = sentences.flatMap((s) => unsupportedNumbers(s.text, have));
  // Headings carry no numbers; check the whole note text too, in case a template title does.
  bad.push(...draft.sections.flatMap((s) => unsupportedNumbers(s.title, have)));
  return {
    draft,
    eval: {
      id,
      rouge1: r.rouge1.fmeasure,
      rouge2: r.rouge2.fmeasure,
      rougeLsum: r.rougeLsum.fmeasure,
      sentences: sentences.length,
      withEvidence: sentences.filter((s) => s.supported && s.evidence.length > 0).length,
      unsupportedNumbers: bad,
    },
  };
}

export function evaluateRows(
  rows: Array<Record<string, string>>,
  template = 'outpatient',
  drafts?: Draft[],
): EvalSummary {
  const results = rows.map((r, i) =>
    evaluateOne(r.encounter_id ?? String(i), r.dialogue ?? '', r.note ?? '', template, drafts?.[i]),
  );
  const perNote = results.map((r) => r.eval);
  const n = Math.max(1, perNote.length);
  const sents = perNote.reduce((a, e) => a + e.sentences, 0);
  return {
    notes: perNote.length,
    rouge1: perNote.reduce((a, e) => a + e.rouge1, 0) / n,
    rouge2: perNote.reduce((a, e) => a + e.rouge2, 0) / n,
    rougeLsum: perNote.reduce((a, e) => a + e.rougeLsum, 0) / n,
    coverage: sents ? perNote.reduce((a, e) => a + e.withEvidence, 0) / sents : 1,
    unsupportedNumbers: perNote.reduce((a, e) => a + e.unsupportedNumbers.length, 0),
    perNote,
    drafts: results.map((r) => r.draft),
  };
}
