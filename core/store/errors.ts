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
