/**
 * The desktop key protector: wraps the store's data key with the OS keychain through Electron `safeStorage`
 * (macOS Keychain, Windows DPAPI, Linux Secret Service / KWallet). `safeStorage` is injected, so this file is
 * testable without Electron. On Linux, when no keyring is available Electron falls back to `basic_text`, which
 * "encrypts" with a hard-coded password: that is refused here rather than silently used.
 */
import { KeyProtectionError, WrongKeyError } from '../../core/store/errors.js';
import type { KeyProtector, KeySlot, SafeStorageLike } from '../../core/store/keys.js';

const PREFIX = 'bedside-dk1:';

export class KeychainProtector implements KeyProtector {
  readonly slot = 'keychain' as const;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** The backend in use; throws `KeyProtectionError` when it is missing or would store the key in plain text. */
  backend(): string {
    if (!this.safeStorage.isEncryptionAvailable())
      throw new KeyProtectionError('the OS keychain is not available; unlock with the recovery passphrase instead');
    if (this.platform !== 'linux')
      return this.platform === 'darwin' ? 'keychain' : this.platform === 'win32' ? 'dpapi' : this.platform;
    const backend = this.safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown')
      throw new KeyProtectionError(
        `the Linux keyring backend is '${backend}', which would keep the key readable on disk; ` +
          'install and unlock a Secret Service keyring (GNOME Keyring, KWallet) or use the recovery passphrase',
      );
    return backend;
  }

  async wrap(dataKey: Buffer, aad: Buffer): Promise<KeySlot> {
    const backend = this.backend();
    const blob = this.safeStorage.encryptString(`${PREFIX}${aad.toString('base64')}:${dataKey.toString('base64')}`);
    return { kind: 'os-keychain', backend, blob: Buffer.from(blob).toString('base64') };
  }

  async unwrap(slot: KeySlot, aad: Buffer): Promise<Buffer> {
    if (slot.kind !== 'os-keychain') throw new WrongKeyError();
    this.backend();
    let text: string;
    try {
      text = this.safeStorage.decryptString(Buffer.from(slot.blob, 'base64'));
    } catch {
      throw new WrongKeyError('the OS keychain cannot open the key (keychain changed?); use the recovery passphrase');
    }
    const expected = `${PREFIX}${aad.toString('base64')}:`;
    if (!text.startsWith(expected)) throw new WrongKeyError('the keychain entry belongs to another database');
    const key = Buffer.from(text.slice(expected.length), 'base64');
    if (key.length !== 32) throw new WrongKeyError();
    return key;
  }
}
