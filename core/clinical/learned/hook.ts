/**
 * How the drafter uses the learned utterance classifier, when it is given one's labels (DraftOptions.utterances):
 * a sentence the model places in a note section takes that section's discourse phase (hpi, history and ros →
 * history; exam; results; plan) in place of the rules' phase; a sentence it labels 'none', or one it has no label
 * for, keeps the rules' phase. Without labels nothing changes, so the drafter with no model drafts exactly as the
 * rules alone do.
 */
import type { Phase } from '../discourse.js';
import type { ExtractionContext } from '../extract.js';
import { sentenceKey, type SectionLabel } from './features.js';

/** Learned section of each sentence of a visit, by `${turn}:${pos}` (see features.ts `sentenceKey`). */
export type UtteranceSections = ReadonlyMap<string, SectionLabel>;

const PHASE: Record<SectionLabel, Phase | null> & Record<string, Phase | null> = {
  none: null,
  hpi: 'history',
  history: 'history',
  ros: 'history',
  exam: 'exam',
  results: 'results',
  plan: 'plan',
};

/** Sets the sentences' phases in `ex` from the learned labels (in place); returns how many changed. */
export function applyLearnedSections(ex: ExtractionContext, labels: ReadonlyMap<string, string> | undefined): number {
  if (!labels) return 0;
  let changed = 0;
  for (const s of ex.sentences) {
    const label = labels.get(sentenceKey(s));
    const ph = label && Object.hasOwn(PHASE, label) ? PHASE[label] : null;
    if (!ph) continue;
    if ((s.phase ?? ex.phase[s.turn]) !== ph) changed++;
    s.phase = ph;
  }
  return changed;
}
