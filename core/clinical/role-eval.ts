/**
 * Speaker-role accuracy: parse tagged transcripts (gold), strip the tags, infer roles from the words alone and count
 * agreeing turns. Gold 'other' speakers (a guest, a nurse) count as the non-doctor side.
 *
 * Some source recordings have their two speakers' tags swapped throughout (ACI-BENCH keeps such diarization errors);
 * `unswapped` reports the accuracy over the recordings whose tags the words do not contradict wholesale.
 */
import { fixSwappedTags, parseTranscript } from './parse.js';

export interface RoleAccuracy {
  turns: number;
  correct: number;
  accuracy: number;
  /** The same over recordings whose tags are not swapped throughout. */
  unswapped: { recordings: number; turns: number; correct: number; accuracy: number };
  /** Indices (into the input) of recordings whose tags look swapped throughout. */
  swapped: number[];
}

export function roleAccuracy(dialogues: readonly string[]): RoleAccuracy {
  let turns = 0;
  let correct = 0;
  const un = { recordings: 0, turns: 0, correct: 0, accuracy: 0 };
  const swapped: number[] = [];
  dialogues.forEach((d, k) => {
    const gold = parseTranscript(d, { fixSwappedTags: false }).turns;
    const untagged = gold.map((t) => t.text).join('\n');
    const inferred = parseTranscript(untagged).turns;
    if (inferred.length !== gold.length) throw new Error('role evaluation: turn count changed when tags were removed');
    const isSwapped = fixSwappedTags(gold).some((t, i) => t.speaker !== gold[i]!.speaker);
    if (isSwapped) swapped.push(k);
    else un.recordings++;
    for (let i = 0; i < gold.length; i++) {
      const ok = (gold[i]!.speaker === 'doctor') === (inferred[i]!.speaker === 'doctor');
      turns++;
      if (ok) correct++;
      if (!isSwapped) {
        un.turns++;
        if (ok) un.correct++;
      }
    }
  });
  un.accuracy = un.turns ? un.correct / un.turns : 0;
  return { turns, correct, accuracy: turns ? correct / turns : 0, unswapped: un, swapped };
}
