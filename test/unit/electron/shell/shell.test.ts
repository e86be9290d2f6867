import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS, Hotkeys } from '../../../../electron/main/shell/hotkeys.js';
import { IdleLock } from '../../../../electron/main/shell/idle-lock.js';
import { allowMicrophoneForOwnPage, isAllowedMediaRequest } from '../../../../electron/main/shell/media-permission.js';
import { RecordingTray, trayBitmap } from '../../../../electron/main/shell/tray.js';
import {
  dockedBounds,
  isVisibleOn,
  loadWindowState,
  trackWindowState,
} from '../../../../electron/main/shell/window-state.js';

function fakeShortcuts(taken: string[] = []) {
  const registered = new Map<string, () => void>();
  return {
    registered,
    register: vi.fn((acc: string, cb: () => void) => {
      if (acc === 'Bogus+Key') throw new Error('invalid accelerator');
      if (taken.includes(acc)) return false;
      registered.set(acc, cb);
      return true;
    }),
    unregister: vi.fn((acc: string) => void registered.delete(acc)),
    isRegistered: (acc: string) => registered.has(acc),
  };
}

describe('global hotkeys', () => {
  it('registers the defaults and runs the action when pressed', () => {
    const sc = fakeShortcuts();
    const actions: string[] = [];
    const report = new Hotkeys(sc, (a) => actions.push(a)).apply(DEFAULT_HOTKEYS);
    expect(report.conflicts).toEqual([]);
    expect(report.registered.map((b) => b.action)).toEqual(['toggle-recording', 'show-window']);
    sc.registered.get('CommandOrControl+Shift+R')!();
    expect(actions).toEqual(['toggle-recording']);
  });

  it('reports accelerators held by another app, invalid ones and duplicates, and releases only its own', () => {
    const sc = fakeShortcuts(['CommandOrControl+Shift+R']);
    const hk = new Hotkeys(sc, () => {});
    const report = hk.apply([
      { action: 'toggle-recording', accelerator: 'CommandOrControl+Shift+R' },
      { action: 'show-window', accelerator: 'Bogus+Key' },
      { action: 'show-window', accelerator: 'F9' },
      { action: 'toggle-recording', accelerator: 'f9' },
    ]);
    expect(report.registered.map((b) => b.accelerator)).toEqual(['F9']);
    expect(report.conflicts.map((c) => `${c.accelerator}:${c.reason}`)).toEqual([
      'CommandOrControl+Shift+R:in-use',
      'Bogus+Key:invalid',
      'f9:in-use',
    ]);
    hk.clear();
    expect(sc.unregister.mock.calls.map((c) => c[0])).toEqual(['F9']);
  });
});

describe('tray', () => {
  it('shows recording state in the icon, tooltip and menu', () => {
    const tray = Object.assign(new EventEmitter(), {
      setImage: vi.fn(),
      setToolTip: vi.fn(),
      setContextMenu: vi.fn(),
      destroy: vi.fn(),
    });
    const menus: { label?: string }[][] = [];
    const actions = { show: vi.fn(), toggleRecording: vi.fn(), lock: vi.fn(), quit: vi.fn() };
    const t = new RecordingTray(
      {
        createTray: () => tray as never,
        buildMenu: (tpl) => {
          menus.push(tpl);
          return tpl as never;
        },
        icon: (s) => s as never,
      },
      actions,
    );
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Bedside: not recording');
    t.setRecording(true);
    expect(tray.setImage).toHaveBeenLastCalledWith('recording');
    expect(tray.setToolTip).toHaveBeenLastCalledWith('Bedside: recording');
    expect(menus.at(-1)!.map((m) => m.label)).toContain('Stop recording');
    (menus.at(-1)![1] as { click(): void }).click();
    expect(actions.toggleRecording).toHaveBeenCalled();
    tray.emit('click');
    expect(actions.show).toHaveBeenCalled();
  });

  it('draws its own 16×16 icons', () => {
    const idle = trayBitmap('idle');
    const rec = trayBitmap('recording');
    expect(idle.length).toBe(16 * 16 * 4);
    const centre = (8 * 16 + 8) * 4;
    expect(rec[centre + 2]).toBe(0xe0); // red channel of BGRA
    expect(idle[3]).toBe(0); // transparent corner
  });
});

describe('window position memory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bedside-win-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const primary = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const second = { workArea: { x: 1920, y: 0, width: 1280, height: 1024 } };

  it('docks at the right edge by default and restores saved bounds that are on screen', () => {
    const file = join(dir, 'w.json');
    expect(loadWindowState(file, [primary], primary)).toEqual({
      ...dockedBounds(primary),
      alwaysOnTop: false,
    });
    expect(dockedBounds(primary)).toEqual({ x: 1480, y: 0, width: 440, height: 1040 });
    writeFileSync(file, JSON.stringify({ x: 2000, y: 10, width: 460, height: 900, alwaysOnTop: true }));
    expect(loadWindowState(file, [primary, second], primary)).toMatchObject({ x: 2000, alwaysOnTop: true });
    // the second display was unplugged: back to the docked default
    expect(loadWindowState(file, [primary], primary).x).toBe(1480);
    writeFileSync(file, 'not json');
    expect(loadWindowState(file, [primary], primary).x).toBe(1480);
    expect(isVisibleOn({ x: -430, y: 0, width: 440, height: 900 }, [primary])).toBe(false);
  });

  it('saves after moves settle and on close', () => {
    const file = join(dir, 'w.json');
    const win = Object.assign(new EventEmitter(), {
      bounds: { x: 1, y: 2, width: 450, height: 800 },
      getBounds() {
        return this.bounds;
      },
      isAlwaysOnTop: () => true,
      isMinimized: () => false,
    });
    const timers: (() => void)[] = [];
    trackWindowState(win, file, {
      setTimer: ((fn: () => void) => timers.push(fn)) as never,
      clearTimer: (() => {}) as never,
    });
    win.emit('move');
    win.emit('resize');
    expect(timers).toHaveLength(2);
    timers.at(-1)!();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 1, y: 2, width: 450, height: 800, alwaysOnTop: true });
    win.bounds = { x: 5, y: 6, width: 470, height: 810 };
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8')).x).toBe(5);
  });
});

describe('auto-lock', () => {
  function source(idleSec: number) {
    return Object.assign(new EventEmitter(), {
      idle: idleSec,
      getSystemIdleTime() {
        return this.idle;
      },
    });
  }
  const noTimer = { setInterval: (() => 0) as never, clearInterval: (() => {}) as never };

  it('locks once after N idle minutes, and again only after an unlock', async () => {
    const src = source(0);
    const lock = vi.fn();
    const il = new IdleLock(src, { minutes: 5, lock, ...noTimer });
    il.check();
    expect(lock).not.toHaveBeenCalled();
    src.idle = 5 * 60;
    il.check();
    il.check();
    expect(lock).toHaveBeenCalledTimes(1);
    expect(lock).toHaveBeenCalledWith('idle');
    il.unlocked();
    src.idle = 0;
    il.check();
    expect(lock).toHaveBeenCalledTimes(1);
    src.emit('lock-screen');
    expect(lock).toHaveBeenLastCalledWith('lock-screen');
  });

  it('waits while a visit is being recorded (no typing for minutes), then locks once it is idle after it', () => {
    const src = source(30 * 60);
    const lock = vi.fn();
    let recording = true;
    const il = new IdleLock(src, { minutes: 10, lock, busy: () => recording, ...noTimer });
    il.check();
    expect(lock).not.toHaveBeenCalled();
    recording = false;
    il.check();
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('0 minutes turns the idle timer off; suspend still locks', () => {
    const src = source(10_000);
    const lock = vi.fn();
    const il = new IdleLock(src, { minutes: 0, lock, ...noTimer });
    il.check();
    expect(lock).not.toHaveBeenCalled();
    src.emit('suspend');
    expect(lock).toHaveBeenCalledWith('suspend');
  });
});

describe('microphone permission', () => {
  it('grants audio capture to our own page only', () => {
    expect(isAllowedMediaRequest('media', 'app://bedside/index.html', { mediaTypes: ['audio'] })).toBe(true);
    expect(isAllowedMediaRequest('media', 'app://bedside/index.html', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isAllowedMediaRequest('media', 'app://bedside/', { mediaTypes: [] })).toBe(false);
    expect(isAllowedMediaRequest('media', 'https://evil.example/', { mediaTypes: ['audio'] })).toBe(false);
    expect(isAllowedMediaRequest('media', 'app://bedside/', { mediaTypes: ['audio'], isMainFrame: false })).toBe(false);
    expect(isAllowedMediaRequest('geolocation', 'app://bedside/', {})).toBe(false);
    expect(isAllowedMediaRequest('notifications', 'app://bedside/', {})).toBe(false);
  });

  it('installs request and check handlers that apply the rule', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void) | null = null;
    let check: ((wc: unknown, p: string, origin: string, d: unknown) => boolean) | null = null;
    allowMicrophoneForOwnPage({
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
    } as never);
    const wc = { getURL: () => 'app://bedside/index.html' };
    const answers: boolean[] = [];
    request!(wc, 'media', (ok) => answers.push(ok), {
      mediaTypes: ['audio'],
      requestingUrl: 'app://bedside/index.html',
    });
    request!(wc, 'media', (ok) => answers.push(ok), {
      mediaTypes: ['video'],
      requestingUrl: 'app://bedside/index.html',
    });
    request!(wc, 'openExternal', (ok) => answers.push(ok), {});
    expect(answers).toEqual([true, false, false]);
    expect(check!(wc, 'media', 'app://bedside', { mediaType: 'audio' })).toBe(true);
    expect(check!(wc, 'media', 'http://127.0.0.1:8080', { mediaType: 'audio' })).toBe(false);
    expect(check!(wc, 'clipboard-read', 'app://bedside', {})).toBe(false);
  });
});
