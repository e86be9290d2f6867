/**
 * Store overhead benchmark: the same workload on the encrypted store (SQLCipher via better-sqlite3-multiple-ciphers,
 * production settings) and on plain better-sqlite3 with the same schema and pragmas, in one run.
 *   1. insert N encounters (default 10 000) with a 12-segment transcript each, 50 encounters per transaction;
 *   2. 1 000 full-text searches (two random clinical words, newest 20 hits) with the store's search SQL.
 * Prints the overhead ratio (goal <= 1.15x) and FTS p95 at N visits (goal <= 20 ms), plus the p95 through
 * StoreEngine.searchTranscripts (which also appends an audit row per search).
 *
 *   npx tsx bench/store.bench.ts            (BENCH_ENCOUNTERS=2000 for a quick run)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PlainSqlite from 'better-sqlite3';
import { StoreEngine } from '../core/store/engine.js';
import { SEARCH_SQL, ftsQuery } from '../core/store/engine.js';
import { migrate } from '../core/store/migrate.js';
import { configureWriter, openKeyed, type Db } from '../core/store/sqlite.js';

const N = Number(process.env.BENCH_ENCOUNTERS ?? 10_000);
const SEARCHES = 1000;
const SEGMENTS = 12;

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

const WORDS = (
  'pain chest cough fever headache nausea dizziness fatigue swelling rash wheezing shortness breath knee back ' +
  'abdominal throat sore vomiting diarrhea insomnia anxiety palpitations numbness tingling weakness blood pressure ' +
  'sugar insulin metformin lisinopril albuterol ibuprofen tylenol allergy penicillin smoking alcohol exercise diet ' +
  'weight sleep stress morning night week month year daily twice left right sharp dull burning pressure started ' +
  'worse better since ago three two days mother father history surgery appendix gallbladder asthma diabetes'
).split(' ');
const FILLER = 'the a and i it my was is have been with for on in to of at when about'.split(' ');

function sentence(): string {
  const n = 8 + Math.floor(rand() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rand() < 0.45 ? pick(WORDS) : pick(FILLER));
  return out.join(' ') + '.';
}

/** Pre-generated so both databases get the same text and generation is not timed. */
const visits = Array.from({ length: N }, () => Array.from({ length: SEGMENTS }, () => sentence()));
const queries = Array.from({ length: SEARCHES }, () => `${pick(WORDS)} ${pick(WORDS)}`);

function workload(db: Db): { insertMs: number; searchMs: number; p50: number; p95: number; mib: number } {
  configureWriter(db);
  // Optional override of the page cache on both sides (BENCH_CACHE_MIB), to see how much of the cost is cache misses.
  if (process.env.BENCH_CACHE_MIB) db.pragma(`cache_size = -${Number(process.env.BENCH_CACHE_MIB) * 1024}`);
  migrate(db);
  const now = new Date().toISOString();
  const insPatient = db.prepare('INSERT INTO patients (label, created_at) VALUES (?, ?)');
  const insEnc = db.prepare(
    "INSERT INTO encounters (patient_id, status, consent, started_at, created_at, updated_at) VALUES (?, 'recorded', 1, ?, ?, ?)",
  );
  const insSeg = db.prepare(
    'INSERT INTO transcript_segments (encounter_id, seq, speaker, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const pid = Number(insPatient.run(`patient ${i}`, now).lastInsertRowid);
      const eid = Number(insEnc.run(pid, now, now, now).lastInsertRowid);
      visits[i]!.forEach((text, seq) =>
        insSeg.run(eid, seq, seq % 2 ? 'patient' : 'doctor', seq * 4000, seq * 4000 + 3500, text),
      );
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < N; i += 50) batch(i, Math.min(N, i + 50));
  const insertMs = performance.now() - t0;
  const search = db.prepare(SEARCH_SQL);
  const lat: number[] = [];
  const t1 = performance.now();
  for (const q of queries) {
    const s = performance.now();
    search.all(ftsQuery(q), 20);
    lat.push(performance.now() - s);
  }
  const searchMs = performance.now() - t1;
  lat.sort((a, b) => a - b);
  const mib =
    ((db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)) /
    2 ** 20;
  return { insertMs, searchMs, p50: lat[Math.floor(lat.length * 0.5)]!, p95: lat[Math.floor(lat.length * 0.95)]!, mib };
}

function runPlain(dir: string) {
  const db = new PlainSqlite(join(dir, `plain-${randomUUID()}.db`)) as unknown as Db;
  try {
    return workload(db);
  } finally {
    db.close();
  }
}

function runEncrypted(dir: string) {
  const key = randomBytes(32);
  const path = join(dir, `enc-${randomUUID()}.db`);
  const db = openKeyed(path, key, { fileMustExist: false });
  let r;
  try {
    r = workload(db);
    const id = randomUUID();
    db.prepare("INSERT INTO meta (key, value) VALUES ('database_id', ?)").run(id);
    db.close();
    // The same searches through the store engine (each also appends a hash-chained audit row).
    const engine = StoreEngine.open(path, key, id, { actor: 'bench', slowMs: 1e9 });
    const lat: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      engine.searchTranscripts(q);
      lat.push(performance.now() - s);
    }
    engine.close();
    lat.sort((a, b) => a - b);
    return { ...r, engineP95: lat[Math.floor(lat.length * 0.95)]! };
  } finally {
    if (db.open) db.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bedside-bench-'));
try {
  console.log(`Store benchmark: ${N} encounters x ${SEGMENTS} segments, ${SEARCHES} FTS searches`);
  // Alternate the two twice and keep each one's best, so load from other processes skews neither side.
  const plain = [runPlain(dir), runPlain(dir)];
  const enc = [runEncrypted(dir), runEncrypted(dir)];
  plain.push(runPlain(dir));
  enc.push(runEncrypted(dir));
  const best = <T extends { insertMs: number; searchMs: number }>(rs: T[]) =>
    rs.reduce((a, b) => (a.insertMs + a.searchMs <= b.insertMs + b.searchMs ? a : b));
  const p = best(plain);
  const e = best(enc);
  const fmt = (x: number) => x.toFixed(1);
  console.log(
    `plain      insert ${fmt(p.insertMs)} ms, search ${fmt(p.searchMs)} ms, p50 ${fmt(p.p50)} ms, p95 ${fmt(p.p95)} ms`,
  );
  console.log(
    `encrypted  insert ${fmt(e.insertMs)} ms, search ${fmt(e.searchMs)} ms, p50 ${fmt(e.p50)} ms, p95 ${fmt(e.p95)} ms`,
  );
  const ratio = (e.insertMs + e.searchMs) / (p.insertMs + p.searchMs);
  console.log(`overhead ratio (encrypted / plain, whole workload): ${ratio.toFixed(3)}x  (goal <= 1.15x)`);
  console.log(
    `  insert ratio ${(e.insertMs / p.insertMs).toFixed(3)}x, search ratio ${(e.searchMs / p.searchMs).toFixed(3)}x`,
  );
  console.log(`database size: plain ${fmt(p.mib)} MiB, encrypted ${fmt(e.mib)} MiB`);
  console.log(`FTS search p95 at ${N} visits (encrypted): ${fmt(e.p95)} ms  (goal <= 20 ms)`);
  console.log(`FTS search p95 through StoreEngine (with audit row): ${fmt(e.engineP95)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
