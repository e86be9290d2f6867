/**
 * Note-drafting evaluation on ACI-BENCH style CSVs (columns: encounter_id, dialogue, note).
 *   npm run eval:notes -- --data ../shared/data/aci-bench/valid.csv [--template outpatient] [--per-note] [--json]
 * Prints ROUGE-1/2/L (rougeLsum, rouge_score without stemming, F-measure averaged per note), evidence coverage,
 * unsupported numbers and speaker-role accuracy with the tags removed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { evaluateRows } from '../core/clinical/evaluate.js';
import { roleAccuracy } from '../core/clinical/role-eval.js';

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string' },
        template: { type: 'string', default: 'outpatient' },
        'per-note': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`eval-notes: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (!args.data) {
    process.stderr.write('usage: npm run eval:notes -- --data FILE.csv [--template NAME] [--per-note] [--json]\n');
    return 2;
  }
  let rows;
  try {
    rows = parseCsvObjects(readFileSync(args.data, 'utf8'));
  } catch (err) {
    process.stderr.write(`eval-notes: cannot read ${args.data}: ${(err as Error).message}\n`);
    return 2;
  }
  rows = rows.filter((r) => r.dialogue && r.note);
  if (!rows.length) {
    process.stderr.write('eval-notes: no rows with dialogue and note columns\n');
    return 2;
  }
  const t0 = performance.now();
  const summary = evaluateRows(rows, args.template);
  const ms = performance.now() - t0;
  const roles = roleAccuracy(rows.map((r) => r.dialogue!));
  if (args.json) {
    process.stdout.write(JSON.stringify({ ...summary, roles, ms }, null, 2) + '\n');
    return 0;
  }
  const pct = (x: number) => (x * 100).toFixed(2);
  if (args['per-note'])
    for (const e of summary.perNote)
      process.stdout.write(
        `${e.id.padEnd(10)} R1 ${pct(e.rouge1)}  R2 ${pct(e.rouge2)}  RL ${pct(e.rougeLsum)}  sentences ${e.sentences}` +
          `${e.unsupportedNumbers.length ? `  unsupported numbers ${e.unsupportedNumbers.join(',')}` : ''}\n`,
      );
  process.stdout.write(
    [
      `notes                 ${summary.notes} (template ${args.template})`,
      `ROUGE-1               ${pct(summary.rouge1)}`,
      `ROUGE-2               ${pct(summary.rouge2)}`,
      `ROUGE-L (rougeLsum)   ${pct(summary.rougeLsum)}`,
      `evidence coverage     ${pct(summary.coverage)} % of sentences`,
      `unsupported numbers   ${summary.unsupportedNumbers}`,
      `speaker roles         ${pct(roles.accuracy)} % of ${roles.turns} turns (tags removed, vs the CSV's tags)`,
      `                      ${pct(roles.unswapped.accuracy)} % of ${roles.unswapped.turns} turns in the ${roles.unswapped.recordings} recordings` +
        ` whose tags are not swapped throughout (${roles.swapped.map((i) => rows[i]!.encounter_id).join(', ') || 'none'} excluded)`,
      `drafting time         ${ms.toFixed(0)} ms total, ${(ms / summary.notes).toFixed(1)} ms per note (incl. scoring)`,
    ].join('\n') + '\n',
  );
  return 0;
}

process.exitCode = main();
