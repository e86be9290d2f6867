/**
 * Salvage: copies every row that can still be read from a damaged database into a new encrypted database, for when
 * there is no backup (or the backup is older than what the damaged file still holds).
 *
 * The damaged file is opened read-only and never written. Rows are read in key order in batches; where a batch hits
 * an unreadable page the copy falls back to single rows, and past a row it cannot read it probes ever larger key
 * jumps (then narrows back) to the next readable row, so one bad page costs the rows on that page, not the rest of
 * the table. The copy has the same schema, the same database id and the same data key: with a copy of the key file
 * beside it (written as FILE.keys.json) it opens with today's passphrase. Its audit trail is copied row for row; a
 * gap shows as a broken chain when the copy is verified (`bedside audit verify`), which is the truth.
 */
import { copyFileSync, constants as fsConstants, existsSync, rmSync } from 'node:fs';
import { DamagedDatabaseError, StoreInputError, translateSqliteError } from './errors.js';
import type { KeyProtector } from './keys.js';
import { migrate, schemaVersion } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { storePaths, unwrapDataKey } from './open.js';
import { configureWriter, openKeyed, type Db } from './sqlite.js';

export interface SalvagedTable {
  table: string;
  copied: number;
  /** Places where rows could not be read and were skipped (each may have held several rows). */
  unreadable: number;
}

export interface SalvageResult {
  tables: SalvagedTable[];
  /** Every table was read end to end without an unreadable row. */
  complete: boolean;
}

type Key = Array<number | string>;

interface TablePlan {
  table: string;
  /** The key columns, in index order (a rowid table uses its rowid). */
  key: string[];
}

/** Parents before children, so the copy's foreign keys hold wherever the parent row survived. */
const TABLES: TablePlan[] = [
  { table: 'meta', key: ['key'] },
  { table: 'settings', key: ['key'] },
  { table: 'patients', key: ['rowid'] },
  { table: 'encounters', key: ['rowid'] },
  { table: 'audio_chunks', key: ['encounter_id', 'seq'] },
  { table: 'transcript_segments', key: ['rowid'] },
  { table: 'notes', key: ['rowid'] },
  { table: 'hints', key: ['rowid'] },
  { table: 'audit_log', key: ['rowid'] },
];

const BATCH = 256;
const MAX_JUMP = 2 ** 40;

function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
}

function readable(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    if (translateSqliteError(err) instanceof DamagedDatabaseError) return false;
    throw err;
  }
}

/** Copies one table; returns what was copied and how many unreadable places were skipped. */
function copyTable(src: Db, out: Db, plan: TablePlan): SalvagedTable {
  const result: SalvagedTable = { table: plan.table, copied: 0, unreadable: 0 };
  let cols: string[];
  try {
    const want = new Set(columnsOf(out, plan.table));
    cols = columnsOf(src, plan.table).filter((c) => want.has(c));
  } catch {
    result.unreadable++;
    return result;
  }
  if (cols.length === 0) return result;
  const keyCols = plan.key;
  const keySel = keyCols.map((k, i) => `${k} AS k${i}`).join(', ');
  const order = keyCols.join(', ');
  const tuple = keyCols.length === 1 ? keyCols[0]! : `(${keyCols.join(', ')})`;
  const params = keyCols.length === 1 ? '?' : `(${keyCols.map(() => '?').join(', ')})`;
  const select = (op: '>' | '>=' | null, limit: number) =>
    src.prepare(
      `SELECT ${keySel}, ${cols.map((c) => `"${c}"`).join(', ')} FROM ${plan.table}` +
        (op ? ` WHERE ${tuple} ${op} ${params}` : '') +
        ` ORDER BY ${order} LIMIT ${limit}`,
    );
  const insert = out.prepare(
    `INSERT OR IGNORE INTO ${plan.table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  const keyOf = (row: Record<string, unknown>): Key => keyCols.map((_, i) => row[`k${i}`] as number | string);
  const put = (rows: Array<Record<string, unknown>>) => {
    for (const r of rows) result.copied += insert.run(...cols.map((c) => r[c])).changes;
  };
  const fetch = (after: Key | null, op: '>' | '>=', limit: number): Array<Record<string, unknown>> =>
    (after ? select(op, limit).all(...after) : select(null, limit).all()) as Array<Record<string, unknown>>;

  let after: Key | null = null;
  for (;;) {
    let rows: Array<Record<string, unknown>> = [];
    if (readable(() => (rows = fetch(after, '>', BATCH)))) {
      if (rows.length === 0) break;
      put(rows);
      after = keyOf(rows[rows.length - 1]!);
      continue;
    }
    // A bad page in this batch: go one row at a time up to it.
    let one: Array<Record<string, unknown>> = [];
    if (readable(() => (one = fetch(after, '>', 1)))) {
      if (one.length === 0) break;
      put(one);
      after = keyOf(one[0]!);
      continue;
    }
    // The next row cannot be read: jump past it to the next readable place.
    result.unreadable++;
    const next = jumpPast(after, keyCols.length, (start) => {
      let r: Array<Record<string, unknown>> = [];
      return readable(() => (r = fetch(start, '>=', 1))) ? r : null;
    });
    if (!next || next.length === 0) break;
    put(next);
    after = keyOf(next[0]!);
  }
  return result;
}

/**
 * From `after` (exclusive), finds a key from which one row can be read: numeric keys grow by 1, 2, 4, ... until a
 * read succeeds, then the gap is narrowed by halving. A composite key (encounter, seq) jumps within the encounter
 * first, then to later encounters. Text keys (meta, settings: a handful of rows) are not probed.
 */
function jumpPast(
  after: Key | null,
  width: number,
  tryAt: (start: Key) => Array<Record<string, unknown>> | null,
): Array<Record<string, unknown>> | null {
  const base = after ?? Array.from({ length: width }, () => -1);
  if (base.some((k) => typeof k !== 'number')) return null;
  const nums = base as number[];
  const last = nums.length - 1;
  const at = (d: number, level: number): Key =>
    level === last ? [...nums.slice(0, last), nums[last]! + d] : [nums[0]! + d, -1];
  for (const level of width > 1 ? [last, 0] : [last]) {
    let lo = 0;
    for (let d = 1; d <= MAX_JUMP; d *= 2) {
      const found = tryAt(at(d, level));
      if (!found) {
        lo = d;
        continue;
      }
      // Narrow: the smallest jump in (lo, d] that still reads.
      let best = found;
      let hi = d;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        const r = tryAt(at(mid, level));
        if (r) {
          best = r;
          hi = mid;
        } else lo = mid;
      }
      return best;
    }
  }
  return null;
}

/**
 * Unlocks the key with `protectors` (a wrong passphrase is `WrongKeyError`, checked against the key file) and
 * salvages the database of `dir` into `dest` (+ `dest.keys.json`). Nothing in `dir` is written.
 */
export async function salvageStore(dir: string, protectors: KeyProtector[], dest: string): Promise<SalvageResult> {
  if (existsSync(dest) || existsSync(`${dest}.keys.json`))
    throw new StoreInputError('the salvage file already exists; choose a new name');
  const { dataKey, keyFile, dbPath } = await unwrapDataKey(dir, protectors);
  let src: Db | undefined;
  let out: Db | undefined;
  let done = false;
  try {
    src = openKeyed(dbPath, dataKey, { readonly: true });
    let version: number;
    try {
      version = schemaVersion(src);
    } catch (err) {
      throw translateSqliteError(err);
    }
    if (version > LATEST_SCHEMA_VERSION)
      throw new StoreInputError('this database is from a newer Bedside; salvage it with that version');
    out = openKeyed(dest, dataKey, { fileMustExist: false });
    configureWriter(out);
    migrate(out);
    out.pragma('foreign_keys = OFF');
    const tables: SalvagedTable[] = [];
    out
      .transaction(() => {
        for (const plan of TABLES) tables.push(copyTable(src!, out!, plan));
        // The copy belongs to the same key file: make sure its id is the key file's even if meta was unreadable.
        out!.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('database_id', ?)").run(keyFile.databaseId);
      })
      .immediate();
    out.pragma('wal_checkpoint(TRUNCATE)');
    out.close();
    out = undefined;
    copyFileSync(storePaths(dir).keys, `${dest}.keys.json`, fsConstants.COPYFILE_EXCL);
    done = true;
    return { tables, complete: tables.every((t) => t.unreadable === 0) };
  } catch (err) {
    const named = translateSqliteError(err);
    if (named instanceof DamagedDatabaseError && !src)
      throw new DamagedDatabaseError(
        'its first page cannot be read, so nothing can be salvaged',
        'the database file is damaged beyond salvage (its first page cannot be read); restore from a backup',
      );
    throw named;
  } finally {
    src?.close();
    out?.close();
    dataKey.fill(0);
    if (!done) for (const f of [dest, `${dest}-wal`, `${dest}-shm`]) rmSync(f, { force: true });
  }
}
