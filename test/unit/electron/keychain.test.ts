import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeychainProtector } from '../../../electron/main/keychain.js';
import {
  KeyProtectionError,
  RecoveryNeededError,
  WrongKeyError,
  openDesktopStore,
  readKeyFile,
  storePaths,
} from '../../../core/store/index.js';
import { slotAad } from '../../../core/store/keys.js';
import { FakeSafeStorage } from '../../helpers/fake-safe-storage.js';
import { tmpDir } from '../store/helpers.js';

const aad = slotAad('db-1', 'keychain');

describe('KeychainProtector (safeStorage)', () => {
  it('wraps and unwraps the data key through the OS keychain', async () => {
    const ss = new FakeSafeStorage();
    const p = new KeychainProtector(ss, 'linux');
    const key = randomBytes(32);
    const slot = await p.wrap(key, aad);
    expect(slot).toMatchObject({ kind: 'os-keychain', backend: 'gnome_libsecret' });
    expect((await p.unwrap(slot, aad)).equals(key)).toBe(true);
    await expect(p.unwrap(slot, slotAad('db-2', 'keychain'))).rejects.toBeInstanceOf(WrongKeyError);
  });

  it("refuses Linux's plaintext basic_text backend and an unavailable keychain", async () => {
    await expect(
      new KeychainProtector(new FakeSafeStorage('basic_text'), 'linux').wrap(randomBytes(32), aad),
    ).rejects.toThrow(/basic_text/);
    await expect(
      new KeychainProtector(new FakeSafeStorage('unknown'), 'linux').wrap(randomBytes(32), aad),
    ).rejects.toBeInstanceOf(KeyProtectionError);
    const off = new FakeSafeStorage();
    off.available = false;
    await expect(new KeychainProtector(off, 'darwin').wrap(randomBytes(32), aad)).rejects.toBeInstanceOf(
      KeyProtectionError,
    );
    // macOS and Windows have no backend selection: the platform's keychain is used.
    const mac = await new KeychainProtector(new FakeSafeStorage('basic_text'), 'darwin').wrap(randomBytes(32), aad);
    expect(mac).toMatchObject({ backend: 'keychain' });
  });

  it('a changed keychain cannot unwrap (WrongKeyError)', async () => {
    const ss = new FakeSafeStorage();
    const p = new KeychainProtector(ss, 'linux');
    const slot = await p.wrap(randomBytes(32), aad);
    ss.secret = randomBytes(32);
    await expect(p.unwrap(slot, aad)).rejects.toBeInstanceOf(WrongKeyError);
  });
});

describe('desktop unlock flow', () => {
  it('first run needs a recovery passphrase; later runs unlock from the keychain alone', async () => {
    const dir = tmpDir();
    const ss = new FakeSafeStorage();
    const keychain = new KeychainProtector(ss, 'linux');
    await expect(openDesktopStore(dir, { keychain })).rejects.toThrow(/recovery passphrase of at least 8/);
    const first = await openDesktopStore(dir, { keychain, recoveryPassphrase: 'recover me please', scryptLog2N: 10 });
    first.createPatient({ label: 'Desk Patient' });
    first.close();
    expect(Object.keys(readKeyFile(storePaths(dir).keys).slots).sort()).toEqual(['keychain', 'recovery']);
    const again = await openDesktopStore(dir, { keychain });
    expect(again.status().patients).toBe(1);
    again.close();
  });

  it('when the keychain changes, the recovery passphrase opens the store and re-wraps the key for the new keychain', async () => {
    const dir = tmpDir();
    const ss = new FakeSafeStorage();
    const keychain = new KeychainProtector(ss, 'linux');
    (await openDesktopStore(dir, { keychain, recoveryPassphrase: 'recover me please', scryptLog2N: 10 })).close();
    ss.secret = randomBytes(32); // new OS account / reset keyring
    await expect(openDesktopStore(dir, { keychain })).rejects.toBeInstanceOf(RecoveryNeededError);
    await expect(openDesktopStore(dir, { keychain, recoveryPassphrase: 'wrong guess!!' })).rejects.toBeInstanceOf(
      WrongKeyError,
    );
    const recovered = await openDesktopStore(dir, { keychain, recoveryPassphrase: 'recover me please' });
    expect(recovered.auditRows().some((r) => r.action === 'rekey' && r.entityId === 'keychain')).toBe(true);
    recovered.close();
    const daily = await openDesktopStore(dir, { keychain });
    daily.close();
  });

  it('with a basic_text keyring, the recovery passphrase still opens the store (the key is not put in plain text)', async () => {
    const dir = tmpDir();
    const good = new FakeSafeStorage();
    (
      await openDesktopStore(dir, {
        keychain: new KeychainProtector(good, 'linux'),
        recoveryPassphrase: 'recover me please',
        scryptLog2N: 10,
      })
    ).close();
    const plain = new KeychainProtector(new FakeSafeStorage('basic_text'), 'linux');
    await expect(openDesktopStore(dir, { keychain: plain })).rejects.toBeInstanceOf(RecoveryNeededError);
    const e = await openDesktopStore(dir, { keychain: plain, recoveryPassphrase: 'recover me please' });
    e.close();
    expect(readKeyFile(storePaths(dir).keys).slots.keychain).toMatchObject({ backend: 'gnome_libsecret' });
  });
});
