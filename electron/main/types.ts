/**
 * The slice of Electron's API the main process uses, as types only. Passing these in (instead of importing
 * `electron` in every module) lets unit tests run the real main-process code under Node with a mock.
 */
import type * as Electron from 'electron';
import type { UtilityProcessModule } from './launcher.js';

type ElectronModule = typeof Electron;

export interface ElectronDeps extends Pick<ElectronModule, 'BrowserWindow'> {
  app: Pick<
    Electron.App,
    'whenReady' | 'on' | 'quit' | 'requestSingleInstanceLock' | 'getVersion' | 'isPackaged' | 'getPath' | 'setName'
  >;
  /** The IPC object of the main process; only ipc-host.ts reads it. */
  ['ipcMain']: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> };
  shell: Pick<Electron.Shell, 'openExternal'>;
  /** The OS keychain (the store's keychain key slot); optional so a mock may leave it out. */
  /** Helper processes (electron/main/launcher.ts); optional so a mock may leave it out (then Node's fork is used). */
  utilityProcess?: UtilityProcessModule;
  safeStorage?: Pick<
    Electron.SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >;
}
