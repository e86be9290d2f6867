import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WrongKeyError } from '../../../core/store/errors.js';
import {
  DEFAULT_SCRYPT_LOG2N,
  PassphraseProtector,
  newDataKey,
  newKeyFile,
  readKeyFile,
  setSlot,
  slotAad,
  unlockAny,
  unlockDataKey,
  writeKeyFile,
  type ScryptSlot,
} from '../../../core/store/keys.js';
import { FAST_KDF, protector, tmpDir } from './helpers.js';

describe('key management', () => {
  it('wraps and unwraps the data key with a passphrase', async () => {
    const key = newDataKey();
    const file = await setSlot(newKeyFile(), key, protector('pass-one'));
    expect((await unlockDataKey(file, protector('pass-one'))).equals(key)).toBe(true);
    const slot = file.slots.passphrase as ScryptSlot;
    expect(slot.kind).toBe('scrypt');
    expect(slot.log2N).toBe(FAST_KDF);
    expect(JSON.stringify(file)).not.toContain(key.toString('base64'));
    expect(JSON.stringify(file)).not.toContain(key.toString('hex'));
  });

  it('refuses a wrong passphrase with WrongKeyError', async () => {
    const file = await setSlot(newKeyFile(), newDataKey(), protector('pass-one'));
    await expect(unlockDataKey(file, protector('pass-two'))).rejects.toBeInstanceOf(WrongKeyError);
    await expect(unlockDataKey(file, protector('pass-one', 'recovery'))).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('binds a slot to its database id and slot name', async () => {
    const key = newDataKey();
    const a = await setSlot(newKeyFile(), key, protector());
    const b = newKeyFile();
    const moved = { ...b, slots: { passphrase: a.slots.passphrase! } };
    await expect(unlockDataKey(moved, protector())).rejects.toBeInstanceOf(WrongKeyError);
    const renamed = { ...a, slots: { recovery: a.slots.passphrase! } };
    await expect(unlockDataKey(renamed, protector(undefined, 'recovery'))).rejects.toBeInstanceOf(WrongKeyError);
  });

  it('refuses a key file whose scrypt cost was lowered', async () => {
    const file = await setSlot(newKeyFile(), newDataKey(), protector());
    const slot = { ...(file.slots.passphrase as ScryptSlot), log2N: 4 };
    await expect(protector().unwrap(slot, slotAad(file.databaseId, 'passphrase'))).rejects.toThrow(/damaged/);
  });

  it('uses a strong scrypt cost by default and refuses a weak one', () => {
    expect(DEFAULT_SCRYPT_LOG2N).toBeGreaterThanOrEqual(17);
    expect(() => new PassphraseProtector('x', 'passphrase', { scryptLog2N: 8 })).toThrow(RangeError);
  });

  it('unlocks with whichever slot opens (passphrase or recovery)', async () => {
    const key = newDataKey();
    let file = await setSlot(newKeyFile(), key, protector('main-pass'));
    file = await setSlot(file, key, protector('recovery-pass', 'recovery'));
    const r = await unlockAny(file, [protector('recovery-pass'), protector('recovery-pass', 'recovery')]);
    expect(r.slot).toBe('recovery');
    expect(r.dataKey.equals(key)).toBe(true);
    await expect(unlockAny(file, [protector('nope'), protector('nope', 'recovery')])).rejects.toBeInstanceOf(
      WrongKeyError,
    );
  });

  it('writes the key file atomically and reads it back; rejects garbage', async () => {
    const dir = tmpDir();
    const path = join(dir, 'bedside.keys.json');
    const file = await setSlot(newKeyFile(), newDataKey(), protector());
    writeKeyFile(path, file);
    expect(readKeyFile(path)).toEqual(file);
    expect(existsSync(`${path}.tmp-${process.pid}`)).toBe(false);
    expect(readFileSync(path, 'utf8')).toContain('"format": "bedside-keyfile"');
    writeKeyFile(path, { ...file, format: 'other' } as never);
    expect(() => readKeyFile(path)).toThrow(WrongKeyError);
  });
});
