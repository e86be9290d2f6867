/**
 * Speaker-role accuracy: parse tagged transcripts (gold), strip the tags, infer roles from the words alone and count
 * agreeing turns. Gold 'other' speakers (a guest, a nurse) count as the non-doctor side.
 */
import { parseTranscript } from './parse.js';

export interface RoleAccuracy {
  turns: number;
  correct: number;
  accuracy: number;
}

export function roleAccuracy(dialogues: readonly string[]): RoleAccuracy {
  let turns = 0;
  let correct = 0;
  for (const d of dialogues) {
    const gold = parseTranscript(d, { fixSwappedTags: false }).turns;
    const untagged = gold.map((t) => t.text).join('\n');
    const inferred = parseTranscript(untagged).turns;
    if (inferred.length !== gold.length) throw new Error('role evaluation: turn count changed when tags were removed');
    for (let i = 0; i < gold.length; i++) {
      turns++;
      const g = gold[i]!.speaker === 'doctor';
      const p = inferred[i]!.speaker === 'doctor';
      if (g === p) correct++;
    }
  }
  return { turns, correct, accuracy: turns ? correct / turns : 0 };
}
