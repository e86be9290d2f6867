/** Readability: Flesch-Kincaid grade level = 0.39 (words/sentences) + 11.8 (syllables/words) − 15.59. */

/** Syllables of one English word (vowel groups, silent final e, -le endings); at least 1. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return 0;
  if (w.length <= 3) return 1;
  // Silent endings ("-es", "-ed", final "e"), but "-le" after a consonant keeps its syllable ("table").
  const s = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = s.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  grade: number;
}

export function fleschKincaid(text: string): Readability {
  const sentences = text.split(/[.!?]+(?:\s|$)|\n+/).filter((s) => /[a-z0-9]/i.test(s));
  const words = text.match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g) ?? [];
  const syl = words.reduce((a, w) => a + (/^\d/.test(w) ? 1 : syllables(w)), 0);
  const ns = Math.max(1, sentences.length);
  const nw = Math.max(1, words.length);
  const grade = 0.39 * (nw / ns) + 11.8 * (syl / nw) - 15.59;
  return { words: words.length, sentences: sentences.length, syllables: syl, grade };
}
