/** Renderer-side names for the API's result shapes (types only: the renderer never imports core at runtime). */
import type { Params, Result } from '../../../core/api/types';

export type NoteDraft = Result<'note.draft'>;
export type DraftSection = NoteDraft['sections'][number];
export type DraftSentence = DraftSection['sentences'][number];
export type TemplateInfo = Result<'note.templates'>[number];
export type Turn = Result<'transcript.parse'>['turns'][number];

/** What is selected for evidence highlighting: one note sentence, or one transcript turn. */
export type Selection = { kind: 'sentence'; key: string } | { kind: 'turn'; index: number } | null;

export const sentenceKey = (sectionId: string, i: number) => `${sectionId}:${i}`;
export type HintInfo = Result<'hints.compute'>[number];
export type PatientContext = NonNullable<Params<'hints.compute'>['context']>;
export type EhrStatus = Result<'ehr.status'>;
export type EhrContext = Result<'ehr.context'>;
export type EhrSend = Result<'ehr.send'>;

/** Dismiss reasons (the same short list the hints engine records: core/hints/decisions.ts). */
export const DISMISS_REASONS = [
  ['not-relevant', 'Not relevant to this patient'],
  ['already-addressed', 'Already addressed or documented'],
  ['incorrect', 'Hint is incorrect (wrong finding)'],
  ['benefit-outweighs-risk', 'Benefit outweighs the risk'],
  ['patient-declined', 'Patient declined'],
  ['other', 'Other'],
] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number][0];
