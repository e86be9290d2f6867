/**
 * Damaged databases (issue 18, item 6): a corrupted middle page, a truncated file and a damaged page 1. Read commands
 * open read-only and never write into the damaged file; damage is named (exit 4, "restore from a backup"), never
 * "wrong passphrase" when the passphrase is right; `db salvage` exports what is still readable.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storePaths } from '../../../core/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { PASS, newStore, pcm, tmpDir } from '../../unit/store/helpers.js';

const env = { BEDSIDE_PASSPHRASE: PASS };
const PAGE = 4096;

/** A store with three patients, each with a transcript and 20 s of audio: about 500 pages. */
async function filledStore(): Promise<string> {
  const { dir, engine } = await newStore();
  for (let p = 0; p < 3; p++) {
    const eid = engine.createEncounter({ patientId: engine.createPatient({ label: `Bed ${p + 1}` }) });
    engine.addTranscriptSegments(
      eid,
      Array.from({ length: 40 }, (_, i) => ({
        speaker: i % 2 ? 'patient' : 'doctor',
        text: `turn ${i} of visit ${p}`,
      })),
    );
    engine.beginRecording(eid);
    for (let s = 0; s < 20; s++) engine.appendAudioChunk(eid, s, pcm(16000, s + 1), 16000);
    engine.finishRecording(eid);
  }
  engine.close(); // checkpoints: every page is in bedside.db
  return dir;
}

function scribble(path: string, page: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, page * PAGE + 100);
  } finally {
    closeSync(fd);
  }
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const READS = [
  ['db', 'verify'],
  ['db', 'status'],
  ['audit', 'verify'],
  ['encounters', 'list'],
] as const;

describe('damaged databases', () => {
  it('a corrupted middle page: every read command exits 4 naming the damage and writes nothing', async () => {
    const dir = await filledStore();
    const db = storePaths(dir).db;
    scribble(db, Math.floor(statSync(db).size / PAGE / 2));
    const before = sha(db);
    for (const args of READS) {
      const r = await runCli([...args, '--data-dir', dir], { env });
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr, args.join(' ')).toMatch(/damaged.*restore from a backup/);
      expect(r.stderr).not.toMatch(/SqliteError|wrong passphrase/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(sha(db), `${args.join(' ')} wrote into the damaged file`).toBe(before);
    }
    // A wrong passphrase is still exactly that.
    const wrong = await runCli(['encounters', 'list', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: 'not the passphrase' },
    });
    expect(wrong.code).toBe(3);
    // A backup cannot copy a damaged file; it says so and points at salvage.
    const backup = await runCli(['db', 'backup', join(tmpDir(), 'b.db'), '--data-dir', dir], { env });
    expect(backup.code).toBe(4);
    expect(backup.stderr).toMatch(/damaged.*salvage/);
    expect(sha(db)).toBe(before);
  });

  it('db salvage copies every readable row into a new encrypted store that opens with the same passphrase', async () => {
    const dir = await filledStore();
    const db = storePaths(dir).db;
    scribble(db, Math.floor(statSync(db).size / PAGE / 2));
    const before = sha(db);
    const out = tmpDir();
    const dest = join(out, 'salvaged.db');
    const r = await runCli(['db', 'salvage', dest, '--data-dir', dir], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(4); // some rows were lost
    expect(r.stdout).toMatch(/audio_chunks +\d+ rows copied, \d+ unreadable range/);
    expect(r.stdout).toMatch(/transcript_segments +120 rows copied\n/);
    expect(sha(db)).toBe(before);

    // Restoring = moving the copy and its key file into a data folder.
    const restored = join(out, 'data');
    mkdirSync(restored);
    renameSync(dest, storePaths(restored).db);
    renameSync(`${dest}.keys.json`, storePaths(restored).keys);
    const verify = await runCli(['db', 'verify', '--data-dir', restored], { env });
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    const list = await runCli(['encounters', 'list', '--json', '--data-dir', restored], { env });
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<{ patientLabel: string; segments: number; audioSeconds: number }>;
    expect(rows.map((e) => e.patientLabel).sort()).toEqual(['Bed 1', 'Bed 2', 'Bed 3']);
    expect(rows.every((e) => e.segments === 40)).toBe(true);
    const seconds = rows.reduce((a, e) => a + e.audioSeconds, 0);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(60); // the chunks on the bad page are gone
    const search = await runCli(['encounters', 'search', 'turn 7', '--json', '--data-dir', restored], { env });
    expect((JSON.parse(search.stdout) as unknown[]).length).toBeGreaterThan(0); // the search index was rebuilt
  });

  it('a truncated file and a damaged page 1 say "damaged", not "wrong passphrase"; salvage of page 1 is refused', async () => {
    for (const damage of ['truncated', 'page 1'] as const) {
      const dir = await filledStore();
      const db = storePaths(dir).db;
      if (damage === 'truncated') truncateSync(db, Math.floor(statSync(db).size / 2));
      else scribble(db, 0);
      const before = sha(db);
      for (const args of [...READS, ['db', 'purge'], ['db', 'backup', join(tmpDir(), 'b.db')]]) {
        const r = await runCli([...args, '--data-dir', dir], { env });
        expect(r.code, `${damage}: ${args.join(' ')}`).toBe(4);
        expect(r.stderr).toMatch(/damaged.*restore from a backup/);
        expect(r.stderr).not.toMatch(/wrong passphrase/i);
      }
      const wrong = await runCli(['db', 'status', '--data-dir', dir], {
        env: { BEDSIDE_PASSPHRASE: 'nope nope nope' },
      });
      expect(wrong.code, damage).toBe(3);
      expect(wrong.stderr).toMatch(/wrong passphrase/);
      if (damage === 'page 1') {
        const s = await runCli(['db', 'salvage', join(tmpDir(), 's.db'), '--data-dir', dir], { env });
        expect(s.code).toBe(4);
        expect(s.stderr).toMatch(/beyond salvage/);
      }
      expect(sha(db)).toBe(before);
    }
  });

  it('an empty database file is named as damaged', async () => {
    const dir = await filledStore();
    truncateSync(storePaths(dir).db, 0);
    const r = await runCli(['db', 'status', '--data-dir', dir], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/empty or cut short.*restore from a backup/);
  });
});
