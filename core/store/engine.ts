/**
 * The store engine: owns the single read-write SQLCipher connection and implements every store operation
 * synchronously. The desktop app runs it inside a worker thread (see worker.ts / client.ts) so the process serving
 * the UI never blocks on SQLite; the CLI, which serves no UI, may use it directly.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { log } from '../platform/log.js';
import { AuditLog, type AuditAction, type AuditEntity, type AuditRow, type AuditVerifyResult } from './audit.js';
import {
  DamagedDatabaseError,
  SchemaTooNewError,
  StoreInputError,
  WrongKeyError,
  translateSqliteError,
} from './errors.js';
import { acquireOwnerLock, acquireSessionLock, removeSessionLock, sessionAlive, type FileLock } from './lock.js';
import { migrate, schemaVersion } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { configureWriter, openKeyed, type Db } from './sqlite.js';
import { MRN_PATTERN } from './types.js';
import type {
  AudioData,
  EncounterDetail,
  EncounterStatus,
  EncounterSummary,
  Hint,
  IntegrityResult,
  InterruptedRecording,
  NewEncounter,
  NewPatient,
  NoteVersion,
  PurgeResult,
  Retention,
  SearchHit,
  Segment,
  SegmentInput,
  StoreStatus,
} from './types.js';

export interface EngineOptions {
  /** Who acts, for the audit trail: an id, never a name (e.g. `cli:alice`, `clinician:42`). */
  actor?: string;
  /** Operations slower than this are logged (name and duration only). */
  slowMs?: number;
  /**
   * Open the file read-only: nothing is written (no migration, no audit row; the rows the operations would append are
   * kept in `pendingAudit` for the caller to record, or not). Read commands use it, so a damaged file is never written.
   */
  readonly?: boolean;
  /**
   * Take the data folder's owner lock first (long-running hosts: desktop app, dev host): a second owner gets
   * `StoreInUseError` before the database is opened. Released by `close()` or when the process ends.
   */
  owner?: boolean;
}

export const DEFAULT_RETENTION: Retention = { audioDays: 30, encounterDays: 365 };
const RETENTION_KEYS = { audioDays: 'retention.audio_days', encounterDays: 'retention.encounter_days' } as const;
const DAY_MS = 86_400_000;

/** The operations callable through the worker (and timed for the slow-operation log). */
export const STORE_OPS = [
  'status',
  'audit',
  'createPatient',
  'findPatientByLabel',
  'findOrCreatePatient',
  'createEncounter',
  'recordConsent',
  'listEncounters',
  'getEncounter',
  'addTranscriptSegments',
  'replaceTranscript',
  'beginRecording',
  'appendAudioChunk',
  'finishRecording',
  'findInterruptedRecordings',
  'recoverRecording',
  'discardRecording',
  'readAudio',
  'saveDraft',
  'signNote',
  'addHint',
  'decideHint',
  'searchTranscripts',
  'getSetting',
  'setSetting',
  'retention',
  'setRetention',
  'purge',
  'verifyAudit',
  'auditRows',
  'integrityCheck',
  'backup',
] as const;
export type StoreOp = (typeof STORE_OPS)[number];

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoOrThrow(value: string, what: string): string {
  if (!ISO.test(value) || Number.isNaN(Date.parse(value))) throw new StoreInputError(`${what} must be an ISO time`);
  return new Date(value).toISOString();
}

function idOrThrow(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id < 1) throw new StoreInputError(`${what} must be a positive whole number`);
  return id;
}

/**
 * Transcript search, newest segments first. FTS5 walks its index in rowid order and stops at the LIMIT, so the cost
 * does not grow with the number of matches (ORDER BY rank would score every match first).
 */
export const SEARCH_SQL = `SELECT s.encounter_id AS encounterId, s.id AS segmentId, s.seq,
       snippet(transcript_fts, 0, '[', ']', '...', 12) AS snippet
  FROM transcript_fts JOIN transcript_segments s ON s.id = transcript_fts.rowid
  WHERE transcript_fts MATCH ? ORDER BY transcript_fts.rowid DESC LIMIT ?`;

/** Turns free text into an FTS5 query of quoted terms (all must match), so user input is never FTS syntax. */
export function ftsQuery(text: string): string | null {
  const terms = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
  return terms.length ? terms.map((t) => `"${t}"`).join(' ') : null;
}

export class StoreEngine {
  readonly db: Db;
  readonly databaseId: string;
  /** Identifies this open session: recordings it started are not "interrupted". */
  readonly session = randomUUID();
  private readonly auditLog: AuditLog;
  private readonly actor: string;
  private dataKey: Buffer;
  private closed = false;
  readonly readonly: boolean;
  /** Audit rows a read-only engine did not write (action, entity, id), in order. */
  readonly pendingAudit: Array<[AuditAction, AuditEntity, number | string | null]> = [];
  private ownerLock: FileLock | null = null;
  /** Held while this session has a recording in progress: tells other sessions this one is alive. */
  private sessionLock: FileLock | null = null;

  /**
   * Opens an existing (or, with `create`, a new) database with the data key. Refuses a newer schema and a database
   * whose id differs from the key file's before writing anything, then applies pending migrations.
   */
  static open(
    path: string,
    dataKey: Buffer,
    databaseId: string,
    opts: EngineOptions & { create?: boolean } = {},
  ): StoreEngine {
    if (!opts.create && !existsSync(path)) throw new WrongKeyError('the database file is missing');
    if (opts.create && opts.readonly) throw new StoreInputError('a new database cannot be opened read-only');
    const ownerLock = opts.owner ? acquireOwnerLock(dirname(path)) : null;
    let db: Db | undefined;
    try {
      db = openKeyed(path, dataKey, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
      const version = schemaVersion(db);
      if (version > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(version, LATEST_SCHEMA_VERSION);
      if (version === 0) {
        const objects = db.prepare('SELECT count(*) AS n FROM sqlite_master').pluck().get() as number;
        // The key opened page 1 (the key file's passphrase check passed before): an empty file was cut short.
        if (objects === 0 && !opts.create) throw new DamagedDatabaseError('the file is empty or cut short');
        if (objects > 0) throw new WrongKeyError('the database file is not a Bedside database');
      } else {
        const id = db.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get() as string | undefined;
        if (id !== databaseId) throw new WrongKeyError('the key file does not belong to this database');
      }
      if (opts.readonly) {
        if (version < LATEST_SCHEMA_VERSION)
          throw new StoreInputError(
            'this database must be upgraded before it can be read: open it once with Bedside (the app, or a ' +
              'command that changes data)',
          );
        return new StoreEngine(db, databaseId, dataKey, opts, ownerLock);
      }
      configureWriter(db);
      const applied = migrate(db);
      if (version === 0)
        db.prepare("INSERT INTO meta (key, value) VALUES ('database_id', ?), ('created_at', ?)").run(
          databaseId,
          new Date().toISOString(),
        );
      if (applied.length) log.info('store.migrated', { from: version, to: applied[applied.length - 1] });
      return new StoreEngine(db, databaseId, dataKey, opts, ownerLock);
    } catch (err) {
      db?.close();
      ownerLock?.release();
      throw translateSqliteError(err);
    }
  }

  private constructor(db: Db, databaseId: string, dataKey: Buffer, opts: EngineOptions, ownerLock: FileLock | null) {
    this.db = db;
    this.databaseId = databaseId;
    this.dataKey = Buffer.from(dataKey);
    this.readonly = opts.readonly ?? false;
    this.ownerLock = ownerLock;
    this.actor = opts.actor ?? 'local';
    this.auditLog = new AuditLog(db, databaseId);
    const slowMs = opts.slowMs ?? 50;
    // Every public operation is timed; slow ones are logged by name and duration only (never parameters).
    for (const op of STORE_OPS) {
      const fn = (this[op] as (...a: unknown[]) => unknown).bind(this);
      (this as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return fn(...args);
        } catch (err) {
          // SQLite's damage and busy codes reach callers as named errors (DamagedDatabaseError, StoreBusyError).
          throw translateSqliteError(err);
        } finally {
          const ms = performance.now() - t0;
          if (ms > slowMs) log.warn('store.slow_op', { op, ms: Math.round(ms) });
        }
      };
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dataKey.fill(0);
    try {
      this.db.close();
    } finally {
      if (this.sessionLock) {
        // A recording left unfinished is now "interrupted" for the next session; this session id is never reused.
        this.sessionLock.release();
        this.sessionLock = null;
        removeSessionLock(this.db.name, this.session);
      }
      this.ownerLock?.release();
      this.ownerLock = null;
    }
  }

  // ---- status and audit -------------------------------------------------------------------------------------------

  status(): StoreStatus {
    const count = (table: string) => this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      databaseId: this.databaseId,
      schemaVersion: schemaVersion(this.db),
      patients: count('patients'),
      encounters: count('encounters'),
      audioChunks: count('audio_chunks'),
      segments: count('transcript_segments'),
      notes: count('notes'),
      auditRows: count('audit_log'),
      interruptedRecordings: this.findInterruptedRecordings().length,
      retention: this.retention(),
    };
  }

  /** Appends an audit row (ids and action names only). A read-only engine keeps it in `pendingAudit` instead. */
  audit(action: AuditAction, entity: AuditEntity, entityId: number | string | null = null): number {
    if (this.readonly) {
      this.pendingAudit.push([action, entity, entityId]);
      return 0;
    }
    return this.auditLog.append(this.actor, action, entity, entityId);
  }

  verifyAudit(): AuditVerifyResult {
    return this.auditLog.verify();
  }

  auditRows(): AuditRow[] {
    return [...this.auditLog.rows()];
  }

  // ---- patients and encounters ------------------------------------------------------------------------------------

  createPatient(p: NewPatient): number {
    const { label, mrn } = StoreEngine.patientKey(p);
    if (p.dateOfBirth != null && (!DATE.test(p.dateOfBirth) || Number.isNaN(Date.parse(p.dateOfBirth))))
      throw new StoreInputError('date of birth must be YYYY-MM-DD');
    return this.tx(() => {
      const id = Number(
        this.db
          .prepare('INSERT INTO patients (label, date_of_birth, sex, mrn, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(label, p.dateOfBirth ?? null, p.sex ?? null, mrn, new Date().toISOString()).lastInsertRowid,
      );
      this.audit('create', 'patient', id);
      return id;
    });
  }

  /** The trimmed label and MRN (null when none), checked. Error messages never echo either: both are PHI. */
  private static patientKey(p: Pick<NewPatient, 'label' | 'mrn'>): { label: string; mrn: string | null } {
    const label = typeof p.label === 'string' ? p.label.trim() : '';
    if (!label || label.length > 200) throw new StoreInputError('patient label must be 1 to 200 characters');
    const mrn = typeof p.mrn === 'string' ? p.mrn.trim() : p.mrn == null ? null : undefined;
    if (mrn === undefined || (mrn !== null && !MRN_PATTERN.test(mrn)))
      throw new StoreInputError('the MRN must be 1 to 32 letters, digits, "-", "/" or "."');
    return { label, mrn };
  }

  /**
   * The patient a new encounter belongs to, created when there is none (one transaction). With an MRN the MRN decides:
   * the patient holding it (the one with the same label first, should an older store hold it twice), even under
   * another label; the stored label is left as it is. Without an MRN: the first patient with that label and no MRN,
   * so an encounter without an MRN is never filed under a patient identified by one.
   */
  findOrCreatePatient(p: NewPatient): number {
    const { label, mrn } = StoreEngine.patientKey(p);
    return this.tx(() => {
      const found = (
        mrn !== null
          ? this.db
              .prepare('SELECT id FROM patients WHERE mrn = ? ORDER BY label = ? DESC, id LIMIT 1')
              .pluck()
              .get(mrn, label)
          : this.db
              .prepare('SELECT id FROM patients WHERE label = ? AND mrn IS NULL ORDER BY id LIMIT 1')
              .pluck()
              .get(label)
      ) as number | undefined;
      return found ?? this.createPatient({ ...p, label, mrn });
    });
  }

  findPatientByLabel(label: string): number | null {
    const id = this.db
      .prepare('SELECT id FROM patients WHERE label = ? ORDER BY id LIMIT 1')
      .pluck()
      .get(label.trim()) as number | undefined;
    return id ?? null;
  }

  createEncounter(e: NewEncounter): number {
    const patientId = idOrThrow(e.patientId, 'patient id');
    const startedAt = e.startedAt ? isoOrThrow(e.startedAt, 'start time') : new Date().toISOString();
    return this.tx(() => {
      if (!this.db.prepare('SELECT 1 FROM patients WHERE id = ?').get(patientId))
        throw new StoreInputError(`no patient with id ${patientId}`);
      const now = new Date().toISOString();
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO encounters (patient_id, status, consent, consent_at, started_at, created_at, updated_at)
             VALUES (?, 'new', ?, ?, ?, ?, ?)`,
          )
          .run(patientId, e.consent ? 1 : 0, e.consent ? now : null, startedAt, now, now).lastInsertRowid,
      );
      this.audit('create', 'encounter', id);
      return id;
    });
  }

  recordConsent(encounterId: number, consent: boolean): void {
    this.tx(() => {
      this.requireEncounter(encounterId);
      const now = new Date().toISOString();
      this.db
        .prepare('UPDATE encounters SET consent = ?, consent_at = ?, updated_at = ? WHERE id = ?')
        .run(consent ? 1 : 0, now, now, encounterId);
      this.audit('edit', 'encounter', encounterId);
    });
  }

  private requireEncounter(id: number): { status: EncounterStatus; recording_session: string | null } {
    idOrThrow(id, 'encounter id');
    const row = this.db.prepare('SELECT status, recording_session FROM encounters WHERE id = ?').get(id) as
      | { status: EncounterStatus; recording_session: string | null }
      | undefined;
    if (!row) throw new StoreInputError(`no encounter with id ${id}`);
    return row;
  }

  private static readonly SUMMARY_SQL = `
    SELECT e.id, e.patient_id AS patientId, p.label AS patientLabel, p.mrn, e.status, e.consent, e.consent_at AS consentAt,
           e.started_at AS startedAt, e.ended_at AS endedAt, p.date_of_birth AS dateOfBirth,
           (SELECT count(*) FROM transcript_segments s WHERE s.encounter_id = e.id) AS segments,
           (SELECT coalesce(sum(CAST(a.samples AS REAL) / a.sample_rate), 0) FROM audio_chunks a
              WHERE a.encounter_id = e.id) AS audioSeconds,
           (SELECT max(version) FROM notes n WHERE n.encounter_id = e.id) AS latestNoteVersion,
           EXISTS (SELECT 1 FROM notes n WHERE n.encounter_id = e.id AND n.kind = 'signed') AS signed
    FROM encounters e JOIN patients p ON p.id = e.patient_id`;

  listEncounters(opts: { limit?: number; offset?: number } = {}): EncounterSummary[] {
    const limit = Math.min(Math.max(opts.limit ?? 100, 1), 10_000);
    const offset = Math.max(opts.offset ?? 0, 0);
    const rows = this.db
      .prepare(`${StoreEngine.SUMMARY_SQL} ORDER BY e.started_at DESC, e.id DESC LIMIT ? OFFSET ?`)
      .all(limit, offset) as Array<Record<string, unknown>>;
    this.audit('view', 'encounter', null);
    return rows.map((r) => this.summary(r));
  }

  private summary(r: Record<string, unknown>): EncounterSummary {
    return {
      id: r.id as number,
      patientId: r.patientId as number,
      patientLabel: r.patientLabel as string,
      mrn: (r.mrn as string | null) ?? null,
      status: r.status as EncounterStatus,
      consent: r.consent === 1,
      startedAt: r.startedAt as string,
      endedAt: (r.endedAt as string | null) ?? null,
      segments: r.segments as number,
      audioSeconds: Math.round((r.audioSeconds as number) * 1000) / 1000,
      latestNoteVersion: (r.latestNoteVersion as number | null) ?? null,
      signed: r.signed === 1,
    };
  }

  getEncounter(id: number): EncounterDetail | null {
    idOrThrow(id, 'encounter id');
    const r = this.db.prepare(`${StoreEngine.SUMMARY_SQL} WHERE e.id = ?`).get(id) as
      | Record<string, unknown>
      | undefined;
    if (!r) return null;
    const transcript = this.db
      .prepare(
        `SELECT id, seq, speaker, start_ms AS startMs, end_ms AS endMs, text FROM transcript_segments
         WHERE encounter_id = ? ORDER BY seq`,
      )
      .all(id) as Segment[];
    const notes = (
      this.db
        .prepare(
          `SELECT id, version, kind, template_id AS templateId, body_json AS body, created_at AS createdAt,
                  signed_by AS signedBy, signed_at AS signedAt FROM notes WHERE encounter_id = ? ORDER BY version`,
        )
        .all(id) as Array<NoteVersion & { body: string }>
    ).map((n) => ({ ...n, body: JSON.parse(n.body) as unknown }));
    const hints = (
      this.db
        .prepare(
          `SELECT id, kind, status, body_json AS body, dismiss_reason AS dismissReason, created_at AS createdAt,
                  decided_at AS decidedAt FROM hints WHERE encounter_id = ? ORDER BY id`,
        )
        .all(id) as Array<Hint & { body: string }>
    ).map((h) => ({ ...h, body: JSON.parse(h.body) as unknown }));
    this.audit('view', 'encounter', id);
    return {
      ...this.summary(r),
      consentAt: (r.consentAt as string | null) ?? null,
      dateOfBirth: (r.dateOfBirth as string | null) ?? null,
      transcript,
      notes,
      hints,
    };
  }

  // ---- transcript ---------------------------------------------------------------------------------------------------

  addTranscriptSegments(encounterId: number, segments: SegmentInput[]): number {
    StoreEngine.checkSegments(segments);
    return this.tx(() => {
      this.requireEncounter(encounterId);
      const next =
        ((this.db
          .prepare('SELECT max(seq) FROM transcript_segments WHERE encounter_id = ?')
          .pluck()
          .get(encounterId) as number | null) ?? -1) + 1;
      const ins = this.db.prepare(
        'INSERT INTO transcript_segments (encounter_id, seq, speaker, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?, ?)',
      );
      segments.forEach((s, i) => ins.run(encounterId, next + i, s.speaker, s.startMs ?? null, s.endMs ?? null, s.text));
      this.touch(encounterId);
      this.audit('edit', 'transcript', encounterId);
      return segments.length;
    });
  }

  /**
   * Replaces the encounter's transcript with the clinician's corrected turns (speaker and text), one transaction.
   * With as many turns as before each segment is updated in place and keeps its times unless new ones are given;
   * otherwise the segments are replaced (times as given). The search index follows through its triggers. Refused
   * while recording and once the note is signed. Returns the number of segments changed.
   */
  replaceTranscript(encounterId: number, segments: SegmentInput[]): number {
    StoreEngine.checkSegments(segments);
    return this.tx(() => {
      const e = this.requireEncounter(encounterId);
      if (e.status === 'signed')
        throw new StoreInputError(`encounter ${encounterId} is already signed; its transcript can no longer change`);
      if (e.status === 'recording')
        throw new StoreInputError(`encounter ${encounterId} is recording; correct the transcript after it stops`);
      const old = this.db
        .prepare(
          'SELECT id, seq, speaker, start_ms AS startMs, end_ms AS endMs, text FROM transcript_segments WHERE encounter_id = ? ORDER BY seq',
        )
        .all(encounterId) as Segment[];
      let changed = 0;
      if (old.length === segments.length) {
        const upd = this.db.prepare(
          'UPDATE transcript_segments SET speaker = ?, start_ms = ?, end_ms = ?, text = ? WHERE id = ?',
        );
        segments.forEach((s, i) => {
          const o = old[i]!;
          const startMs = s.startMs === undefined ? o.startMs : s.startMs;
          const endMs = s.endMs === undefined ? o.endMs : s.endMs;
          if (o.speaker === s.speaker && o.text === s.text && o.startMs === startMs && o.endMs === endMs) return;
          upd.run(s.speaker, startMs, endMs, s.text, o.id);
          changed++;
        });
      } else {
        this.db.prepare('DELETE FROM transcript_segments WHERE encounter_id = ?').run(encounterId);
        const ins = this.db.prepare(
          'INSERT INTO transcript_segments (encounter_id, seq, speaker, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?, ?)',
        );
        segments.forEach((s, i) => ins.run(encounterId, i, s.speaker, s.startMs ?? null, s.endMs ?? null, s.text));
        changed = Math.max(old.length, segments.length);
      }
      if (changed) {
        this.touch(encounterId);
        this.audit('edit', 'transcript', encounterId);
      }
      return changed;
    });
  }

  private static checkSegments(segments: SegmentInput[]): void {
    if (!Array.isArray(segments)) throw new StoreInputError('segments must be a list');
    for (const s of segments) {
      if (typeof s.text !== 'string' || typeof s.speaker !== 'string' || !s.speaker)
        throw new StoreInputError('each segment needs a speaker and text');
      for (const t of [s.startMs, s.endMs])
        if (t != null && (!Number.isSafeInteger(t) || t < 0))
          throw new StoreInputError('segment times must be whole milliseconds');
    }
  }

  searchTranscripts(text: string, limit = 20): SearchHit[] {
    const q = ftsQuery(text);
    if (!q) return [];
    const rows = this.db.prepare(SEARCH_SQL).all(q, Math.min(Math.max(limit, 1), 1000)) as SearchHit[];
    this.audit('view', 'transcript', null);
    return rows;
  }

  // ---- audio --------------------------------------------------------------------------------------------------------

  /** Marks the encounter as recording in this session. Chunks may then be appended. */
  beginRecording(encounterId: number): void {
    // The session lock is held before any row names this session as recording, so a session seen recording by
    // another process is either holding its lock (alive) or gone.
    this.sessionLock ??= acquireSessionLock(this.db.name, this.session);
    this.tx(() => {
      const e = this.requireEncounter(encounterId);
      if (e.status !== 'new' && e.status !== 'recording')
        throw new StoreInputError(
          `encounter ${encounterId} is ${e.status}; recording is only possible before drafting`,
        );
      this.db
        .prepare("UPDATE encounters SET status = 'recording', recording_session = ?, updated_at = ? WHERE id = ?")
        .run(this.session, new Date().toISOString(), encounterId);
      this.audit('create', 'audio', encounterId);
    });
  }

  /**
   * Stores one chunk of 16-bit mono PCM (at most one second) and commits it at once, so a crash loses at most the
   * chunk being captured. `seq` numbers chunks from 0; a repeated seq is refused.
   */
  appendAudioChunk(encounterId: number, seq: number, pcm16: Uint8Array, sampleRate: number): void {
    if (!Number.isSafeInteger(seq) || seq < 0) throw new StoreInputError('chunk seq must be a whole number >= 0');
    if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192_000)
      throw new StoreInputError('sample rate must be between 8000 and 192000');
    if (!(pcm16 instanceof Uint8Array) || pcm16.byteLength === 0 || pcm16.byteLength % 2 !== 0)
      throw new StoreInputError('a chunk must be non-empty 16-bit PCM');
    const samples = pcm16.byteLength / 2;
    if (samples > sampleRate) throw new StoreInputError('a chunk may hold at most one second of audio');
    const e = this.requireEncounter(encounterId);
    if (e.status !== 'recording') throw new StoreInputError(`encounter ${encounterId} is not recording`);
    try {
      this.db
        .prepare(
          'INSERT INTO audio_chunks (encounter_id, seq, sample_rate, samples, pcm, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          encounterId,
          seq,
          sampleRate,
          samples,
          Buffer.from(pcm16.buffer, pcm16.byteOffset, pcm16.byteLength),
          new Date().toISOString(),
        );
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new StoreInputError(`chunk ${seq} of encounter ${encounterId} was already stored`);
      throw err;
    }
  }

  finishRecording(encounterId: number): void {
    this.tx(() => {
      const e = this.requireEncounter(encounterId);
      if (e.status !== 'recording') throw new StoreInputError(`encounter ${encounterId} is not recording`);
      const now = new Date().toISOString();
      this.db
        .prepare(
          "UPDATE encounters SET status = 'recorded', recording_session = NULL, ended_at = ?, updated_at = ? WHERE id = ?",
        )
        .run(now, now, encounterId);
      this.audit('edit', 'audio', encounterId);
    });
  }

  /**
   * Recordings left in `recording` by a session whose process is gone (crash, power loss, closed mid-recording): offer
   * them for recovery. A recording another live process is making (its session lock is held) is not interrupted.
   */
  findInterruptedRecordings(): InterruptedRecording[] {
    return this.interrupted().map(({ session: _session, ...r }) => r);
  }

  private interrupted(): Array<InterruptedRecording & { session: string | null }> {
    const rows = this.db
      .prepare(
        `SELECT e.id AS encounterId, count(a.seq) AS chunks,
                coalesce(sum(CAST(a.samples AS REAL) / a.sample_rate), 0) AS seconds, max(a.created_at) AS lastChunkAt,
                e.recording_session AS session
         FROM encounters e LEFT JOIN audio_chunks a ON a.encounter_id = e.id
         WHERE e.status = 'recording' AND (e.recording_session IS NULL OR e.recording_session <> ?)
         GROUP BY e.id ORDER BY e.id`,
      )
      .all(this.session) as Array<InterruptedRecording & { session: string | null }>;
    const alive = new Map<string, boolean>();
    return rows.filter((r) => {
      if (r.session === null) return true;
      if (!alive.has(r.session)) alive.set(r.session, sessionAlive(this.db.name, r.session));
      return !alive.get(r.session);
    });
  }

  /** Keeps what an interrupted recording captured: the encounter becomes `recorded`, ended at its last chunk. */
  recoverRecording(encounterId: number): InterruptedRecording {
    const recovered = this.tx(() => {
      const found = this.interrupted().find((r) => r.encounterId === encounterId);
      if (!found) throw new StoreInputError(`encounter ${encounterId} has no interrupted recording`);
      const now = new Date().toISOString();
      this.db
        .prepare(
          "UPDATE encounters SET status = 'recorded', recording_session = NULL, ended_at = ?, updated_at = ? WHERE id = ?",
        )
        .run(found.lastChunkAt ?? now, now, encounterId);
      this.audit('recover', 'audio', encounterId);
      return found;
    });
    const { session, ...found } = recovered;
    const stillRecording = this.db
      .prepare("SELECT 1 FROM encounters WHERE status = 'recording' AND recording_session = ?")
      .get(session);
    if (!stillRecording) removeSessionLock(this.db.name, session);
    return found;
  }

  /**
   * Drops a recording this session started and has not finished (an abandoned audio import): its chunks are
   * deleted and the encounter is `new` again. Anything already finished or left by another session is refused.
   */
  discardRecording(encounterId: number): number {
    return this.tx(() => {
      const e = this.requireEncounter(encounterId);
      if (e.status !== 'recording' || e.recording_session !== this.session)
        throw new StoreInputError(`encounter ${encounterId} has no recording in progress in this session`);
      const chunks = this.db.prepare('DELETE FROM audio_chunks WHERE encounter_id = ?').run(encounterId).changes;
      this.db
        .prepare("UPDATE encounters SET status = 'new', recording_session = NULL, updated_at = ? WHERE id = ?")
        .run(new Date().toISOString(), encounterId);
      this.audit('delete', 'audio', encounterId);
      return chunks;
    });
  }

  readAudio(encounterId: number): AudioData {
    this.requireEncounter(encounterId);
    const rows = this.db
      .prepare('SELECT seq, sample_rate AS sampleRate, pcm FROM audio_chunks WHERE encounter_id = ? ORDER BY seq')
      .all(encounterId) as Array<{ seq: number; sampleRate: number; pcm: Buffer }>;
    const missing: number[] = [];
    let expected = 0;
    for (const r of rows) {
      for (; expected < r.seq; expected++) missing.push(expected);
      expected = r.seq + 1;
    }
    this.audit('view', 'audio', encounterId);
    return {
      sampleRate: rows[0]?.sampleRate ?? 0,
      pcm: Buffer.concat(rows.map((r) => r.pcm)),
      chunks: rows.length,
      missing,
    };
  }

  // ---- notes and hints ----------------------------------------------------------------------------------------------

  /** Stores a new draft version (sections, sentences and evidence links as JSON). Refused once the note is signed. */
  saveDraft(encounterId: number, draft: { templateId: string; body: unknown }): { noteId: number; version: number } {
    if (typeof draft.templateId !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(draft.templateId))
      throw new StoreInputError('template id must be 1 to 64 letters, digits, ._-');
    const body = JSON.stringify(draft.body ?? null);
    return this.tx(() => {
      const e = this.requireEncounter(encounterId);
      if (e.status === 'signed') throw new StoreInputError(`encounter ${encounterId} is already signed`);
      const version = this.nextNoteVersion(encounterId);
      const noteId = Number(
        this.db
          .prepare(
            "INSERT INTO notes (encounter_id, version, kind, template_id, body_json, created_at) VALUES (?, ?, 'draft', ?, ?, ?)",
          )
          .run(encounterId, version, draft.templateId, body, new Date().toISOString()).lastInsertRowid,
      );
      this.db
        .prepare("UPDATE encounters SET status = 'drafted', updated_at = ? WHERE id = ? AND status <> 'recording'")
        .run(new Date().toISOString(), encounterId);
      this.audit(version === 1 ? 'create' : 'edit', 'note', noteId);
      return { noteId, version };
    });
  }

  /** Signs the latest draft: stores it as the signed version (immutable), and marks the encounter signed. */
  signNote(encounterId: number, signedBy: string): { noteId: number; version: number } {
    if (!/^[A-Za-z0-9_.:@-]{1,80}$/.test(signedBy)) throw new StoreInputError('signer must be an id');
    return this.tx(() => {
      const e = this.requireEncounter(encounterId);
      if (e.status === 'signed') throw new StoreInputError(`encounter ${encounterId} is already signed`);
      const latest = this.db
        .prepare(
          "SELECT template_id AS templateId, body_json AS body FROM notes WHERE encounter_id = ? AND kind = 'draft' ORDER BY version DESC LIMIT 1",
        )
        .get(encounterId) as { templateId: string; body: string } | undefined;
      if (!latest) throw new StoreInputError(`encounter ${encounterId} has no draft to sign`);
      const version = this.nextNoteVersion(encounterId);
      const now = new Date().toISOString();
      const noteId = Number(
        this.db
          .prepare(
            `INSERT INTO notes (encounter_id, version, kind, template_id, body_json, created_at, signed_by, signed_at)
             VALUES (?, ?, 'signed', ?, ?, ?, ?, ?)`,
          )
          .run(encounterId, version, latest.templateId, latest.body, now, signedBy, now).lastInsertRowid,
      );
      this.db.prepare("UPDATE encounters SET status = 'signed', updated_at = ? WHERE id = ?").run(now, encounterId);
      this.audit('sign', 'note', noteId);
      return { noteId, version };
    });
  }

  private nextNoteVersion(encounterId: number): number {
    return (
      ((this.db.prepare('SELECT max(version) FROM notes WHERE encounter_id = ?').pluck().get(encounterId) as
        | number
        | null) ?? 0) + 1
    );
  }

  addHint(encounterId: number, kind: string, body: unknown): number {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(kind))
      throw new StoreInputError('hint kind must be 1 to 64 letters, digits, ._-');
    return this.tx(() => {
      this.requireEncounter(encounterId);
      const id = Number(
        this.db
          .prepare("INSERT INTO hints (encounter_id, kind, status, body_json, created_at) VALUES (?, ?, 'open', ?, ?)")
          .run(encounterId, kind, JSON.stringify(body ?? null), new Date().toISOString()).lastInsertRowid,
      );
      this.audit('create', 'hint', id);
      return id;
    });
  }

  decideHint(hintId: number, status: 'accepted' | 'dismissed', dismissReason: string | null = null): void {
    idOrThrow(hintId, 'hint id');
    if (status !== 'accepted' && status !== 'dismissed')
      throw new StoreInputError('status must be accepted or dismissed');
    if (dismissReason !== null && (typeof dismissReason !== 'string' || dismissReason.length > 500))
      throw new StoreInputError('dismiss reason must be at most 500 characters');
    this.tx(() => {
      const r = this.db
        .prepare('UPDATE hints SET status = ?, dismiss_reason = ?, decided_at = ? WHERE id = ?')
        .run(status, status === 'dismissed' ? dismissReason : null, new Date().toISOString(), hintId);
      if (r.changes === 0) throw new StoreInputError(`no hint with id ${hintId}`);
      this.audit('edit', 'hint', hintId);
    });
  }

  // ---- settings, retention and purge --------------------------------------------------------------------------------

  getSetting(key: string): string | null {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  }

  setSetting(key: string, value: string): void {
    if (!/^[a-z0-9_.]{1,64}$/.test(key)) throw new StoreInputError('setting key must be lowercase letters, digits, ._');
    this.tx(() => {
      this.db
        .prepare(
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        )
        .run(key, value, new Date().toISOString());
      this.audit('edit', 'settings', key);
    });
  }

  retention(): Retention {
    const read = (k: keyof Retention) => {
      const v = this.getSetting(RETENTION_KEYS[k]);
      return v !== null && /^\d+$/.test(v) ? Number(v) : DEFAULT_RETENTION[k];
    };
    return { audioDays: read('audioDays'), encounterDays: read('encounterDays') };
  }

  setRetention(r: Partial<Retention>): Retention {
    for (const k of ['audioDays', 'encounterDays'] as const) {
      const v = r[k];
      if (v === undefined) continue;
      if (!Number.isInteger(v) || v < 0 || v > 36_500) throw new StoreInputError(`${k} must be 0 to 36500 days`);
      this.setSetting(RETENTION_KEYS[k], String(v));
    }
    return this.retention();
  }

  /**
   * Deletes what is past retention: audio of finished encounters older than `audioDays`, whole encounters older than
   * `encounterDays`, and patients left with no encounter. Each deletion is audited; `secure_delete` zeroes the freed
   * pages and a checkpoint moves them into the main file and truncates the WAL.
   */
  purge(opts: { now?: string; dryRun?: boolean } = {}): PurgeResult {
    const now = opts.now ? Date.parse(isoOrThrow(opts.now, 'purge time')) : Date.now();
    const { audioDays, encounterDays } = this.retention();
    const cutoff = (days: number) => new Date(now - days * DAY_MS).toISOString();
    const result = this.tx(() => {
      const audioEnc = audioDays
        ? (this.db
            .prepare(
              `SELECT DISTINCT a.encounter_id FROM audio_chunks a JOIN encounters e ON e.id = a.encounter_id
               WHERE e.started_at < ? AND e.status <> 'recording' ORDER BY 1`,
            )
            .pluck()
            .all(cutoff(audioDays)) as number[])
        : [];
      const encs = encounterDays
        ? (this.db
            .prepare("SELECT id FROM encounters WHERE started_at < ? AND status <> 'recording' ORDER BY id")
            .pluck()
            .all(cutoff(encounterDays)) as number[])
        : [];
      let audioChunks = 0;
      for (const id of audioEnc) {
        audioChunks += this.db.prepare('DELETE FROM audio_chunks WHERE encounter_id = ?').run(id).changes;
        this.audit('purge', 'audio', id);
      }
      for (const id of encs) {
        this.db.prepare('DELETE FROM encounters WHERE id = ?').run(id);
        this.audit('purge', 'encounter', id);
      }
      const orphans = this.db
        .prepare('SELECT id FROM patients p WHERE NOT EXISTS (SELECT 1 FROM encounters e WHERE e.patient_id = p.id)')
        .pluck()
        .all() as number[];
      // A patient with no encounters left is purged only when encounters were purged in this run.
      const patients = encs.length ? orphans : [];
      for (const id of patients) {
        this.db.prepare('DELETE FROM patients WHERE id = ?').run(id);
        this.audit('purge', 'patient', id);
      }
      const r = {
        dryRun: !!opts.dryRun,
        audioEncounters: audioEnc.length,
        audioChunks,
        encounters: encs.length,
        patients: patients.length,
      };
      if (opts.dryRun) throw new DryRun(r);
      return r;
    }, true);
    if (!result.dryRun) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      log.info('store.purged', {
        audioChunks: result.audioChunks,
        encounters: result.encounters,
        patients: result.patients,
      });
    }
    return result;
  }

  // ---- integrity and backup -----------------------------------------------------------------------------------------

  integrityCheck(): IntegrityResult {
    const integrity = (this.db.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
      (r) => r.integrity_check,
    );
    const fk = (this.db.pragma('foreign_key_check') as unknown[]).length;
    const ok = integrity.length === 1 && integrity[0] === 'ok' && fk === 0;
    return { ok, integrity: ok ? [] : integrityLines(integrity).slice(0, 20), foreignKeyViolations: fk };
  }

  /**
   * Writes an encrypted, consistent copy to `dest` (same data key, so the same passphrase opens it with a copy of the
   * key file) from a separate read connection: in WAL mode the writer is not blocked meanwhile. The copy is verified.
   */
  backup(dest: string): { bytes: number } {
    if (existsSync(dest)) throw new StoreInputError('the backup file already exists; choose a new name');
    const reader = openKeyed(this.db.name, this.dataKey, { readonly: true });
    try {
      reader.prepare('VACUUM INTO ?').run(dest);
    } catch (err) {
      rmSync(dest, { force: true }); // a partial copy of a damaged file is no backup
      throw err;
    } finally {
      reader.close();
    }
    const copy = openKeyed(dest, this.dataKey, { readonly: true });
    let bytes = 0;
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error('the backup copy failed its integrity check');
      bytes =
        (copy.pragma('page_count', { simple: true }) as number) *
        (copy.pragma('page_size', { simple: true }) as number);
    } finally {
      copy.close();
    }
    this.audit('backup', 'database', this.databaseId);
    return { bytes };
  }

  /**
   * SQLite's quick check of every page (structure and, through SQLCipher, each page's checksum), without the slower
   * index cross-checks of `integrityCheck`. Throws `DamagedDatabaseError` naming the first problem.
   */
  checkReadable(): void {
    let rows: string[];
    try {
      rows = (this.db.pragma('quick_check(1)') as Array<{ quick_check: string }>).map((r) => r.quick_check);
    } catch (err) {
      throw translateSqliteError(err);
    }
    if (rows.length !== 1 || rows[0] !== 'ok')
      throw new DamagedDatabaseError((integrityLines(rows)[0] ?? 'the quick check failed').slice(0, 200));
  }

  /**
   * A read-only engine records the audit rows it held back (the unlock, any views) through a short-lived writer, in
   * one IMMEDIATE transaction. Call it only after `checkReadable()` passed: a damaged file is never written.
   */
  recordPendingAudit(): void {
    if (!this.readonly || this.pendingAudit.length === 0) return;
    const rows = this.pendingAudit.splice(0);
    let writer: Db | undefined;
    try {
      writer = openKeyed(this.db.name, this.dataKey);
      configureWriter(writer);
      const log = new AuditLog(writer, this.databaseId);
      writer
        .transaction(() => {
          for (const [action, entity, id] of rows) log.append(this.actor, action, entity, id);
        })
        .immediate();
    } catch (err) {
      throw translateSqliteError(err);
    } finally {
      writer?.close();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------------

  private touch(encounterId: number): void {
    this.db.prepare('UPDATE encounters SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), encounterId);
  }

  private tx<T>(fn: () => T, catchDryRun = false): T {
    if (this.db.inTransaction) return fn();
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      if (catchDryRun && err instanceof DryRun) return err.result as T;
      throw err;
    }
  }
}

/** SQLite's check messages as single lines, without its "*** in database main ***" headings. */
function integrityLines(messages: string[]): string[] {
  return messages
    .flatMap((m) => m.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l && l !== 'ok' && !/^\*\*\* in database/.test(l));
}

/** Thrown inside a purge transaction to roll it back while still reporting what would have been removed. */
class DryRun extends Error {
  constructor(public readonly result: PurgeResult) {
    super('dry run');
  }
}
