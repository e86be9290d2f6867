import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../../core/api/events.js';
import type { Dispatch } from '../../../../core/api/dispatcher.js';
import { createCore } from '../../../../core/api/index.js';
import { directStore } from '../../../../core/store/client.js';
import { startShell, type ShellElectron } from '../../../../electron/main/shell/index.js';
import { fakeShellElectron } from '../../../helpers/electron-mock.js';
import { newStore, PASS } from '../../store/helpers.js';

const ctx = { transport: 'ipc' as const };

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeElectron() {
  const { parts, shortcuts, trays, power } = fakeShellElectron();
  return { e: parts as unknown as ShellElectron, shortcuts, trays, power };
}

describe('startShell', () => {
  it('hotkey and auto-lock reach the UI as shell.command events; the tray follows live transcription', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-shell-'));
    dirs.push(dir);
    const { e, shortcuts, trays, power } = fakeElectron();
    const events = new EventBus();
    const seen: unknown[] = [];
    events.subscribe((name, payload) => seen.push([name, payload]));
    const lockStore = vi.fn(async () => {});
    const shell = startShell(e, { dataDir: dir, events, window: () => null, lockStore, quit: () => {} });
    expect(shell.hotkeys.conflicts).toEqual([]);
    shortcuts.get('CommandOrControl+Shift+R')!();
    expect(seen).toEqual([['shell.command', { action: 'toggle-recording' }]]);

    power.emit('lock-screen');
    await vi.waitFor(() => expect(lockStore).toHaveBeenCalled());
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['shell.command', { action: 'lock' }]));

    const inner: Dispatch = async (method) =>
      method === 'transcribe.live.start' ? { ok: true, result: { sessionId: 's9' } } : { ok: true, result: {} };
    const dispatch = shell.observe(inner);
    await dispatch('store.unlock', {}, { transport: 'ipc' }); // unlocked again: the idle timer is armed
    lockStore.mockClear();
    await dispatch('transcribe.live.start', {}, { transport: 'ipc' });
    expect(trays[0]!.recording.at(-1)).toBe('Bedside: recording');
    // A visit being recorded: no keyboard input for an hour, yet the store stays open for the audio.
    (power as { getSystemIdleTime: () => number }).getSystemIdleTime = () => 3600;
    shell.idle.check();
    expect(lockStore).not.toHaveBeenCalled();
    await dispatch('transcribe.live.stop', { sessionId: 's9' }, { transport: 'ipc' });
    expect(trays[0]!.recording.at(-1)).toBe('Bedside: not recording');
    shell.idle.check();
    await vi.waitFor(() => expect(lockStore).toHaveBeenCalled());
    shell.stop();
    expect(shortcuts.size).toBe(0);
  });

  it('applies the saved settings as soon as store.unlock succeeds: auto-lock minutes, always on top, hotkeys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-shell-'));
    dirs.push(dir);
    const { dir: storeDir, engine } = await newStore();
    engine.setSetting('ui.auto_lock_minutes', '2');
    engine.setSetting('ui.always_on_top', 'true');
    engine.setSetting('ui.hotkey.toggle_recording', 'Alt+F8');
    engine.close();

    const { e, shortcuts, power } = fakeElectron();
    let idleSeconds = 0;
    (power as { getSystemIdleTime: () => number }).getSystemIdleTime = () => idleSeconds;
    const win = { isDestroyed: () => false, setAlwaysOnTop: vi.fn() };
    const core = createCore({ storeDir });
    const shell = startShell(e, {
      dataDir: dir,
      events: core.events,
      window: () => win as never,
      lockStore: async () => {
        await core.services.storeSession?.lock();
      },
      quit: () => {},
    });
    core.services.shell = shell.settings;
    const dispatch = shell.observe(core.dispatch);
    try {
      // Before the unlock: the defaults, and the window as window-state.json left it.
      expect([...shortcuts.keys()].sort()).toEqual(['CommandOrControl+Shift+B', 'CommandOrControl+Shift+R']);
      expect(win.setAlwaysOnTop).not.toHaveBeenCalled();

      const unlocked = await dispatch('store.unlock', { passphrase: PASS }, { transport: 'ipc' });
      expect(unlocked).toMatchObject({ ok: true, result: { unlocked: true } });
      // No settings call from the UI needed:
      expect(win.setAlwaysOnTop).toHaveBeenLastCalledWith(true);
      expect([...shortcuts.keys()].sort()).toEqual(['Alt+F8', 'CommandOrControl+Shift+B']);
      idleSeconds = 150; // 2.5 minutes: past the saved 2-minute limit, short of the default 10
      shell.idle.check();
      await vi.waitFor(() => expect(core.services.storeSession!.store).toBeUndefined());
    } finally {
      await core.services.storeSession?.lock();
      shell.stop();
    }
  });

  it('re-registers hotkeys when they change and reports an accelerator another application holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-shell-'));
    dirs.push(dir);
    const { engine } = await newStore();
    const { e, shortcuts } = fakeElectron();
    const taken = new Set(['Control+Alt+R']);
    const register = e.globalShortcut.register.bind(e.globalShortcut);
    e.globalShortcut.register = ((acc: string, cb: () => void) => !taken.has(acc) && register(acc, cb)) as never;
    const core = createCore();
    core.services.store = directStore(engine);
    const events = core.events;
    const seen: unknown[] = [];
    events.subscribe((name, payload) => seen.push([name, payload]));
    const shell = startShell(e, {
      dataDir: dir,
      events,
      window: () => null,
      lockStore: async () => {},
      quit: () => {},
    });
    core.services.shell = shell.settings;
    try {
      const set = await core.dispatch('settings.set', { hotkeys: { toggleRecording: 'Ctrl+Alt+R' } }, ctx);
      expect(set).toMatchObject({
        ok: true,
        result: {
          hotkeyStatus: {
            registered: [{ action: 'showWindow', accelerator: 'CommandOrControl+Shift+B' }],
            conflicts: [{ action: 'toggleRecording', accelerator: 'Control+Alt+R', reason: 'in-use' }],
          },
        },
      });
      // the old accelerator was released, not kept as a silent fallback
      expect([...shortcuts.keys()]).toEqual(['CommandOrControl+Shift+B']);
      expect(shell.hotkeys.conflicts).toHaveLength(1);

      // The other application lets go: the next read retries and registers it.
      taken.clear();
      const again = await core.dispatch('settings.get', {}, ctx);
      expect(again).toMatchObject({ ok: true, result: { hotkeyStatus: { conflicts: [] } } });
      shortcuts.get('Control+Alt+R')!();
      expect(seen.at(-1)).toEqual(['shell.command', { action: 'toggle-recording' }]);

      const changed = await core.dispatch('settings.set', { hotkeys: { showWindow: 'F9' } }, ctx);
      expect(changed).toMatchObject({ ok: true, result: { hotkeyStatus: { conflicts: [] } } });
      expect([...shortcuts.keys()].sort()).toEqual(['Control+Alt+R', 'F9']);
    } finally {
      shell.stop();
      engine.close();
    }
    // After a restart the clinician's hotkeys work before the store is unlocked (remembered beside window-state.json).
    expect(JSON.parse(readFileSync(join(dir, 'hotkeys.json'), 'utf8'))).toEqual({
      toggleRecording: 'Control+Alt+R',
      showWindow: 'F9',
    });
    const next = fakeElectron();
    const restarted = startShell(next.e, {
      dataDir: dir,
      events,
      window: () => null,
      lockStore: async () => {},
      quit: () => {},
    });
    expect([...next.shortcuts.keys()].sort()).toEqual(['Control+Alt+R', 'F9']);
    restarted.stop();
    // An unusable file (edited by hand) falls back to the defaults.
    writeFileSync(join(dir, 'hotkeys.json'), JSON.stringify({ toggleRecording: 'R', showWindow: 'F9' }));
    const third = fakeElectron();
    const s3 = startShell(third.e, {
      dataDir: dir,
      events,
      window: () => null,
      lockStore: async () => {},
      quit: () => {},
    });
    expect([...third.shortcuts.keys()].sort()).toEqual(['CommandOrControl+Shift+B', 'CommandOrControl+Shift+R']);
    s3.stop();
  });
});
