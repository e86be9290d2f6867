import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NoDatabaseError,
  StoreInputError,
  WrongKeyError,
  initStore,
  rewrapKey,
  storePaths,
  unlockStore,
  type StoreEngine,
} from '../../../core/store/index.js';
import { ftsQuery } from '../../../core/store/engine.js';
import { readKeyFile, unlockDataKey } from '../../../core/store/keys.js';
import { openKeyed } from '../../../core/store/sqlite.js';
import { log } from '../../../core/platform/log.js';
import { PASS, newStore, pcm, protector, tmpDir } from './helpers.js';

const open: StoreEngine[] = [];
afterEach(() => {
  for (const e of open.splice(0)) e.close();
});
async function store() {
  const s = await newStore();
  open.push(s.engine);
  return s;
}

describe('store engine', () => {
  it('creates an owner-only database and key file, and refuses to create twice', async () => {
    const { dir } = await store();
    const p = storePaths(dir);
    expect(statSync(p.db).mode & 0o777).toBe(0o600);
    expect(statSync(p.keys).mode & 0o777).toBe(0o600);
    await expect(initStore(dir, [protector()])).rejects.toBeInstanceOf(StoreInputError);
  });

  it('uses SQLCipher, WAL, foreign keys and secure_delete', async () => {
    const { engine } = await store();
    expect(engine.db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(engine.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(engine.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(engine.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(engine.db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('reopens with the passphrase; wrong passphrase and missing store give clear errors', async () => {
    const { dir, engine } = await store();
    engine.close();
    const { engine: again, slot } = await unlockStore(dir, [protector()]);
    open.push(again);
    expect(slot).toBe('passphrase');
    await expect(unlockStore(dir, [protector('wrong')])).rejects.toThrow('wrong passphrase or not a Bedside database');
    await expect(unlockStore(tmpDir(), [protector()])).rejects.toBeInstanceOf(NoDatabaseError);
  });

  it('stores patients, encounters, transcript, drafts, the signed note and hints', async () => {
    const { engine } = await store();
    const pid = engine.createPatient({ label: 'Ada Lovelace', dateOfBirth: '1815-12-10', sex: 'female' });
    const eid = engine.createEncounter({ patientId: pid, consent: true, startedAt: '2026-01-02T10:00:00Z' });
    expect(
      engine.addTranscriptSegments(eid, [
        { speaker: 'doctor', text: 'What brings you in?', startMs: 0, endMs: 1500 },
        { speaker: 'patient', text: 'A cough for three weeks.' },
      ]),
    ).toBe(2);
    expect(engine.addTranscriptSegments(eid, [{ speaker: 'doctor', text: 'Any fever?' }])).toBe(1);
    const d1 = engine.saveDraft(eid, {
      templateId: 'outpatient',
      body: { sections: [{ id: 'hpi', sentences: [{ text: 'Cough.', evidence: [1] }] }] },
    });
    const d2 = engine.saveDraft(eid, { templateId: 'outpatient', body: { sections: [], edited: true } });
    expect([d1.version, d2.version]).toEqual([1, 2]);
    const hint = engine.addHint(eid, 'missing_ros', { text: 'ask about night sweats' });
    engine.decideHint(hint, 'dismissed', 'not relevant');
    const signed = engine.signNote(eid, 'clinician:7');
    expect(signed.version).toBe(3);
    expect(() => engine.saveDraft(eid, { templateId: 'outpatient', body: {} })).toThrow(/already signed/);
    expect(() => engine.signNote(eid, 'clinician:7')).toThrow(/already signed/);

    const e = engine.getEncounter(eid)!;
    expect(e).toMatchObject({
      patientLabel: 'Ada Lovelace',
      dateOfBirth: '1815-12-10',
      status: 'signed',
      consent: true,
      signed: true,
      segments: 3,
    });
    expect(e.transcript.map((s) => [s.seq, s.speaker, s.text])).toEqual([
      [0, 'doctor', 'What brings you in?'],
      [1, 'patient', 'A cough for three weeks.'],
      [2, 'doctor', 'Any fever?'],
    ]);
    expect(e.transcript[0]).toMatchObject({ startMs: 0, endMs: 1500 });
    expect(e.notes.map((n) => [n.version, n.kind])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'signed'],
    ]);
    expect(e.notes[2]).toMatchObject({ signedBy: 'clinician:7', body: { sections: [], edited: true } });
    expect(e.hints[0]).toMatchObject({ kind: 'missing_ros', status: 'dismissed', dismissReason: 'not relevant' });
    expect(engine.listEncounters()[0]).toMatchObject({ id: eid, latestNoteVersion: 3, signed: true });
    expect(engine.getEncounter(999)).toBeNull();
  });

  it('rejects bad input with StoreInputError', async () => {
    const { engine } = await store();
    expect(() => engine.createPatient({ label: '  ' })).toThrow(StoreInputError);
    expect(() => engine.createPatient({ label: 'x', dateOfBirth: '12/01/1950' })).toThrow(StoreInputError);
    expect(() => engine.createEncounter({ patientId: 42 })).toThrow(/no patient with id 42/);
    const pid = engine.createPatient({ label: 'P' });
    expect(() => engine.createEncounter({ patientId: pid, startedAt: 'yesterday' })).toThrow(StoreInputError);
    expect(() => engine.addTranscriptSegments(77, [{ speaker: 'doctor', text: 'x' }])).toThrow(
      /no encounter with id 77/,
    );
    expect(() => engine.decideHint(5, 'accepted')).toThrow(/no hint/);
    expect(() => engine.saveDraft(1, { templateId: 'bad template!', body: {} })).toThrow(StoreInputError);
  });

  it('searches transcripts with FTS5, treating the query as plain words', async () => {
    const { engine } = await store();
    const pid = engine.createPatient({ label: 'P' });
    const a = engine.createEncounter({ patientId: pid });
    const b = engine.createEncounter({ patientId: pid });
    engine.addTranscriptSegments(a, [{ speaker: 'patient', text: 'Sharp chest pain when climbing stairs' }]);
    engine.addTranscriptSegments(b, [{ speaker: 'patient', text: 'Headache and naïve fatigue' }]);
    expect(engine.searchTranscripts('chest pain').map((h) => h.encounterId)).toEqual([a]);
    expect(engine.searchTranscripts('naive').map((h) => h.encounterId)).toEqual([b]);
    expect(engine.searchTranscripts('pain OR headache NEAR(')).toEqual([]);
    expect(engine.searchTranscripts('"; DROP TABLE x; --')).toEqual([]);
    expect(ftsQuery('a "b" c*')).toBe('"a" "b" "c"');
    expect(ftsQuery('!!!')).toBeNull();
  });

  it('appends audio chunks of at most one second and reads them back in order', async () => {
    const { engine } = await store();
    const eid = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }) });
    expect(() => engine.appendAudioChunk(eid, 0, pcm(100), 16000)).toThrow(/not recording/);
    engine.beginRecording(eid);
    engine.appendAudioChunk(eid, 0, pcm(16000, 1), 16000);
    engine.appendAudioChunk(eid, 2, pcm(8000, 3), 16000);
    expect(() => engine.appendAudioChunk(eid, 3, pcm(16001), 16000)).toThrow(/at most one second/);
    expect(() => engine.appendAudioChunk(eid, 2, pcm(10), 16000)).toThrow(/already stored/);
    expect(() => engine.appendAudioChunk(eid, 4, Buffer.alloc(3), 16000)).toThrow(/16-bit/);
    expect(() => engine.appendAudioChunk(eid, 4, pcm(10), 100)).toThrow(/sample rate/);
    engine.finishRecording(eid);
    const audio = engine.readAudio(eid);
    expect(audio).toMatchObject({ sampleRate: 16000, chunks: 2, missing: [1] });
    expect(Buffer.from(audio.pcm).equals(Buffer.concat([pcm(16000, 1), pcm(8000, 3)]))).toBe(true);
    expect(engine.listEncounters()[0]!.audioSeconds).toBe(1.5);
  });

  it('finds a recording interrupted in an earlier session and recovers it', async () => {
    const { dir, engine } = await store();
    const eid = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }) });
    engine.beginRecording(eid);
    engine.appendAudioChunk(eid, 0, pcm(16000), 16000);
    engine.appendAudioChunk(eid, 1, pcm(16000), 16000);
    expect(engine.findInterruptedRecordings()).toEqual([]); // still recording in this session
    engine.close();
    const { engine: next } = await unlockStore(dir, [protector()]);
    open.push(next);
    const found = next.findInterruptedRecordings();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ encounterId: eid, chunks: 2, seconds: 2 });
    next.recoverRecording(eid);
    expect(next.findInterruptedRecordings()).toEqual([]);
    expect(next.getEncounter(eid)!.status).toBe('recorded');
    expect(() => next.recoverRecording(eid)).toThrow(/no interrupted recording/);
  });

  it('purges audio and encounters past retention, audits it, keeps recent data', async () => {
    const { engine } = await store();
    const now = '2026-06-01T00:00:00.000Z';
    const oldP = engine.createPatient({ label: 'Old' });
    const newP = engine.createPatient({ label: 'New' });
    const ancient = engine.createEncounter({ patientId: oldP, startedAt: '2025-01-01T00:00:00Z' });
    const monthOld = engine.createEncounter({ patientId: newP, startedAt: '2026-04-01T00:00:00Z' });
    const recent = engine.createEncounter({ patientId: newP, startedAt: '2026-05-30T00:00:00Z' });
    for (const id of [ancient, monthOld, recent]) {
      engine.beginRecording(id);
      engine.appendAudioChunk(id, 0, pcm(1000), 16000);
      engine.finishRecording(id);
      engine.addTranscriptSegments(id, [{ speaker: 'doctor', text: `visit ${id}` }]);
    }
    const dry = engine.purge({ now, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, audioEncounters: 2, encounters: 1, patients: 1 });
    expect(engine.status().encounters).toBe(3);
    const r = engine.purge({ now });
    expect(r).toEqual({ dryRun: false, audioEncounters: 2, audioChunks: 2, encounters: 1, patients: 1 });
    expect(
      engine
        .listEncounters()
        .map((e) => e.id)
        .sort(),
    ).toEqual([monthOld, recent]);
    expect(engine.readAudio(monthOld).chunks).toBe(0);
    expect(engine.readAudio(recent).chunks).toBe(1);
    expect(engine.getEncounter(monthOld)!.segments).toBe(1);
    const purges = engine.auditRows().filter((a) => a.action === 'purge');
    expect(purges.map((a) => `${a.entity}:${a.entityId}`).sort()).toEqual(
      [`audio:${ancient}`, `audio:${monthOld}`, `encounter:${ancient}`, `patient:${oldP}`].sort(),
    );
    expect(engine.verifyAudit().ok).toBe(true);
    expect(engine.integrityCheck().ok).toBe(true);
    engine.setRetention({ audioDays: 0, encounterDays: 0 });
    expect(engine.purge({ now: '2030-01-01T00:00:00Z' })).toMatchObject({ audioChunks: 0, encounters: 0 });
    expect(() => engine.setRetention({ audioDays: -1 })).toThrow(StoreInputError);
  });

  it('writes a verified encrypted backup while the store stays usable', async () => {
    const { dir, engine } = await store();
    engine.createPatient({ label: 'Backup Person' });
    const dest = join(dir, 'copy.db');
    const { bytes } = engine.backup(dest);
    expect(bytes).toBeGreaterThan(0);
    expect(readFileSync(dest).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
    engine.createPatient({ label: 'After' });
    expect(() => engine.backup(dest)).toThrow(/already exists/);
    expect(engine.auditRows().some((r) => r.action === 'backup')).toBe(true);
  });

  it('reports integrity and foreign-key problems', async () => {
    const { engine } = await store();
    expect(engine.integrityCheck()).toEqual({ ok: true, integrity: [], foreignKeyViolations: 0 });
    engine.db.pragma('foreign_keys = OFF');
    engine.db
      .prepare(
        "INSERT INTO encounters (patient_id, status, started_at, created_at, updated_at) VALUES (99, 'new', 'x', 'x', 'x')",
      )
      .run();
    expect(engine.integrityCheck()).toMatchObject({ ok: false, foreignKeyViolations: 1 });
  });

  it('rewraps the data key for a new passphrase without rewriting the database', async () => {
    const { dir, engine } = await store();
    engine.close();
    const before = readFileSync(storePaths(dir).db);
    await rewrapKey(dir, [protector()], protector('a new passphrase'));
    await expect(unlockStore(dir, [protector(PASS)])).rejects.toBeInstanceOf(WrongKeyError);
    const { engine: e2 } = await unlockStore(dir, [protector('a new passphrase')]);
    open.push(e2);
    expect(e2.auditRows().some((r) => r.action === 'rekey')).toBe(true);
    // Same data key: a copy of the database taken before the change opens with the key the new passphrase unwraps.
    const copy = join(dir, 'before.db');
    writeFileSync(copy, before);
    const key = await unlockDataKey(readKeyFile(storePaths(dir).keys), protector('a new passphrase'));
    const raw = openKeyed(copy, key);
    expect(raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBeGreaterThan(0);
    raw.close();
  });

  it('records failed unlock attempts once the store is unlocked', async () => {
    const { dir, engine } = await store();
    engine.close();
    const { engine: e2 } = await unlockStore(dir, [protector()], { failedAttempts: 2 });
    open.push(e2);
    const actions = e2.auditRows().map((r) => r.action);
    expect(actions.slice(-3)).toEqual(['failed_unlock', 'failed_unlock', 'unlock']);
  });

  it('logs slow operations by name and duration only', async () => {
    const s = await newStore();
    s.engine.close();
    const { engine } = await unlockStore(s.dir, [protector()], { slowMs: -1 });
    open.push(engine);
    const lines: string[] = [];
    const restore = log.setSink((l) => lines.push(l));
    try {
      engine.createPatient({ label: 'Secret Name Zyx' });
    } finally {
      restore();
    }
    expect(lines.some((l) => l.includes('"store.slow_op"') && l.includes('"op":"createPatient"'))).toBe(true);
    expect(lines.join('\n')).not.toContain('Zyx');
  });
});
