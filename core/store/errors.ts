/**
 * Errors the store raises. Messages are shown to users and may be logged: they never carry PHI (no names, dates of
 * birth or transcript text), only ids, counts and file names chosen by the user.
 */

/** The key does not open this database, or the file is not a Bedside database (CLI exit 3). */
export class WrongKeyError extends Error {
  constructor(message = 'wrong passphrase or not a Bedside database') {
    super(message);
    this.name = 'WrongKeyError';
  }
}

/** The database was written by a newer Bedside (its schema version is above the newest migration we know). */
export class SchemaTooNewError extends Error {
  constructor(
    public readonly found: number,
    public readonly supported: number,
  ) {
    super(
      `this database has schema version ${found}, newer than this Bedside supports (${supported}); ` +
        'update Bedside to open it (the file was not modified)',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** No database (or no key file) in the data folder. */
export class NoDatabaseError extends Error {
  constructor(dir: string) {
    super(`no Bedside database in ${dir} (run 'bedside db init' first)`);
    this.name = 'NoDatabaseError';
  }
}

/** A caller asked for something the store refuses (unknown record id, bad value). Safe to show. */
export class StoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInputError';
  }
}

/** The key store refuses to protect the data key (e.g. Linux keychain backend is plaintext `basic_text`). */
export class KeyProtectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyProtectionError';
  }
}

/**
 * Another process has this store open (the desktop app, a dev host or `bedside serve`): one owner per store. The OS
 * releases the owner's lock when that process ends, however it ends.
 */
export class StoreInUseError extends Error {
  constructor(
    message = 'Bedside is already open on this store (another Bedside app or dev host holds it); close it first',
  ) {
    super(message);
    this.name = 'StoreInUseError';
  }
}

/**
 * The database file is damaged: SQLite or SQLCipher found a page it cannot read (a bad page checksum, a truncated
 * file, a damaged header). The key opened (so this is not a wrong passphrase). CLI exit 4.
 */
export class DamagedDatabaseError extends Error {
  constructor(
    detail = 'a page of the database file cannot be read',
    message = `the database file is damaged (${detail}); restore from a backup (bedside db salvage FILE exports what is still readable)`,
  ) {
    super(message);
    this.name = 'DamagedDatabaseError';
  }
}

/** Another process kept the database busy for longer than the bounded wait; nothing was changed. Safe to retry. */
export class StoreBusyError extends Error {
  constructor(
    message = 'the database is busy (another Bedside process is writing to it); nothing was changed, try again',
  ) {
    super(message);
    this.name = 'StoreBusyError';
  }
}

/** SQLite result codes that mean the file itself is damaged (not a wrong key: the key file already opened). */
export function isDamageCode(code: unknown): boolean {
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** SQLite result codes that mean another connection held a lock past the busy timeout. */
export function isBusyCode(code: unknown): boolean {
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Store errors users should see in words: SQLite's damage and busy codes become `DamagedDatabaseError` and
 * `StoreBusyError`; anything else is returned unchanged.
 */
export function translateSqliteError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (isDamageCode(code)) return new DamagedDatabaseError();
  if (isBusyCode(code)) return new StoreBusyError();
  if (code === 'SQLITE_READONLY') return new StoreInputError('this command opened the database read-only');
  return err;
}
