/**
 * Sides corrected in the visit: "it's not the right knee, it's the left knee". The drafter writes the corrected side
 * everywhere and the verifier accepts it.
 */
import { cap } from './rewrite.js';
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
