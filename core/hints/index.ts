/**
 * Decision-support hints that show their basis. Entry point:
 *
 *   computeHints(transcriptText | Transcript, { context?, facts? }) → Hint[]
 *
 * The transcript is parsed and facts extracted with the clinical pipeline (core/clinical); drugs, allergies, labs
 * and vitals are also read against the knowledge base (resources/knowledge) so every rule has the evidence it needs.
 */
import { extractFacts, parseTranscript, type ClinicalFacts, type Transcript } from '../clinical/index.js';
import { log } from '../platform/log.js';
import type { PatientContext } from './context.js';
import { runRules } from './engine.js';
import { knowledge, type KnowledgeBase } from './knowledge.js';
import type { Hint } from './types.js';

export type { Hint, HintKind, HintSeverity } from './types.js';
export { HINT_KINDS, hintGroup, type HintGroup } from './types.js';
export { parseContext, parseContextText, ContextError, PatientContextSchema, type PatientContext } from './context.js';
export { knowledge, readKnowledgeFiles, buildKnowledge, type KnowledgeBase } from './knowledge.js';
export {
  DISMISS_REASONS,
  HintDecisionSchema,
  parseDecision,
  auditRowForDecision,
  type HintDecision,
  type DismissReason,
} from './decisions.js';

export interface ComputeOptions {
  context?: PatientContext | undefined;
  /** Facts already extracted from the same transcript (skips re-extraction). */
  facts?: ClinicalFacts | undefined;
  kb?: KnowledgeBase;
}

export function computeHints(input: string | Transcript, options: ComputeOptions = {}): Hint[] {
  const transcript = typeof input === 'string' ? parseTranscript(input) : input;
  let facts = options.facts;
  if (!facts) {
    try {
      facts = extractFacts(transcript);
    } catch {
      // The hint rules read the transcript themselves; a failing extractor only loses the extra facts.
      facts = undefined;
    }
  }
  const hints = runRules(options.kb ?? knowledge(), { turns: transcript.turns, facts, context: options.context });
  // Counts only: hint titles and bases name drugs and findings, which are PHI in context.
  log.debug('hints.computed', {
    turns: transcript.turns.length,
    hints: hints.length,
    context: options.context !== undefined,
  });
  return hints;
}

/** Counts per severity and kind, for reports and the CLI summary. */
export function summarize(hints: Hint[]): {
  total: number;
  nonCode: number;
  bySeverity: Record<string, number>;
  byKind: Record<string, number>;
} {
  const bySeverity: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  for (const h of hints) {
    bySeverity[h.severity] = (bySeverity[h.severity] ?? 0) + 1;
    byKind[h.kind] = (byKind[h.kind] ?? 0) + 1;
  }
  return { total: hints.length, nonCode: hints.filter((h) => h.kind !== 'diagnosis-code').length, bySeverity, byKind };
}
