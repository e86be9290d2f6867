/**
 * Numbers in clinical text, as digits or words ("five" = 5, "one hundred and twenty" = 120, "2.5", "1,000").
 * Used to keep drafts faithful: every number a draft states must be present in its transcript.
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/**
 * The value of one number written as digits ("2.5", "1,000") or as a phrase of number words ("five",
 * "twenty-five", "a hundred", "one hundred and twenty"); null when the text is not exactly one number.
 */
export function numberValue(phrase: string): number | null {
  const t = phrase.trim().toLowerCase().replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const words = t.split(/[\s-]+/).filter(Boolean);
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const [i, w] of words.entries()) {
    if (w in UNITS) current += UNITS[w]!;
    else if (w in TENS) current += TENS[w]!;
    else if (w in SCALES) {
      current = (current || 1) * SCALES[w]!;
      if (SCALES[w]! >= 1000) {
        total += current;
        current = 0;
      }
    } else if ((w === 'a' && i === 0) || (w === 'and' && i > 0)) continue;
    else return null;
    seen = true;
  }
  return seen ? total + current : null;
}

export function isNumberWord(w: string): boolean {
  const l = w.toLowerCase();
  return l in UNITS || l in TENS || l in SCALES;
}

/** Numeric values written in `text`: digit numbers and every value of a run of number words (and its parts). */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)) {
    out.push(Number(m[0].replace(/,/g, '')));
  }
  const words = lower.match(/[a-z]+/g) ?? [];
  let i = 0;
  while (i < words.length) {
    if (!isNumberWord(words[i]!)) {
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    while (j < words.length) {
      const w = words[j]!;
      if (w in UNITS) {
        // "nine one one" is three numbers, not a sum; "twenty five" and "hundred five" compose.
        if (j > i && current % 100 !== 0 && (current % 10 !== 0 || UNITS[w]! >= 10)) break;
        out.push(UNITS[w]!);
        current += UNITS[w]!;
      } else if (w in TENS) {
        if (j > i && current % 100 !== 0) break;
        out.push(TENS[w]!);
        current += TENS[w]!;
      } else if (w in SCALES) {
        current = (current || 1) * SCALES[w]!;
        out.push(total + current);
        if (SCALES[w]! >= 1000) {
          total += current;
          current = 0;
        }
      } else if (w === 'and' && j + 1 < words.length && isNumberWord(words[j + 1]!) && j > i) {
        // "one hundred and twenty"
      } else break;
      j++;
    }
    out.push(total + current);
    i = j;
  }
  // Colloquial readings of vitals: "one twenty over eighty" = 120/80, "one thirty five" = 135.
  for (let k = 0; k + 1 < words.length; k++) {
    const a = UNITS[words[k]!];
    if (a === undefined || a < 1 || a > 9) continue;
    const second = words[k + 1]!;
    const b = TENS[second] ?? (UNITS[second] !== undefined && UNITS[second]! >= 10 ? UNITS[second] : undefined);
    if (b === undefined) continue;
    out.push(a * 100 + b);
    const c = UNITS[words[k + 2] ?? ''];
    if (second in TENS && c !== undefined && c > 0 && c < 10) out.push(a * 100 + b + c);
  }
  return out;
}

/** Numbers stated in a draft sentence: digits only (the drafter writes numbers as digits or copies words). */
export function draftNumbers(text: string): number[] {
  return numbersIn(text);
}

/** Numbers of `draftText` that are absent from `transcriptText`. */
export function unsupportedNumbers(draftText: string, transcriptText: string | Set<number>): number[] {
  const have = transcriptText instanceof Set ? transcriptText : new Set(numbersIn(transcriptText));
  return draftNumbers(draftText).filter((n) => !have.has(n));
}
