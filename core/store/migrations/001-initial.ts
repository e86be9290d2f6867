import type { Migration } from './types.js';

/** Core tables: patients, encounters, audio, transcripts, notes, hints, settings, the audit trail and metadata. */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE patients (
        id            INTEGER PRIMARY KEY,
        label         TEXT NOT NULL,
        date_of_birth TEXT,
        sex           TEXT CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        created_at    TEXT NOT NULL
      );

      CREATE TABLE encounters (
        id                INTEGER PRIMARY KEY,
        patient_id        INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        status            TEXT NOT NULL CHECK (status IN ('new', 'recording', 'recorded', 'drafted', 'signed')),
        consent           INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
        consent_at        TEXT,
        recording_session TEXT,
        started_at        TEXT NOT NULL,
        ended_at          TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      );
      CREATE INDEX encounters_patient ON encounters(patient_id);
      CREATE INDEX encounters_started ON encounters(started_at);
      CREATE INDEX encounters_status ON encounters(status);

      CREATE TABLE audio_chunks (
        encounter_id INTEGER NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL CHECK (seq >= 0),
        sample_rate  INTEGER NOT NULL CHECK (sample_rate BETWEEN 8000 AND 192000),
        samples      INTEGER NOT NULL CHECK (samples > 0 AND samples <= sample_rate),
        pcm          BLOB NOT NULL,
        created_at   TEXT NOT NULL,
        PRIMARY KEY (encounter_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE transcript_segments (
        id           INTEGER PRIMARY KEY,
        encounter_id INTEGER NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL CHECK (seq >= 0),
        speaker      TEXT NOT NULL,
        start_ms     INTEGER,
        end_ms       INTEGER,
        text         TEXT NOT NULL,
        UNIQUE (encounter_id, seq)
      );

      CREATE TABLE notes (
        id           INTEGER PRIMARY KEY,
        encounter_id INTEGER NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL CHECK (version >= 1),
        kind         TEXT NOT NULL CHECK (kind IN ('draft', 'signed')),
        template_id  TEXT NOT NULL,
        body_json    TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        signed_by    TEXT,
        signed_at    TEXT,
        UNIQUE (encounter_id, version)
      );
      CREATE UNIQUE INDEX notes_one_signed ON notes(encounter_id) WHERE kind = 'signed';

      CREATE TABLE hints (
        id             INTEGER PRIMARY KEY,
        encounter_id   INTEGER NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
        kind           TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'dismissed')),
        body_json      TEXT NOT NULL,
        dismiss_reason TEXT,
        created_at     TEXT NOT NULL,
        decided_at     TEXT
      );
      CREATE INDEX hints_encounter ON hints(encounter_id);

      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
