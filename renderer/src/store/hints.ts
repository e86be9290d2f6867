/**
 * Decision-support hints per encounter, computed through the API (hints.compute). Decisions (accept, or dismiss
 * with a reason) are kept in this window: the store's hint methods are not yet in the API contract.
 */
import { create } from 'zustand';
import { api } from '../api';
import { explain } from '../lib/errors';
import type { DismissReason, HintInfo, PatientContext } from '../lib/types';
import { useVisit } from './visit';

export interface HintDecision {
  status: 'accepted' | 'dismissed';
  reason?: DismissReason;
  note?: string;
  at: string;
}

export interface HintSet {
  items: HintInfo[];
  decisions: Record<string, HintDecision>;
  loading: boolean;
  error: string | null;
}

const emptySet = (): HintSet => ({ items: [], decisions: {}, loading: false, error: null });

interface HintsState {
  byId: Record<string, HintSet>;
  /** Patient context loaded from the EHR per encounter; hints are computed with it once it is there. */
  contexts: Record<string, PatientContext>;
  compute(encounterId: string, transcript: string): Promise<void>;
  setContext(encounterId: string, context: PatientContext, transcript: string): Promise<void>;
  accept(encounterId: string, hintId: string): void;
  dismiss(encounterId: string, hintId: string, reason: DismissReason, note?: string): void;
  reopen(encounterId: string, hintId: string): void;
}

export const useHints = create<HintsState>((set, get) => {
  const patch = (id: string, p: Partial<HintSet>) =>
    set((s) => ({ byId: { ...s.byId, [id]: { ...(s.byId[id] ?? emptySet()), ...p } } }));
  const decide = (id: string, hintId: string, d: HintDecision | null) => {
    const decisions = { ...(get().byId[id]?.decisions ?? {}) };
    if (d) decisions[hintId] = d;
    else delete decisions[hintId];
    patch(id, { decisions });
  };
  return {
    byId: {},
    contexts: {},
    async setContext(encounterId, context, transcript) {
      set((s) => ({ contexts: { ...s.contexts, [encounterId]: context } }));
      if (transcript.trim()) await get().compute(encounterId, transcript);
    },
    async compute(encounterId, transcript) {
      patch(encounterId, { loading: true, error: null });
      try {
        const context = get().contexts[encounterId];
        const items = await api['hints.compute']({ transcript, ...(context ? { context } : {}) });
        // Decisions on hints that are still found are kept (hint ids are stable for the same finding).
        const old = get().byId[encounterId]?.decisions ?? {};
        const keep = Object.fromEntries(Object.entries(old).filter(([k]) => items.some((h) => h.id === k)));
        patch(encounterId, { items, decisions: keep, loading: false });
      } catch (err) {
        patch(encounterId, { loading: false, error: explain(err, 'check the visit for hints') });
      }
    },
    accept(encounterId, hintId) {
      decide(encounterId, hintId, { status: 'accepted', at: new Date().toISOString() });
    },
    dismiss(encounterId, hintId, reason, note) {
      decide(encounterId, hintId, {
        status: 'dismissed',
        reason,
        ...(note ? { note } : {}),
        at: new Date().toISOString(),
      });
    },
    reopen(encounterId, hintId) {
      decide(encounterId, hintId, null);
    },
  };
});

// Hints follow the visit (issue 13): a corrected transcript (a turn's text or speaker) recomputes them, once the
// clinician pauses; decisions on hints still found are kept (compute above).
const pending = new Map<string, ReturnType<typeof setTimeout>>();
export const RECOMPUTE_DELAY_MS = 600;
useVisit.subscribe((s, prev) => {
  for (const [id, w] of Object.entries(s.byId)) {
    const before = prev.byId[id];
    if (!before || !w.stale || w.transcript === before.transcript || !useHints.getState().byId[id]) continue;
    clearTimeout(pending.get(id));
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        void useHints.getState().compute(id, useVisit.getState().byId[id]?.transcript ?? '');
      }, RECOMPUTE_DELAY_MS),
    );
  }
});
