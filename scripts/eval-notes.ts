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
 *
 * Generative engines (issue 15), the same measures on their grounded drafts, plus how the verifier treated the
 * model's sentences and how often the built-in drafter had to stand in:
 *   npm run eval:notes -- --engine local --model DIR|ID
 *   npm run eval:notes -- --engine server --url URL --model NAME   (API key: BEDSIDE_SERVER_API_KEY)
 * --limit N drafts only the first N visits of each file (a real model takes seconds per visit).
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
import { draftNote, loadTemplate, parseTranscript, verifyNote } from '../core/clinical/index.js';
import type { Draft } from '../core/clinical/types.js';
import { draftWithEngine } from '../core/engines/note-draft.js';
import { createEngineProvider } from '../core/engines/providers.js';
import { DEFAULT_NOTE_ENGINE, type EngineProvider } from '../core/engines/select.js';
import type { EngineDraft } from '../core/engines/generative.js';
import type { EngineKind } from '../core/engines/types.js';
import { loadMachinePolicy } from '../core/policy/policy.js';

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

interface EngineChoice {
  kind: EngineKind;
  model?: string | undefined;
  url?: string | undefined;
  provider?: EngineProvider;
}

/** Drafts every visit with the chosen generative engine (the built-in drafter where it falls back). */
async function engineDrafts(
  dialogues: string[],
  template: string,
  engine: EngineChoice,
): Promise<{ drafts: EngineDraft[]; ms: number }> {
  const tpl = loadTemplate(template);
  const drafts: EngineDraft[] = [];
  const t0 = performance.now();
  for (const dialogue of dialogues)
    drafts.push(
      await draftWithEngine(
        { transcript: dialogue, template: tpl, engine: engine.kind, model: engine.model, url: engine.url },
        {
          policy: () => loadMachinePolicy().values,
          settings: async () => ({ ...DEFAULT_NOTE_ENGINE }),
          engines: () => engine.provider,
          progress: () => undefined,
        },
        undefined,
      ),
    );
  return { drafts, ms: performance.now() - t0 };
}

/** How the verifier treated the model's sentences, and the fallbacks (with their reasons, counted). */
function engineLines(drafts: EngineDraft[]): { lines: string[]; summary: Record<string, unknown> } {
  const g = { written: 0, supported: 0, flagged: 0, replaced: 0, dropped: 0 };
  const reasons = new Map<string, number>();
  let used = 0;
  for (const d of drafts) {
    if (d.engine.fallback) reasons.set(d.engine.fallback, (reasons.get(d.engine.fallback) ?? 0) + 1);
    else used++;
    for (const k of Object.keys(g) as (keyof typeof g)[]) g[k] += d.engine.grounding?.[k] ?? 0;
  }
  const first = drafts[0]?.engine;
  const lines = [
    `engine                      ${first?.requested} (${first?.model ?? '-'}), prompt ${first?.prompt ? `${first.prompt.id} v${first.prompt.version}` : '-'}`,
    `engine drafts               ${used} of ${drafts.length} (built-in drafter stood in for ${drafts.length - used})`,
    `model sentences             ${g.written}: ${pct(g.written ? g.supported / g.written : 1)} % backed by the verifier; ` +
      `flagged ${g.flagged} (replaced ${g.replaced}, dropped ${g.dropped})`,
    ...[...reasons].map(([why, n]) => `fallback (${n}x)              ${why}`),
  ];
  return { lines, summary: { used, visits: drafts.length, grounding: g, fallbacks: Object.fromEntries(reasons) } };
}

async function evalFile(
  file: string,
  gold: GoldSet,
  opts: {
    template: string;
    reference: boolean;
    perNote: boolean;
    json: boolean;
    engine: EngineChoice;
    limit: number | undefined;
  },
): Promise<Record<string, unknown>> {
  const rows = parseCsvObjects(readFileSync(file, 'utf8'))
    .filter((r) => r.dialogue && r.note)
    .slice(0, opts.limit);
  if (!rows.length) throw new Error(`${file}: no rows with dialogue and note columns`);
  let engineDrafted: { drafts: EngineDraft[]; ms: number } | undefined;
  if (opts.engine.kind !== 'embedded' && !opts.reference)
    engineDrafted = await engineDrafts(
      rows.map((r) => r.dialogue!),
      opts.template,
      opts.engine,
    );
  const t0 = performance.now();
  const summary = evaluateRows(rows, opts.template, engineDrafted?.drafts as Draft[] | undefined);
  const ms = engineDrafted ? engineDrafted.ms : performance.now() - t0;
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
  const eng = engineDrafted ? engineLines(engineDrafted.drafts) : undefined;
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
    `== ${name}: ${rows.length} visits, ${opts.reference ? 'REFERENCE notes' : `drafts (template ${opts.template}, engine ${opts.engine.kind})`}`,
    ...(eng?.lines ?? []),
    `gold key facts found        ${pct(g.factsFound)} % (${g.notes} visits with gold; per-note mean ${pct(g.factsFoundPerNote)} %)`,
    `gold must-not asserted      ${g.mustNotPerNote.toFixed(2)} per note`,
    `words per note              ${lint.wordsPerNote.toFixed(0)} (max ${lint.maxWords}; references ${refLint.wordsPerNote.toFixed(0)})`,
    `transcript tags             ${lint.tags}   dictation/voice commands ${lint.commands}`,
    `fillers + stutters          ${pct(lint.fillerStutterRate)} % of ${lint.sentences} sentences (references ${pct(refLint.fillerStutterRate)} %)`,
    `first person                ${pct(lint.firstPersonRate)} % (references ${pct(refLint.firstPersonRate)} %)`,
    `second person               ${pct(lint.secondPersonRate)} % (references ${pct(refLint.secondPersonRate)} %)`,
    `spoken register             ${pct(lint.spokenRate)} % of sentences (references ${pct(refLint.spokenRate)} %; the drafter drops such sentences, so this checks other engines' notes)`,
    `reads as speech (model)     ${pct(lint.speechLikeRate)} % of sentences (references ${pct(refLint.speechLikeRate)} %; learned register model, trained on train notes vs train transcripts)`,
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
    `drafting time               ${(ms / rows.length).toFixed(1)} ms per visit (${engineDrafted ? 'generation, grounding' : 'incl. ROUGE'})`,
  );
  if (!opts.json) process.stdout.write(lines.join('\n') + '\n\n');
  const { drafts: _drafts, ...rouge } = summary;
  void _drafts;
  return {
    file: name,
    ...(eng ? { engine: eng.summary } : {}),
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
async function evalMts(
  file: string,
  json: boolean,
  engine: EngineChoice,
  limit: number | undefined,
): Promise<Record<string, unknown>> {
  const rows = parseCsvObjects(readFileSync(file, 'utf8'))
    .filter((r) => r.dialogue && r.section_text)
    .slice(0, limit);
  const drafts =
    engine.kind === 'embedded'
      ? rows.map((r) => draftNote(parseTranscript(r.dialogue!)).note)
      : (
          await engineDrafts(
            rows.map((r) => r.dialogue!),
            'outpatient',
            engine,
          )
        ).drafts.map((d) => d.note);
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
        `== ${basename(file)} (MTS-Dialog): ${rows.length} short natural conversations, drafts (outpatient, engine ${engine.kind})`,
        `transcript tags             ${lint.tags}   dictation/voice commands ${lint.commands}`,
        `fillers + stutters          ${pct(lint.fillerStutterRate)} % of ${lint.sentences} sentences`,
        `first / second person       ${pct(lint.firstPersonRate)} % / ${pct(lint.secondPersonRate)} %`,
        `spoken register             ${pct(lint.spokenRate)} % of sentences`,
        `reads as speech (model)     ${pct(lint.speechLikeRate)} % of sentences`,
        `verifier: clinician's text  ${pct(flagged / Math.max(1, sentences))} % of ${sentences} sentences flagged`,
      ].join('\n') + '\n\n',
    );
  return { file: basename(file), lint, verifierFlaggedOnReference: flagged / Math.max(1, sentences) };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string', multiple: true },
        template: { type: 'string', default: 'outpatient' },
        reference: { type: 'boolean' },
        'per-note': { type: 'boolean' },
        json: { type: 'boolean' },
        engine: { type: 'string', default: 'embedded' },
        model: { type: 'string' },
        url: { type: 'string' },
        limit: { type: 'string' },
      },
      strict: true,
    }).values;
    if (!['embedded', 'local', 'server'].includes(args.engine!))
      throw new Error(`unknown engine '${args.engine}' (embedded, local or server)`);
    if (args.engine === 'local' && !args.model) throw new Error('--engine local needs --model DIR|ID');
    if (args.engine === 'server' && (!args.url || !args.model))
      throw new Error("--engine server needs --url URL and --model NAME (the server's model name)");
    if (args.limit !== undefined && !/^[1-9]\d*$/.test(args.limit)) throw new Error('--limit takes a positive number');
  } catch (err) {
    process.stderr.write(`eval-notes: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  const kind = args.engine as EngineKind;
  const engine: EngineChoice = {
    kind,
    model: args.model,
    url: args.url,
    ...(kind === 'embedded'
      ? {}
      : {
          provider: createEngineProvider({
            apiKey: () => process.env.BEDSIDE_SERVER_API_KEY || undefined,
            ...(loadMachinePolicy().values.inferenceCaFile
              ? { caFile: loadMachinePolicy().values.inferenceCaFile }
              : {}),
          }),
        }),
  };
  const limit = args.limit !== undefined ? Number(args.limit) : undefined;
  try {
    const gold = loadGold();
    const results: Record<string, unknown>[] = [];
    for (const f of args.data ?? DEFAULT_DATA)
      results.push(
        await evalFile(f, gold, {
          template: args.template!,
          reference: !!args.reference,
          perNote: !!args['per-note'],
          json: !!args.json,
          engine,
          limit,
        }),
      );
    if (!args.data && existsSync(MTS_DATA)) results.push(await evalMts(MTS_DATA, !!args.json, engine, limit));
    if (args.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`eval-notes: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await engine.provider?.close?.();
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`eval-notes: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
