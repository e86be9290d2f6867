import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import PlainSqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storePaths, unlockStore } from '../../../core/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { hashFiles, newStore, pcm, protector, tmpDir } from '../../unit/store/helpers.js';

const NAME = 'Quixotica Zebrafinch';
const DOB = '1947-03-14';
const SAY = 'persistent wheezing after gardening';

function leaks(file: string): string[] {
  const bytes = readFileSync(file);
  const found: string[] = [];
  for (const s of [NAME, 'Zebrafinch', DOB, SAY, 'gardening']) {
    if (bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'))) found.push(s);
  }
  return found;
}

describe('no plaintext PHI on disk', () => {
  it('the control: a plain SQLite file does show the name (so the check can fail)', () => {
    const path = join(tmpDir(), 'plain.db');
    const db = new PlainSqlite(path);
    db.exec('CREATE TABLE t (x)');
    db.prepare('INSERT INTO t VALUES (?)').run(NAME);
    db.close();
    expect(leaks(path)).toContain(NAME);
  });

  it('database, WAL and backup never contain the name, date of birth or transcript words', async () => {
    const { dir, engine } = await newStore();
    const pid = engine.createPatient({ label: NAME, dateOfBirth: DOB });
    const eid = engine.createEncounter({ patientId: pid });
    engine.addTranscriptSegments(eid, [{ speaker: 'patient', text: SAY }]);
    engine.beginRecording(eid);
    engine.appendAudioChunk(eid, 0, pcm(16000), 16000);
    engine.finishRecording(eid);
    engine.saveDraft(eid, { templateId: 'outpatient', body: { note: `${NAME} reports ${SAY}.` } });
    const paths = storePaths(dir);
    expect(existsSync(`${paths.db}-wal`)).toBe(true);
    // While open: the writes live in the WAL.
    const files = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const f of files()) expect(leaks(join(f.parentPath, f.name)), f.name).toEqual([]);
    const backup = join(dir, 'backup.db');
    engine.backup(backup);
    expect(leaks(backup)).toEqual([]);
    engine.close();
    for (const f of files()) expect(leaks(join(f.parentPath, f.name)), f.name).toEqual([]);
    // And the data is really there, readable with the key.
    const { engine: again } = await unlockStore(dir, [protector()]);
    expect(again.getEncounter(eid)!.patientLabel).toBe(NAME);
    again.close();
  });

  it('a wrong passphrase exits 3 and leaves every file byte-identical', async () => {
    const { dir, engine } = await newStore();
    engine.createPatient({ label: NAME });
    engine.close();
    const before = hashFiles(dir);
    for (const args of [
      ['db', 'verify'],
      ['encounters', 'list'],
      ['audit', 'verify'],
      ['db', 'purge'],
    ]) {
      const r = await runCli([...args, '--data-dir', dir], { env: { BEDSIDE_PASSPHRASE: 'not the passphrase' } });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toContain('wrong passphrase or not a Bedside database');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(hashFiles(dir)).toEqual(before);
  });

  it('a database file its key file does not open exits 4 (not "wrong passphrase") and is left alone', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const other = tmpDir();
    // A valid key file (the passphrase opens it) but someone else's database file, or a damaged one.
    const { writeFileSync, copyFileSync } = await import('node:fs');
    copyFileSync(storePaths(dir).keys, storePaths(other).keys);
    writeFileSync(storePaths(other).db, Buffer.alloc(8192, 7));
    const before = hashFiles(other);
    for (const args of [
      ['db', 'verify'],
      ['encounters', 'list'],
      ['db', 'purge'],
    ]) {
      const r = await runCli([...args, '--data-dir', other], {
        env: { BEDSIDE_PASSPHRASE: 'correct horse battery' },
      });
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toMatch(/damaged .*restore from a backup/);
      expect(r.stderr).not.toMatch(/wrong passphrase/);
    }
    expect(hashFiles(other)).toEqual(before);
  });
});
