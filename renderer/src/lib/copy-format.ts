/**
 * The clinician's clipboard format, kept as a local UI preference on this computer (localStorage, not the encrypted
 * store): it holds no patient data and applies before the store is unlocked. 'rich' (the default) puts plain text and
 * an HTML item (headings, lists) on the clipboard; 'plain' puts only text shaped for an EHR text field.
 */
import { create } from 'zustand';
import type { CopyFormat } from './note-text';

export const COPY_FORMAT_KEY = 'bedside.copyFormat';

export const COPY_FORMATS: { id: CopyFormat; label: string }[] = [
  { id: 'rich', label: 'Formatted' },
  { id: 'plain', label: 'Plain text (EHR field)' },
];

function readFormat(): CopyFormat {
  try {
    return localStorage.getItem(COPY_FORMAT_KEY) === 'plain' ? 'plain' : 'rich';
  } catch {
    return 'rich'; // no storage (tests in Node, storage disabled): the default
  }
}

interface CopyFormatState {
  format: CopyFormat;
  setFormat(format: CopyFormat): void;
}

export const useCopyFormat = create<CopyFormatState>((set) => ({
  format: readFormat(),
  setFormat(format) {
    try {
      localStorage.setItem(COPY_FORMAT_KEY, format);
    } catch {
      // kept for this window only
    }
    set({ format });
  },
}));
