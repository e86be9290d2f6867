/**
 * Home readings of a chronic disease's follow-up (blood pressure from a cuff, blood sugars from a meter), composed
 * from the patient's answers to the doctor's question about them: one line per measure, as a note states it
 * ("Home blood pressure readings: systolic 120–140." / "Home blood glucose: 80–90 in the morning."), in place of the
 * answers copied as speech ("It could be 120 for the top number sometimes.").
 */
import type { Sentence } from './discourse.js';

type Measure = 'bp' | 'glucose';

export interface HomeReading {
  measure: Measure;
  text: string;
  /** The question's turn and the answers' turns that gave a value. */
  evidence: number[];
  /** The answer sentences the line states (left out of the history where it is written). */
  sentences: Set<Sentence>;
}

const BP_WORDS = /\b(?:blood pressures?|bp|pressures?|cuff)\b/g;
const SUGAR_WORDS = /\b(?:blood sugars?|sugars?|glucose|glucometer|finger ?sticks?)\b/g;
/** A question about readings taken at home: the cuff or meter, readings, "what have those been running". */
const HOME_ASK =
  /\b(?:at home|cuff|glucometer|readings?|been running|(?:take|taking|check|checking|measure|measuring|monitor|monitoring|watching|record|recording|log|logging) (?:your |the |those |these )?(?:blood pressures?|blood sugars?|sugars?|glucose|numbers))\b/;
/** A doctor's turn that only acknowledges ("okay", "wow") does not end the answer. */
const BACKCHANNEL =
  /^(?:\W*(?:okay|ok|alright|all right|wow|oh|mm-?hmm|uh-?huh|yeah|yes|right|good|great|i see|sure)\W*)+$/;

const DECADES: Record<string, number> = {
  ten: 10,
  twenty: 20,
  twenties: 20,
  thirty: 30,
  thirties: 30,
  forty: 40,
  forties: 40,
  fifty: 50,
  fifties: 50,
  sixty: 60,
  sixties: 60,
  seventy: 70,
  seventies: 70,
  eighty: 80,
  eighties: 80,
  ninety: 90,
  nineties: 90,
  hundred: 0,
  hundreds: 0,
};
const HUNDREDS: Record<string, number> = { one: 100, two: 200, three: 300, four: 400 };
const DECADE = Object.keys(DECADES).join('|');
/** A value as said: "170/90", "120", "130s", "one forty", "one thirties", "low one hundreds", "80 or 90". */
const VALUE = new RegExp(
  `\\b(?:(low|mid|high|upper) (?:the )?)?(?:(\\d{2,3})\\/(\\d{2,3})|(\\d{2,3})('?s)?|(one|two|three|four) (${DECADE}))\\b`,
  'g',
);
const SYSTOLIC = /\b(?:top|upper|systolic|first)(?: numbers?)?\b/g;
const DIASTOLIC = /\b(?:bottom|lower|diastolic|second)(?: numbers?)?\b/g;
const PEAK = /\b(?:as high as|up to|even|highest|peaked at|once)\b(?:\s+\S+){0,5}\s*$/;
/** How often the patient checks ("probably like a few times a week"), said with the checking. */
const FREQUENCY =
  /\b(?:check|checking|checked|take|taking|measure|measuring)\b.*?\b((?:a few|a couple of|several|once|twice|one|two|three|four|five|\d) (?:times )?(?:a|per) (?:day|week|month))\b/;
/** Readings said to be going up (the verifier reads a note's "rising" as these words). */
export const RISING = /\b(?:getting higher|going up|gone up|increasing|creeping up|been higher)\b/;

interface Value {
  n: number;
  shown: string;
  peak: 'up to' | 'once' | null;
  component: 'sys' | 'dia' | 'pair' | null;
  time: string | null;
}

function timeOf(text: string): string | null {
  if (/\b(?:before (?:i|you|he|she|they|we) eat|before (?:breakfast|meals?|eating)|fasting|empty stomach)\b/.test(text))
    return 'fasting';
  if (/\b(?:morning|when (?:i|you) wake up|waking)\b/.test(text)) return 'morning';
  if (/\b(?:at night|bedtime|before bed|evening|nighttime)\b/.test(text)) return 'night';
  if (/\b(?:after (?:i eat|eating|meals?|dinner|lunch|breakfast))\b/.test(text)) return 'after-meal';
  return null;
}

function measureOf(text: string): Measure | null {
  let at = -1;
  let m: Measure | null = null;
  for (const [re, kind] of [
    [BP_WORDS, 'bp'],
    [SUGAR_WORDS, 'glucose'],
  ] as const) {
    re.lastIndex = 0;
    for (const x of text.matchAll(re))
      if (x.index! > at) {
        at = x.index!;
        m = kind;
      }
  }
  return m;
}

/** Values of one answer sentence, with the component each belongs to (carried from the sentence before). */
function valuesOf(
  lower: string,
  measure: Measure,
  state: { component: Value['component'] },
  askedTime: string | null,
): Value[] {
  const out: Value[] = [];
  const marks: { at: number; c: 'sys' | 'dia' }[] = [];
  for (const [re, c] of [
    [SYSTOLIC, 'sys'],
    [DIASTOLIC, 'dia'],
  ] as const) {
    re.lastIndex = 0;
    for (const x of lower.matchAll(re)) marks.push({ at: x.index!, c });
  }
  marks.sort((a, b) => a.at - b.at);
  VALUE.lastIndex = 0;
  for (const m of lower.matchAll(VALUE)) {
    const at = m.index!;
    const end = at + m[0].length;
    let n: number;
    let shown: string;
    let component: Value['component'] = null;
    if (m[2]) {
      if (measure !== 'bp') continue;
      n = Number(m[2]);
      shown = `${m[2]}/${m[3]}`;
      component = 'pair';
    } else if (m[4]) {
      n = Number(m[4]);
      shown = m[4] + (m[5] ? 's' : '');
    } else {
      const d = DECADES[m[7]!]!;
      n = HUNDREDS[m[6]!]! + d;
      shown = `${n}${/(?:ies|s)$/.test(m[7]!) ? 's' : ''}`;
    }
    if (m[1]) shown = `${m[1]} ${shown}`;
    // A number of days, times or doses is no reading.
    if (
      /^\s*(?:times?|days?|weeks?|months?|years?|mg|milligrams?|units?|pounds?|percent|minutes?|hours?)\b/.test(
        lower.slice(end),
      )
    )
      continue;
    if (measure === 'bp' ? n < 40 || n > 260 : n < 40 || n > 600) continue;
    if (component !== 'pair' && measure === 'bp') {
      // "120 for the top number": the component said right after the value; else the one said last before it.
      const after = marks.find((k) => k.at >= end && k.at - end <= 20);
      const before = marks.filter((k) => k.at < at).at(-1);
      component = after?.c ?? before?.c ?? state.component;
      if (component) state.component = component;
    }
    const lead = lower.slice(Math.max(0, at - 40), at);
    const peak = PEAK.exec(lead);
    const time =
      timeOf(
        lower
          .slice(0, end)
          .split(/\b(?:but|and then|whereas)\b/)
          .at(-1)!,
      ) ?? askedTime;
    out.push({
      n,
      shown,
      peak: peak ? (/\bonce\b/.test(peak[0]) ? 'once' : 'up to') : null,
      component: measure === 'bp' ? component : null,
      time,
    });
  }
  return out;
}

/** "130s–140s, once 150": the usual range, then a peak said of it. */
function span(values: Value[]): string {
  const usual = values.filter((v) => !v.peak);
  const peaks = values.filter((v) => v.peak);
  const parts: string[] = [];
  if (usual.length) {
    const sorted = [...usual].sort((a, b) => a.n - b.n);
    const lo = sorted[0]!;
    const hi = sorted[sorted.length - 1]!;
    parts.push(lo.n === hi.n ? lo.shown : `${lo.shown}–${hi.shown}`);
  }
  if (peaks.length) {
    const top = [...peaks].sort((a, b) => b.n - a.n)[0]!;
    parts.push(`${usual.length ? top.peak : 'up to'} ${top.shown}`);
  }
  return parts.join(', ');
}

function bpLine(values: Value[], rising: boolean): string | null {
  const sys = values.filter((v) => v.component === 'sys');
  const dia = values.filter((v) => v.component === 'dia');
  const pair = values.filter((v) => v.component === 'pair');
  const bare = values.filter((v) => v.component === null);
  const parts: string[] = [];
  if (pair.length) parts.push(span(pair));
  if (sys.length) parts.push(`systolic ${span(sys)}`);
  if (dia.length) parts.push(`diastolic ${span(dia)}`);
  if (bare.length && !parts.length) parts.push(span(bare));
  if (!parts.length) return null;
  return `Home blood pressure readings: ${rising ? 'rising, ' : ''}${parts.join('; ')}.`;
}

function glucoseLine(values: Value[]): string | null {
  if (!values.length) return null;
  const times = [...new Set(values.map((v) => v.time))];
  if (times.length === 1) {
    const t = times[0];
    return `Home ${t ? `${t} ` : ''}blood glucose readings: ${span(values)}.`;
  }
  // Each time of day before its values: "morning 80–90; night 140".
  const parts = times.map((t) => `${t ? `${t} ` : ''}${span(values.filter((x) => x.time === t))}`);
  return `Home blood glucose readings: ${parts.join('; ')}.`;
}

/**
 * The home readings of a visit, one line per measure asked about, from the patient's answers; `inHistory` says which
 * sentences the history may take.
 */
export function homeReadings(sentences: readonly Sentence[], inHistory: (s: Sentence) => boolean): HomeReading[] {
  const out: HomeReading[] = [];
  const taken = new Set<Sentence>();
  let lastMeasure: { m: Measure; turn: number } | null = null;
  for (let i = 0; i < sentences.length; i++) {
    const q = sentences[i]!;
    const said = measureOf(q.lower);
    const prior = lastMeasure;
    if (said) lastMeasure = { m: said, turn: q.turn };
    if (q.speaker !== 'doctor' || !HOME_ASK.test(q.lower)) continue;
    // The last such question of the doctor's turn asks it.
    const next = sentences[i + 1];
    if (next && next.turn === q.turn && HOME_ASK.test(next.lower)) continue;
    const measure = said ?? (prior && q.turn - prior.turn <= 2 ? prior.m : null);
    if (!measure) continue;
    const askedTime = timeOf(q.lower);
    const values: Value[] = [];
    const used = new Set<Sentence>();
    const turns = new Set<number>();
    const state: { component: Value['component'] } = { component: null };
    let rising = false;
    let often: { said: string; s: Sentence } | null = null;
    let answers = 0;
    for (let j = i + 1; j < sentences.length; j++) {
      const a = sentences[j]!;
      if (a.speaker === 'doctor') {
        if (BACKCHANNEL.test(a.lower)) continue;
        break;
      }
      if (a.speaker !== 'patient') break;
      if (j === i + 1 || sentences[j - 1]!.turn !== a.turn) if (++answers > 3) break;
      if (taken.has(a) || !inHistory(a)) continue;
      // An answer that turns to the other measure is not this one's.
      const other = measureOf(a.lower);
      if (other && other !== measure) continue;
      const vs = valuesOf(a.lower, measure, state, askedTime);
      const freq = FREQUENCY.exec(a.lower);
      if (!vs.length) {
        if (freq && !often) often = { said: freq[1]!, s: a };
        continue;
      }
      values.push(...vs);
      used.add(a);
      turns.add(a.turn);
      if (RISING.test(a.lower)) rising = true;
    }
    let text = measure === 'bp' ? bpLine(values, rising) : glucoseLine(values);
    if (!text) continue;
    if (often) {
      // "Home blood pressure readings, checked a few times a week: …".
      text = text.replace(/:/, `, checked ${often.said}:`);
      used.add(often.s);
      turns.add(often.s.turn);
    }
    for (const s of used) taken.add(s);
    out.push({ measure, text, evidence: [q.turn, ...turns].sort((a, b) => a - b), sentences: used });
  }
  return out;
}
