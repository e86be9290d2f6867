/**
 * Evaluates Bedside's learned text models against the rules they would replace:
 *   npm run eval:models [-- --data ../shared/data] [--json]
 *
 * For utterance-section, on ACI-BENCH valid and MTS-Dialog valid: accuracy and macro-F1 of the rules, the fp32 twin
 * and the shipped int8 model side by side (and, on the sentences the reference note states, which section), int8 vs
 * fp32 agreement (target ≥ 99 %), the bundled text models' total size (≤ 5 MB), load time (≤ 100 ms) and the time
 * to classify a 1,200-word visit (≤ 5 ms) next to the rules' time in the same run.
 * The fp32 twin is rebuilt by retraining (deterministic), which also re-checks that training reproduces the shipped
 * file byte for byte.
 */
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { parseTranscript } from '../core/clinical/parse.js';
import { sentencesOf } from '../core/clinical/discourse.js';
import { SECTION_LABELS, visitUtterances } from '../core/clinical/learned/features.js';
import { rulesSections } from '../core/clinical/learned/rules-sections.js';
import { UTTERANCE_MODEL, loadSplit, requireDataSplits, trainUtterance } from '../core/clinical/learned/pipeline.js';
import {
  alignSentence,
  contentSet,
  noteSentences,
  sectionOfHeading,
  type LabelledUtterance,
} from '../core/clinical/learned/align.js';
import { draftNote } from '../core/clinical/drafter.js';
import { scoreNote, validateGold } from '../core/clinical/gold.js';
import { rougeAll } from '../core/clinical/rouge.js';
import { classifySections } from '../models/text/utterances.js';
import { TextModel, readCard, sha256, textModelDirs, textModelsRoot } from '../models/text/loader.js';
import { sideBySide, summary } from '../models/text/evaluate.js';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '../shared/data' }, json: { type: 'boolean', default: false } },
});
const dataDir = values.data!;
requireDataSplits(dataDir);
const dir = join(textModelsRoot(), UTTERANCE_MODEL);
const pct = (x: number) => (x * 100).toFixed(1);
const out: Record<string, unknown> = {};
const lines: string[] = [];

// Load time: the first load pays for loading onnxruntime itself; later loads are the model alone.
let t = performance.now();
const int8 = await TextModel.load(dir);
const coldMs = performance.now() - t;
const warm: number[] = [];
for (let i = 0; i < 9; i++) {
  const m = await TextModel.load(dir);
  warm.push(m.loadMs);
  await m.release();
}
const warmMs = median(warm);
const warmMin = Math.min(...warm);

t = performance.now();
const trained = trainUtterance(loadSplit(dataDir, 'train'));
const retrainS = (performance.now() - t) / 1000;
const card = readCard(dir);
const reproduced = sha256(trained.int8) === card.sha256;
const fp32 = await TextModel.load(dir, trained.fp32);

const valid = loadSplit(dataDir, 'valid');
for (const [name, data] of [
  ['aci-bench valid', valid.aci],
  ['mts-dialog valid', valid.mts],
] as Array<[string, LabelledUtterance[]]>) {
  const s = await sideBySide(data, int8, fp32);
  const sec = s.stated;
  out[name] = { ...summary(s), rulesPerClassF1: perClass(s.rules.perClass) };
  lines.push(
    `${name} (${s.sentences} sentences)        accuracy   macro-F1`,
    `  rules                      ${pct(s.rules.accuracy).padStart(6)} %   ${pct(s.rules.macroF1).padStart(6)} %`,
    `  model fp32                 ${pct(s.fp32.accuracy).padStart(6)} %   ${pct(s.fp32.macroF1).padStart(6)} %`,
    `  model int8                 ${pct(s.int8.accuracy).padStart(6)} %   ${pct(s.int8.macroF1).padStart(6)} %`,
    `  int8 = fp32 on ${pct(s.agreement)} % of sentences (target ≥ 99 %)`,
    `  section of the ${sec.sentences} sentences the note states: rules ${pct(sec.rules)} %, int8 ${pct(sec.int8)} % (best label other than none: ${pct(sec.int8NotNone)} %)`,
    `  per-class F1 rules / int8: ${SECTION_LABELS.map((l) => `${l} ${pct(s.rules.perClass[l]!.f1)}/${pct(s.int8.perClass[l]!.f1)}`).join(', ')}`,
  );
}

// Size of every bundled text model (its folder: ONNX file, card, README).
let bytes = 0;
for (const d of textModelDirs()) for (const f of readdirSync(d)) bytes += statSync(join(d, f)).size;

// A 1,200-word visit: ACI-BENCH valid turns in order until 1,200 words.
const rows = parseCsvObjects(readFileSync(join(dataDir, 'aci-bench', 'valid.csv'), 'utf8'));
const turns: string[] = [];
let words = 0;
for (const r of rows)
  for (const l of (r.dialogue ?? '').split('\n')) {
    if (words >= 1200 || !l.trim()) continue;
    turns.push(l);
    words += l.split(/\s+/).length - 1;
  }
const visit = parseTranscript(turns.join('\n'));
const rulesMs = timeSync(() => rulesSections(visit, sentencesOf(visit)));
const modelMs = await timeAsync(async () => {
  await int8.classify(visitUtterances(visit).inputs);
});

out.size = { bytes, targetBytes: 5 * 1024 * 1024 };
out.loadMs = { cold: round(coldMs), warmMin: round(warmMin), warmMedian: round(warmMs), target: 100 };
out.visit = {
  words,
  sentences: sentencesOf(visit).length,
  rulesMs: { min: round(rulesMs.min), median: round(rulesMs.median) },
  modelMs: { min: round(modelMs.min), median: round(modelMs.median) },
  ratio: { min: round(modelMs.min / rulesMs.min), median: round(modelMs.median / rulesMs.median) },
  targetMs: 5,
};
out.training = { reproducedShippedBytes: reproduced, seconds: round(retrainS) };
lines.push(
  `size of the bundled text models: ${(bytes / 1024 / 1024).toFixed(2)} MB (target ≤ 5 MB)`,
  `load: ${coldMs.toFixed(1)} ms cold (onnxruntime itself loading), warm fastest / median of 9: ${warmMin.toFixed(1)} / ${warmMs.toFixed(1)} ms (target ≤ 100 ms)`,
  `a ${words}-word visit (${sentencesOf(visit).length} sentences), fastest / median of 41: model ${modelMs.min.toFixed(2)} / ${modelMs.median.toFixed(2)} ms, rules ${rulesMs.min.toFixed(2)} / ${rulesMs.median.toFixed(2)} ms (model ÷ rules ×${(modelMs.min / rulesMs.min).toFixed(2)} / ×${(modelMs.median / rulesMs.median).toFixed(2)}; target ≤ 5 ms)`,
  `retraining reproduces the shipped file byte for byte: ${reproduced ? 'yes' : 'NO'} (${retrainS.toFixed(1)} s)`,
);
// The drafts of ACI-BENCH valid with and without the model's labels (the switch BEDSIDE_TEXT_MODELS): gold key facts
// found, must-not statements asserted, ROUGE against the clinician's note, and misplaced sentences (a draft sentence
// whose best-covering reference sentence stands in another section).
const gold = validateGold(JSON.parse(readFileSync('eval/gold/aci-valid.json', 'utf8')), 'aci-valid');
const noteRows = rows.filter((r) => r.dialogue && r.note);
const arms: Record<
  string,
  {
    gold: number[];
    mustNot: number;
    rouge1: number;
    rougeL: number;
    misplaced: number;
    sentences: number;
    changed: number;
  }
> = {};
for (const arm of ['rules', 'rules + model'] as const) {
  const a = { gold: [0, 0], mustNot: 0, rouge1: 0, rougeL: 0, misplaced: 0, sentences: 0, changed: 0 };
  for (const [i, r] of noteRows.entries()) {
    const transcript = parseTranscript(r.dialogue!);
    const utterances = arm === 'rules' ? undefined : (await classifySections(transcript, int8)).labels;
    const draft = draftNote(transcript, utterances ? { utterances } : {});
    if (utterances && draft.note !== draftNote(transcript).note) a.changed++;
    const id = r.encounter_id ?? String(i);
    if (gold[id]) {
      const g = scoreNote(id, draft.note, gold[id]);
      a.gold[0]! += g.found;
      a.gold[1]! += g.total;
      a.mustNot += g.asserted.length;
    }
    const rg = rougeAll(r.note!, draft.note);
    a.rouge1 += rg.rouge1.fmeasure / noteRows.length;
    a.rougeL += rg.rougeLsum.fmeasure / noteRows.length;
    const ref = noteSentences(r.note!).map((n) => ({ section: n.section, words: contentSet(n.text) }));
    for (const sec of draft.sections) {
      const mine = sectionOfHeading(sec.title);
      if (!mine) continue;
      for (const x of sec.sentences) {
        a.sentences++;
        const theirs = alignSentence(x.text, ref, new Map());
        if (theirs !== 'none' && theirs !== mine) a.misplaced++;
      }
    }
  }
  arms[arm] = a;
}
out.notes = arms;
lines.push(
  `drafts of aci-bench valid (${noteRows.length} visits)   facts found   must-not/note   ROUGE-1   ROUGE-Lsum   misplaced sentences`,
);
for (const [arm, a] of Object.entries(arms))
  lines.push(
    `  ${arm.padEnd(28)} ${pct(a.gold[0]! / Math.max(1, a.gold[1]!)).padStart(8)} %   ${(a.mustNot / noteRows.length).toFixed(2).padStart(10)}   ${pct(a.rouge1).padStart(6)}   ${pct(a.rougeL).padStart(9)}   ${a.misplaced}/${a.sentences}${arm === 'rules' ? '' : ` (${a.changed} drafts changed)`}`,
  );

await int8.release();
await fp32.release();
process.stdout.write(values.json ? JSON.stringify(out, null, 2) + '\n' : lines.join('\n') + '\n');
if (!reproduced) process.exitCode = 1;

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}
function round(x: number): number {
  return Math.round(x * 100) / 100;
}
function perClass(p: Record<string, { f1: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Math.round(v.f1 * 1000) / 1000]));
}
/** Fastest and median of 41 timed runs after 3 warm-up runs (on a busy machine the fastest is the cost itself). */
interface Timing {
  min: number;
  median: number;
}
function timeSync(f: () => unknown): Timing {
  for (let i = 0; i < 3; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < 41; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return { min: Math.min(...ts), median: median(ts) };
}
async function timeAsync(f: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await f();
  const ts: number[] = [];
  for (let i = 0; i < 41; i++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  return { min: Math.min(...ts), median: median(ts) };
}
