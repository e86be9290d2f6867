/**
 * The audit trail (HIPAA audit controls): append-only rows of who did what to which record id, and when. Rows hold
 * ids and action names only, never PHI. Each row's hash covers its fields and the previous row's hash, so editing,
 * deleting or reordering rows breaks the chain at the first bad row. The head (row count and last hash) is also kept
 * in `meta`, so truncating the tail is detected too. Triggers refuse UPDATE and DELETE on the table.
 */
import { createHash } from 'node:crypto';
import type { Db } from './sqlite.js';

export const AUDIT_ACTIONS = [
  'open',
  'view',
  'create',
  'edit',
  'sign',
  'copy',
  'export',
  'send',
  'delete',
  'purge',
  'unlock',
  'failed_unlock',
  'lock',
  'backup',
  'rekey',
  'recover',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = [
  'database',
  'patient',
  'encounter',
  'audio',
  'transcript',
  'note',
  'hint',
  'settings',
  'audit',
  'template',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  /** The first row that does not verify (its seq), or null. */
  firstBadSeq: number | null;
  problem: string | null;
}

export function genesisHash(databaseId: string): string {
  return createHash('sha256').update(`bedside-audit:v1:${databaseId}`).digest('hex');
}

export function rowHash(prevHash: string, r: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.entity, r.entityId]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Only ids and short machine words may enter an audit row. */
const SAFE_TOKEN = /^[A-Za-z0-9_.:@-]{1,80}$/;

export class AuditLog {
  private readonly insert;
  private readonly last;
  private readonly setHead;

  constructor(
    private readonly db: Db,
    private readonly databaseId: string,
  ) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.last = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'audit_head'");
    this.setHead = db.prepare(
      "INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    );
  }

  /** Appends one row. Call inside the transaction that makes the change, so both commit or neither does. */
  append(
    actor: string,
    action: AuditAction,
    entity: AuditEntity,
    entityId: number | string | null,
    at = new Date(),
  ): number {
    if (!SAFE_TOKEN.test(actor)) throw new Error('audit actor must be an id (letters, digits, ._:@-)');
    if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) throw new Error(`unknown audit action`);
    if (!(AUDIT_ENTITIES as readonly string[]).includes(entity)) throw new Error(`unknown audit entity`);
    const id = entityId === null ? null : String(entityId);
    if (id !== null && !SAFE_TOKEN.test(id)) throw new Error('audit entity id must be an id');
    const append = () => {
      // Chain from the recorded head, not from whatever row is last: rows removed from the end stay detectable.
      const headRow = this.last.get();
      const prev = headRow ? (JSON.parse(headRow.value) as { seq: number; hash: string }) : undefined;
      const seq = (prev?.seq ?? 0) + 1;
      const prevHash = prev?.hash ?? genesisHash(this.databaseId);
      const row = { seq, at: at.toISOString(), actor, action, entity, entityId: id };
      const hash = rowHash(prevHash, row);
      this.insert.run(seq, row.at, actor, action, entity, id, prevHash, hash);
      this.setHead.run(JSON.stringify({ seq, hash }));
      return seq;
    };
    return this.db.inTransaction ? append() : this.db.transaction(append).immediate();
  }

  *rows(): IterableIterator<AuditRow> {
    const stmt = this.db.prepare<[], AuditRow>(
      'SELECT seq, at, actor, action, entity, entity_id AS entityId, prev_hash AS prevHash, hash FROM audit_log ORDER BY rowid',
    );
    yield* stmt.iterate();
  }

  /** Checks the chain and the recorded head from one snapshot (one read transaction), so concurrent appends do not
   * make a sound trail look truncated. */
  verify(): AuditVerifyResult {
    return this.db.inTransaction ? this.verifySnapshot() : this.db.transaction(() => this.verifySnapshot()).deferred();
  }

  private verifySnapshot(): AuditVerifyResult {
    let prevHash = genesisHash(this.databaseId);
    let expectedSeq = 1;
    let count = 0;
    const bad = (seq: number, problem: string): AuditVerifyResult => ({
      ok: false,
      rows: count,
      firstBadSeq: seq,
      problem,
    });
    for (const r of this.rows()) {
      count++;
      if (r.seq !== expectedSeq)
        return bad(r.seq, `row ${r.seq} found where row ${expectedSeq} was expected (rows deleted or reordered)`);
      if (r.prevHash !== prevHash) return bad(r.seq, `row ${r.seq} does not follow the previous row (chain broken)`);
      if (rowHash(prevHash, r) !== r.hash) return bad(r.seq, `row ${r.seq} was modified (hash mismatch)`);
      prevHash = r.hash;
      expectedSeq++;
    }
    const headRow = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'audit_head'").get();
    const head = headRow ? (JSON.parse(headRow.value) as { seq: number; hash: string }) : { seq: 0, hash: '' };
    if (head.seq !== count || (count > 0 && head.hash !== prevHash))
      return bad(
        count + 1,
        `the trail ends at row ${count} but ${head.seq} rows were written (rows removed at the end)`,
      );
    return { ok: true, rows: count, firstBadSeq: null, problem: null };
  }
}
