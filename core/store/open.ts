/**
 * The data folder: `bedside.db` (SQLCipher, plus its `-wal`/`-shm` while open) and `bedside.keys.json` (the wrapped
 * data key). Creating, unlocking and re-protecting a store.
 */
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StoreEngine, type EngineOptions } from './engine.js';
import { NoDatabaseError, StoreInputError, WrongKeyError, translateSqliteError } from './errors.js';
import {
  newDataKey,
  newKeyFile,
  readKeyFile,
  setSlot,
  unlockAny,
  writeKeyFile,
  type KeyFile,
  type KeyProtector,
  type SlotName,
} from './keys.js';

export const DB_FILE = 'bedside.db';
export const KEY_FILE = 'bedside.keys.json';

export function storePaths(dir: string): { db: string; keys: string } {
  return { db: join(dir, DB_FILE), keys: join(dir, KEY_FILE) };
}

export function storeExists(dir: string): boolean {
  const p = storePaths(dir);
  return existsSync(p.db) || existsSync(p.keys);
}

/** Creates a new store: a random data key wrapped by every protector given, then an empty migrated database. */
export async function initStore(
  dir: string,
  protectors: KeyProtector[],
  opts: EngineOptions = {},
): Promise<StoreEngine> {
  if (protectors.length === 0) throw new StoreInputError('at least one key protector is needed');
  const paths = storePaths(dir);
  if (storeExists(dir)) throw new StoreInputError(`a Bedside database already exists in ${dir}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dataKey = newDataKey();
  try {
    let file = newKeyFile();
    for (const p of protectors) file = await setSlot(file, dataKey, p);
    writeKeyFile(paths.keys, file);
    let engine: StoreEngine;
    try {
      engine = StoreEngine.open(paths.db, dataKey, file.databaseId, { ...opts, create: true });
      // Owner-only; SQLite gives the -wal and -shm files the database file's permissions.
      chmodSync(paths.db, 0o600);
    } catch (err) {
      for (const f of [paths.db, `${paths.db}-wal`, `${paths.db}-shm`, paths.keys]) rmSync(f, { force: true });
      throw err;
    }
    engine.audit('create', 'database', file.databaseId);
    return engine;
  } finally {
    dataKey.fill(0);
  }
}

export interface UnlockOptions extends EngineOptions {
  /** Failed unlock attempts this process saw before this one (recorded as `failed_unlock` rows once unlocked). */
  failedAttempts?: number;
}

/**
 * Unlocks the store with the first protector whose slot opens the data key. A wrong key throws `WrongKeyError`
 * without opening (let alone writing) the database.
 */
export async function unlockStore(
  dir: string,
  protectors: KeyProtector[],
  opts: UnlockOptions = {},
): Promise<{ engine: StoreEngine; slot: SlotName; keyFile: KeyFile }> {
  const paths = storePaths(dir);
  if (!existsSync(paths.db) && !existsSync(paths.keys)) throw new NoDatabaseError(dir);
  if (!existsSync(paths.keys)) throw new WrongKeyError('the key file (bedside.keys.json) is missing');
  if (!existsSync(paths.db)) throw new WrongKeyError('the database file (bedside.db) is missing');
  const keyFile = readKeyFile(paths.keys);
  const { dataKey, slot } = await unlockAny(keyFile, protectors);
  try {
    return { engine: openUnlocked(paths.db, dataKey, keyFile.databaseId, opts), slot, keyFile };
  } finally {
    dataKey.fill(0);
  }
}

/** Unwraps the data key without opening the database (the worker-thread client opens it in the worker). */
export async function unwrapDataKey(
  dir: string,
  protectors: KeyProtector[],
): Promise<{ dataKey: Buffer; slot: SlotName; keyFile: KeyFile; dbPath: string }> {
  const paths = storePaths(dir);
  if (!existsSync(paths.db) && !existsSync(paths.keys)) throw new NoDatabaseError(dir);
  if (!existsSync(paths.keys)) throw new WrongKeyError('the key file (bedside.keys.json) is missing');
  if (!existsSync(paths.db)) throw new WrongKeyError('the database file (bedside.db) is missing');
  const keyFile = readKeyFile(paths.keys);
  return { ...(await unlockAny(keyFile, protectors)), keyFile, dbPath: paths.db };
}

/**
 * Opens the database with an unwrapped data key and records the unlock (and earlier failed attempts) in one IMMEDIATE
 * transaction: a deferred one would start as a reader and fail with SQLITE_BUSY_SNAPSHOT, without waiting, when
 * another process wrote meanwhile. A read-only engine keeps those rows in `pendingAudit` (see `recordPendingAudit`).
 */
export function openUnlocked(
  dbPath: string,
  dataKey: Buffer,
  databaseId: string,
  opts: UnlockOptions = {},
): StoreEngine {
  const engine = StoreEngine.open(dbPath, dataKey, databaseId, opts);
  const record = () => {
    for (let i = 0; i < (opts.failedAttempts ?? 0); i++) engine.audit('failed_unlock', 'database', databaseId);
    engine.audit('unlock', 'database', databaseId);
  };
  try {
    if (engine.readonly) record();
    else engine.db.transaction(record).immediate();
  } catch (err) {
    engine.close();
    throw translateSqliteError(err);
  }
  return engine;
}

/**
 * Re-protects the data key: unlocks with `current`, then (re)writes the slot of `nextProtector` (or of the protector
 * it returns for the slot that unlocked). The database file is not rewritten
 * and nothing is decrypted to disk. Recorded in the audit trail.
 */
export async function rewrapKey(
  dir: string,
  current: KeyProtector[],
  nextProtector: KeyProtector | ((unlockedWith: SlotName) => KeyProtector),
  opts: EngineOptions = {},
): Promise<{ unlockedWith: SlotName; changed: SlotName }> {
  const paths = storePaths(dir);
  const { engine, slot, keyFile } = await unlockStore(dir, current, opts);
  try {
    const next = typeof nextProtector === 'function' ? nextProtector(slot) : nextProtector;
    const { dataKey } = await unlockAny(keyFile, current);
    try {
      writeKeyFile(paths.keys, await setSlot(keyFile, dataKey, next));
    } finally {
      dataKey.fill(0);
    }
    engine.audit('rekey', 'database', next.slot);
    return { unlockedWith: slot, changed: next.slot };
  } finally {
    engine.close();
  }
}

/** Removes a slot (e.g. the keychain slot when the OS keychain was replaced); the last slot cannot be removed. */
export async function removeKeySlot(dir: string, current: KeyProtector[], slot: SlotName): Promise<void> {
  const paths = storePaths(dir);
  const { engine, keyFile } = await unlockStore(dir, current);
  try {
    const slots = { ...keyFile.slots };
    delete slots[slot];
    if (Object.keys(slots).length === 0) throw new StoreInputError('the last key slot cannot be removed');
    writeKeyFile(paths.keys, { ...keyFile, slots });
    engine.audit('rekey', 'database', slot);
  } finally {
    engine.close();
  }
}
