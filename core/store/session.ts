/**
 * The store as a long-running host (dev host, desktop app) holds it: locked or unlocked, opened in a worker thread.
 * Failed unlock attempts cannot be written while locked (there is no key); they are counted here and recorded as
 * `failed_unlock` audit rows by the next successful unlock.
 */
import type { AsyncStore, StoreClient } from './client.js';
import { WrongKeyError } from './errors.js';
import { PassphraseProtector, type KeyProtector } from './keys.js';

export class StoreSession {
  private client: StoreClient | null = null;
  private failed = 0;
  private pending: Promise<void> | null = null;

  constructor(
    readonly dir: string,
    private readonly opts: { actor?: string } = {},
  ) {}

  get store(): AsyncStore | undefined {
    return this.client?.store;
  }

  get failedAttempts(): number {
    return this.failed;
  }

  /** Unlocks with a passphrase (or the recovery passphrase). Throws `WrongKeyError` and counts the failure. */
  unlockWithPassphrase(passphrase: string): Promise<void> {
    return this.unlock([
      new PassphraseProtector(passphrase, 'passphrase'),
      new PassphraseProtector(passphrase, 'recovery'),
    ]);
  }

  async unlock(protectors: KeyProtector[]): Promise<void> {
    if (this.client) return;
    while (this.pending) await this.pending.catch(() => undefined);
    if (this.client) return;
    const attempt = (async () => {
      try {
        // Loaded on first unlock, so hosts that never unlock never load the native SQLite module.
        const { StoreClient } = await import('./client.js');
        this.client = await StoreClient.open(this.dir, protectors, {
          failedAttempts: this.failed,
          ...(this.opts.actor ? { actor: this.opts.actor } : {}),
        });
        this.failed = 0;
      } catch (err) {
        if (err instanceof WrongKeyError) this.failed++;
        throw err;
      }
    })();
    this.pending = attempt;
    try {
      await attempt;
    } finally {
      this.pending = null;
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
