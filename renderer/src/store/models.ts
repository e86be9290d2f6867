/** Speech models: what is installed, what is recommended for this machine, and installs with progress. */
import { create } from 'zustand';
import type { Result } from '../../../core/api/types';
import { api } from '../api';
import { explain } from '../lib/errors';

export type ModelsInfo = Result<'models.list'>;

interface ModelsState {
  info: ModelsInfo | null;
  loading: boolean;
  error: string | null;
  /** Model id → install progress 0..1 (present while installing). */
  installing: Record<string, number>;
  load(): Promise<void>;
  install(id: string): Promise<void>;
}

export const useModels = create<ModelsState>((set, get) => ({
  info: null,
  loading: false,
  error: null,
  installing: {},
  async load() {
    set({ loading: true, error: null });
    try {
      set({ info: await api['models.list']({}), loading: false });
    } catch (err) {
      set({ loading: false, error: explain(err, 'list the speech models') });
    }
  },
  async install(id) {
    set((s) => ({ installing: { ...s.installing, [id]: 0 }, error: null }));
    const off = api.on('models.progress', (p) => {
      if (p.id === id && p.total > 0)
        set((s) => ({ installing: { ...s.installing, [id]: Math.min(1, p.bytes / p.total) } }));
    });
    try {
      await api['models.install']({ id });
    } catch (err) {
      set({ error: explain(err, 'install the model') });
    } finally {
      off();
      const installing = { ...get().installing };
      delete installing[id];
      set({ installing });
      await get().load();
    }
  },
}));
