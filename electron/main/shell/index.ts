/**
 * Shell features around the main window: global hotkeys (with conflict report; the last ones applied are remembered
 * in hotkeys.json so they work before the store is unlocked), a tray icon showing recording
 * state, remembered window bounds, auto-lock after idle minutes, and microphone permission for our own page only.
 * Electron objects are passed in, so each part is unit-tested with mocks.
 */
import { join } from 'node:path';
import type { BrowserWindow, Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import type { Dispatch } from '../../../core/api/dispatcher.js';
import type { EventBus } from '../../../core/api/events.js';
import { log } from '../../../core/platform/log.js';
import type { HotkeyStatus, SettingsShell } from '../../../core/settings/api.js';
import {
  bindingsOf,
  Hotkeys,
  loadHotkeys,
  saveHotkeys,
  type HotkeyAction,
  type HotkeyBinding,
  type HotkeyReport,
  type ShortcutApi,
} from './hotkeys.js';
import { IdleLock, type IdleSource } from './idle-lock.js';
import { allowMicrophoneForOwnPage } from './media-permission.js';
import { RecordingTray, trayBitmap, type TrayDeps } from './tray.js';
import { loadWindowState, trackWindowState, type DisplayInfo } from './window-state.js';

export interface ShellElectron {
  globalShortcut: ShortcutApi;
  Tray: new (icon: NativeImage) => ReturnType<TrayDeps['createTray']>;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  nativeImage: { createFromBitmap(buffer: Buffer, options: { width: number; height: number }): NativeImage };
  screen: { getAllDisplays(): DisplayInfo[]; getPrimaryDisplay(): DisplayInfo };
  powerMonitor: IdleSource;
}

export interface ShellOptions {
  /** Where window-state.json lives (the app's userData folder). */
  dataDir: string;
  events: EventBus;
  window(): BrowserWindow | null;
  lockStore(): Promise<void>;
  quit(): void;
  autoLockMinutes?: number;
}

export interface Shell {
  /** The hotkeys registered now, and those that conflicted. */
  readonly hotkeys: HotkeyReport;
  /** The core applies settings here (core/api/handlers.ts CoreServices.shell): auto-lock, always on top, hotkeys. */
  settings: SettingsShell;
  tray: RecordingTray | null;
  idle: IdleLock;
  /** Restores remembered bounds on a new window and keeps them up to date. */
  attachWindow(win: BrowserWindow): void;
  /**
   * Wraps the core's dispatch so the tray follows transcribe.live.start / stop, and so the saved settings are read
   * (and so applied through `settings`) as soon as store.unlock succeeds.
   */
  observe(dispatch: Dispatch): Dispatch;
  stop(): void;
}

export function startShell(e: ShellElectron, opts: ShellOptions): Shell {
  const stateFile = join(opts.dataDir, 'window-state.json');
  const show = () => {
    const w = opts.window();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };
  const command = (action: 'toggle-recording' | 'lock') => opts.events.emit('shell.command', { action });
  const lock = async () => {
    await opts.lockStore();
    command('lock');
  };
  const onHotkey = (action: HotkeyAction) => (action === 'show-window' ? show() : command('toggle-recording'));

  const hotkeys = new Hotkeys(e.globalShortcut, onHotkey);
  const hotkeyFile = join(opts.dataDir, 'hotkeys.json');
  let bindings: HotkeyBinding[] = bindingsOf(loadHotkeys(hotkeyFile));
  let report = hotkeys.apply(bindings);
  let tray: RecordingTray | null = null;
  try {
    tray = new RecordingTray(
      {
        createTray: (icon) => new e.Tray(icon),
        buildMenu: (t) => e.Menu.buildFromTemplate(t),
        icon: (state) => e.nativeImage.createFromBitmap(trayBitmap(state), { width: 16, height: 16 }),
      },
      { show, toggleRecording: () => command('toggle-recording'), lock: () => void lock(), quit: opts.quit },
    );
  } catch {
    tray = null; // some Linux desktops have no tray; everything else works without it
  }
  const live = new Set<string>();
  const idle = new IdleLock(e.powerMonitor, {
    minutes: opts.autoLockMinutes ?? 10,
    lock: () => lock(),
    busy: () => live.size > 0, // idle minutes count from the end of a recording, not during the visit
  });
  const action = (a: HotkeyAction) => (a === 'toggle-recording' ? 'toggleRecording' : 'showWindow');
  // Settings live in the encrypted store; the core hands every settings.get / settings.set result to this.
  const settings: SettingsShell = {
    apply(s) {
      idle.setMinutes(s.autoLockMinutes);
      const w = opts.window();
      if (w && !w.isDestroyed()) w.setAlwaysOnTop(s.alwaysOnTop);
      const next = bindingsOf(s.hotkeys);
      const same = next.every((b, i) => b.accelerator === bindings[i]?.accelerator);
      // Unchanged hotkeys stay registered; a conflict is retried (the other application may have let go).
      if (!same || report.conflicts.length > 0) {
        if (!same) saveHotkeys(hotkeyFile, s.hotkeys);
        bindings = next;
        report = hotkeys.apply(next);
        if (report.conflicts.length > 0) log.warn('shell.hotkey_conflicts', { count: report.conflicts.length });
      }
      const status: HotkeyStatus = {
        registered: report.registered.map((b) => ({ action: action(b.action), accelerator: b.accelerator })),
        conflicts: report.conflicts.map((c) => ({
          action: action(c.action),
          accelerator: c.accelerator,
          reason: c.reason,
        })),
      };
      return status;
    },
  };

  return {
    get hotkeys() {
      return report;
    },
    settings,
    tray,
    idle,
    attachWindow(win) {
      const s = loadWindowState(stateFile, e.screen.getAllDisplays(), e.screen.getPrimaryDisplay());
      win.setBounds({ x: s.x, y: s.y, width: s.width, height: s.height });
      win.setAlwaysOnTop(s.alwaysOnTop);
      trackWindowState(win, stateFile);
      allowMicrophoneForOwnPage(win.webContents.session);
    },
    observe(dispatch) {
      return async (method, params, ctx) => {
        const reply = await dispatch(method, params, ctx);
        if (reply.ok && method === 'transcribe.live.start') live.add((reply.result as { sessionId: string }).sessionId);
        if (method === 'transcribe.live.stop')
          live.delete(String((params as { sessionId?: unknown } | null)?.sessionId ?? ''));
        if (method === 'store.unlock' && reply.ok) {
          idle.unlocked();
          // The saved auto-lock minutes, always-on-top and hotkeys apply now, not when the UI next reads them.
          const read = await dispatch('settings.get', {}, { transport: ctx.transport });
          if (!read.ok) log.warn('shell.settings_not_applied', { code: read.error.code });
        }
        tray?.setRecording(live.size > 0);
        return reply;
      };
    },
    stop() {
      hotkeys.clear();
      idle.stop();
      tray?.destroy();
    },
  };
}
