/**
 * Sides corrected in the visit: "it's not the right knee, it's the left knee". The drafter writes the corrected side
 * everywhere and the verifier accepts it.
 */
import type { Transcript } from './types.js';

const SIDE_PARTS =
  'knee|ankle|foot|wrist|hand|elbow|shoulder|hip|leg|arm|finger|thumb|toe|eye|ear|breast|side|flank|kidney';
/** "It's not the right knee, it's the left knee" / "not my right one, my left": the side said wrong and the right one. */
export const SIDE_CORRECTION = new RegExp(
  `\\b(?:it's|it is|its|that's|that is)? ?not (?:my|the|your|his|her) (left|right)(?: (${SIDE_PARTS}|one))?,? (?:it's |it is |its |but |but it's |it's actually |actually )?(?:my|the|his|her) (left|right)(?: (${SIDE_PARTS}))?\\b`,
  'i',
);

export function sideCorrections(
  transcript: Transcript,
): Array<{ wrong: string; right: string; part: string; turn: number }> {
  const out: Array<{ wrong: string; right: string; part: string; turn: number }> = [];
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
  return out;
}

/** A side said and at once repeated with the other side, the same part and words: "left leg pain. right leg pain". */
const SIDE_REPAIR = new RegExp(
  `\\b(left|right) (${SIDE_PARTS})((?: [a-z]+){0,2}) ?[,.]\\s*(?:(?:i mean|sorry|i'm sorry|excuse me|no),?\\s+)?(left|right) \\2\\3\\b`,
);
