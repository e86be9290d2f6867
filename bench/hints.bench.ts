/**
 * Speed of the hints engine on ACI-BENCH visits (target: one visit <= 10 ms median).
 * Run: npx tsx bench/hints.bench.ts [CSV...] [--baseline DIR]  (default: train + valid from /work/shared/data/aci-bench)
 * --baseline DIR: also times core/hints of another checkout (DIR/core/hints/index.ts, e.g. the last commit unpacked
 * with `git archive`) on the same visits in the same run, and prints the ratio of the rules' median to it.
 * Prints: median and p95 per visit for (a) the rules alone on pre-extracted facts, (b) end to end from text
 * (parse + extraction + rules), and the knowledge-base load time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { extractFacts, parseTranscript } from '../core/clinical/index.js';
import { buildKnowledge, computeHints, readKnowledgeFiles } from '../core/hints/index.js';

const argv = process.argv.slice(2);
const baselineAt = argv.indexOf('--baseline');
const baselineDir = baselineAt >= 0 ? argv[baselineAt + 1] : undefined;
const csvArgs = argv.filter((a, i) => !a.startsWith('--') && (baselineAt < 0 || i !== baselineAt + 1));
const files = csvArgs.length
  ? csvArgs
  : ['/work/shared/data/aci-bench/train.csv', '/work/shared/data/aci-bench/valid.csv'];
const dialogues = files
  .filter((f) => existsSync(f))
  .flatMap((f) => parseCsvObjects(readFileSync(f, 'utf8')).map((r) => r.dialogue ?? ''));
if (!dialogues.length) {
  console.error('no ACI-BENCH files found');
  process.exit(1);
}

const t0 = performance.now();
const kb = buildKnowledge(readKnowledgeFiles());
const loadMs = performance.now() - t0;

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
}

const prepared = dialogues.map((d) => {
  const transcript = parseTranscript(d);
  return { text: d, transcript, facts: extractFacts(transcript) };
});
// Warm up the JIT and caches.
for (const v of prepared.slice(0, 10)) computeHints(v.transcript, { facts: v.facts, kb });

const rounds = 5;
const rules: number[] = [];
const rulesCpu: number[] = [];
const endToEnd: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const v of prepared) {
    const c = process.cpuUsage();
    const a = performance.now();
    computeHints(v.transcript, { facts: v.facts, kb });
    rules.push(performance.now() - a);
    const cu = process.cpuUsage(c);
    rulesCpu.push((cu.user + cu.system) / 1000);
    const b = performance.now();
    computeHints(v.text, { kb });
    endToEnd.push(performance.now() - b);
  }
}
const fmt = (x: number) => x.toFixed(2);
const r1 = stats(rules);
const r2 = stats(endToEnd);
const r3 = stats(rulesCpu);
const load = (await import('node:os')).loadavg()[0]!;
console.log(`visits: ${dialogues.length} x ${rounds} rounds`);
console.log(`knowledge base load + index: ${fmt(loadMs)} ms (once per process)`);
console.log(
  `rules on extracted facts: median ${fmt(r1.median)} ms, p95 ${fmt(r1.p95)} ms per visit (target median <= 10 ms)`,
);
console.log(`rules on extracted facts, CPU time: median ${fmt(r3.median)} ms, p95 ${fmt(r3.p95)} ms per visit`);
console.log(
  `end to end from text (parse + extract + rules): median ${fmt(r2.median)} ms, p95 ${fmt(r2.p95)} ms per visit`,
);
console.log(
  `ratio median/target (rules, wall): ${(r1.median / 10).toFixed(2)}; 1-minute load average ${load.toFixed(1)}`,
);

if (baselineDir) {
  type Engine = {
    computeHints: (t: unknown, o: unknown) => unknown;
    buildKnowledge: (f: unknown) => unknown;
    readKnowledgeFiles: (dir?: string) => unknown;
  };
  const base = (await import(pathToFileURL(join(resolve(baselineDir), 'core/hints/index.ts')).href)) as Engine;
  const baseKb = base.buildKnowledge(base.readKnowledgeFiles(join(resolve(baselineDir), 'resources/knowledge')));
  for (const v of prepared.slice(0, 10)) base.computeHints(v.transcript, { facts: v.facts, kb: baseKb });
  const baseRules: number[] = [];
  const newRules: number[] = [];
  // Interleaved, so both see the same machine load.
  for (let r = 0; r < rounds; r++)
    for (const v of prepared) {
      const a = performance.now();
      base.computeHints(v.transcript, { facts: v.facts, kb: baseKb });
      baseRules.push(performance.now() - a);
      const b = performance.now();
      computeHints(v.transcript, { facts: v.facts, kb });
      newRules.push(performance.now() - b);
    }
  const b1 = stats(baseRules);
  const n1 = stats(newRules);
  console.log(
    `baseline (${baselineDir}) rules: median ${fmt(b1.median)} ms, p95 ${fmt(b1.p95)} ms; this engine, same run: ` +
      `median ${fmt(n1.median)} ms, p95 ${fmt(n1.p95)} ms; ratio (median) ${(n1.median / b1.median).toFixed(2)}`,
  );
}
