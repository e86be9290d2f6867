/**
 * Note-drafting evaluation on ACI-BENCH style CSVs (columns: encounter_id, dialogue, note):
 *   npm run eval:notes [-- --data FILE.csv ...] [--template outpatient] [--reference] [--per-note] [--json]
 * Without --data it runs train and valid (../shared/data/aci-bench), each reported on its own.
 *
 * Reported, in the order a physician would judge a note:
 *   1. gold key facts (eval/gold/*.json): share of must facts found, must-not statements asserted per note;
 *   2. the transcript linter: tags, dictation/voice commands, fillers + stutters, first/second person, words;
 *   3. the verifier: share of draft sentences it supports, and its benchmark (errors injected into the reference
 *      notes: share flagged, next to the share of untouched reference sentences flagged);
 *   4. ROUGE-1/2/Lsum (rouge_score without stemming, F averaged per note), unsupported numbers, speaker roles, time.
 * Without --data it also drafts MTS-Dialog valid (short natural conversations) for the linter and verifier.
 * --reference scores the reference notes in place of drafts (gold ≈ 100 % / ≈ 0 proves the gold and the checker).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { evaluateRows } from '../core/clinical/evaluate.js';
import { scoreNote, summariseGold, validateGold, type GoldSet } from '../core/clinical/gold.js';
import { missingFromNote } from '../core/clinical/coverage.js';
import { extractionContext } from '../core/clinical/extract.js';
import { lintNote, summariseLint } from '../core/clinical/lint-note.js';
import { roleAccuracy } from '../core/clinical/role-eval.js';
import { runVerifyBench } from '../core/clinical/verify-bench.js';
import { draftNote, parseTranscript, verifyNote } from '../core/clinical/index.js';

const DEFAULT_DATA = ['../shared/data/aci-bench/train.csv', '../shared/data/aci-bench/valid.csv'];
const MTS_DATA = '../shared/data/mts-dialog/valid.csv';
const GOLD_DIR = 'eval/gold';

function loadGold(): GoldSet {
  const gold: GoldSet = {};
  for (const f of readdirSync(GOLD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(GOLD_DIR, f);
    Object.assign(gold, validateGold(JSON.parse(readFileSync(path, 'utf8')), path));
  }
  return gold;
}

const pct = (x: number) => (x * 100).toFixed(1);

function evalFile(
  file: string,
  gold: GoldSet,
  opts: { template: string; reference: boolean; perNote: boolean; json: boolean },
): Record<string, unknown> {
  const rows = parseCsvObjects(readFileSync(file, 'utf8')).filter((r) => r.dialogue && r.note);
  if (!rows.length) throw new Error(`${file}: no rows with dialogue and note columns`);
  const t0 = performance.now();
  const summary = evaluateRows(rows, opts.template);
  const ms = performance.now() - t0;
  const notes = opts.reference ? rows.map((r) => r.note!) : summary.drafts.map((d) => d.note);
  const ids = rows.map((r, i) => r.encounter_id ?? String(i));
  const goldScores = ids.flatMap((id, i) => (gold[id] ? [scoreNote(id, notes[i]!, gold[id])] : []));
  const g = summariseGold(goldScores);
  const lint = summariseLint(notes.map(lintNote));
  const refLint = summariseLint(rows.map((r) => lintNote(r.note!)));
  const bench = runVerifyBench(rows.map((r, i) => ({ id: ids[i]!, dialogue: r.dialogue!, note: r.note! })));
  const injected = Object.values(bench.injected).reduce((a, x) => a + x.total, 0);
  const flagged = Object.values(bench.injected).reduce((a, x) => a + x.flagged, 0);
  const draftSentences = summary.drafts.flatMap((d) => d.sections.flatMap((s) => s.sentences));
  const supported = draftSentences.filter((s) => s.supported).length;
  const roles = roleAccuracy(rows.map((r) => r.dialogue!));
  // Omissions: the visit's plan items a note leaves out, in the drafts and in the clinicians' notes.
  let draftOmits = 0;
  let refOmits = 0;
  for (const [i, r] of rows.entries()) {
    const transcript = parseTranscript(r.dialogue!);
    const ex = extractionContext(transcript);
    draftOmits += missingFromNote(transcript, summary.drafts[i]!.note, ex).length / rows.length;
    refOmits += missingFromNote(transcript, r.note!, ex).length / rows.length;
  }
  const name = basename(file);
  const lines: string[] = [];
  if (opts.perNote)
    for (const s of goldScores) {
      const e = summary.perNote.find((p) => p.id === s.id)!;
      lines.push(
        `${s.id.padEnd(8)} facts ${s.found}/${s.total}  must-not ${s.asserted.length}  R1 ${pct(e.rouge1)}` +
          (s.missing.length ? `\n    missing: ${s.missing.join('; ')}` : '') +
          s.asserted.map((a) => `\n    asserted: ${a.statement} <- "${a.sentence}"`).join(''),
      );
    }
  lines.push(
    `== ${name}: ${rows.length} visits, ${opts.reference ? 'REFERENCE notes' : `drafts (template ${opts.template})`}`,
    `gold key facts found        ${pct(g.factsFound)} % (${g.notes} visits with gold; per-note mean ${pct(g.factsFoundPerNote)} %)`,
    `gold must-not asserted      ${g.mustNotPerNote.toFixed(2)} per note`,
    `words per note              ${lint.wordsPerNote.toFixed(0)} (max ${lint.maxWords}; references ${refLint.wordsPerNote.toFixed(0)})`,
    `transcript tags             ${lint.tags}   dictation/voice commands ${lint.commands}`,
    `fillers + stutters          ${pct(lint.fillerStutterRate)} % of ${lint.sentences} sentences (references ${pct(refLint.fillerStutterRate)} %)`,
    `first person                ${pct(lint.firstPersonRate)} % (references ${pct(refLint.firstPersonRate)} %)`,
    `second person               ${pct(lint.secondPersonRate)} % (references ${pct(refLint.secondPersonRate)} %)`,
    `verifier: draft sentences   ${pct(draftSentences.length ? supported / draftSentences.length : 1)} % supported of ${draftSentences.length}`,
    `plan items left out        ${draftOmits.toFixed(2)} per note (references ${refOmits.toFixed(2)})`,
    `verifier: injected errors   ${pct(injected ? flagged / injected : 1)} % flagged (${flagged}/${injected}: ` +
      Object.entries(bench.injected)
        .map(([k, v]) => `${k} ${v.flagged}/${v.total}`)
        .join(', ') +
      `); untouched reference sentences flagged ${pct(bench.untouchedFlagged / Math.max(1, bench.sentences))} %`,
    `ROUGE-1 / 2 / Lsum          ${pct(summary.rouge1)} / ${pct(summary.rouge2)} / ${pct(summary.rougeLsum)} (drafts)`,
    `unsupported numbers         ${summary.unsupportedNumbers}`,
    `speaker roles               ${pct(roles.accuracy)} % of ${roles.turns} turns (tags removed)`,
    `drafting time               ${(ms / rows.length).toFixed(1)} ms per visit (incl. ROUGE)`,
  );
  if (!opts.json) process.stdout.write(lines.join('\n') + '\n\n');
  const { drafts: _drafts, ...rouge } = summary;
  void _drafts;
  return {
    file: name,
    gold: { ...g, perNote: undefined },
    lint,
    refLint,
    bench: { ...bench, missed: undefined },
    rouge,
  };
}

/**
 * Natural, disfluent short conversations (MTS-Dialog valid): the linter on our drafts of them, and the verifier on
 * the section each clinician wrote from them (untouched sentences it flags).
 */
function evalMts(file: string, json: boolean): Record<string, unknown> {
  const rows = parseCsvObjects(readFileSync(file, 'utf8')).filter((r) => r.dialogue && r.section_text);
  const drafts = rows.map((r) => draftNote(parseTranscript(r.dialogue!)).note);
  const lint = summariseLint(drafts.map(lintNote));
  let sentences = 0;
  let flagged = 0;
  for (const r of rows) {
    const v = verifyNote(r.dialogue!, r.section_text!);
    sentences += v.length;
    flagged += v.filter((x) => !x.supported).length;
  }
  if (!json)
    process.stdout.write(
      [
        `== ${basename(file)} (MTS-Dialog): ${rows.length} short natural conversations, drafts (outpatient)`,
        `transcript tags             ${lint.tags}   dictation/voice commands ${lint.commands}`,
        `fillers + stutters          ${pct(lint.fillerStutterRate)} % of ${lint.sentences} sentences`,
        `first / second person       ${pct(lint.firstPersonRate)} % / ${pct(lint.secondPersonRate)} %`,
        `verifier: clinician's text  ${pct(flagged / Math.max(1, sentences))} % of ${sentences} sentences flagged`,
      ].join('\n') + '\n\n',
    );
  return { file: basename(file), lint, verifierFlaggedOnReference: flagged / Math.max(1, sentences) };
}

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string', multiple: true },
        template: { type: 'string', default: 'outpatient' },
        reference: { type: 'boolean' },
        'per-note': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`eval-notes: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  try {
    const gold = loadGold();
    const results = (args.data ?? DEFAULT_DATA).map((f) =>
      evalFile(f, gold, {
        template: args.template!,
        reference: !!args.reference,
        perNote: !!args['per-note'],
        json: !!args.json,
      }),
    );
    if (!args.data && existsSync(MTS_DATA)) results.push(evalMts(MTS_DATA, !!args.json));
    if (args.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`eval-notes: ${(err as Error).message}\n`);
    return 2;
  }
  return 0;
}

process.exitCode = main();
