import { create } from 'zustand';
import type { BuildInfo } from '../../../core/api/types';
import { api } from '../api';

type Status = 'loading' | 'ready' | 'error';

interface AppState {
  status: Status;
  info: BuildInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  status: 'loading',
  info: null,
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    try {
      const info = await api['app.info']({});
      set({ status: 'ready', info });
    } catch (err) {
      set({ status: 'error', error: err instanceof Error ? err.message : 'Bedside could not be reached.' });
    }
  },
}));
