/**
 * Key management. The database is encrypted with a random 256-bit data key that never touches disk in the clear.
 * The key file beside the database holds that data key wrapped (AES-256-GCM) by one or more protectors, each in its
 * own named slot:
 *   - `passphrase`: headless/CLI. scrypt(passphrase, salt) is the key-wrapping key; salt and cost live in the slot.
 *   - `recovery`:  desktop. Same as `passphrase`, with a recovery passphrase chosen at first run, so the data can be
 *                  recovered when the OS keychain changes (new machine account, reinstalled OS keyring).
 *   - `keychain`:  desktop. The OS keychain through Electron `safeStorage` (implemented in electron/main/keychain.ts).
 * Changing a passphrase rewraps the same data key: nothing is decrypted to plaintext files and the database file is
 * not rewritten. Each slot's authenticated data binds it to the database id and the slot name.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  randomUUID,
  scrypt as scryptCb,
  type ScryptOptions,
} from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { WrongKeyError } from './errors.js';

export const DATA_KEY_BYTES = 32;
/** Production scrypt cost: N = 2^17, r = 8, p = 1 (about 128 MiB and a few hundred ms per unlock). */
export const DEFAULT_SCRYPT_LOG2N = 17;
/** Lowest cost a key file may declare; a file claiming less is treated as tampered. */
export const MIN_SCRYPT_LOG2N = 10;

export type SlotName = 'passphrase' | 'recovery' | 'keychain';

export interface ScryptSlot {
  kind: 'scrypt';
  salt: string;
  log2N: number;
  r: number;
  p: number;
  iv: string;
  tag: string;
  wrapped: string;
}

export interface KeychainSlot {
  kind: 'os-keychain';
  /** The safeStorage backend that wrapped it (e.g. `gnome_libsecret`, `kwallet5`, `keychain`, `dpapi`). */
  backend: string;
  blob: string;
}

export type KeySlot = ScryptSlot | KeychainSlot;

export interface KeyFile {
  format: 'bedside-keyfile';
  version: 1;
  databaseId: string;
  createdAt: string;
  slots: Partial<Record<SlotName, KeySlot>>;
}

/** One way of wrapping the data key. Implementations: `PassphraseProtector` here, `KeychainProtector` in electron/. */
export interface KeyProtector {
  /** Which slot of the key file this protector reads and writes. */
  readonly slot: SlotName;
  wrap(dataKey: Buffer, aad: Buffer): Promise<KeySlot>;
  /** Returns the data key, or throws `WrongKeyError`. */
  unwrap(slot: KeySlot, aad: Buffer): Promise<Buffer>;
}

function scrypt(passphrase: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  const opts: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function gcmWrap(kek: Buffer, dataKey: Buffer, aad: Buffer): { iv: string; tag: string; wrapped: string } {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(aad);
  const wrapped = Buffer.concat([c.update(dataKey), c.final()]);
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

export function gcmUnwrap(kek: Buffer, slot: { iv: string; tag: string; wrapped: string }, aad: Buffer): Buffer {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
    d.setAAD(aad);
    d.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([d.update(Buffer.from(slot.wrapped, 'base64')), d.final()]);
    if (key.length !== DATA_KEY_BYTES) throw new Error('bad length');
    return key;
  } catch {
    throw new WrongKeyError();
  }
}

/** Wraps the data key with a passphrase stretched by scrypt. */
export class PassphraseProtector implements KeyProtector {
  private readonly log2N: number;
  constructor(
    private readonly passphrase: string,
    public readonly slot: 'passphrase' | 'recovery' = 'passphrase',
    opts: { scryptLog2N?: number } = {},
  ) {
    this.log2N = opts.scryptLog2N ?? DEFAULT_SCRYPT_LOG2N;
    if (this.log2N < MIN_SCRYPT_LOG2N || this.log2N > 22) throw new RangeError('scrypt cost out of range');
  }

  async wrap(dataKey: Buffer, aad: Buffer): Promise<ScryptSlot> {
    const salt = randomBytes(16);
    const kek = await scrypt(this.passphrase, salt, this.log2N, 8, 1);
    return {
      kind: 'scrypt',
      salt: salt.toString('base64'),
      log2N: this.log2N,
      r: 8,
      p: 1,
      ...gcmWrap(kek, dataKey, aad),
    };
  }

  async unwrap(slot: KeySlot, aad: Buffer): Promise<Buffer> {
    if (slot.kind !== 'scrypt') throw new WrongKeyError();
    const { log2N, r, p } = slot;
    if (![log2N, r, p].every(Number.isInteger) || log2N < MIN_SCRYPT_LOG2N || log2N > 22 || r < 1 || r > 32 || p !== 1)
      throw new WrongKeyError('the key file is damaged (bad key-derivation parameters)');
    const kek = await scrypt(this.passphrase, Buffer.from(slot.salt, 'base64'), log2N, r, p);
    return gcmUnwrap(kek, slot, aad);
  }
}

/** The subset of Electron's `safeStorage` the keychain protector uses; injected so core never imports Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

export function slotAad(databaseId: string, slot: SlotName): Buffer {
  return Buffer.from(`bedside-key:v1:${databaseId}:${slot}`, 'utf8');
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

export function newKeyFile(): KeyFile {
  return {
    format: 'bedside-keyfile',
    version: 1,
    databaseId: randomUUID(),
    createdAt: new Date().toISOString(),
    slots: {},
  };
}

export function readKeyFile(path: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new WrongKeyError('the key file is damaged or not a Bedside key file');
  }
  const k = parsed as Partial<KeyFile>;
  if (
    !k ||
    k.format !== 'bedside-keyfile' ||
    k.version !== 1 ||
    typeof k.databaseId !== 'string' ||
    typeof k.slots !== 'object' ||
    k.slots === null
  )
    throw new WrongKeyError('the key file is damaged or not a Bedside key file');
  return k as KeyFile;
}

/** Writes the key file atomically: a temporary file, fsync, rename, fsync of the folder. */
export function writeKeyFile(path: string, file: KeyFile): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(file, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dfd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Directory fsync is not supported on every platform (Windows); the rename is still atomic there.
  }
}

/** Unwraps the data key with the protector's slot. Throws `WrongKeyError` when the slot is missing or refuses. */
export async function unlockDataKey(file: KeyFile, protector: KeyProtector): Promise<Buffer> {
  const slot = file.slots[protector.slot];
  if (!slot) throw new WrongKeyError();
  return protector.unwrap(slot, slotAad(file.databaseId, protector.slot));
}

/** Unlocks with the first protector whose slot opens; returns the key and the slot used. */
export async function unlockAny(
  file: KeyFile,
  protectors: KeyProtector[],
): Promise<{ dataKey: Buffer; slot: SlotName }> {
  for (const p of protectors) {
    if (!file.slots[p.slot]) continue;
    try {
      return { dataKey: await unlockDataKey(file, p), slot: p.slot };
    } catch (err) {
      if (!(err instanceof WrongKeyError)) throw err;
    }
  }
  throw new WrongKeyError();
}

export async function setSlot(file: KeyFile, dataKey: Buffer, protector: KeyProtector): Promise<KeyFile> {
  const slot = await protector.wrap(dataKey, slotAad(file.databaseId, protector.slot));
  return { ...file, slots: { ...file.slots, [protector.slot]: slot } };
}
