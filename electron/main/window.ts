import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { ElectronDeps } from './types.js';
import { APP_ORIGIN } from './protocol.js';

/** The only webPreferences any Bedside window gets. Tests assert every window the app creates uses them. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  packaged: boolean;
}

export function createMainWindow(deps: Pick<ElectronDeps, 'BrowserWindow'>, opts: MainWindowOptions): BrowserWindow {
  const options: BrowserWindowConstructorOptions = {
    width: 460,
    height: 900,
    minWidth: 380,
    minHeight: 480,
    title: 'Bedside',
    show: false,
    backgroundColor: '#1b1f24',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(opts.preloadPath), devTools: !opts.packaged },
  };
  const win = new deps.BrowserWindow(options);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
