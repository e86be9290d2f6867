import type { Migration } from './types.js';

/**
 * Full-text search over transcript segments (FTS5, external content: the text is stored once, in
 * transcript_segments; the index lives in the same encrypted file). Triggers keep it in sync; existing rows are
 * indexed by the rebuild.
 */
export const m002TranscriptSearch: Migration = {
  version: 2,
  name: 'transcript-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE transcript_fts USING fts5(
        text,
        content = 'transcript_segments',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER transcript_fts_ai AFTER INSERT ON transcript_segments BEGIN
        INSERT INTO transcript_fts(rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER transcript_fts_ad AFTER DELETE ON transcript_segments BEGIN
        INSERT INTO transcript_fts(transcript_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER transcript_fts_au AFTER UPDATE OF text ON transcript_segments BEGIN
        INSERT INTO transcript_fts(transcript_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO transcript_fts(rowid, text) VALUES (new.id, new.text);
      END;
      INSERT INTO transcript_fts(transcript_fts) VALUES ('rebuild');
    `);
  },
};
