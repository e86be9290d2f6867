/**
 * The clinical text pipeline: transcript → structured facts → draft note with evidence links.
 *
 * Stable entry points (other capabilities build on these signatures):
 *   parseTranscript(text)              → Transcript (roles inferred for untagged turns)
 *   inferSpeakerRoles(turns)           → Turn[] (fills 'unknown' speakers)
 *   extractFacts(transcript)           → ClinicalFacts (every fact with evidence turn indices)
 *   draftNote(transcript, {template})  → Draft (sections → sentences → evidence, each sentence verified)
 *   verifyNote(transcript, noteText)   → VerifiedSentence[] (any note's sentences checked against the visit)
 */
export type * from './types.js';
export { parseTranscript, transcriptFromTurns, roleFromLabel, fixSwappedTags, type ParseOptions } from './parse.js';
export { inferSpeakerRoles, doctorLogOdds } from './roles.js';
export { extractFacts, emptyFacts } from './extract.js';
export { draftNote, renderNote } from './drafter.js';
export { verifyNote, verifyDraft, type VerifiedSentence } from './verify.js';
export { normalizeText } from './normalize.js';
export { listTemplates, loadTemplate, templateIds, TemplateError } from './templates.js';
export { fleschKincaid } from './readability.js';
export { numbersIn, unsupportedNumbers } from './numbers.js';
