/**
 * Locks the operating system releases when their process ends, however it ends (exit, crash, SIGKILL, power loss).
 *
 * Node has no flock(); SQLite's own file locking (fcntl byte-range locks on POSIX, LockFileEx on Windows) is used
 * instead: an empty file (never written: no PHI, nothing at all) on which a connection opens an exclusive transaction
 * and never commits it keeps its exclusive lock until the connection closes or the process dies. SQLite also
 * makes two connections of one process see each other's locks, so tests and worker threads behave like processes.
 *
 * Two kinds of lock live in the data folder:
 *   - `bedside.lock`: the owner lock. The long-running process that has the store unlocked (desktop app, dev host,
 *     `bedside serve`) holds it; a second one is told "Bedside is already open on this store". Short CLI commands do
 *     not take it (they may read, import and verify while the app runs, as before).
 *   - `bedside.sessions/<session>.lock`: held by an engine session while it has a recording in progress. A recording
 *     is "interrupted" (offered for recovery) only when no live process holds its session's lock.
 * Lock files are never deleted while they may be held (deleting a held lock file would let a second process lock a
 * new file of the same name). A session removes its own file when it closes; files of dead sessions are removed by
 * the session that recovers or discards their recording.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { StoreInUseError, isBusyCode } from './errors.js';

export const OWNER_LOCK_FILE = 'bedside.lock';
export const SESSIONS_DIR = 'bedside.sessions';

const SESSION_ID = /^[0-9a-f-]{36}$/;

/** An exclusive lock held through an SQLite connection; released by `release()` or by the process ending. */
export class FileLock {
  private constructor(
    readonly path: string,
    private db: Sqlite.Database | null,
  ) {}

  /** Takes the lock at once, or returns null when another connection (this process or another) holds it. */
  static tryAcquire(path: string, opts: { create?: boolean } = {}): FileLock | null {
    let db: Sqlite.Database;
    try {
      db = new Sqlite(path, { timeout: 0, fileMustExist: !(opts.create ?? true) });
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CANTOPEN' && opts.create === false) return null;
      throw err;
    }
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = MEMORY'); // nothing is ever written: no journal file beside the lock
      // An exclusive transaction that is never committed: the lock is held, nothing is written (no journal file).
      db.exec('BEGIN EXCLUSIVE');
      return new FileLock(path, db);
    } catch (err) {
      db.close();
      if (isBusyCode((err as { code?: string }).code)) return null;
      throw err;
    }
  }

  get held(): boolean {
    return this.db !== null;
  }

  release(): void {
    const db = this.db;
    this.db = null;
    db?.close();
  }
}

/** The owner lock of the store in `dir`: taken, or `StoreInUseError` when another process has the store open. */
export function acquireOwnerLock(dir: string): FileLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = FileLock.tryAcquire(join(dir, OWNER_LOCK_FILE));
  if (!lock) throw new StoreInUseError();
  return lock;
}

function sessionLockPath(dbPath: string, session: string): string {
  if (!SESSION_ID.test(session)) throw new Error('bad session id');
  return join(dirname(dbPath), SESSIONS_DIR, `${session}.lock`);
}

/** Takes the lock that says "session `session` is alive" (held while it records). */
export function acquireSessionLock(dbPath: string, session: string): FileLock {
  const path = sessionLockPath(dbPath, session);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lock = FileLock.tryAcquire(path);
  if (!lock) throw new Error('session lock already held');
  return lock;
}

/**
 * Whether a live process holds session `session`'s lock. A session id that is not a lock name (older databases wrote
 * other ids) or has no lock file belongs to no live process.
 */
export function sessionAlive(dbPath: string, session: string | null): boolean {
  if (!session || !SESSION_ID.test(session)) return false;
  const path = sessionLockPath(dbPath, session);
  if (!existsSync(path)) return false;
  let probe: FileLock | null;
  try {
    probe = FileLock.tryAcquire(path, { create: false });
  } catch {
    return false;
  }
  if (!probe) return existsSync(path); // busy: held by a live session (unless it was just removed)
  probe.release();
  return false;
}

/** Removes the lock file of a session whose owner is gone (after its recording was recovered or discarded). */
export function removeSessionLock(dbPath: string, session: string | null): void {
  if (!session || !SESSION_ID.test(session) || sessionAlive(dbPath, session)) return;
  try {
    rmSync(sessionLockPath(dbPath, session), { force: true });
  } catch {
    // Windows refuses to delete a file another process has open (a probe); a later recovery removes it.
  }
}
