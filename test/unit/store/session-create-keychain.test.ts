/**
 * First run and the OS keychain through the API: store.status says whether a store exists and whether the keychain is
 * usable; store.create makes the store from the app; store.unlock {keychain: true} opens it; after a keychain change
 * the recovery passphrase opens it and re-wraps the keychain slot. Over a temp folder with a fake safeStorage.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../core/api/index.js';
import { log } from '../../../core/platform/log.js';
import { readKeyFile, storePaths, StoreSession } from '../../../core/store/index.js';
import { KeychainProtector } from '../../../electron/main/keychain.js';
import { FakeSafeStorage } from '../../helpers/fake-safe-storage.js';
import { FAST_KDF, newStore, PASS, tmpDir } from './helpers.js';

const ctx = { transport: 'ipc' as const, signal: new AbortController().signal };
const SECRET = 'plum tractor lantern 42';

let logged: string[] = [];
let restoreLog: () => void;
beforeEach(() => {
  logged = [];
  log.setLevel('debug');
  restoreLog = log.setSink((line) => logged.push(line));
});
afterEach(() => {
  restoreLog();
  log.setLevel('warn');
});

/** A core over an empty temp data folder (fast scrypt), with the keychain when given. */
function coreAt(dir: string, safeStorage?: FakeSafeStorage): Core {
  const core = createCore();
  core.services.storeSession = new StoreSession(dir, { scryptLog2N: FAST_KDF });
  if (safeStorage) core.services.keychain = new KeychainProtector(safeStorage, 'linux');
  return core;
}

const slotsOf = (dir: string) => Object.keys(readKeyFile(storePaths(dir).keys).slots).sort();

describe('store.status: exists and keychain', () => {
  it('reports an empty data folder, a usable keychain, and refuses the plaintext basic_text backend', async () => {
    const dir = tmpDir();
    expect(await coreAt(dir).dispatch('store.status', {}, ctx)).toMatchObject({
      ok: true,
      result: { unlocked: false, exists: false, keychain: false },
    });
    expect(await coreAt(dir, new FakeSafeStorage()).dispatch('store.status', {}, ctx)).toMatchObject({
      ok: true,
      result: { exists: false, keychain: true },
    });
    expect(await coreAt(dir, new FakeSafeStorage('basic_text')).dispatch('store.status', {}, ctx)).toMatchObject({
      ok: true,
      result: { keychain: false },
    });
    const off = new FakeSafeStorage();
    off.available = false;
    expect(await coreAt(dir, off).dispatch('store.status', {}, ctx)).toMatchObject({ result: { keychain: false } });
    const { dir: existing, engine } = await newStore();
    engine.close();
    expect(await coreAt(existing).dispatch('store.status', {}, ctx)).toMatchObject({
      result: { unlocked: false, exists: true },
    });
    // A host with no store configured at all.
    expect(await createCore().dispatch('store.status', {}, ctx)).toMatchObject({
      result: { exists: false, keychain: false },
    });
  });
});

describe('store.create', () => {
  it('refuses a short passphrase in words (code points, as db init counts) without echoing it', async () => {
    const dir = tmpDir();
    const core = coreAt(dir);
    const short = await core.dispatch('store.create', { passphrase: 'ab¢dé12' }, ctx);
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(JSON.stringify(short)).toMatch(/at least 8 characters/);
    expect(JSON.stringify(short)).not.toContain('ab¢dé12');
    // 8 code points, more UTF-16 units: accepted.
    expect(await core.dispatch('store.create', { passphrase: '😀😀😀😀😀😀😀😀' }, ctx)).toMatchObject({ ok: true });
    expect(await createCore().dispatch('store.create', { passphrase: SECRET }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('without the keychain: a passphrase slot, unlocked at once, audited; a second create is a conflict', async () => {
    const dir = tmpDir();
    const core = coreAt(dir);
    const made = await core.dispatch('store.create', { passphrase: SECRET, useKeychain: true }, ctx);
    expect(made).toMatchObject({ ok: true, result: { unlocked: true, exists: true, keychain: false, encounters: 0 } });
    expect(slotsOf(dir)).toEqual(['passphrase']);
    const rows = await core.services.storeSession!.store!.auditRows();
    expect(rows.map((r) => r.action)).toEqual(['create', 'unlock']);
    expect(await core.dispatch('encounters.list', {}, ctx)).toMatchObject({ ok: true, result: [] });
    const again = await core.dispatch('store.create', { passphrase: SECRET }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await core.dispatch('store.lock', {}, ctx);
    const twice = await coreAt(dir).dispatch('store.create', { passphrase: SECRET }, ctx);
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.dispatch('store.unlock', { passphrase: SECRET }, ctx)).toMatchObject({
      ok: true,
      result: { unlocked: true },
    });
    await core.dispatch('store.lock', {}, ctx);
    expect(readFileSync(storePaths(dir).keys, 'utf8')).not.toContain(SECRET);
  });

  it('with a usable keychain: keychain + recovery slots; an unusable one falls back to a passphrase slot', async () => {
    const dir = tmpDir();
    const core = coreAt(dir, new FakeSafeStorage());
    const made = await core.dispatch('store.create', { passphrase: SECRET, useKeychain: true }, ctx);
    expect(made).toMatchObject({ ok: true, result: { unlocked: true, keychain: true } });
    expect(slotsOf(dir)).toEqual(['keychain', 'recovery']);
    await core.dispatch('store.lock', {}, ctx);

    const plain = tmpDir();
    const refused = coreAt(plain, new FakeSafeStorage('basic_text'));
    expect(await refused.dispatch('store.create', { passphrase: SECRET, useKeychain: true }, ctx)).toMatchObject({
      ok: true,
    });
    expect(slotsOf(plain)).toEqual(['passphrase']);
    await refused.dispatch('store.lock', {}, ctx);

    // useKeychain off on a keychain host: the passphrase alone.
    const chosen = tmpDir();
    const noKc = coreAt(chosen, new FakeSafeStorage());
    expect(await noKc.dispatch('store.create', { passphrase: SECRET }, ctx)).toMatchObject({ ok: true });
    expect(slotsOf(chosen)).toEqual(['passphrase']);
    await noKc.dispatch('store.lock', {}, ctx);
  });
});

describe('store.unlock {keychain: true}', () => {
  it('takes exactly one of passphrase and keychain', async () => {
    const core = coreAt(tmpDir(), new FakeSafeStorage());
    for (const params of [{}, { passphrase: PASS, keychain: true }, { keychain: false }]) {
      const r = await core.dispatch('store.unlock', params, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    expect(JSON.stringify(await core.dispatch('store.unlock', {}, ctx))).toMatch(/either a passphrase or keychain/);
    expect(
      JSON.stringify(await core.dispatch('store.unlock', { passphrase: PASS, keychain: true }, ctx)),
    ).not.toContain(PASS);
  });

  it('opens with the keychain; after a keychain change, the recovery passphrase opens it and re-wraps the slot', async () => {
    const dir = tmpDir();
    const ss = new FakeSafeStorage();
    const core = coreAt(dir, ss);
    await core.dispatch('store.create', { passphrase: SECRET, useKeychain: true }, ctx);
    await core.dispatch('store.lock', {}, ctx);

    expect(await core.dispatch('store.unlock', { keychain: true }, ctx)).toMatchObject({
      ok: true,
      result: { unlocked: true },
    });
    await core.dispatch('store.lock', {}, ctx);

    // A new OS account / reset keyring: the keychain no longer opens the key.
    ss.secret = randomBytes(32);
    const before = readKeyFile(storePaths(dir).keys).slots.keychain;
    const failed = await core.dispatch('store.unlock', { keychain: true }, ctx);
    expect(failed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.stringify(failed)).toMatch(/OS keychain could not open the store.*recovery passphrase/);
    const wrong = await core.dispatch('store.unlock', { passphrase: 'not the recovery one' }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readKeyFile(storePaths(dir).keys).slots.keychain).toEqual(before);

    const recovered = await core.dispatch('store.unlock', { passphrase: SECRET }, ctx);
    expect(recovered).toMatchObject({ ok: true, result: { unlocked: true } });
    expect(readKeyFile(storePaths(dir).keys).slots.keychain).not.toEqual(before);
    const actions = (await core.services.storeSession!.store!.auditRows()).map((r) => r.action);
    expect(actions).toContain('rekey');
    expect(actions.filter((a) => a === 'failed_unlock')).toHaveLength(2);
    await core.dispatch('store.lock', {}, ctx);

    // The new keychain opens it again.
    expect(await core.dispatch('store.unlock', { keychain: true }, ctx)).toMatchObject({
      ok: true,
      result: { unlocked: true },
    });
    await core.dispatch('store.lock', {}, ctx);

    const all = logged.join('\n');
    expect(all).toContain('store.keychain_rewrapped');
    expect(all).toContain('store.keychain_unlock_failed');
    for (const secret of [SECRET, 'not the recovery one']) expect(all).not.toContain(secret);
  });

  it('an unusable keychain is refused in words; a store without a keychain slot is refused as forbidden', async () => {
    const dir = tmpDir();
    const none = coreAt(dir);
    await none.dispatch('store.create', { passphrase: SECRET }, ctx);
    await none.dispatch('store.lock', {}, ctx);
    expect(await none.dispatch('store.unlock', { keychain: true }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/passphrase/) },
    });
    // A keychain host, a passphrase-only store (bedside db init): the keychain cannot open it, and the passphrase
    // unlock does not add a keychain slot (there is no recovery slot to re-wrap from).
    const kc = coreAt(dir, new FakeSafeStorage());
    expect(await kc.dispatch('store.unlock', { keychain: true }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await kc.dispatch('store.unlock', { passphrase: SECRET }, ctx)).toMatchObject({ ok: true });
    expect(slotsOf(dir)).toEqual(['passphrase']);
    await kc.dispatch('store.lock', {}, ctx);
  });
});
