/** Shapes the store returns. Fields holding PHI are marked; they may be shown to the signed-in user, never logged. */

export type EncounterStatus = 'new' | 'recording' | 'recorded' | 'drafted' | 'signed';

/**
 * A medical record number as Bedside accepts it: 1 to 32 letters, digits, '-', '/' or '.' (checked by the store and
 * the API; the renderer mirrors it). PHI: never in logs, errors or the audit trail.
 */
export const MRN_PATTERN = /^[A-Za-z0-9./-]{1,32}$/;

/** New passphrases (store.create, the desktop recovery passphrase): at least this many characters (code points). */
export const MIN_PASSPHRASE_CHARS = 8;

export type Sex = 'female' | 'male' | 'other' | 'unknown';

export interface NewPatient {
  /** PHI: the name or label the clinician uses for the patient. */
  label: string;
  /** PHI: YYYY-MM-DD. */
  dateOfBirth?: string | null;
  sex?: Sex | null;
  /** PHI: the medical record number (MRN_PATTERN). */
  mrn?: string | null;
}

export interface NewEncounter {
  patientId: number;
  /** ISO time; default now. */
  startedAt?: string;
  /** Whether the patient consented to recording. */
  consent?: boolean;
}

export interface SegmentInput {
  speaker: string;
  startMs?: number | null;
  endMs?: number | null;
  /** PHI. */
  text: string;
}

export interface Segment extends Required<SegmentInput> {
  id: number;
  seq: number;
}

export interface EncounterSummary {
  id: number;
  patientId: number;
  /** PHI. */
  patientLabel: string;
  /** PHI: the patient's medical record number, when one was given. */
  mrn: string | null;
  status: EncounterStatus;
  consent: boolean;
  startedAt: string;
  endedAt: string | null;
  segments: number;
  audioSeconds: number;
  latestNoteVersion: number | null;
  signed: boolean;
}

export interface NoteVersion {
  id: number;
  version: number;
  kind: 'draft' | 'signed';
  templateId: string;
  /** PHI: sections, sentences and evidence links as the drafter produced them (JSON). */
  body: unknown;
  createdAt: string;
  signedBy: string | null;
  signedAt: string | null;
}

export interface Hint {
  id: number;
  kind: string;
  status: 'open' | 'accepted' | 'dismissed';
  body: unknown;
  dismissReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface EncounterDetail extends EncounterSummary {
  consentAt: string | null;
  dateOfBirth: string | null;
  transcript: Segment[];
  notes: NoteVersion[];
  hints: Hint[];
}

export interface InterruptedRecording {
  encounterId: number;
  chunks: number;
  seconds: number;
  lastChunkAt: string | null;
}

export interface AudioData {
  sampleRate: number;
  /** 16-bit little-endian mono PCM, chunks concatenated in order. */
  pcm: Uint8Array;
  chunks: number;
  /** Sequence numbers absent from 0..last (lost chunks). */
  missing: number[];
}

export interface SearchHit {
  encounterId: number;
  segmentId: number;
  seq: number;
  /** PHI: a snippet of the matching text. */
  snippet: string;
}

export interface Retention {
  /** Audio older than this many days is purged (0 = keep forever). */
  audioDays: number;
  /** Encounters (and everything attached) older than this many days are purged (0 = keep forever). */
  encounterDays: number;
}

export interface PurgeResult {
  dryRun: boolean;
  audioEncounters: number;
  audioChunks: number;
  encounters: number;
  patients: number;
}

export interface IntegrityResult {
  ok: boolean;
  integrity: string[];
  foreignKeyViolations: number;
}

export interface StoreStatus {
  databaseId: string;
  schemaVersion: number;
  patients: number;
  encounters: number;
  audioChunks: number;
  segments: number;
  notes: number;
  auditRows: number;
  interruptedRecordings: number;
  retention: Retention;
}
