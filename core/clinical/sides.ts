/**
 * Sides corrected in the visit: "it's not the right knee, it's the left knee". The drafter writes the corrected side
 * everywhere and the verifier accepts it.
 */
import { cap, withSideRepairs } from './rewrite.js';
import type { Transcript } from './types.js';

const SIDE_PARTS =
  'knee|ankle|foot|wrist|hand|elbow|shoulder|hip|leg|arm|finger|thumb|toe|eye|ear|breast|side|flank|kidney';
/** "It's not the right knee, it's the left knee" / "not my right one, my left": the side said wrong and the right one. */
export const SIDE_CORRECTION = new RegExp(
  `\\b(?:it's|it is|its|that's|that is)? ?not (?:my|the|your|his|her) (left|right)(?: (${SIDE_PARTS}|one))?,? (?:it's |it is |its |but |but it's |it's actually |actually )?(?:my|the|his|her) (left|right)(?: (${SIDE_PARTS}))?\\b`,
  'i',
);

type SideCorrection = { wrong: string; right: string; part: string; turn: number };

/** Each transcript's corrections, read once: the drafter, extractor and verifier all ask for them. */
const readCorrections = new WeakMap<Transcript, SideCorrection[]>();

export function sideCorrections(transcript: Transcript): SideCorrection[] {
  let found = readCorrections.get(transcript);
  if (!found) readCorrections.set(transcript, (found = correctionsIn(transcript)));
  return found;
}

function correctionsIn(transcript: Transcript): SideCorrection[] {
  const out: SideCorrection[] = [];
  for (const t of transcript.turns) {
    const m = SIDE_CORRECTION.exec(t.text.toLowerCase());
    if (!m || m[1] === m[3]) continue;
    // The part said with the correction, or the one the turn before named with the wrong side.
    const said = [m[2], m[4]].find((p) => p && p !== 'one');
    const before = transcript.turns[t.index - 1]?.text.toLowerCase() ?? '';
    const part = said ?? new RegExp(`\\b${m[1]} (?:[a-z]+ )?(${SIDE_PARTS})\\b`).exec(before)?.[1];
    if (part) out.push({ wrong: m[1]!, right: m[3]!, part, turn: t.index });
  }
  // "she's here for left leg pain. right leg pain, right leg pain?": the phrase said again at once with the other
  // side repairs it.
  // Not a list of both sides ("left knee pain, right knee pain?"): the patient never names the part with that side.
  for (const t of transcript.turns) {
    const r = SIDE_REPAIR.exec(t.text.toLowerCase());
    if (!r || r[1] === r[4]) continue;
    const wrong = new RegExp(`\\b${r[1]} (?:[a-z]+ )?${r[2]}`);
    if (transcript.turns.some((u) => u.speaker === 'patient' && wrong.test(u.text.toLowerCase()))) continue;
    out.push({ wrong: r[1]!, right: r[4]!, part: r[2]!, turn: t.index });
  }
  // "…going down your right leg, you said?" "Left leg.": the patient's answer naming the other side of the part the
  // doctor just named, and nothing else, corrects it.
  for (const t of transcript.turns) {
    if (t.speaker !== 'patient') continue;
    const a = SIDE_ANSWER.exec(t.text.toLowerCase().trim());
    const before = transcript.turns[t.index - 1];
    if (!a || before?.speaker !== 'doctor') continue;
    const wrongSide = a[1] === 'left' ? 'right' : 'left';
    const asked = before.text.toLowerCase();
    const named = new RegExp(`\\b${wrongSide} (?:[a-z]+ )?(${a[2] ?? SIDE_PARTS})\\b`).exec(asked);
    if (!named || new RegExp(`\\b${a[1]} (?:[a-z]+ )?${named[1]}\\b`).test(asked)) continue;
    if (out.some((c) => c.part === named[1] && c.right === a[1])) continue;
    out.push({ wrong: wrongSide, right: a[1]!, part: named[1]!, turn: t.index });
  }
  return out;
}

/** A patient's answer that is only a side and a part ("left leg", "no, my left one", "it's the right side"). */
const SIDE_ANSWER = new RegExp(
  `^(?:(?:no|nope|actually|um|uh|oh|sorry)[,.]?\\s+)*(?:it's |it is |its |it was )?(?:my |the |on the )?(left|right)(?: (${SIDE_PARTS}))?(?: one| side)?\\s*[.!]?$`,
);

/** A side said and at once repeated with the other side, the same part and words: "left leg pain. right leg pain". */
const SIDE_REPAIR = new RegExp(
  `\\b(left|right) (${SIDE_PARTS})((?: [a-z]+){0,2}) ?[,.]\\s*(?:(?:i mean|sorry|i'm sorry|excuse me|no),?\\s+)?(left|right) \\2\\3\\b`,
);

/** A text with each corrected side written as corrected ("left leg pain" → "right leg pain"), and the turns that did. */
export function withCorrectedSides(
  text: string,
  corrections: readonly SideCorrection[],
): { text: string; turns: number[] } {
  const turns: number[] = [];
  for (const c of corrections) {
    const wrong = new RegExp(`\\b${c.wrong}((?: [a-z]+)? ${c.part}s?)\\b`, 'gi');
    const next = text.replace(wrong, (m, rest: string) => (/^[A-Z]/.test(m) ? cap(c.right) : c.right) + rest);
    if (next === text) continue;
    text = next;
    if (!turns.includes(c.turn)) turns.push(c.turn);
  }
  return { text, turns };
}

/** Paired body parts whose side a note states, for slips of the side. */
const SLIP_PARTS =
  'knee|ankle|foot|wrist|hand|elbow|shoulder|hip|leg|arm|finger|thumb|toe|eye|ear|breast|flank|kidney|heel|calf|thigh';
const SIDED_MENTION = new RegExp(
  `\\b(left|right)((?: (?:upper|lower|middle|index|ring|little|big|great|inner|outer))? (${SLIP_PARTS}))s?\\b(?! side\\b)`,
  'g',
);
/** Words that say both sides are in play ("the other knee", "both knees", "compared to"). */
const BOTH_SIDES =
  /\b(?:other|opposite|both|bilateral\w*|contralateral|compared?|comparison|each|either|versus|vs|how about|what about)\b/;

/** A part named with both sides that the visit does not compare: the side of one mention, or of all, is in doubt. */
/** A side word said as a place, not as "right away" or "right there": before a part, "side", "one", a verb of how it
 * is, or the end of the clause. */
const SIDE_AS_PLACE = `(?= (?:[a-z]+ )?(?:${SLIP_PARTS}|side|one)s?\\b| (?:is|was|looks?|seems?|feels?)\\b|\\s*[,.?!]|\\s*$)`;
const PAST_EVENT =
  /\b(?:replac\w*|surger(?:y|ies)|operat\w*|arthroscop\w*|repaired|\d+ years? ago|years back|in (?:19|20)\d\d)\b/;

export type SideSlip = { part: string; drop: Array<'left' | 'right'> };

const readSlips = new WeakMap<Transcript, SideSlip[]>();

/**
 * Parts the visit names with both sides but never sets side by side (no "other knee", "both", and the two sides never
 * said close together): one side was said by mistake. Said once by the clinician against a side the patient and the
 * rest of the visit use, or in less than half as many turns as a side said in three or more, the slip's side is in
 * doubt; where the two sides are said about as often, both are. A note leaves a side in doubt out rather
 * than guess it. Parts whose side was corrected in the visit (see sideCorrections) are not slips.
 */
export function sideSlips(transcript: Transcript): SideSlip[] {
  let found = readSlips.get(transcript);
  if (!found) readSlips.set(transcript, (found = slipsIn(transcript)));
  return found;
}

function slipsIn(transcript: Transcript): SideSlip[] {
  const corrected = new Set(sideCorrections(transcript).map((c) => c.part.replace(/s$/, '')));
  const byPart = new Map<
    string,
    { turns: Record<'left' | 'right', Set<number>>; patient: Set<string>; compared: boolean }
  >();
  for (const t of transcript.turns) {
    const lower = withSideRepairs(t.text.toLowerCase());
    for (const m of lower.matchAll(SIDED_MENTION)) {
      const part = m[3]!;
      const seen = byPart.get(part) ?? {
        turns: { left: new Set(), right: new Set() },
        patient: new Set(),
        compared: false,
      };
      byPart.set(part, seen);
      const side = m[1] as 'left' | 'right';
      seen.turns[side].add(t.index);
      if (t.speaker === 'patient') seen.patient.add(side);
      // The other side said near this one, or words that set two sides side by side, around the mention.
      const around = (width: number) => lower.slice(Math.max(0, m.index - width), m.index + m[0].length + width);
      const other = side === 'left' ? 'right' : 'left';
      if (new RegExp(`\\b${other}${SIDE_AS_PLACE}`).test(around(100)) || BOTH_SIDES.test(around(40)))
        seen.compared = true;
      // A past operation or injury of that side ("your right hip was replaced in 2015") is a second side of the
      // part, not a slip.
      if (PAST_EVENT.test(around(60))) seen.compared = true;
    }
    // "Both knees", "the knees": the part in the plural, or the other one, said anywhere.
    for (const [part, seen] of byPart)
      if (
        new RegExp(
          `\\b(?:both|other|opposite) (?:of (?:your|the|my|his|her) )?(?:[a-z]+ )?${part}s?\\b|\\b${part}s\\b`,
        ).test(lower)
      )
        seen.compared = true;
  }
  const out: SideSlip[] = [];
  for (const [part, seen] of byPart) {
    const { left, right } = seen.turns;
    // The patient naming both sides of the part knows both are in play ("my right eye … my left eye").
    if (!left.size || !right.size || seen.compared || seen.patient.size > 1 || corrected.has(part)) continue;
    const [few, many]: ['left' | 'right', 'left' | 'right'] =
      left.size < right.size ? ['left', 'right'] : ['right', 'left'];
    const [f, n] = [seen.turns[few].size, seen.turns[many].size];
    // A slip: said once by the clinician only, or far fewer times than the side the visit goes on with (the side
    // examined and planned for).
    const slip = (f === 1 && n >= 2 && !seen.patient.has(few)) || (n >= 3 && n >= 2 * f);
    out.push({ part, drop: slip ? [few] : ['left', 'right'] });
  }
  return out;
}

/** A text with each side in doubt (see sideSlips) left out: "right foot pain" → "foot pain". */
export function withoutDoubtedSides(text: string, slips: readonly SideSlip[]): string {
  for (const { part, drop } of slips) {
    const doubted = new RegExp(
      `\\b(${drop.join('|')})((?: (?:upper|lower|middle|index|ring|little|big|great|inner|outer))? ${part}s?)\\b`,
      'gi',
    );
    text = text.replace(doubted, (m: string, _side: string, rest: string) => {
      const said = rest.trimStart();
      return /^[A-Z]/.test(m) ? cap(said) : said;
    });
  }
  return text;
}
