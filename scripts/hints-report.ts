/**
 * Alert-fatigue report over ACI-BENCH (default: valid split): hints per visit, by kind and severity, and a sample of
 * non-code hints for manual review. Run: npx tsx scripts/hints-report.ts [CSV] [--sample N] [--all]
 * Prints figures only; the data stays in /work/shared (never copied into the repository).
 */
import { readFileSync } from 'node:fs';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { computeHints, summarize, type Hint } from '../core/hints/index.js';

const args = process.argv.slice(2);
const csv = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '/work/shared/data/aci-bench/valid.csv';
const sampleAt = args.indexOf('--sample');
const sample = sampleAt >= 0 ? Number(args[sampleAt + 1] ?? 10) : 10;
const showAll = args.includes('--all');

const rows = parseCsvObjects(readFileSync(csv, 'utf8'));
let nonCode = 0;
let codes = 0;
const byKind: Record<string, number> = {};
const bySeverity: Record<string, number> = {};
const review: Array<{ id: string; hint: Hint; quote: string }> = [];
for (const r of rows) {
  const dialogue = r.dialogue ?? '';
  const hints = computeHints(dialogue);
  const s = summarize(hints);
  nonCode += s.nonCode;
  codes += s.total - s.nonCode;
  for (const [k, v] of Object.entries(s.byKind)) byKind[k] = (byKind[k] ?? 0) + v;
  for (const h of hints) if (h.kind !== 'diagnosis-code') bySeverity[h.severity] = (bySeverity[h.severity] ?? 0) + 1;
  const lines = dialogue.split('\n');
  for (const h of hints)
    if (h.kind !== 'diagnosis-code')
      review.push({
        id: r.encounter_id ?? '?',
        hint: h,
        quote: h.evidence.map((e) => `    [${e}] ${(lines[e] ?? '').slice(0, 220)}`).join('\n'),
      });
}
const n = rows.length;
console.log(`visits: ${n}`);
console.log(`non-code hints: ${nonCode} (${(nonCode / n).toFixed(2)} per visit; goal <= 2)`);
console.log(`diagnosis-code hints: ${codes} (${(codes / n).toFixed(2)} per visit)`);
console.log(`by kind: ${JSON.stringify(byKind)}`);
console.log(`non-code by severity: ${JSON.stringify(bySeverity)}`);
console.log(`\nreview sample (${showAll ? 'all' : `first ${sample}`} non-code hints, with the evidence turns):`);
for (const x of showAll ? review : review.slice(0, sample)) {
  console.log(`- ${x.id} [${x.hint.severity}] ${x.hint.kind}: ${x.hint.title}`);
  console.log(x.quote);
}
