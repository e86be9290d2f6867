/** The SQLCipher-capable SQLite binding, and how every connection to a Bedside database is keyed. */
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { DamagedDatabaseError, StoreBusyError, isBusyCode } from './errors.js';

export type Db = Sqlite.Database;

export interface OpenOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
}

/** How long a connection waits for another connection's lock before giving up with `StoreBusyError`. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens `path` with the raw 256-bit data key, SQLCipher v4 settings (AES-256-CBC + HMAC-SHA512 per page). A raw key
 * skips SQLCipher's own PBKDF2 (the key is already random). The data key comes from the key file, whose
 * authenticated slot already proved the passphrase right; so a page 1 that does not decrypt means the file is
 * damaged (or belongs to another key file): `DamagedDatabaseError`, without anything written.
 */
export function openKeyed(path: string, dataKey: Buffer, opts: OpenOptions = {}): Db {
  const db = new Sqlite(path, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.fileMustExist ?? true,
    timeout: BUSY_TIMEOUT_MS,
  });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${dataKey.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT'))
      throw new DamagedDatabaseError(
        'its first page does not decrypt with the key in the key file: the file is damaged or cut short, or the key ' +
          'file belongs to another database',
      );
    if (isBusyCode(code)) throw new StoreBusyError();
    throw err;
  }
  return db;
}

/** Connection settings for the single read-write connection (after the key and schema-version checks). */
export function configureWriter(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB of decrypted pages stay cached: SQLCipher decrypts (and HMAC-checks) a page only on a cache miss.
  db.pragma('cache_size = -65536');
}
