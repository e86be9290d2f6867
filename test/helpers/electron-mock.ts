/**
 * A recording stand-in for the parts of Electron the main process uses, so the real main-process code runs under
 * Node in unit tests. Every BrowserWindow constructed is kept with its options.
 */
import { EventEmitter } from 'node:events';
import type { ElectronDeps } from '../../electron/main/types.js';
import type { SafeStorageLike } from '../../core/store/keys.js';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  devToolsClosed = 0;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  isDestroyed() {
    return false;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  closeDevTools() {
    this.devToolsClosed++;
  }
  /** The window's session (the shell grants the microphone to our own page there). */
  session = { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} };
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
  // What the desktop shell does to the window (remembered bounds, always on top).
  bounds = { x: 0, y: 0, width: 440, height: 900 };
  alwaysOnTop: boolean[] = [];
  setBounds(b: { x: number; y: number; width: number; height: number }) {
    this.bounds = b;
  }
  getBounds() {
    return this.bounds;
  }
  setAlwaysOnTop(on: boolean) {
    this.alwaysOnTop.push(on);
  }
  isAlwaysOnTop() {
    return this.alwaysOnTop.at(-1) ?? false;
  }
}

/**
 * The parts of Electron the shell features use (electron/main/shell ShellElectron), recording what was done: the
 * registered shortcuts, each tray's tooltips (its recording state) and the power monitor (idle time, lock-screen).
 */
export function fakeShellElectron() {
  const shortcuts = new Map<string, () => void>();
  const trays: { recording: string[]; menu: { label?: string; type?: string; click?: () => void }[] }[] = [];
  const power = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
  class Tray extends EventEmitter {
    /** Its tooltips (recording state) and its context menu as last set (the template: Menu.buildFromTemplate is identity). */
    log = { recording: [] as string[], menu: [] as { label?: string; type?: string; click?: () => void }[] };
    constructor() {
      super();
      trays.push(this.log);
    }
    setImage() {}
    setToolTip(t: string) {
      this.log.recording.push(t);
    }
    setContextMenu(menu: { label?: string; type?: string; click?: () => void }[]) {
      this.log.menu = menu;
    }
    destroy() {}
  }
  const display = { workArea: { x: 0, y: 0, width: 1600, height: 900 } };
  return {
    shortcuts,
    trays,
    power,
    parts: {
      globalShortcut: {
        register: (acc: string, cb: () => void) => (shortcuts.set(acc, cb), true),
        unregister: (acc: string) => void shortcuts.delete(acc),
        isRegistered: (acc: string) => shortcuts.has(acc),
      },
      Tray,
      Menu: { buildFromTemplate: (t: unknown) => t },
      nativeImage: { createFromBitmap: () => ({}) },
      screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
      powerMonitor: power,
    },
  };
}

/**
 * `userData`: the app's data folder (the encrypted store lives there); `shell`: include the shell's parts;
 * `safeStorage`: the OS keychain (e.g. test/helpers/fake-safe-storage.ts), absent by default.
 */
export function createElectronMock(opts: { userData?: string; shell?: boolean; safeStorage?: SafeStorageLike } = {}) {
  FakeBrowserWindow.created = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalled: 0,
    lockGranted: true,
    name: '',
    whenReady: () => Promise.resolve(),
    quit() {
      app.quitCalled++;
    },
    requestSingleInstanceLock: () => app.lockGranted,
    getVersion: () => '0.0.0-test',
    getPath: () => opts.userData ?? '/tmp',
    setName(n: string) {
      app.name = n;
    },
  });
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (req: { url: string }) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (s: unknown[]) => schemes.push(...s),
    handle: (scheme: string, fn: (req: { url: string }) => Promise<Response>) => protocolHandlers.set(scheme, fn),
  };
  const permission = {
    request: null as null | ((...a: unknown[]) => void),
    check: null as null | ((...a: unknown[]) => boolean),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => (permission.request = fn),
      setPermissionCheckHandler: (fn: (...a: unknown[]) => boolean) => (permission.check = fn),
    },
  };
  const opened: string[] = [];
  const shell = { openExternal: (url: string) => (opened.push(url), Promise.resolve()) };
  const shellParts = opts.shell ? fakeShellElectron() : null;
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session,
    shell,
    ...(opts.safeStorage ? { safeStorage: opts.safeStorage } : {}),
    ...shellParts?.parts,
  } as unknown as ElectronDeps;
  return { deps, app, handlers, schemes, protocolHandlers, permission, opened, shortcuts: shellParts?.shortcuts };
}
