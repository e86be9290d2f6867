/**
 * Hints for `bedside draft --jsonl` input: one list per JSON line {"id", "dialogue"}, in input order. Call it after
 * the drafter has validated the lines (it reports bad lines with their numbers); here a bad line gets no hints.
 */
import { computeHints } from './index.js';
import type { Hint } from './types.js';

export function hintsForJsonl(text: string): Hint[][] {
  const lines = text.split('\n');
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.map((raw) => {
    try {
      const v = JSON.parse(raw.replace(/\r$/, '')) as { dialogue?: unknown };
      return typeof v.dialogue === 'string' && /[A-Za-z0-9]/.test(v.dialogue) ? computeHints(v.dialogue) : [];
    } catch {
      return [];
    }
  });
}
