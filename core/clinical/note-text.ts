/** Note text as sentences: the one reading of a note's layout that the verifier, the gold checker and the linter share. */
import { splitSentences } from './discourse.js';

/** Splits note text into sentences with their section heading (headings: all-capital lines). */
export function noteLines(note: string): Array<{ text: string; section: string }> {
  const out: Array<{ text: string; section: string }> = [];
  let section = '';
  for (const raw of note.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[A-Z][A-Z0-9 &/,()'-]{2,}:?$/.test(line)) {
      section = line.replace(/:$/, '');
      continue;
    }
    for (const s of splitSentences(line)) if (/[a-z0-9]/i.test(s)) out.push({ text: s, section });
  }
  return out;
}
