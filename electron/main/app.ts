/**
 * The Electron main process: lifecycle, one secure window, the app:// protocol and the IPC host.
 * Everything Electron-specific is passed in (`ElectronDeps`) so this runs under Node tests with a mock.
 */
import type { BrowserWindow, WebContents } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/api/index.js';
import { log } from '../../core/platform/log.js';
import { registerEhrLaunch, type EhrLaunchApp } from './ehr-launch.js';
import { packageRoot } from '../../core/platform/paths.js';
import { forwardEvents, registerIpcHost, trustOnly } from './ipc-host.js';
import { KeychainProtector } from './keychain.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import { denyPermissions, hardenWebContents } from './security.js';
import type { ElectronDeps } from './types.js';
import { createMainWindow } from './window.js';
import { startShell, type Shell, type ShellElectron } from './shell/index.js';
import { createRequire } from 'node:module';
import type { Dispatch } from '../../core/api/dispatcher.js';
import { setHelperLauncher } from '../../core/launcher/launcher.js';
import { loadMachinePolicy, type PolicyReport } from '../../core/policy/policy.js';
import { createEngineProvider } from '../../core/engines/providers.js';
import { hostServerKey } from '../../core/engines/server-api.js';
import { utilityProcessLauncher } from './launcher.js';
import { installKind, UpdateController, type UpdaterLike } from './updater.js';

export interface RunningApp {
  core: Core;
  mainWindow(): BrowserWindow | null;
  /** The machine policy in force (read once at start). */
  policy: PolicyReport;
  updates: UpdateController;
}

export interface StartOptions {
  /** The machine policy; default: read from this computer (registry, managed preferences, /etc/bedside). */
  policy?: PolicyReport;
  /** electron-updater's updater; default: its autoUpdater for this platform, loaded when first needed. */
  updater?: () => UpdaterLike;
}

/** electron-updater picks the updater for this platform and package type; it needs Electron, so it loads late. */
function autoUpdater(): UpdaterLike {
  const mod = createRequire(import.meta.url)('electron-updater') as { autoUpdater: UpdaterLike };
  return mod.autoUpdater;
}

/** Wraps dispatch to know whether a recording is running (no update restarts then). */
function watchRecordings(dispatch: Dispatch) {
  const live = new Set<string>();
  const watched: Dispatch = async (method, params, ctx) => {
    const reply = await dispatch(method, params, ctx);
    if (reply.ok && method === 'transcribe.live.start') live.add((reply.result as { sessionId: string }).sessionId);
    if (method === 'transcribe.live.stop') live.delete(String((params as { sessionId?: unknown } | null)?.sessionId));
    return reply;
  };
  return { dispatch: watched, recording: () => live.size > 0 };
}

export function startApp(deps: ElectronDeps, opts: StartOptions = {}): RunningApp | null {
  const { app } = deps;
  app.setName('Bedside');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(deps.protocol);

  // The organisation's machine policy: malformed values are logged (count only) and ignored key by key.
  const policy = opts.policy ?? loadMachinePolicy();
  if (policy.problems.length > 0) log.warn('policy.problems', { count: policy.problems.length });
  // The policy's data folder holds the store and the models (the core and the CLI read BEDSIDE_DATA_DIR).
  if (policy.values.dataFolder) process.env.BEDSIDE_DATA_DIR = policy.values.dataFolder;
  const dataDir = policy.values.dataFolder ?? app.getPath('userData');
  // Helper processes (Whisper) run as Electron utility processes: with the runAsNode fuse off, fork() cannot start Node.
  if (deps.utilityProcess) setHelperLauncher(utilityProcessLauncher(deps.utilityProcess));

  const root = packageRoot();
  const preloadPath = join(root, 'dist', 'electron', 'preload.cjs');
  const rendererDir = join(root, 'dist', 'renderer');
  // The encrypted store lives in the same folder the CLI uses by default (core/platform/paths.ts defaultDataDir).
  // EHR sign-in pages open in the system browser (RFC 8252), through the launch glue's http(s)-only opener.
  let openUrl: ((url: string) => Promise<void>) | undefined;
  const core = createCore({
    policy,
    storeDir: dataDir,
    // Note engines (issue 15): the local model in a utility process, the clinic server with the organisation's CA.
    // The server's API key is the one stored in Settings (engines.setServerKey), read at each draft.
    engines: createEngineProvider({
      apiKey: hostServerKey(() => core.services.store ?? core.services.storeSession?.store),
      ...(policy.values.inferenceCaFile ? { caFile: policy.values.inferenceCaFile } : {}),
    }),
    openUrl: (url) => (openUrl ? openUrl(url) : Promise.reject(new Error('The system browser is not available.'))),
  });
  // The OS keychain opens the store without a passphrase (a recovery passphrase is chosen at first run); it is
  // checked when used, after the app is ready (Linux reports its keyring backend only then).
  if (deps.safeStorage) core.services.keychain = new KeychainProtector(deps.safeStorage);
  // bedside:// EHR launch links (the real runtime only: the unit-test mock has no protocol-client API).
  const launchApp = app as unknown as Partial<EhrLaunchApp>;
  if (typeof launchApp.setAsDefaultProtocolClient === 'function')
    openUrl = registerEhrLaunch({
      app: launchApp as EhrLaunchApp,
      shell: deps.shell,
      argv: process.argv,
      execPath: process.execPath,
      onLaunch: async (launch) => {
        const reply = await core.dispatch('ehr.launch', launch, { transport: 'ipc' });
        if (!reply.ok) log.warn('ehr.launch_refused', { code: reply.error.code });
      },
    }).openExternal;
  const recordings = watchRecordings(core.dispatch);
  const updates = new UpdateController({
    updater: opts.updater ?? autoUpdater,
    policy: () => policy.values,
    version: app.getVersion(),
    kind: installKind({
      platform: process.platform,
      packaged: app.isPackaged,
      execPath: process.execPath,
      env: process.env,
    }),
    recording: recordings.recording,
  });
  core.services.updates = updates;
  let win: BrowserWindow | null = null;
  const webContents = (): WebContents | null => (win && !win.isDestroyed() ? win.webContents : null);

  // Shell features need the parts of Electron only the real runtime has (tests pass a mock without them).
  const shellDeps = deps as ElectronDeps & Partial<ShellElectron>;
  let shell: Shell | null = null;
  const open = () => {
    win = createMainWindow(deps, { preloadPath, packaged: app.isPackaged });
    shell?.attachWindow(win);
    win.on('closed', () => {
      win = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps, app.isPackaged));
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win) open();
  });

  void app.whenReady().then(() => {
    denyPermissions(deps.session.defaultSession);
    handleAppProtocol(deps.protocol, rendererDir);
    if (
      shellDeps.globalShortcut &&
      shellDeps.Tray &&
      shellDeps.Menu &&
      shellDeps.nativeImage &&
      shellDeps.screen &&
      shellDeps.powerMonitor
    )
      shell = startShell(shellDeps as ShellElectron, {
        dataDir,
        events: core.events,
        window: () => win,
        lockStore: async () => {
          await core.services.storeSession?.lock();
        },
        quit: () => app.quit(),
      });
    // The core applies the saved settings (auto-lock, always on top, hotkeys) to the shell and reports hotkey conflicts.
    if (shell) core.services.shell = shell.settings;
    // Quitting mid-recording: hold the quit until the core has committed the audio received so far, ended the
    // Whisper processes and locked the store (the key leaves memory), then quit for real.
    let closed = false;
    app.on('will-quit', (event?: { preventDefault(): void }) => {
      if (closed) return;
      closed = true;
      shell?.stop();
      updates.stop();
      event?.preventDefault();
      void core.close().finally(() => app.quit());
    });
    registerIpcHost(deps, shell ? shell.observe(recordings.dispatch) : recordings.dispatch, trustOnly(webContents));
    forwardEvents(core.events, webContents);
    open();
    updates.start();
  });

  return { core, mainWindow: () => win, policy, updates };
}
