import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaTooNewError, StoreEngine, storePaths, unlockStore } from '../../../core/store/index.js';
import { migrate, schemaVersion } from '../../../core/store/migrate.js';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../core/store/migrations/index.js';
import { m001Initial } from '../../../core/store/migrations/001-initial.js';
import { m002TranscriptSearch } from '../../../core/store/migrations/002-transcript-search.js';
import { m003PatientMrn } from '../../../core/store/migrations/003-patient-mrn.js';
import { newDataKey } from '../../../core/store/keys.js';
import { openKeyed, type Db } from '../../../core/store/sqlite.js';
import { hashFiles, newStore, protector, rawOpen, tmpDir } from './helpers.js';

function emptyDb(): Db {
  const path = join(tmpDir(), 'm.db');
  return openKeyed(path, newDataKey(), { fileMustExist: false });
}

function tables(db: Db): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrations', () => {
  it('are listed in order, numbered by position, with unique names', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
    const files = readdirSync('core/store/migrations').filter((f) => /^\d{3}-.*\.ts$/.test(f));
    expect(files).toHaveLength(migrations.length);
  });

  it('001 creates the core tables with append-only audit triggers and enforced foreign keys', () => {
    const db = emptyDb();
    migrate(db, [m001Initial]);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'patients',
        'encounters',
        'audio_chunks',
        'transcript_segments',
        'notes',
        'hints',
        'settings',
        'audit_log',
        'meta',
        'audit_log_no_update',
        'audit_log_no_delete',
      ]),
    );
    db.pragma('foreign_keys = ON');
    expect(() =>
      db
        .prepare(
          "INSERT INTO encounters (patient_id, status, started_at, created_at, updated_at) VALUES (1, 'new', 'x', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO audio_chunks VALUES (1, 0, 16000, 16001, x'00', 'x')").run()).toThrow();
    db.close();
  });

  it('002 adds transcript search and indexes rows that existed before it', () => {
    const db = emptyDb();
    migrate(db, [m001Initial]);
    db.exec(`INSERT INTO patients (id, label, created_at) VALUES (1, 'p', 'x');
      INSERT INTO encounters (id, patient_id, status, started_at, created_at, updated_at) VALUES (1, 1, 'new', 'x', 'x', 'x');
      INSERT INTO transcript_segments (encounter_id, seq, speaker, text) VALUES (1, 0, 'patient', 'wheezing at night');`);
    migrate(db, [m001Initial, m002TranscriptSearch]);
    expect(schemaVersion(db)).toBe(2);
    const hit = () =>
      db.prepare("SELECT rowid FROM transcript_fts WHERE transcript_fts MATCH 'wheezing'").pluck().all();
    expect(hit()).toEqual([1]);
    db.prepare("UPDATE transcript_segments SET text = 'coughing' WHERE id = 1").run();
    expect(hit()).toEqual([]);
    db.prepare(
      "INSERT INTO transcript_segments (encounter_id, seq, speaker, text) VALUES (1, 1, 'patient', 'wheezing again')",
    ).run();
    expect(hit()).toEqual([2]);
    db.prepare('DELETE FROM transcript_segments WHERE id = 2').run();
    expect(hit()).toEqual([]);
    db.close();
  });

  it('003 adds a nullable MRN to patients (existing patients have none) and indexes it', () => {
    const db = emptyDb();
    migrate(db, [m001Initial, m002TranscriptSearch]);
    db.exec("INSERT INTO patients (id, label, created_at) VALUES (1, 'before', 'x')");
    expect(migrate(db, [m001Initial, m002TranscriptSearch, m003PatientMrn])).toEqual([3]);
    expect(schemaVersion(db)).toBe(3);
    const columns = db.prepare('SELECT name, type, "notnull" FROM pragma_table_info(\'patients\')').all();
    expect(columns).toContainEqual({ name: 'mrn', type: 'TEXT', notnull: 0 });
    expect(db.prepare('SELECT mrn FROM patients WHERE id = 1').pluck().get()).toBeNull();
    db.exec("INSERT INTO patients (id, label, mrn, created_at) VALUES (2, 'after', 'A-12/3.4', 'x')");
    expect(db.prepare("SELECT id FROM patients WHERE mrn = 'A-12/3.4'").pluck().all()).toEqual([2]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM patients WHERE mrn = 'A-12/3.4'").all() as Array<{
      detail: string;
    }>;
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX patients_mrn/);
    // A Bedside that knows only migrations 1 and 2 refuses this database rather than guess at its schema.
    expect(() => migrate(db, [m001Initial, m002TranscriptSearch])).toThrow(SchemaTooNewError);
    expect(schemaVersion(db)).toBe(3);
    db.close();
  });

  it('run from an empty database and from every earlier version to the same schema', () => {
    const reference = emptyDb();
    migrate(reference);
    const want = tables(reference);
    reference.close();
    for (let from = 0; from <= LATEST_SCHEMA_VERSION; from++) {
      const db = emptyDb();
      migrate(db, migrations, from);
      expect(schemaVersion(db)).toBe(from);
      const applied = migrate(db);
      expect(applied).toEqual(migrations.slice(from).map((m) => m.version));
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(tables(db)).toEqual(want);
      db.close();
    }
  });

  it('apply all pending migrations in one transaction: a failure leaves the old version', () => {
    const db = emptyDb();
    const broken = [m001Initial, { version: 2, name: 'broken', up: (d: Db) => d.exec('CREATE TABLE nope (; ') }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    expect(() => migrate(db, [m002TranscriptSearch])).toThrow(/out of order/);
    db.close();
  });

  it('refuse a database from a newer Bedside and leave its files untouched', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const raw = await rawOpen(dir);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = hashFiles(dir);
    await expect(unlockStore(dir, [protector()])).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(unlockStore(dir, [protector()])).rejects.toThrow(/newer than this Bedside supports/);
    expect(hashFiles(dir)).toEqual(before);
    expect(existsSync(`${storePaths(dir).db}-wal`)).toBe(false);
  });

  it('refuse an unknown non-empty database even with the right key', () => {
    const path = join(tmpDir(), 'other.db');
    const key = newDataKey();
    const db = openKeyed(path, key, { fileMustExist: false });
    db.exec('CREATE TABLE other (x)');
    db.close();
    expect(() => StoreEngine.open(path, key, 'some-id')).toThrow(/not a Bedside database/);
  });
});
