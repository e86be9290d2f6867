/**
 * Hint quality report (issue 13): on ACI-BENCH train and valid, against the hint gold in eval/hints/ — per visit the
 * expected safety alerts found, false alarms, and code suggestions judged correct / wrong / unreviewed — then
 * totals (alert recall, code precision, false alarms per visit, codes per assessed problem) and the written
 * scenarios (recall, false alarms, code misses). Prints figures and hint titles only; the data stays in
 * /work/shared (never copied into the repository).
 *
 * Run: npm run report:hints [-- --split train|valid] [--visits] [--list ID,ID] [--engine DIR]
 *   --visits   one line per visit        --list   print the full hint list of these visits
 *   --engine   load core/hints from another checkout (DIR/core/hints/index.ts), for before/after figures
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { parseContext } from '../core/hints/context.js';
import type { Hint } from '../core/hints/types.js';
import { SCENARIOS, scoreScenario } from '../eval/hints/scenarios.js';

interface AlertRef {
  kind: string;
  title: string;
  why: string;
}
interface VisitGold {
  acceptCodes: string[];
  wrongCodes: Array<{ code: string; why: string }>;
  expectAlerts: AlertRef[];
  acceptAlerts: AlertRef[];
  wrongAlerts: AlertRef[];
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const splits = opt('--split') ? [opt('--split')!] : ['train', 'valid'];
const perVisit = args.includes('--visits');
const listed = new Set((opt('--list') ?? '').split(',').filter(Boolean));
const engineDir = opt('--engine');
const dataDir = '/work/shared/data/aci-bench';

type Compute = (text: string, options?: { context?: unknown }) => Hint[];
const engine = (await import(
  engineDir ? pathToFileURL(join(resolve(engineDir), 'core/hints/index.ts')).href : '../core/hints/index.js'
)) as { computeHints: Compute };
const compute = engine.computeHints;

const refMatches = (h: Hint, r: AlertRef) => h.kind === r.kind && new RegExp(r.title, 'i').test(h.title);
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');

for (const split of splits) {
  const csv = join(dataDir, `${split}.csv`);
  const goldFile = new URL(`../eval/hints/aci-${split}.json`, import.meta.url);
  if (!existsSync(csv)) {
    console.error(`${csv} not found: the ACI-BENCH data is expected in ${dataDir}`);
    process.exit(1);
  }
  const gold = (JSON.parse(readFileSync(goldFile, 'utf8')) as { visits: Record<string, VisitGold> }).visits;
  const rows = parseCsvObjects(readFileSync(csv, 'utf8'));
  const t = {
    visits: 0,
    expected: 0,
    found: 0,
    alerts: 0,
    falseAlarms: 0,
    unreviewedAlerts: 0,
    visitsWithFalse: 0,
    codes: 0,
    correct: 0,
    wrong: 0,
    unreviewedCodes: 0,
    problems: 0,
    overOne: 0,
  };
  const lines: string[] = [];
  for (const r of rows) {
    const id = r.encounter_id ?? '?';
    const g = gold[id];
    if (!g) continue;
    const hints = compute(r.dialogue ?? '');
    const alerts = hints.filter((h) => h.kind !== 'diagnosis-code');
    const codes = hints.filter((h) => h.kind === 'diagnosis-code');
    const found = g.expectAlerts.filter((e) => alerts.some((h) => refMatches(h, e)));
    const wrongA = alerts.filter((h) => g.wrongAlerts.some((w) => refMatches(h, w)));
    const unrevA = alerts.filter(
      (h) => !wrongA.includes(h) && ![...g.expectAlerts, ...g.acceptAlerts].some((e) => refMatches(h, e)),
    );
    const codeOf = (h: Hint) => h.codes?.[0] ?? '';
    const wrongC = codes.filter((h) => g.wrongCodes.some((w) => w.code === codeOf(h)));
    const okC = codes.filter((h) => !wrongC.includes(h) && g.acceptCodes.some((a) => codeOf(h).startsWith(a)));
    const unrevC = codes.filter((h) => !wrongC.includes(h) && !okC.includes(h));
    const perProblem = new Map<string, number>();
    for (const h of codes) perProblem.set(h.problem ?? h.id, (perProblem.get(h.problem ?? h.id) ?? 0) + 1);
    t.visits++;
    t.expected += g.expectAlerts.length;
    t.found += found.length;
    t.alerts += alerts.length;
    t.falseAlarms += wrongA.length + unrevA.length;
    t.unreviewedAlerts += unrevA.length;
    if (wrongA.length + unrevA.length) t.visitsWithFalse++;
    t.codes += codes.length;
    t.correct += okC.length;
    t.wrong += wrongC.length;
    t.unreviewedCodes += unrevC.length;
    t.problems += perProblem.size;
    t.overOne += [...perProblem.values()].filter((n) => n > 1).length;
    if (perVisit)
      lines.push(
        `  ${id}: alerts ${found.length}/${g.expectAlerts.length} expected, ${alerts.length} shown, ` +
          `false ${wrongA.length}${unrevA.length ? ` (+${unrevA.length} unreviewed)` : ''}; ` +
          `codes ${okC.length} ok, ${wrongC.length} wrong${unrevC.length ? `, ${unrevC.length} unreviewed` : ''}` +
          (wrongC.length ? ` [wrong: ${wrongC.map(codeOf).join(', ')}]` : '') +
          (unrevC.length ? ` [unreviewed: ${unrevC.map(codeOf).join(', ')}]` : '') +
          (wrongA.length || unrevA.length
            ? ` [false alarms: ${[...wrongA, ...unrevA].map((h) => `${h.kind}: ${h.title}`).join('; ')}]`
            : ''),
      );
    if (listed.has(id)) {
      lines.push(`  --- ${id} hint list`);
      for (const h of hints)
        lines.push(`    [${h.severity}] ${h.kind}: ${h.title} (turns ${h.evidence.map((e) => e + 1)})`);
    }
  }
  console.log(`ACI-BENCH ${split}: ${t.visits} visits (gold eval/hints/aci-${split}.json)`);
  for (const l of lines) console.log(l);
  console.log(`  safety alert recall: ${t.found}/${t.expected} = ${pct(t.found, t.expected)}`);
  console.log(
    `  non-code hints: ${t.alerts} (${(t.alerts / t.visits).toFixed(2)} per visit); false alarms ${t.falseAlarms} ` +
      `(${(t.falseAlarms / t.visits).toFixed(2)} per visit, ${t.unreviewedAlerts} of them unreviewed; ` +
      `${t.visitsWithFalse} visits with any)`,
  );
  console.log(
    `  code suggestions: ${t.codes} (${(t.codes / t.visits).toFixed(2)} per visit); precision ${t.correct}/${t.codes} = ` +
      `${pct(t.correct, t.codes)}; wrong ${t.wrong}; unreviewed ${t.unreviewedCodes} (counted as not correct)`,
  );
  console.log(`  codes per assessed problem: ${t.overOne} of ${t.problems} problems have more than one code`);
}

// Written scenarios (eval/hints/scenarios.ts).
let expected = 0;
let found = 0;
let shown = 0;
let extra = 0;
let codeMiss = 0;
let codeWrong = 0;
const failed: string[] = [];
for (const s of SCENARIOS) {
  const r = scoreScenario(s, compute(s.text, s.context ? { context: parseContext(s.context) } : {}));
  expected += s.expect.length;
  found += r.found.length;
  shown += r.hints.length;
  extra += r.extra.length;
  codeMiss += r.missingCodes.length;
  codeWrong += r.wrongCodes.length;
  if (r.found.length < s.expect.length || r.extra.length || r.missingCodes.length || r.wrongCodes.length)
    failed.push(s.name);
}
console.log(`written scenarios: ${SCENARIOS.length}`);
console.log(`  recall ${found}/${expected} = ${pct(found, expected)} (target >= 90 %)`);
console.log(`  false alarms ${extra}/${shown} shown = ${pct(extra, shown)} (target <= 10 %)`);
console.log(`  codes: ${codeMiss} expected codes missing, ${codeWrong} forbidden codes suggested`);
if (failed.length) console.log(`  scenarios not met: ${failed.join('; ')}`);
