import { create } from 'zustand';
import type { BuildInfo, Params, Result } from '../../../core/api/types';
import { api, ApiFailure } from '../api';
import { explain } from '../lib/errors';
import { useRecorder } from './recorder';

type Status = 'loading' | 'ready' | 'error';
export type Screen = 'encounters' | 'encounter' | 'settings';
export type EncounterTab = 'transcript' | 'note' | 'hints';
export type SettingsInfo = Result<'settings.get'>;
export type LockReason = 'auto' | 'open' | 'first-run';

interface AppState {
  status: Status;
  info: BuildInfo | null;
  error: string | null;
  screen: Screen;
  /** Full-window editing layout (columns) instead of the docked panel's tabs. */
  expanded: boolean;
  /** Which pane the docked panel shows (the expanded layout shows them all). */
  tab: EncounterTab;
  /** The store was locked (idle, screen lock, tray): the screen is hidden until the passphrase is given. */
  locked: boolean;
  unlockError: string | null;
  /** The encrypted store is open: encounters are saved there (lib/persist.ts). */
  storeUnlocked: boolean;
  /**
   * Shows the passphrase screen: 'auto' (idle, screen lock) cannot be dismissed; 'open' (to save) can; 'first-run'
   * (no store yet) offers setting it up first and working without a store (nothing kept) as the other choice.
   */
  lock(reason?: LockReason): void;
  lockReason: LockReason;
  cancelUnlock(): void;
  unlock(passphrase: string): Promise<boolean>;
  /** Unlocks with this computer's OS keychain; false (and the words in unlockError) when it cannot. */
  unlockWithKeychain(): Promise<boolean>;
  /** First run: creates the encrypted store (with the keychain too when asked and available) and opens it. */
  createStore(passphrase: string, useKeychain: boolean): Promise<boolean>;
  /** A store exists in the data folder (null: not known, e.g. a host that does not say). */
  storeExists: boolean | null;
  /** This host can unlock the store with the OS keychain (the desktop app with a usable keyring). */
  keychainAvailable: boolean;
  /** Re-reads store.status (whether a store exists, whether the keychain can be used). */
  refreshStoreStatus(): Promise<void>;
  load(): Promise<void>;
  go(screen: Screen): void;
  setExpanded(expanded: boolean): void;
  setTab(tab: EncounterTab): void;
  /** The settings kept in the encrypted store, once read (after an unlock); hotkeyStatus null without a desktop shell. */
  settings: SettingsInfo | null;
  /** A short note under the header (always on top while locked, the saved microphone missing), until dismissed. */
  notice: string | null;
  dismissNotice(): void;
  loadSettings(): Promise<void>;
  /** Saves some settings; throws ApiFailure (callers say "Not saved: …"). */
  saveSettings(patch: Params<'settings.set'>): Promise<SettingsInfo>;
  toggleAlwaysOnTop(): Promise<void>;
}

export const MISSING_INPUT_NOTE =
  'The saved microphone is not connected, so Bedside records from the system default. Choose another in Settings → Audio input.';

/**
 * Recordings start with the saved microphone. A saved one that is no longer present falls back to the system
 * default (returns the note to show); device ids hidden (no microphone permission yet) keep the saved one.
 */
export async function applySavedInput(id: string | null): Promise<string | null> {
  const rec = useRecorder.getState();
  if (rec.status !== 'idle') return null; // never switch a running recording
  if (id === null) {
    rec.setDevice(null);
    return null;
  }
  await rec.loadDevices();
  const ids = useRecorder
    .getState()
    .devices.map((d) => d.id)
    .filter((d) => d !== '');
  if (ids.length === 0 || ids.includes(id)) {
    rec.setDevice(id);
    return null;
  }
  rec.setDevice(null);
  return MISSING_INPUT_NOTE;
}

export const useAppStore = create<AppState>((set, get) => {
  /** Once unlocked: read the settings, and recordings start with the saved microphone (or a note says why not). */
  const startWithSettings = async () => {
    await get().loadSettings();
    const s = get().settings;
    const note = s ? await applySavedInput(s.audioInputId) : null;
    if (note) set({ notice: note });
  };
  return {
    status: 'loading',
    info: null,
    error: null,
    screen: 'encounters',
    expanded: false,
    tab: 'transcript',
    locked: false,
    unlockError: null,
    storeUnlocked: false,
    storeExists: null,
    keychainAvailable: false,
    lockReason: 'auto',
    settings: null,
    notice: null,
    dismissNotice() {
      set({ notice: null });
    },
    async loadSettings() {
      try {
        set({ settings: await api['settings.get']({}) });
      } catch {
        // Locked or no store: the settings screen says so; the defaults stay in force.
      }
    },
    async saveSettings(patch) {
      const settings = await api['settings.set'](patch);
      set({ settings });
      return settings;
    },
    async toggleAlwaysOnTop() {
      const { storeUnlocked, settings } = get();
      if (!storeUnlocked || !settings) {
        set({
          notice:
            'Always on top is saved in the encrypted store: unlock Bedside (from the encounters list) to change it.',
        });
        return;
      }
      try {
        const next = await get().saveSettings({ alwaysOnTop: !settings.alwaysOnTop });
        set({
          notice:
            next.hotkeyStatus === null && next.alwaysOnTop
              ? 'Saved. The desktop app keeps its window above the EHR; a browser tab cannot stay on top.'
              : null,
        });
      } catch (err) {
        set({ notice: `Not saved: ${explain(err, 'change always on top')}` });
      }
    },
    lock(reason = 'auto') {
      set({
        locked: true,
        lockReason: reason,
        unlockError: null,
        ...(reason === 'auto' ? { storeUnlocked: false } : {}),
      });
    },
    cancelUnlock() {
      // Without any store (first run, or the shell locked a window that works without one) nothing is kept behind the
      // lock, so it may be dismissed as well; a store's own lock ('auto') needs the passphrase.
      set((s) => (s.lockReason !== 'auto' || s.storeExists === false ? { locked: false, unlockError: null } : {}));
    },
    async unlock(passphrase) {
      try {
        const st = await api['store.unlock']({ passphrase });
        set({ storeUnlocked: st.unlocked });
        if (st.unlocked) await startWithSettings();
      } catch (err) {
        // A host without an encrypted store has nothing to unlock; anything else keeps the screen locked.
        if (!(err instanceof ApiFailure && err.error.code === 'not_found')) {
          set({
            unlockError:
              err instanceof ApiFailure && /passphrase|wrong|key/i.test(err.error.message)
                ? 'That passphrase did not unlock Bedside. Check it and try again.'
                : explain(err, 'unlock Bedside'),
          });
          return false;
        }
      }
      set({ locked: false, unlockError: null });
      return true;
    },
    async unlockWithKeychain() {
      try {
        const st = await api['store.unlock']({ keychain: true });
        set({ storeUnlocked: st.unlocked });
        if (st.unlocked) await startWithSettings();
      } catch (err) {
        const code = err instanceof ApiFailure ? err.error.code : null;
        set({
          unlockError:
            code === 'forbidden' || code === 'unavailable'
              ? "This computer's keychain could not open the store. Enter the recovery passphrase instead."
              : explain(err, 'unlock Bedside'),
        });
        return false;
      }
      set({ locked: false, unlockError: null });
      return true;
    },
    async createStore(passphrase, useKeychain) {
      try {
        const st = await api['store.create']({ passphrase, ...(useKeychain ? { useKeychain: true } : {}) });
        set({ storeUnlocked: st.unlocked, storeExists: st.exists, keychainAvailable: st.keychain });
        if (st.unlocked) await startWithSettings();
      } catch (err) {
        if (err instanceof ApiFailure && err.error.code === 'conflict') {
          // Created meanwhile (another window, the command line): unlock it instead.
          set({
            unlockError: 'An encrypted store already exists on this computer. Unlock it with its passphrase.',
          });
          await get().refreshStoreStatus();
        } else set({ unlockError: explain(err, 'set up the encrypted store') });
        return false;
      }
      set({ locked: false, unlockError: null });
      return true;
    },
    async refreshStoreStatus() {
      const st = await api['store.status']({}).catch(() => null);
      if (st) set({ storeExists: st.exists ?? null, keychainAvailable: st.keychain === true });
    },
    async load() {
      set({ status: 'loading', error: null });
      try {
        const info = await api['app.info']({});
        set({ status: 'ready', info });
        const st = await api['store.status']({}).catch(() => null);
        set({
          storeUnlocked: st?.unlocked === true,
          storeExists: st?.exists ?? null,
          keychainAvailable: st?.keychain === true,
          // A store that exists and is locked opens at its unlock screen, not at an empty list inviting unsaved work.
          ...(st?.exists === true && st.unlocked !== true ? { locked: true, lockReason: 'auto' as const } : {}),
          // First run (no store yet): setting it up is the main path; working without one is the other choice.
          ...(st?.exists === false ? { locked: true, lockReason: 'first-run' as const } : {}),
        });
        if (st?.unlocked === true) await startWithSettings();
      } catch (err) {
        set({ status: 'error', error: explain(err, 'connect to Bedside') });
      }
    },
    go(screen) {
      set({ screen });
    },
    setExpanded(expanded) {
      set({ expanded });
    },
    setTab(tab) {
      set({ tab });
    },
  };
});
