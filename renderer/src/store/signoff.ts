/**
 * Sign-off: the clinician confirms "I have reviewed this draft" before the note can be copied. Any later change to
 * the note (an edit, a regenerated draft) withdraws the sign-off, so what is copied is always what was reviewed.
 */
import { create } from 'zustand';

export interface SignOff {
  at: string;
  /** A fingerprint of the note text that was reviewed. */
  noteHash: string;
}

export interface CopyNotice {
  ok: boolean;
  text: string;
}

interface SignOffState {
  byId: Record<string, SignOff>;
  /** The outcome of the last copy, per encounter, shown beside the sign-off. */
  notices: Record<string, CopyNotice>;
  notify(encounterId: string, notice: CopyNotice | null): void;
  sign(encounterId: string, noteText: string): SignOff;
  withdraw(encounterId: string): void;
}

/** A short non-cryptographic fingerprint (FNV-1a) so a changed note is noticed; it is never sent anywhere. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export const useSignOff = create<SignOffState>((set) => ({
  byId: {},
  notices: {},
  notify(encounterId, notice) {
    set((st) => {
      const notices = { ...st.notices };
      if (notice) notices[encounterId] = notice;
      else delete notices[encounterId];
      return { notices };
    });
  },
  sign(encounterId, noteText) {
    const s: SignOff = { at: new Date().toISOString(), noteHash: fingerprint(noteText) };
    set((st) => ({ byId: { ...st.byId, [encounterId]: s } }));
    return s;
  },
  withdraw(encounterId) {
    set((st) => {
      const byId = { ...st.byId };
      delete byId[encounterId];
      return { byId };
    });
  },
}));

/** Signed, and the note has not changed since. */
export function isSigned(s: SignOff | undefined, noteText: string): boolean {
  return !!s && s.noteHash === fingerprint(noteText);
}
