/** A text as a regular expression that matches it literally ("c. diff" → "c\\. diff"). */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
