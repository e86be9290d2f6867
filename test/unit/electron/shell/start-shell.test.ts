import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../../core/api/events.js';
import type { Dispatch } from '../../../../core/api/dispatcher.js';
import { startShell, type ShellElectron } from '../../../../electron/main/shell/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeElectron() {
  const shortcuts = new Map<string, () => void>();
  const trays: { recording: string[] }[] = [];
  const power = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
  const e = {
    globalShortcut: {
      register: (acc: string, cb: () => void) => (shortcuts.set(acc, cb), true),
      unregister: (acc: string) => void shortcuts.delete(acc),
      isRegistered: (acc: string) => shortcuts.has(acc),
    },
    Tray: class extends EventEmitter {
      log = { recording: [] as string[] };
      constructor() {
        super();
        trays.push(this.log);
      }
      setImage() {}
      setToolTip(t: string) {
        this.log.recording.push(t);
      }
      setContextMenu() {}
      destroy() {}
    },
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromBitmap: () => ({}) },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1600, height: 900 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1600, height: 900 } }),
    },
    powerMonitor: power,
  };
  return { e: e as unknown as ShellElectron, shortcuts, trays, power };
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
    await dispatch('transcribe.live.start', {}, { transport: 'ipc' });
    expect(trays[0]!.recording.at(-1)).toBe('Bedside: recording');
    await dispatch('transcribe.live.stop', { sessionId: 's9' }, { transport: 'ipc' });
    expect(trays[0]!.recording.at(-1)).toBe('Bedside: not recording');
    shell.stop();
    expect(shortcuts.size).toBe(0);
  });

  it('applies settings.set / settings.get replies: auto-lock minutes to the idle timer, always on top to the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-shell-'));
    dirs.push(dir);
    const { e, power } = fakeElectron();
    let idleSeconds = 0;
    (power as { getSystemIdleTime: () => number }).getSystemIdleTime = () => idleSeconds;
    const win = { isDestroyed: () => false, setAlwaysOnTop: vi.fn() };
    const lockStore = vi.fn(async () => {});
    const shell = startShell(e, {
      dataDir: dir,
      events: new EventBus(),
      window: () => win as never,
      lockStore,
      quit: () => {},
    });
    const settings = { autoLockMinutes: 2, retention: { audioDays: 30, encounterDays: 365 }, alwaysOnTop: true };
    const inner: Dispatch = async () => ({ ok: true, result: settings });
    const dispatch = shell.observe(inner);
    await dispatch('settings.set', { autoLockMinutes: 2, alwaysOnTop: true }, { transport: 'ipc' });
    expect(win.setAlwaysOnTop).toHaveBeenLastCalledWith(true);
    idleSeconds = 150; // 2.5 minutes: past the new 2-minute limit, short of the default 10
    shell.idle.check();
    await vi.waitFor(() => expect(lockStore).toHaveBeenCalledTimes(1));

    settings.alwaysOnTop = false;
    await dispatch('settings.get', {}, { transport: 'ipc' });
    expect(win.setAlwaysOnTop).toHaveBeenLastCalledWith(false);
    const refused: Dispatch = async () => ({ ok: false, error: { code: 'locked', message: 'locked' } });
    await shell.observe(refused)('settings.set', { alwaysOnTop: true }, { transport: 'ipc' });
    expect(win.setAlwaysOnTop).toHaveBeenLastCalledWith(false);
    shell.stop();
  });
});
