/**
 * Checks gold key facts against the reference notes (which must score ≈ 100 % found, ≈ 0 must-not asserted):
 *   npx tsx scripts/gold-check.ts --data ../shared/data/aci-bench/train.csv --gold eval/gold/aci-train-a.json [--verbose]
 * Prints each visit's missing facts and asserted must-not statements, then the totals. Exit 2 on bad input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { scoreNote, summariseGold, validateGold, type GoldScore } from '../core/clinical/gold.js';

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        data: { type: 'string', multiple: true },
        gold: { type: 'string', multiple: true },
        verbose: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`gold-check: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (!args.data?.length || !args.gold?.length) {
    process.stderr.write('usage: npx tsx scripts/gold-check.ts --data FILE.csv --gold FILE.json [--verbose]\n');
    return 2;
  }
  const notes = new Map<string, string>();
  for (const f of args.data)
    for (const r of parseCsvObjects(readFileSync(f, 'utf8'))) notes.set(r.encounter_id!, r.note!);
  const scores: GoldScore[] = [];
  for (const f of args.gold) {
    const gold = validateGold(JSON.parse(readFileSync(f, 'utf8')), f);
    for (const [id, g] of Object.entries(gold)) {
      const note = notes.get(id);
      if (note === undefined) {
        process.stderr.write(`gold-check: ${id} is not in the data files\n`);
        return 2;
      }
      const s = scoreNote(id, note, g);
      scores.push(s);
      if (s.missing.length || s.asserted.length || args.verbose) {
        process.stdout.write(`${id}: ${s.found}/${s.total} found, ${s.asserted.length} must-not asserted\n`);
        for (const m of s.missing) process.stdout.write(`  missing: ${m}\n`);
        for (const a of s.asserted) process.stdout.write(`  asserted: ${a.statement}  <- "${a.sentence}"\n`);
      }
    }
  }
  const sum = summariseGold(scores);
  process.stdout.write(
    `visits ${sum.notes}  facts found ${(sum.factsFound * 100).toFixed(1)} %  must-not asserted ${sum.mustNotPerNote.toFixed(3)} per note\n`,
  );
  return 0;
}

process.exitCode = main();
