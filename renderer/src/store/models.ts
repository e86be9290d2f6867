/** Speech models: what is installed, what is recommended for this machine, and installs with progress. */
import { create } from 'zustand';
import type { Result } from '../../../core/api/types';
import { api, ApiFailure } from '../api';
import { explain } from '../lib/errors';

export type ModelsInfo = Result<'models.list'>;

interface ModelsState {
  info: ModelsInfo | null;
  loading: boolean;
  error: string | null;
  /** Model id → install progress 0..1 (present while installing). */
  installing: Record<string, number>;
  /** Model id → the operationId its install runs under (app.cancel stops it). */
  operations: Record<string, string>;
  /** Model id → what happened to its last install when it did not simply finish (cancelled). */
  notes: Record<string, string>;
  load(): Promise<void>;
  install(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
}

export const CANCELLED_NOTE =
  'Install cancelled: the model was not installed. The part already downloaded is kept, so installing again continues from there.';

export const useModels = create<ModelsState>((set, get) => ({
  info: null,
  loading: false,
  error: null,
  installing: {},
  operations: {},
  notes: {},
  async load() {
    // One models.list at a time: two Settings sections mount together and both ask.
    if (get().loading) return;
    set({ loading: true, error: null });
    try {
      set({ info: await api['models.list']({}), loading: false });
    } catch (err) {
      set({ loading: false, error: explain(err, 'list the speech models') });
    }
  },
  async install(id) {
    const operationId = crypto.randomUUID();
    set((s) => {
      const notes = { ...s.notes };
      delete notes[id];
      return {
        installing: { ...s.installing, [id]: 0 },
        operations: { ...s.operations, [id]: operationId },
        notes,
        error: null,
      };
    });
    const off = api.on('models.progress', (p) => {
      if (p.id === id && p.total > 0)
        set((s) => ({ installing: { ...s.installing, [id]: Math.min(1, p.bytes / p.total) } }));
    });
    try {
      await api['models.install']({ id, operationId });
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'cancelled')
        set((s) => ({ notes: { ...s.notes, [id]: CANCELLED_NOTE } }));
      else set({ error: explain(err, 'install the model') });
    } finally {
      off();
      const installing = { ...get().installing };
      const operations = { ...get().operations };
      delete installing[id];
      delete operations[id];
      set({ installing, operations });
      await get().load();
    }
  },
  async cancel(id) {
    const operationId = get().operations[id];
    if (!operationId) return;
    try {
      // The install's own reply (code 'cancelled') ends it; false here means it had already finished.
      await api['app.cancel']({ operationId });
    } catch (err) {
      set({ error: explain(err, 'cancel the install') });
    }
  },
}));
