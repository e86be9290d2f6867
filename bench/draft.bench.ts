/**
 * Drafting speed.
 *   npm run bench:draft [-- --data ../shared/data/aci-bench]
 * 1. Median time to parse + extract + draft one visit of about 1,200 words (goal ≤ 50 ms).
 * 2. Wall time for all valid visits through the built CLI, `node bin/bedside.mjs draft --jsonl`, process start
 *    included (goal ≤ 5 s). Builds dist/ first when it is missing or older than the clinical sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { draftNote, parseTranscript } from '../core/clinical/index.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, runs: { type: 'string' } }, strict: true });
const dataDir = resolve(values.data ?? '../shared/data/aci-bench');
const runs = Number(values.runs ?? 40);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

// A visit of about 1,200 words: the train visit closest to that length, or the bundled sample repeated.
let visit: string;
let source: string;
if (existsSync(join(dataDir, 'train.csv'))) {
  const rows = parseCsvObjects(readFileSync(join(dataDir, 'train.csv'), 'utf8'));
  const best = rows.reduce((a, b) =>
    Math.abs(words(a.dialogue!) - 1200) <= Math.abs(words(b.dialogue!) - 1200) ? a : b,
  );
  visit = best.dialogue!;
  source = `ACI-BENCH train ${best.encounter_id}`;
} else {
  const sample = readFileSync('resources/samples/demo-visit.txt', 'utf8');
  visit = Array.from({ length: Math.ceil(1200 / words(sample)) }, () => sample).join('\n');
  source = 'bundled sample, repeated';
}

for (let i = 0; i < 5; i++) draftNote(parseTranscript(visit)); // warm-up (lexicons, JIT)
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  draftNote(parseTranscript(visit));
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const med = median(times);
console.log(
  `draft one visit: ${words(visit)} words (${source}), median ${med.toFixed(1)} ms wall ` +
    `(${median(cpu).toFixed(1)} ms CPU; the gap is other load on this machine) over ${runs} runs`,
);
console.log(`  goal <= 50 ms: ratio ${(med / 50).toFixed(2)} (${med <= 50 ? 'met' : 'NOT met'})`);

// CLI over the valid split.
const validCsv = join(dataDir, 'valid.csv');
if (!existsSync(validCsv)) {
  console.log(`CLI batch: skipped (${validCsv} not found)`);
} else {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  const built = 'dist/core/cli/main.js';
  if (!existsSync(built) || statSync(built).mtimeMs < newest('core/clinical')) {
    console.log('building dist/ (tsc -p tsconfig.node.json) ...');
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { stdio: 'ignore' });
    } catch {
      // Type errors elsewhere do not stop emission; the existence check below decides.
    }
  }
  const rows = parseCsvObjects(readFileSync(validCsv, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'bedside-bench-'));
  try {
    const input = join(dir, 'valid.jsonl');
    writeFileSync(
      input,
      rows.map((r) => JSON.stringify({ id: r.encounter_id, dialogue: r.dialogue })).join('\n') + '\n',
    );
    const wall: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = spawnSync(
        process.execPath,
        ['bin/bedside.mjs', 'draft', '--jsonl', input, '--out', join(dir, 'out.jsonl')],
        {
          encoding: 'utf8',
        },
      );
      wall.push(performance.now() - t0);
      if (r.status !== 0) {
        console.log(`CLI batch failed (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`);
        process.exit(1);
      }
    }
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trimEnd().split('\n').length;
    const m = median(wall) / 1000;
    console.log(
      `CLI batch: ${rows.length} valid visits -> ${lines} notes, median wall ${m.toFixed(2)} s over 3 runs (process start included)`,
    );
    console.log(`  goal <= 5 s: ratio ${(m / 5).toFixed(2)} (${m <= 5 ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
