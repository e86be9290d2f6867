/**
 * The rules' answer to the utterance classifier's question, as the drafter routes sentences today: voice commands
 * and small talk go nowhere (acts.ts); an exam finding, a result read out, an order or advice goes by its dialogue
 * act; anything else by the discourse phase of its sentence (extract.ts / discourse.ts; history → HPI). The rules
 * never name 'history' or 'ros' for a single sentence (those sections are composed from facts). This is the
 * baseline a model must beat, and the interface a model answers through (one label per sentence).
 */
import { classifyAct, isNoteProse } from '../acts.js';
import type { Sentence } from '../discourse.js';
import { extractionContext, phaseOf } from '../extract.js';
import type { Transcript } from '../types.js';
import { sentenceKey, type SectionLabel } from './features.js';

export function rulesSection(s: Sentence, phase: string): SectionLabel {
  const act = classifyAct(s);
  if (!isNoteProse(act)) return act.command === 'insert' && act.content ? phaseLabel(phase) : 'none';
  if (act.act === 'exam-dictation') return 'exam';
  if (act.act === 'result-review') return 'results';
  if (act.act === 'order' || act.act === 'counselling') return 'plan';
  return phaseLabel(phase);
}

function phaseLabel(phase: string): SectionLabel {
  return phase === 'exam' ? 'exam' : phase === 'results' ? 'results' : phase === 'plan' ? 'plan' : 'hpi';
}

/** The rules' section for each sentence of a visit (sentences as `visitUtterances` gives them). */
export function rulesSections(
  transcript: Transcript,
  sentences: Array<Pick<Sentence, 'turn' | 'pos'>>,
): SectionLabel[] {
  const ex = extractionContext(transcript);
  const byKey = new Map(ex.sentences.map((s) => [sentenceKey(s), s]));
  return sentences.map((k) => {
    const s = byKey.get(sentenceKey(k));
    return s ? rulesSection(s, phaseOf(s, ex.phase)) : 'none';
  });
}
