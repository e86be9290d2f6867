/**
 * What a note leaves out: the visit's plan items (medications with their dose, tests, referrals, procedures and
 * follow-up) that no sentence of the note states. The verifier checks what a note says; this checks what it omits,
 * for a note from anywhere (our drafter, a local model, a clinic server, one pasted in).
 */
import { extractionContext, phaseOf, type ExtractionContext } from './extract.js';
import { lexicons } from './lexicon.js';
import { numbersIn } from './numbers.js';
import { planFacts, type PlanFact } from './plan.js';
import type { Transcript } from './types.js';

export interface MissingItem {
  kind: PlanFact['kind'];
  /** The item as the visit stated it ("Start amoxicillin 500 mg 3 times a day for 10 days."). */
  detail: string;
  /** Turn indices (0-based) where it was said. */
  evidence: number[];
}

/** Words of a target that name it ("renal artery ultrasound" → renal, artery, ultrasound); short words aside. */
function keyWords(target: string): string[] {
  return target
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length > 3 && !/^(?:some|your|with|that|this|more|another|repeat|about|next)$/.test(w))
    .map((w) => w.replace(/(?:ologist|ology|ists?|s)$/, ''));
}

function stated(item: PlanFact, note: string, lines: string[]): boolean {
  const lex = lexicons();
  switch (item.kind) {
    case 'medication': {
      const d = item.drug!;
      const withDrug = lines.filter((l) => lex.medications.match(l).some((m) => m.value.name === d.name));
      if (!withDrug.length) return false;
      // The dose said must be the dose written, when one was said.
      const dose = d.dose ? numbersIn(d.dose)[0] : undefined;
      return dose === undefined || withDrug.some((l) => numbersIn(l).includes(dose));
    }
    case 'follow-up': {
      const n = numbersIn(item.target);
      return (
        /follow[- ]?up|return|come back|see (?:him|her|them|you) back|recheck/.test(note) &&
        (n.length === 0 || numbersIn(note).some((x) => n.includes(x)))
      );
    }
    case 'disposition':
      return item.target === 'home' ? /\b(?:home|discharg\w*)\b/.test(note) : /\badmit/.test(note);
    case 'return-precautions':
    case 'counselling':
      return true;
    default: {
      const words = keyWords(item.target);
      // The item as the visit said it ("routine blood tests" for the target "labs") counts too.
      const said = item.text
        .toLowerCase()
        .replace(/^(?:order|consider|refer to|schedule|start)\s+/, '')
        .replace(/[.]$/, '');
      return words.length === 0 || words.some((w) => note.includes(w)) || (said.length > 3 && note.includes(said));
    }
  }
}

/** Plan items of the visit that the note does not state (`ex`: the visit's reading, when the caller has it). */
export function missingFromNote(
  transcript: Transcript,
  note: string,
  ex: ExtractionContext = extractionContext(transcript),
): MissingItem[] {
  const items = planFacts(
    ex.sentences,
    (s) => phaseOf(s, ex.phase) === 'plan',
    () => null,
  );
  const lower = note.toLowerCase();
  const lines = lower.split(/(?<=[.!?])\s+|\n/);
  return items
    .filter((i) => !stated(i, lower, lines))
    .map((i) => ({ kind: i.kind, detail: i.text, evidence: i.evidence }));
}
