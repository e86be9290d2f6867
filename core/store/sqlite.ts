/** The SQLCipher-capable SQLite binding, and how every connection to a Bedside database is keyed. */
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { WrongKeyError } from './errors.js';

export type Db = Sqlite.Database;

export interface OpenOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
}

/**
 * Opens `path` with the raw 256-bit data key, SQLCipher v4 settings (AES-256-CBC + HMAC-SHA512 per page). A raw key
 * skips SQLCipher's own PBKDF2 (the key is already random). The key is checked by reading the schema; a wrong key or
 * a file that is not an SQLCipher database throws `WrongKeyError` without having written anything.
 */
export function openKeyed(path: string, dataKey: Buffer, opts: OpenOptions = {}): Db {
  const db = new Sqlite(path, { readonly: opts.readonly ?? false, fileMustExist: opts.fileMustExist ?? true });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${dataKey.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new WrongKeyError();
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
  db.pragma('busy_timeout = 5000');
  // 64 MiB of decrypted pages stay cached: SQLCipher decrypts (and HMAC-checks) a page only on a cache miss.
  db.pragma('cache_size = -65536');
}
