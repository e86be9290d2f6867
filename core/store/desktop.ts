/**
 * The desktop unlock flow: the data key is wrapped by the OS keychain (no passphrase to type every day) and by a
 * recovery passphrase chosen at first run. When the keychain can no longer open the key (new OS account, reset
 * keyring), the recovery passphrase opens it and the keychain slot is rewritten for the new keychain.
 */
import { KeyProtectionError, StoreInputError, WrongKeyError } from './errors.js';
import type { KeyProtector } from './keys.js';
import { PassphraseProtector } from './keys.js';
import { initStore, rewrapKey, storeExists, unlockStore, type UnlockOptions } from './open.js';
import type { StoreEngine } from './engine.js';
import { MIN_PASSPHRASE_CHARS } from './types.js';

/** The keychain could not open the store; ask the user for the recovery passphrase. */
export class RecoveryNeededError extends Error {
  constructor(public readonly reason: string) {
    super(`the OS keychain cannot unlock the database (${reason}); enter the recovery passphrase`);
    this.name = 'RecoveryNeededError';
  }
}

export interface DesktopUnlock {
  /** The keychain protector (electron/main/keychain.ts). */
  keychain: KeyProtector & { slot: 'keychain' };
  /** Required at first run (to create the store) and for recovery. */
  recoveryPassphrase?: string;
  /** For tests only: scrypt cost of the recovery slot. */
  scryptLog2N?: number;
}

export async function openDesktopStore(dir: string, u: DesktopUnlock, opts: UnlockOptions = {}): Promise<StoreEngine> {
  const recovery = (pass: string) =>
    new PassphraseProtector(pass, 'recovery', u.scryptLog2N === undefined ? {} : { scryptLog2N: u.scryptLog2N });
  if (!storeExists(dir)) {
    if (!u.recoveryPassphrase || [...u.recoveryPassphrase].length < MIN_PASSPHRASE_CHARS)
      throw new StoreInputError(`choose a recovery passphrase of at least ${MIN_PASSPHRASE_CHARS} characters`);
    return initStore(dir, [u.keychain, recovery(u.recoveryPassphrase)], opts);
  }
  try {
    return (await unlockStore(dir, [u.keychain], opts)).engine;
  } catch (err) {
    if (!(err instanceof WrongKeyError) && !(err instanceof KeyProtectionError)) throw err;
    if (!u.recoveryPassphrase) throw new RecoveryNeededError(err.message);
    // The recovery passphrase must open the key; then the keychain slot is rewritten (if the keychain is usable).
    try {
      await rewrapKey(dir, [recovery(u.recoveryPassphrase)], u.keychain, opts);
      return (await unlockStore(dir, [u.keychain], opts)).engine;
    } catch (inner) {
      if (inner instanceof KeyProtectionError)
        return (await unlockStore(dir, [recovery(u.recoveryPassphrase)], opts)).engine;
      throw inner;
    }
  }
}
