import { create } from 'zustand';
import type { BuildInfo } from '../../../core/api/types';
import { api } from '../api';
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
  async load() {
    set({ status: 'loading', error: null });
    try {
      const info = await api['app.info']({});
      set({ status: 'ready', info });
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
