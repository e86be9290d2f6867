import { describe, expect, it } from 'vitest';
import { requestChannel } from '../../../core/api/ipc-channels.js';
import { startApp } from '../../../electron/main/app.js';
import { APP_ORIGIN } from '../../../electron/main/protocol.js';
import { createElectronMock, FakeBrowserWindow } from '../../helpers/electron-mock.js';
import { FakeSafeStorage } from '../../helpers/fake-safe-storage.js';
import { readKeyFile, storePaths } from '../../../core/store/index.js';
import { tmpDir } from '../store/helpers.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

async function statusOverIpc(safeStorage?: FakeSafeStorage) {
  const mock = createElectronMock({ userData: tmpDir(), ...(safeStorage ? { safeStorage } : {}) });
  const running = startApp(mock.deps)!;
  await tick();
  const win = FakeBrowserWindow.created[0]!;
  const own = { sender: win.webContents, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
  try {
    return await mock.handlers.get(requestChannel('store.status'))!(own, {});
  } finally {
    await running.core.services.storeSession?.lock();
  }
}

describe('Electron main: the OS keychain reaches the core (electron mocked)', () => {
  it('store.status over IPC reports a usable keychain and no store yet in an empty data folder', async () => {
    expect(await statusOverIpc(new FakeSafeStorage())).toMatchObject({
      ok: true,
      result: { unlocked: false, exists: false, keychain: true },
    });
  });

  it("reports no keychain without safeStorage, or with Linux's plaintext basic_text backend", async () => {
    expect(await statusOverIpc()).toMatchObject({ ok: true, result: { exists: false, keychain: false } });
    expect(await statusOverIpc(new FakeSafeStorage('basic_text'))).toMatchObject({
      ok: true,
      result: { keychain: false },
    });
  });

  it('creates the store over IPC with the keychain + recovery slots, then the keychain alone unlocks it', async () => {
    const dir = tmpDir();
    const mock = createElectronMock({ userData: dir, safeStorage: new FakeSafeStorage() });
    const running = startApp(mock.deps)!;
    await tick();
    const win = FakeBrowserWindow.created[0]!;
    const own = { sender: win.webContents, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
    const ipc = (method: Parameters<typeof requestChannel>[0], params: unknown) =>
      mock.handlers.get(requestChannel(method))!(own, params);
    try {
      expect(await ipc('store.create', { passphrase: 'plum tractor lantern', useKeychain: true })).toMatchObject({
        ok: true,
        result: { unlocked: true, exists: true, keychain: true },
      });
      expect(Object.keys(readKeyFile(storePaths(dir).keys).slots).sort()).toEqual(['keychain', 'recovery']);
      expect(await ipc('store.lock', {})).toMatchObject({ ok: true, result: { unlocked: false, exists: true } });
      expect(await ipc('store.unlock', { keychain: true })).toMatchObject({ ok: true, result: { unlocked: true } });
    } finally {
      await running.core.services.storeSession?.lock();
    }
  });
});
