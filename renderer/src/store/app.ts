import { create } from 'zustand';
import type { BuildInfo } from '../../../core/api/types';
import { api, ApiFailure } from '../api';
import { explain } from '../lib/errors';

type Status = 'loading' | 'ready' | 'error';
export type Screen = 'encounters' | 'encounter' | 'settings';
export type EncounterTab = 'transcript' | 'note' | 'hints';

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
  /** Shows the passphrase screen: 'auto' (idle, screen lock) cannot be dismissed; 'open' (to save) can. */
  lock(reason?: 'auto' | 'open'): void;
  lockReason: 'auto' | 'open';
  cancelUnlock(): void;
  unlock(passphrase: string): Promise<boolean>;
  load(): Promise<void>;
  go(screen: Screen): void;
  setExpanded(expanded: boolean): void;
  setTab(tab: EncounterTab): void;
}

export const useAppStore = create<AppState>((set) => ({
  status: 'loading',
  info: null,
  error: null,
  screen: 'encounters',
  expanded: false,
  tab: 'transcript',
  locked: false,
  unlockError: null,
  storeUnlocked: false,
  lockReason: 'auto',
  lock(reason = 'auto') {
    set({
      locked: true,
      lockReason: reason,
      unlockError: null,
      ...(reason === 'auto' ? { storeUnlocked: false } : {}),
    });
  },
  cancelUnlock() {
    set((s) => (s.lockReason === 'open' ? { locked: false, unlockError: null } : {}));
  },
  async unlock(passphrase) {
    try {
      const st = await api['store.unlock']({ passphrase });
      set({ storeUnlocked: st.unlocked });
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
  async load() {
    set({ status: 'loading', error: null });
    try {
      const info = await api['app.info']({});
      set({ status: 'ready', info });
      const st = await api['store.status']({}).catch(() => null);
      set({ storeUnlocked: st?.unlocked === true });
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
}));
