/**
 * The encounters in this window: today's, and (once the store is unlocked) the saved ones from earlier days. When the encrypted store is unlocked each one is also saved there
 * (lib/persist.ts: consent, draft versions, sign-off, copies, hint decisions); otherwise they live in memory only.
 */
import { create } from 'zustand';

export type EncounterStatus = 'new' | 'transcript' | 'drafted' | 'signed';

export interface EncounterSummary {
  id: string;
  /** PHI: the label the clinician typed (shown, never logged). */
  label: string;
  /** PHI: the medical record number the clinician typed, '' when none (shown, never logged). */
  mrn: string;
  consent: boolean;
  consentAt: string | null;
  startedAt: string;
  status: EncounterStatus;
  /** The encounter's id in the encrypted store, once saved there. */
  storeId?: number;
  /** Why the last save to the encrypted store failed (words for the clinician). */
  saveError?: string | null;
  /** A recording in the store that a crash or restart interrupted (it can be recovered). */
  interrupted?: boolean;
  /** Why the saved encounter could not be opened (words for the clinician). */
  loadError?: string | null;
}

export interface NewEncounterInput {
  label: string;
  mrn: string;
  consent: boolean;
}

interface EncountersState {
  items: EncounterSummary[];
  query: string;
  activeId: string | null;
  setQuery(q: string): void;
  create(input: NewEncounterInput): EncounterSummary;
  open(id: string): void;
  close(): void;
  setStatus(id: string, status: EncounterStatus): void;
  confirmConsent(id: string): void;
  patch(id: string, p: Partial<EncounterSummary>): void;
}

let seq = 0;

export const useEncounters = create<EncountersState>((set, get) => ({
  items: [],
  query: '',
  activeId: null,
  setQuery(query) {
    set({ query });
  },
  create(input) {
    const now = new Date().toISOString();
    seq += 1;
    const e: EncounterSummary = {
      id: `local-${Date.now().toString(36)}-${seq}`,
      label: input.label.trim() || `Encounter ${get().items.length + 1}`,
      mrn: input.mrn.trim(),
      consent: input.consent,
      consentAt: input.consent ? now : null,
      startedAt: now,
      status: 'new',
    };
    set((s) => ({ items: [e, ...s.items], activeId: e.id }));
    return e;
  },
  open(id) {
    set({ activeId: id });
  },
  close() {
    set({ activeId: null });
  },
  setStatus(id, status) {
    set((s) => ({ items: s.items.map((e) => (e.id === id ? { ...e, status } : e)) }));
  },
  patch(id, p) {
    set((s) => ({ items: s.items.map((e) => (e.id === id ? { ...e, ...p } : e)) }));
  },
  confirmConsent(id) {
    const at = new Date().toISOString();
    set((s) => ({ items: s.items.map((e) => (e.id === id ? { ...e, consent: true, consentAt: at } : e)) }));
  },
}));

/**
 * The MRN rule of the API (core/store/types.ts MRN_PATTERN, which the renderer may not import at run time; a unit test
 * checks the two agree): 1 to 32 letters, digits, '-', '/' or '.'.
 */
export const MRN_PATTERN = /^[A-Za-z0-9./-]{1,32}$/;

/** Why the typed MRN cannot be saved, in words for the form; null when it is fine or empty (it is optional). */
export function mrnProblem(mrn: string): string | null {
  const m = mrn.trim();
  if (!m || MRN_PATTERN.test(m)) return null;
  return m.length > 32
    ? 'The MRN is too long: at most 32 characters.'
    : 'The MRN may hold only letters, digits, “-”, “/” and “.” (no spaces).';
}

/** Splits the list into today's encounters and earlier ones (local calendar day), each newest first. */
export function byDay(items: EncounterSummary[], now = new Date()) {
  const sorted = [...items].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return {
    today: sorted.filter((e) => isToday(e.startedAt, now)),
    earlier: sorted.filter((e) => !isToday(e.startedAt, now)),
  };
}

export function isToday(iso: string, now = new Date()): boolean {
  const d = new Date(iso);
  return d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
}

export function filterEncounters(items: EncounterSummary[], query: string): EncounterSummary[] {
  const q = query.trim().toLowerCase();
  if (!q) return items;
  return items.filter((e) => e.label.toLowerCase().includes(q) || e.mrn.toLowerCase().includes(q) || e.status === q);
}
