import { lexicons } from './lexicon.js';

/**
 * Numbers in clinical text, as digits or words ("five" = 5, "one hundred and twenty" = 120, "2.5", "1,000").
 *
 * `normalizeNumbers` rewrites spoken numbers as clinicians write them ("ninety eight point one" → "98.1", "one twenty
 * over eighty" → "120/80", "two and a half milligrams" → "2.5 milligrams"); transcripts are normalised with it when
 * parsed. `numbersIn` reads the numbers of a text after that same normalisation, so a draft and its transcript are
 * compared on the same footing whichever form each was written in: every number a draft states must be present in
 * its transcript.
 */

const UNITS = new Map<string, number>(
  Object.entries({
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
  }),
);
const TENS = new Map<string, number>(
  Object.entries({
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);
const SCALES = new Map<string, number>(Object.entries({ hundred: 100, thousand: 1000, million: 1_000_000 }));
/** Every number word, for a quick test. */
const NUMBER_WORDS = new Set([...UNITS.keys(), ...TENS.keys(), ...SCALES.keys()]);

/** Digits read one by one after "point" ("point four", "ninety eight point six"; "oh" only there). */
const DIGIT_WORDS = new Map<string, string>(
  Object.entries({
    zero: '0',
    oh: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
  }),
);

/** Units after which even "one" or "zero" is a measurement written in digits ("one milligram" → "1 milligram"). */
const MEASURE_UNITS = new Set(
  (
    'mg milligram milligrams mcg microgram micrograms g gram grams kg kilogram kilograms kilo kilos ml milliliter ' +
    'milliliters cc unit units iu percent pound pounds lb lbs degree degrees mmhg mm millimeter millimeters cm ' +
    'centimeter centimeters inch inches liter liters puff puffs tablet tablets pill pills capsule capsules meq'
  ).split(' '),
);

/** Words that make a following "point" a noun ("at some point", "the point"), not a decimal point. */
const NOT_DECIMAL_BEFORE_POINT = new Set(
  (
    'a an the some any that this what which each every no one another certain main my your his her our their its ' +
    'whole good key starting turning trigger pressure boiling'
  ).split(' '),
);

/** Vital-sign context in which "one twenty" is 120 and "one sixty nine" is 169. */
const COLLOQUIAL_CONTEXT = new Set(
  (
    'pressure pressures systolic diastolic bp top bottom weigh weighs weighed weight pounds lbs sugar sugars ' +
    'glucose pulse rate ldl hdl cholesterol triglycerides sodium chloride platelets platelet'
  ).split(' '),
);

interface Tok {
  lower: string;
  start: number;
  end: number;
  /** Written with digits ("120", "2.5", "1,000", ".6"). */
  digits: boolean;
}

const TOKEN_RE = /[a-z]+(?:'[a-z]+)?|\d+(?:,\d{3})*(?:\.\d+)?|\.\d+/gi;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0];
    out.push({ lower: t.toLowerCase(), start: m.index, end: m.index + t.length, digits: /^[\d.]/.test(t) });
  }
  return out;
}

/** A number read from tokens [start, end). */
interface Reading {
  start: number;
  end: number;
  value: number;
  /** How it is written in digits ("98.1", "120", "0.5"). */
  digits: string;
  decimal: boolean;
  /** Spelled out (at least partly) in words. */
  words: boolean;
}

function isNumberToken(t: Tok | undefined): boolean {
  if (!t) return false;
  return t.digits || NUMBER_WORDS.has(t.lower);
}

class Reader {
  constructor(
    private readonly text: string,
    readonly toks: Tok[],
  ) {}

  /** Tokens k-1 and k are parts of one phrase: only spaces or hyphens between them. */
  joined(k: number): boolean {
    const a = this.toks[k - 1];
    const b = this.toks[k];
    return !!a && !!b && /^[\s-]+$/.test(this.text.slice(a.end, b.start));
  }

  word(k: number): string {
    return this.toks[k]?.lower ?? '';
  }

  /** An integer written in digits or as well-formed number words ("a hundred and twenty", "twenty-five"). */
  integer(i: number): { value: number; end: number; words: boolean } | null {
    const t = this.toks[i];
    if (!t) return null;
    if (t.digits)
      return t.lower.startsWith('.') ? null : { value: Number(t.lower.replace(/,/g, '')), end: i + 1, words: false };
    let total = 0;
    let current = 0;
    let last: 'none' | 'unit' | 'teen' | 'tens' | 'scale' | 'zero' = 'none';
    let j = i;
    if (t.lower === 'a' && (this.word(i + 1) === 'hundred' || this.word(i + 1) === 'thousand') && this.joined(i + 1)) {
      current = 1;
      last = 'unit';
      j++;
    }
    for (; j < this.toks.length && (j === i || this.joined(j)); j++) {
      const w = this.toks[j]!.lower;
      if (
        w === 'and' &&
        last === 'scale' &&
        this.joined(j + 1) &&
        (UNITS.has(this.word(j + 1)) || TENS.has(this.word(j + 1)))
      )
        continue; // "one hundred and twenty"
      if (UNITS.has(w)) {
        const v = UNITS.get(w)!;
        if (v === 0) {
          // "zero" stands alone: it never composes with what follows.
          if (last === 'none') {
            last = 'zero';
            j++;
          }
          break;
        } else if (last === 'none' || last === 'scale' || (last === 'tens' && v < 10)) {
          current += v;
          last = v < 10 ? 'unit' : 'teen';
        } else break;
      } else if (TENS.has(w)) {
        if (last !== 'none' && last !== 'scale') break;
        current += TENS.get(w)!;
        last = 'tens';
      } else if (w === 'hundred') {
        if ((last !== 'unit' && last !== 'teen' && last !== 'tens') || current % 100 === 0 || current >= 100) break;
        current *= 100;
        last = 'scale';
      } else if (w === 'thousand' || w === 'million') {
        if (last === 'none' || current === 0) break;
        total += current * SCALES.get(w)!;
        current = 0;
        last = 'scale';
      } else break;
    }
    if (last === 'none') return null;
    return { value: total + current, end: j, words: true };
  }

  /** Digits after a decimal point: "six", "four zero", "oh five", "twenty five", or a digit token ("98 point 6"). */
  fraction(i: number): { digits: string; end: number } | null {
    const t = this.toks[i];
    if (!t) return null;
    if (t.digits) return /^\d+$/.test(t.lower) ? { digits: t.lower, end: i + 1 } : null;
    if (DIGIT_WORDS.has(t.lower)) {
      let digits = '';
      let j = i;
      while (j < this.toks.length && DIGIT_WORDS.has(this.word(j)) && (j === i || this.joined(j)))
        digits += DIGIT_WORDS.get(this.word(j++))!;
      return { digits, end: j };
    }
    const n = this.integer(i);
    return n && n.value >= 10 && n.value < 100 ? { digits: String(n.value), end: n.end } : null;
  }

  /** The number starting at token i, with its decimal part ("point five", "and a half"), or null. */
  number(i: number): Reading | null {
    const t = this.toks[i];
    if (!t) return null;
    if (t.digits && t.lower.startsWith('.'))
      return { start: i, end: i + 1, value: Number('0' + t.lower), digits: '0' + t.lower, decimal: true, words: false };
    if (t.lower === 'point') {
      // "point five" on its own is 0.5, unless "point" is a noun ("at some point five years ago").
      if (NOT_DECIMAL_BEFORE_POINT.has(this.word(i - 1)) || !this.joined(i + 1)) return null;
      const f = this.fraction(i + 1);
      if (!f) return null;
      return {
        start: i,
        end: f.end,
        value: Number('0.' + f.digits),
        digits: '0.' + f.digits,
        decimal: true,
        words: true,
      };
    }
    const n = this.integer(i);
    if (!n) return null;
    const r: Reading = {
      start: i,
      end: n.end,
      value: n.value,
      digits: String(n.value),
      decimal: false,
      words: n.words,
    };
    // "at one point" is an idiom, not 1 followed by a decimal.
    const atOnePoint = n.words && n.value === 1 && this.word(i - 1) === 'at';
    if (this.word(n.end) === 'point' && this.joined(n.end) && this.joined(n.end + 1) && !atOnePoint) {
      const f = this.fraction(n.end + 1);
      if (f) {
        r.digits = `${n.value}.${f.digits}`;
        r.value = Number(r.digits);
        r.end = f.end;
        r.decimal = true;
        r.words = true;
      }
    } else if (
      this.word(n.end) === 'and' &&
      this.word(n.end + 1) === 'a' &&
      this.word(n.end + 2) === 'half' &&
      this.joined(n.end + 1) &&
      this.joined(n.end + 2)
    ) {
      r.digits = `${n.value}.5`;
      r.value = n.value + 0.5;
      r.end = n.end + 3;
      r.decimal = true;
      r.words = true;
    }
    return r;
  }

  /**
   * A vital read the colloquial way over tokens [i, end): "one twenty" = 120, "one sixty nine" = 169, "one oh five"
   * is not read. Only the exact shape (a digit, then a teen or tens with an optional digit) qualifies.
   */
  colloquial(i: number, end: number): Reading | null {
    const a = UNITS.get(this.word(i));
    if (a === undefined || a < 1 || a > 9 || this.toks[i]!.digits) return null;
    const rest = this.integer(i + 1);
    if (!rest || rest.end !== end || !this.joined(i + 1) || rest.value < 10 || rest.value > 99) return null;
    const value = a * 100 + rest.value;
    return { start: i, end, value, digits: String(value), decimal: false, words: true };
  }

  /** Whether a colloquial reading fits its context: "over", a weight unit, or blood pressure / weight talk nearby. */
  colloquialContext(start: number, end: number): boolean {
    const next = [this.word(end), this.word(end + 1), this.word(end + 2)];
    if (next[0] === 'over' || next[0] === 'pounds' || next[0] === 'lbs' || next.includes('top')) return true;
    for (let k = Math.max(0, start - 12); k < start; k++) if (COLLOQUIAL_CONTEXT.has(this.word(k))) return true;
    return false;
  }

  /** End of the run of number tokens joined to token i. */
  runEnd(i: number): number {
    let k = i + 1;
    while (k < this.toks.length && isNumberToken(this.toks[k]) && this.joined(k)) k++;
    return k;
  }

  /** The number at i as one unit: a single well-formed number, or a colloquial vital; null for a number sequence. */
  unit(i: number): Reading | null {
    const r = this.number(i);
    if (!r) return null;
    if (!(isNumberToken(this.toks[r.end]) && this.joined(r.end))) return r;
    // Number words that do not compose ("nine one one", "twenty twenty", "two thirty"): a colloquial vital or left as is.
    const end = this.runEnd(i);
    const c = this.colloquial(i, end);
    return c && this.colloquialContext(i, end) ? c : null;
  }
}

/** Whether a reading is rewritten in digits: decimals, words for 2 and more, and 0 or 1 before a unit. */
function wantsDigits(r: Reading, reader: Reader): boolean {
  if (r.decimal) return true;
  if (!r.words) return false;
  if (r.value >= 2) return true;
  const next = reader.word(r.end);
  if (MEASURE_UNITS.has(next)) return true;
  // "recheck in one week", "for one month": an interval after its preposition is written in digits ("one day I fell"
  // is not an interval).
  if (
    /^(?:days?|weeks?|months?|years?)$/.test(next) &&
    /^(?:in|for|within|after|every|over|about|around|approximately|than)$/.test(reader.word(r.start - 1))
  )
    return true;
  // "one to two weeks", "zero or one": follows its partner.
  if (next === 'to' || next === 'or') {
    const partner = reader.number(r.end + 1);
    return !!partner && partner.value >= 2 && partner.words;
  }
  return false;
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
/**
 * A year said the way years are said ("nineteen eighty eight", "twenty ten", "two thousand and five", "twenty oh
 * three"), after words that introduce a date ("in", "since", "back in", a month): "in nineteen eighty eight" → "in
 * 1988". Without such a word the run is left to the number reader ("twenty five").
 */
const SPOKEN_YEAR = new RegExp(
  `\\b((?:in|since|of|from|until|till|by|around|circa|year|${MONTHS})\\s+)(?:(nineteen|twenty)[\\s-](?:(oh|o)[\\s-](one|two|three|four|five|six|seven|eight|nine)|(ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](one|two|three|four|five|six|seven|eight|nine))?)|two thousand(?:(?: and)? (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)\\b`,
  'gi',
);
function spokenYears(text: string): string {
  return text.replace(
    SPOKEN_YEAR,
    (
      all,
      lead: string,
      century: string | undefined,
      oh: string | undefined,
      ohUnit: string | undefined,
      teen: string | undefined,
      tens: string | undefined,
      unit: string | undefined,
      after2000: string | undefined,
      at: number,
    ) => {
      const n = (w: string | undefined) => (w ? (UNITS.get(w.toLowerCase()) ?? TENS.get(w.toLowerCase()) ?? 0) : 0);
      // "Vision of twenty twenty" is 20/20 eyesight, not the year.
      if (/^twenty$/i.test(century ?? '') && /^twenty$/i.test(tens ?? '') && !unit)
        if (/\b(?:vision|eyes?|acuity|see|seeing|sight)\b/i.test(text.slice(Math.max(0, at - 40), at))) return all;
      if (!century) return `${lead}${2000 + n(after2000)}`;
      const hundreds = n(century) * 100;
      const rest = oh ? n(ohUnit) : teen ? n(teen) : n(tens) + n(unit);
      const year = hundreds + rest;
      // "Twenty twenty five" read as a year only up to next year; "in twenty ten minutes" has no such reading issue
      // because "minutes" is not a year word, but a year past next year is no year a visit speaks of.
      return year > new Date().getFullYear() + 1 || year < 1900 ? all : `${lead}${year}`;
    },
  );
}

const MAY_HAVE_NUMBER =
  /\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|hundred|thousand|point)\b/i;

/**
 * Spoken numbers as clinicians write them: "ninety eight point one" → "98.1", "point five" → "0.5", ".6" → "0.6",
 * "two and a half milligrams" → "2.5 milligrams", "twenty five" → "25", "one twenty over eighty" / "120 over 80" →
 * "120/80", "eight out of ten" → "8/10", "a one c" → "a1c". Single "one"/"zero" stay words unless a unit follows
 * ("no one", "one of them"); runs that do not compose ("nine one one", "twenty twenty") stay as they are. Other
 * words, spacing and punctuation are untouched; the result is stable under a second pass.
 */
export function normalizeNumbers(text: string): string {
  const pre = spokenYears(text)
    .replace(/\b(a)[\s-]?(?:one|1)[\s-]?(c)\b/gi, '$11$2')
    .replace(/\b(b)[\s-]?(?:twelve)\b/gi, '$112')
    // A temperature read digit by digit: "a fever of one oh two" → "102", "temp of one oh one point two" → "101.2".
    .replace(TEMPERATURE_OH, (all, d: string, at: number, text: string) =>
      TEMPERATURE_CUE.test(text.slice(Math.max(0, at - 40), at).toLowerCase())
        ? `10${DIGIT_WORDS.get(d.toLowerCase())}`
        : all,
    )
    // "a year and a half", "an hour and a half": one and a half of the unit ("two and a half" is read below).
    .replace(/\b(?:(?:a|an|one) )?(minute|hour|day|week|month|year) and a half\b/gi, '1.5 $1s')
    // "q.6 h", "q six h": every 6 hours, not 0.6.
    .replace(
      /\bq\.?\s?(\d{1,2}|two|three|four|six|eight|twelve|twenty four)\s?(?:h|hr|hrs|hours?)\b\.?/gi,
      'every $1 hours',
    )
    // "zero . zero five percent": a spoken strength below 1, its point written as a full stop, before its unit.
    .replace(
      SPLIT_ZERO_DECIMAL,
      (_all, digits: string) =>
        `0.${digits
          .split(/\s+/)
          .map((w) => DIGIT_WORDS.get(w.toLowerCase()) ?? w)
          .join('')}`,
    );
  // A span said in words ("a couple weeks, or, i'm sorry, a couple months") may still be corrected.
  if (!MAY_HAVE_NUMBER.test(pre)) return withoutCorrectedNumbers(pre);
  const toks = tokenize(pre);
  const reader = new Reader(pre, toks);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const span = (r: Reading) => ({ start: toks[r.start]!.start, end: toks[r.end - 1]!.end });
  for (let i = 0; i < toks.length; ) {
    if (!isNumberToken(toks[i]) && toks[i]!.lower !== 'point' && toks[i]!.lower !== 'a') {
      i++;
      continue;
    }
    const r = reader.unit(i);
    if (!r) {
      i = isNumberToken(toks[i]) ? reader.runEnd(i) : i + 1;
      continue;
    }
    // Ratios: "120 over 80", "one twenty over eighty", "two over six" (a murmur), "eight out of ten".
    let ratio: Reading | null = null;
    const after = r.end;
    if (reader.word(after) === 'over' && reader.joined(after + 1)) {
      ratio = reader.unit(after + 1);
    } else if (
      reader.word(after) === 'out' &&
      reader.word(after + 1) === 'of' &&
      reader.joined(after + 1) &&
      reader.joined(after + 2)
    ) {
      const d = reader.unit(after + 2);
      ratio = d && [4, 5, 6, 10].includes(d.value) && !d.decimal ? d : null;
    }
    if (ratio && !r.decimal && !ratio.decimal && reader.joined(r.end)) {
      edits.push({ start: span(r).start, end: span(ratio).end, text: `${r.digits}/${ratio.digits}` });
      i = ratio.end;
      continue;
    }
    if (wantsDigits(r, reader)) edits.push({ ...span(r), text: r.digits });
    i = r.end;
  }
  if (!edits.length) return withoutCorrectedNumbers(pre);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += pre.slice(at, e.start) + e.text;
    at = e.end;
  }
  return withoutCorrectedNumbers(joinSplitDecimals(out + pre.slice(at)));
}

/** A speaker correcting themself: "excuse me", "I mean", "sorry", "no wait", "or rather", or a pause then "or". */
const CORRECTION = String.raw`(?:excuse me|i mean|(?:i'm )?sorry|no,? wait|or rather|… or)`;
const NUMBER_SAID = String.raw`\d[\d,]*(?:\.\d+)?(?:/\d+)?`;
/** "5 mg, sorry, 10 mg", "5 mg, or, i'm sorry, 10 mg", "5 mg, actually 10 mg": the number meant straight after it. */
const CORRECTED_NUMBER = new RegExp(
  String.raw`\b${NUMBER_SAID}(?: [a-z%]+)?,? (?:… )?(?:or,? )?(?:${CORRECTION}|actually),? (?:… )?(?:(?:it's|it is|that's|that is|make that) )?(?=${NUMBER_SAID}\b)`,
  'gi',
);
/**
 * "5000 units on sundays, and 2 thous … or 50,000 units on sundays": a number said again in the same words after a
 * correction; the words up to the number meant go.
 */
const CORRECTED_FRAME = new RegExp(
  String.raw`\b${NUMBER_SAID} ((?:[a-z]+ ){1,2}[a-z]+)\b(?=[^.?!]{0,50}?${CORRECTION}[^.?!]{0,20}?\b${NUMBER_SAID} \1\b)[^.?!]{0,50}?${CORRECTION}[^.?!]{0,20}?\b(?=${NUMBER_SAID} \1\b)`,
  'gi',
);

/** A span of time as said: "2 weeks", "a couple months", "a few days", "6 to 8 weeks". */
const INTERVAL_SAID = String.raw`(?:${NUMBER_SAID}(?: to ${NUMBER_SAID})?|a couple(?: of)?|a few|a|an|several)(?: more)? (?:days?|weeks?|months?|years?)`;
/**
 * "in a couple weeks, or, i'm sorry, a couple months", "2 weeks, i mean 3 weeks", "in 6 months, actually a year": a
 * span of time corrected at once; the span meant is the one kept.
 */
const CORRECTED_INTERVAL = new RegExp(
  String.raw`\b${INTERVAL_SAID},? (?:… )?(?:or,? )?(?:${CORRECTION}|actually),? (?:… )?(?=${INTERVAL_SAID}\b)`,
  'gi',
);

/** The numbers a speaker corrected ("5000 … excuse me, 50,000 units") left out: the number meant is the one written. */
function withoutCorrectedNumbers(text: string): string {
  if (!/\b(?:excuse me|mean|sorry|wait|rather|actually)\b|… or\b/i.test(text)) return text;
  let out = text;
  for (let i = 0; i < 3; i++) {
    const next = out.replace(CORRECTED_FRAME, '').replace(CORRECTED_INTERVAL, '').replace(CORRECTED_NUMBER, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Tokenised ASR writes a spoken decimal with a full stop between its digits ("two . five norvasc" → "2. 5 norvasc"):
 * a dose followed by its unit or its drug is one number, 2.5.
 */
function joinSplitDecimals(text: string): string {
  if (!/(?:\d|\ba) ?\. (?:\d|one\b|zero\b)/i.test(text)) return text;
  return text.replace(
    // "one" and "zero" stay words where they are not a reading ("7. one so it's good"): after the stop they are a digit.
    /\b(\d{1,3}|a) ?\. (\d{1,2}|one|zero)\b(?: ([a-z]+)\b)?/gi,
    (all, a: string, said: string, next: string | undefined, at: number) => {
      const b = /^one$/i.test(said) ? '1' : /^zero$/i.test(said) ? '0' : said;
      const before = text.slice(Math.max(0, at - 40), at).toLowerCase();
      // An A1c's value may come a clause after the test is named ("your hemoglobin a1c last time, i'm looking at your
      // records, it was 7. 1"): the cue counts when no other number comes between.
      const window = text.slice(Math.max(0, at - 160), at).toLowerCase();
      const a1cBefore = A1C_CUE.test(window) && !/\d/.test(window.split(A1C_CUE).pop()!);
      const whole = /^a$/i.test(a) ? '0' : a;
      // "two . five of norvasc": the drug after "of" counts as the unit.
      const after =
        next?.toLowerCase() === 'of' ? (/^\s*([a-z]+)/i.exec(text.slice(at + all.length))?.[1] ?? '') : next;
      const unit =
        after !== undefined && (DOSE_UNIT.test(after) || lexicons().medications.match(after.toLowerCase()).length > 0);
      // A body temperature ("temperature is ninety eight . seven"; "fever of about a hundred . four") and an A1c
      // ("a1c last time was seven . five") are decimals whatever follows them.
      const n = Number(whole);
      const temperature = n >= 93 && n <= 108 && TEMPERATURE_CUE.test(before);
      const a1c = n >= 4 && n <= 20 && (A1C_CUE.test(before) || a1cBefore);
      if (!unit && !temperature && !a1c) return all;
      if (whole !== a && !unit) return all;
      return `${whole}.${b}${next !== undefined ? ` ${next}` : ''}`;
    },
  );
}

/** "zero . zero five" before a dose unit: the whole part is zero, the digits after the stop are read one by one. */
const SPLIT_ZERO_DECIMAL =
  /\bzero ?\. ((?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\s){0,2}(?:zero|one|two|three|four|five|six|seven|eight|nine))(?= (?:percent|mg|milligrams?|mcg|micrograms?|units?|ml|milliliters?)\b)/gi;

const DOSE_UNIT =
  /^(?:mg|milligrams?|mcg|micrograms?|units?|percent|grams?|ml|milliliters?|cm|centimeters?|mm|millimeters?|degrees?|kg|kilograms?|liters?)$/i;
const TEMPERATURE_CUE = /\b(?:temperature|temp|fever|febrile)\b/;
const TEMPERATURE_OH = /\bone oh (zero|one|two|three|four|five|six|seven|eight|nine)\b/gi;
const A1C_CUE = /\b(?:a1c|a 1 c|hemoglobin a)\b/;

/**
 * The value of one number written as digits ("2.5", "1,000", ".5") or as a phrase of number words ("five",
 * "twenty-five", "a hundred", "one hundred and twenty", "two point five", "two and a half"); null when the text is
 * not exactly one number.
 */
export function numberValue(phrase: string): number | null {
  const t = phrase.trim();
  const toks = tokenize(t);
  if (!toks.length || toks[0]!.start !== 0 || toks[toks.length - 1]!.end !== t.length) return null;
  const r = new Reader(t, toks).number(0);
  if (!r || r.end !== toks.length) return null;
  for (let k = 1; k < toks.length; k++) if (!/^[\s-]+$/.test(t.slice(toks[k - 1]!.end, toks[k]!.start))) return null;
  return r.value;
}

export function isNumberWord(w: string): boolean {
  return NUMBER_WORDS.has(w.toLowerCase());
}

/**
 * Numeric values written in `text`, read after `normalizeNumbers`: digit numbers ("120/80" gives 120 and 80; not
 * those inside names like "a1c"), and
 * every value of a run of number words that stayed words (and its parts), including colloquial vitals.
 */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  const lower = normalizeNumbers(text).toLowerCase();
  // Digits glued to a letter are part of a name ("a1c", "b12", "mrn472348"), not a value.
  for (const m of lower.matchAll(/(?<![a-z\d])\d+(?:,\d{3})*(?:\.\d+)?/g)) {
    out.push(Number(m[0].replace(/,/g, '')));
  }
  // "Nine one one" is the emergency number, written 911.
  for (const _ of lower.matchAll(/\bnine[- ]one[- ]one\b/g)) out.push(911);
  const words = lower.match(/[a-z]+/g) ?? [];
  let i = 0;
  while (i < words.length) {
    if (!NUMBER_WORDS.has(words[i]!)) {
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    while (j < words.length) {
      const w = words[j]!;
      const unit = UNITS.get(w);
      const tens = TENS.get(w);
      const scale = SCALES.get(w);
      if (unit !== undefined) {
        // "nine one one" is three numbers, not a sum; "twenty five" and "hundred five" compose.
        if (j > i && current % 100 !== 0 && (current % 10 !== 0 || unit >= 10)) break;
        out.push(unit);
        current += unit;
      } else if (tens !== undefined) {
        if (j > i && current % 100 !== 0) break;
        out.push(tens);
        current += tens;
      } else if (scale !== undefined) {
        current = (current || 1) * scale;
        out.push(total + current);
        if (scale >= 1000) {
          total += current;
          current = 0;
        }
      } else if (w === 'and' && j + 1 < words.length && NUMBER_WORDS.has(words[j + 1]!) && j > i) {
        // "one hundred and twenty"
      } else break;
      j++;
    }
    out.push(total + current);
    i = j;
  }
  // Colloquial readings of vitals: "one twenty over eighty" = 120/80, "one thirty five" = 135.
  for (let k = 0; k + 1 < words.length; k++) {
    const a = UNITS.get(words[k]!);
    if (a === undefined || a < 1 || a > 9) continue;
    const second = words[k + 1]!;
    // "The one thirties", "the low one hundreds": a range of readings named by its decade.
    const decade = /^(?:hundreds|(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies)$/.exec(second);
    if (decade) {
      out.push(a * 100 + (decade[1] ? TENS.get(`${decade[1]}y`)! : 0));
      continue;
    }
    const teen = UNITS.get(second);
    const b = TENS.get(second) ?? (teen !== undefined && teen >= 10 ? teen : undefined);
    if (b === undefined) continue;
    out.push(a * 100 + b);
    const c = UNITS.get(words[k + 2] ?? '');
    if (TENS.has(second) && c !== undefined && c > 0 && c < 10) out.push(a * 100 + b + c);
  }
  return out;
}

/** Numbers stated in a draft sentence: digits only (the drafter writes numbers as digits or copies words). The
 * number of a name ("COVID-19 vaccine" for "my covid vaccine") is no number stated. */
export function draftNumbers(text: string): number[] {
  return numbersIn(text.replace(/\bcovid-19\b/gi, 'covid'));
}

/** Numbers of `draftText` that are absent from `transcriptText`. */
export function unsupportedNumbers(draftText: string, transcriptText: string | Set<number>): number[] {
  const have = transcriptText instanceof Set ? transcriptText : new Set(numbersIn(transcriptText));
  return draftNumbers(draftText).filter((n) => !have.has(n));
}
