/**
 * Issue 17: the tray menu's Lock closes the encrypted store (the key leaves memory) and tells the UI
 * (shell.command {action: 'lock'}), which then shows the unlock screen. Over a real store, with the Electron mock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../../core/api/index.js';
import { startShell, type ShellElectron } from '../../../../electron/main/shell/index.js';
import { fakeShellElectron } from '../../../helpers/electron-mock.js';
import { newStore, PASS } from '../../store/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('tray menu: Lock', () => {
  it('locks the open store and sends the lock command to the UI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-tray-'));
    dirs.push(dir);
    const { dir: storeDir, engine } = await newStore();
    engine.close();
    const { parts, trays } = fakeShellElectron();
    const core = createCore({ storeDir });
    const seen: unknown[] = [];
    core.events.subscribe((name, payload) => seen.push([name, payload]));
    const shell = startShell(parts as unknown as ShellElectron, {
      dataDir: dir,
      events: core.events,
      window: () => null,
      lockStore: async () => {
        await core.services.storeSession?.lock();
      },
      quit: () => {},
    });
    try {
      const dispatch = shell.observe(core.dispatch);
      expect(await dispatch('store.unlock', { passphrase: PASS }, { transport: 'ipc' })).toMatchObject({
        ok: true,
        result: { unlocked: true },
      });
      const menu = trays[0]!.menu;
      expect(menu.map((i) => i.label ?? i.type)).toEqual([
        'Show Bedside',
        'Start recording',
        'separator',
        'Lock',
        'Quit',
      ]);
      menu.find((i) => i.label === 'Lock')!.click!();
      await vi.waitFor(() => expect(seen).toContainEqual(['shell.command', { action: 'lock' }]));
      expect(core.services.storeSession!.store).toBeUndefined();
      expect(await dispatch('store.status', {}, { transport: 'ipc' })).toMatchObject({
        ok: true,
        result: { unlocked: false, exists: true },
      });
      // Locked: the store answers nothing until the passphrase is given again.
      expect(await dispatch('settings.get', {}, { transport: 'ipc' })).toMatchObject({
        ok: false,
        error: { code: 'locked' },
      });
      // The menu keeps Lock while recording too (the UI stops and keeps the recording when told to lock).
      await dispatch('store.unlock', { passphrase: PASS }, { transport: 'ipc' });
      shell.tray!.setRecording(true);
      expect(trays[0]!.menu.map((i) => i.label)).toContain('Lock');
    } finally {
      await core.services.storeSession?.lock();
      shell.stop();
    }
  });
});
