/**
 * The store as a long-running host (dev host, desktop app) holds it: locked or unlocked, opened in a worker thread.
 * Failed unlock attempts cannot be written while locked (there is no key); they are counted here and recorded as
 * `failed_unlock` audit rows by the next successful unlock.
 *
 * On a fresh install the host creates the store (`create`): protected by a passphrase, or (desktop, with a usable OS
 * keychain) by the keychain plus a recovery passphrase, as core/store/desktop.ts does. When the keychain can no longer
 * open the key (new OS account, reset keyring), unlocking with the recovery passphrase re-wraps the keychain slot.
 */
import { log } from '../platform/log.js';
import type { AsyncStore, StoreClient } from './client.js';
import { KeyProtectionError, StoreInputError, WrongKeyError } from './errors.js';
import { PassphraseProtector, readKeyFile, unlockDataKey, type KeyProtector } from './keys.js';
import { MIN_PASSPHRASE_CHARS } from './types.js';

/** The OS keychain protector (electron/main/keychain.ts KeychainProtector): `backend()` throws when unusable. */
export interface KeychainKeyProtector extends KeyProtector {
  readonly slot: 'keychain';
  backend(): string;
}

/** Whether the keychain can be used on this host now (its backend is present and not plaintext). */
export function keychainUsable(keychain: KeychainKeyProtector | undefined): keychain is KeychainKeyProtector {
  if (!keychain) return false;
  try {
    keychain.backend();
    return true;
  } catch {
    return false;
  }
}

export class StoreSession {
  private client: StoreClient | null = null;
  private failed = 0;
  private pending: Promise<void> | null = null;

  constructor(
    readonly dir: string,
    private readonly opts: { actor?: string; scryptLog2N?: number } = {},
  ) {}

  get store(): AsyncStore | undefined {
    return this.client?.store;
  }

  get failedAttempts(): number {
    return this.failed;
  }

  private secret(passphrase: string, slot: 'passphrase' | 'recovery'): PassphraseProtector {
    return new PassphraseProtector(
      passphrase,
      slot,
      this.opts.scryptLog2N === undefined ? {} : { scryptLog2N: this.opts.scryptLog2N },
    );
  }

  private get actorOpts(): { actor?: string } {
    return this.opts.actor ? { actor: this.opts.actor } : {};
  }

  /** A store (database or key file) is present in the data folder. */
  async exists(): Promise<boolean> {
    if (this.client) return true;
    const { storeExists } = await import('./open.js');
    return storeExists(this.dir);
  }

  /**
   * Creates the store in an empty data folder and leaves it unlocked. With `keychain` the data key is wrapped by the
   * OS keychain and by the passphrase as the recovery passphrase; without, by the passphrase alone.
   * Throws `StoreInputError` when a store exists or the passphrase is too short; `KeyProtectionError` when the keychain
   * refuses (nothing is written then).
   */
  create(passphrase: string, keychain?: KeychainKeyProtector): Promise<void> {
    return this.serialized(async () => {
      if (this.client) throw new StoreInputError('the store is already open');
      if ([...passphrase].length < MIN_PASSPHRASE_CHARS)
        throw new StoreInputError(`choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters`);
      // Loaded on first use, so hosts that never open a store never load the native SQLite module.
      const { initStore, storeExists } = await import('./open.js');
      if (storeExists(this.dir)) throw new StoreInputError('a Bedside database already exists in this data folder');
      const secret = this.secret(passphrase, keychain ? 'recovery' : 'passphrase');
      const protectors = keychain ? [keychain, secret] : [secret];
      const engine = await initStore(this.dir, protectors, this.actorOpts);
      engine.close();
      await this.open(protectors);
    });
  }

  /**
   * Unlocks with a passphrase (or the recovery passphrase). Throws `WrongKeyError` and counts the failure.
   * With a usable `keychain` whose slot no longer opens the key, a recovery passphrase first re-wraps the keychain
   * slot (best effort), so the keychain opens the store next time.
   */
  unlockWithPassphrase(passphrase: string, opts: { keychain?: KeychainKeyProtector } = {}): Promise<void> {
    const keychain = opts.keychain;
    return this.unlock(
      [this.secret(passphrase, 'passphrase'), this.secret(passphrase, 'recovery')],
      keychain ? () => this.repairKeychain(passphrase, keychain) : undefined,
    );
  }

  /** Unlocks with the OS keychain slot. Throws `WrongKeyError` (counted) or `KeyProtectionError` (keychain unusable). */
  unlockWithKeychain(keychain: KeychainKeyProtector): Promise<void> {
    return this.unlock([keychain]);
  }

  /**
   * Unlocks with the first protector that opens the key. While already unlocked the protectors are still checked
   * against the key file, so a wrong passphrase is refused (`WrongKeyError`) whether or not the store is open.
   */
  async unlock(protectors: KeyProtector[], prepare?: () => Promise<void>): Promise<void> {
    await this.serialized(async () => {
      if (this.client) {
        await this.checkProtectors(protectors);
        return;
      }
      try {
        await prepare?.();
        await this.open(protectors);
        this.failed = 0;
      } catch (err) {
        if (err instanceof WrongKeyError) this.failed++;
        throw err;
      }
    });
  }

  private async checkProtectors(protectors: KeyProtector[]): Promise<void> {
    const { unwrapDataKey } = await import('./open.js');
    try {
      (await unwrapDataKey(this.dir, protectors)).dataKey.fill(0);
    } catch (err) {
      // The store is open: the failed attempt is recorded now rather than at the next unlock.
      const c = this.client;
      if (err instanceof WrongKeyError && c)
        await c.store.audit('failed_unlock', 'database', c.databaseId).catch(() => undefined);
      throw err;
    }
  }

  private async open(protectors: KeyProtector[]): Promise<void> {
    // Loaded on first unlock, so hosts that never unlock never load the native SQLite module.
    const { StoreClient } = await import('./client.js');
    // A host owns the store while it has it unlocked: a second host on the same data folder is refused in words.
    this.client = await StoreClient.open(this.dir, protectors, {
      failedAttempts: this.failed,
      owner: true,
      ...this.actorOpts,
    });
  }

  /** One create/unlock at a time. */
  private async serialized(fn: () => Promise<void>): Promise<void> {
    while (this.pending) await this.pending.catch(() => undefined);
    const attempt = fn();
    this.pending = attempt;
    try {
      await attempt;
    } finally {
      this.pending = null;
    }
  }

  /**
   * The keychain is usable but its slot does not open the key, and the store has a recovery slot: re-wrap the
   * keychain slot with the key the recovery passphrase opens. Best effort; a wrong passphrase changes nothing (the
   * unlock that follows refuses it). Logged by event name only.
   */
  private async repairKeychain(passphrase: string, keychain: KeychainKeyProtector): Promise<void> {
    if (!keychainUsable(keychain)) return;
    const { rewrapKey, storePaths } = await import('./open.js');
    let file;
    try {
      file = readKeyFile(storePaths(this.dir).keys);
    } catch {
      return; // missing or damaged: the unlock reports it
    }
    if (!file.slots.recovery) return;
    if (file.slots.keychain) {
      try {
        (await unlockDataKey(file, keychain)).fill(0);
        return; // the keychain still opens it
      } catch (err) {
        if (!(err instanceof WrongKeyError) && !(err instanceof KeyProtectionError)) return;
      }
    }
    try {
      await rewrapKey(this.dir, [this.secret(passphrase, 'recovery')], keychain, this.actorOpts);
      log.info('store.keychain_rewrapped');
    } catch (err) {
      if (!(err instanceof WrongKeyError)) log.warn('store.keychain_rewrap_failed');
    }
  }

  /** Closes the worker (checkpointing the WAL); the key is gone from memory with it. */
  async lock(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (c) {
      await c.store.audit('lock', 'database', c.databaseId).catch(() => undefined);
      await c.close();
    }
  }
}
