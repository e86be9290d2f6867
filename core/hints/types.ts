/**
 * Shapes of the decision-support hints. The hint object is fixed by issue 5: every hint says what was found, where
 * (turn indices), why it matters (basis) and the published source, so a clinician can check it independently.
 */
export type HintKind =
  | 'drug-interaction'
  | 'drug-disease'
  | 'medication-reconciliation'
  | 'pregnancy-check'
  | 'allergy-conflict'
  | 'abnormal-vital'
  | 'renal-dose'
  | 'dose-range'
  | 'duplicate-therapy'
  | 'red-flag'
  | 'missing-documentation'
  | 'diagnosis-code';

export const HINT_KINDS: readonly HintKind[] = [
  'drug-interaction',
  'drug-disease',
  'medication-reconciliation',
  'pregnancy-check',
  'allergy-conflict',
  'abnormal-vital',
  'renal-dose',
  'dose-range',
  'duplicate-therapy',
  'red-flag',
  'missing-documentation',
  'diagnosis-code',
];

export type HintSeverity = 'info' | 'warning' | 'critical';

export interface Hint {
  /** Stable for the same finding in the same visit: `<kind>-<12 hex>` (a hash, so it carries no drug or problem names). */
  id: string;
  kind: HintKind;
  severity: HintSeverity;
  title: string;
  /** What was found, where, and why it matters; advisory ("consider"), never a directive. */
  basis: string;
  /** The published source (FDA label section, guideline, code set). */
  source: string;
  /** Turn indices in the transcript; empty only when the basis is the patient context (EHR record). */
  evidence: number[];
  /** Generic names (lowercase) the hint is about. */
  drugs?: string[];
  /** ICD-10-CM codes. */
  codes?: string[];
  /** For a diagnosis code: the assessed problem it codes (canonical name), so "Add to A&P" finds its line. */
  problem?: string;
}

/**
 * How the UI groups hints (issue 13): safety alerts first (red flags, allergy, interactions, drug–disease, doses,
 * reconciliation, pregnancy, vitals), then documentation gaps, then diagnosis codes as compact lines.
 */
export type HintGroup = 'safety' | 'documentation' | 'code';

export function hintGroup(kind: HintKind | string): HintGroup {
  if (kind === 'diagnosis-code') return 'code';
  if (kind === 'missing-documentation') return 'documentation';
  return 'safety';
}

/** Where a fact came from: the visit transcript, or the patient context (EHR record). */
export type Origin = 'transcript' | 'context';
