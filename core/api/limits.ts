/**
 * Size limits on the text the API accepts, shared by the contract (core/api/contract.ts) and the CLI's input checks.
 * A one-hour visit is about 10,000 words (60-100 thousand characters); the limits leave room for visits many times
 * that long while keeping every request's work bounded. Larger input is refused with `invalid_params` (API) or
 * exit 2 (CLI), in words, before any work starts.
 */

/** Characters in one transcript (note.draft, note.verify, transcript.parse, hints.compute, encounters.create). */
export const MAX_TRANSCRIPT_CHARS = 2_000_000;
/** Characters in one note to verify (note.verify). */
export const MAX_NOTE_CHARS = 1_000_000;
