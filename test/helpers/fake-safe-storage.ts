/** A stand-in for Electron's safeStorage: real AES under a per-"keyring" secret, with a chosen backend. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../core/store/keys.js';

export class FakeSafeStorage implements SafeStorageLike {
  /** The keyring's secret: replace it to simulate a new OS account or a reset keyring. */
  secret = randomBytes(32);
  available = true;
  constructor(public backend = 'gnome_libsecret') {}
  isEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(text: string): Buffer {
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', this.secret, iv);
    return Buffer.concat([iv, c.update(text, 'utf8'), c.final()]);
  }
  decryptString(buf: Buffer): string {
    const d = createDecipheriv('aes-256-cbc', this.secret, buf.subarray(0, 16));
    return Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8');
  }
}
