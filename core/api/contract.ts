/**
 * The one API contract between the UI and the clinical core.
 *
 * Every request the UI can make (name -> params -> result) and every event it can receive is declared here,
 * once. The three transports (Electron IPC, the loopback WebSocket dev host, and the CLI) are all built from
 * this object, so adding a method is: one entry here, plus its implementation in `handlers.ts`.
 *
 * This file is imported at runtime by Node code and the preload bundle; the renderer imports only its types.
 */
import { z } from 'zod';
import { speechEvents, speechRequests } from '../../models/api-schema.js';
import { PatientContextSchema } from '../hints/context.js';
import { DISMISS_REASONS } from '../hints/decisions.js';
import { ehrRequests } from '../ehr/api-schema.js';
import { settingsRequests } from '../settings/api-schema.js';
import { policyRequests } from '../policy/api-schema.js';
import { templateRequests } from '../clinical/templates-api-schema.js';
import { engineServerRequests } from '../engines/server-api-schema.js';
import { OperationId } from './operation-id.js';
import { MAX_NOTE_CHARS, MAX_TRANSCRIPT_CHARS } from './limits.js';
import { MIN_PASSPHRASE_CHARS, MRN_PATTERN } from '../store/types.js';

/**
 * A request part given as a whole object (a draft to store, a hint to decide on) is bounded by its size as JSON, so
 * that no request carries unbounded text (core/api/limits.ts has the transcript and note limits).
 */
function maxJson<T extends z.ZodType>(schema: T, maxChars: number, what: string) {
  return schema.refine((v) => JSON.stringify(v).length <= maxChars, {
    message: `${what} is larger than ${maxChars.toLocaleString('en-US')} characters`,
  });
}

/** Declares one request: schemas for its params and its result. */
function request<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, summary: string) {
  return { params, result, summary } as const;
}

export const BuildInfo = z.object({
  name: z.string(),
  version: z.string(),
  commit: z.string().nullable(),
  builtAt: z.string().nullable(),
  node: z.string(),
  electron: z.string().nullable(),
  platform: z.string(),
  arch: z.string(),
  transport: z.enum(['ipc', 'websocket', 'cli']),
});

/** Why a note sentence is not backed by its evidence turns. */
export const VerifyProblemSchema = z.object({
  kind: z.enum([
    'no-evidence',
    'number',
    'drug',
    'dose',
    'side',
    'polarity',
    'experiencer',
    'time',
    'transcript-artefact',
    'withdrawn',
  ]),
  detail: z.string(),
});

/** The note engines (core/engines): the built-in drafter, a model on this computer, the clinic's inference server. */
export const EngineKindSchema = z.enum(['embedded', 'local', 'server']);

/** One drafted sentence with the transcript turns that back it and the verifier's reading of it. */
export const DraftSentenceSchema = z.object({
  text: z.string(),
  evidence: z.array(z.number().int()),
  supported: z.boolean(),
  problems: z.array(VerifyProblemSchema).optional(),
});

/** A drafted note: sections → sentences → supporting transcript turn indices (see core/clinical/types.ts). */
export const NoteDraft = z.object({
  template: z.string(),
  note: z.string(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      sentences: z.array(DraftSentenceSchema),
    }),
  ),
  /**
   * Which engine wrote it (core/engines/generative.ts): the one asked for, the one used, the model, the prompt's id and
   * version, and — when the built-in drafter stood in — why, in words. Absent on drafts from before issue 15.
   */
  engine: z
    .object({
      requested: EngineKindSchema,
      used: EngineKindSchema,
      model: z.string().optional(),
      prompt: z.object({ id: z.string(), version: z.number().int() }).optional(),
      fallback: z.string().optional(),
      notices: z.array(z.string()).optional(),
      /** What the verifier made of the model's sentences: written, supported, flagged, replaced, dropped. */
      grounding: z
        .object({
          written: z.number().int(),
          supported: z.number().int(),
          flagged: z.number().int(),
          replaced: z.number().int(),
          dropped: z.number().int(),
          unknownSections: z.number().int(),
        })
        .optional(),
    })
    .optional(),
});

/** note.verify: each sentence of a note checked against the visit (see core/clinical/verify.ts). */
export const VerifiedNote = z.object({
  sentences: z.array(
    z.object({
      text: z.string(),
      section: z.string(),
      supported: z.boolean(),
      evidence: z.array(z.number().int()),
      problems: z.array(VerifyProblemSchema),
    }),
  ),
  /** Plan items of the visit (medications with their dose, tests, referrals, procedures, follow-up) the note omits. */
  missing: z.array(
    z.object({
      kind: z.enum(['medication', 'test', 'referral', 'procedure', 'follow-up', 'return-precautions', 'disposition']),
      detail: z.string(),
      evidence: z.array(z.number().int()),
    }),
  ),
});

/** A transcript split into turns; note.draft and hint evidence arrays are indices into `turns`. */
export const ParsedTranscript = z.object({
  format: z.string(),
  turns: z.array(
    z.object({
      index: z.number().int(),
      speaker: z.enum(['doctor', 'patient', 'other', 'unknown']),
      label: z.string().optional(),
      text: z.string(),
      start: z.number().optional(),
      end: z.number().optional(),
    }),
  ),
});

/** A decision-support hint (core/hints/types.ts): what was found, where (turn indices), why, and the source. */
export const HintInfo = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  basis: z.string(),
  source: z.string(),
  evidence: z.array(z.number().int()),
  drugs: z.array(z.string()).optional(),
  codes: z.array(z.string()).optional(),
  /** For a diagnosis code: the assessed problem it codes (issue 13: "Add to A&P" finds its line). */
  problem: z.string().optional(),
});

/** The encrypted store (core/store/types.ts). Patient labels, dates of birth and transcript text are PHI. */
export const EncounterSummaryInfo = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  patientLabel: z.string(),
  /** PHI: the patient's medical record number, or null when none was given. */
  mrn: z.string().nullable(),
  status: z.enum(['new', 'recording', 'recorded', 'drafted', 'signed']),
  consent: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  segments: z.number().int(),
  audioSeconds: z.number(),
  latestNoteVersion: z.number().int().nullable(),
  signed: z.boolean(),
});

export const EncounterDetailInfo = EncounterSummaryInfo.extend({
  consentAt: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  transcript: z.array(
    z.object({
      id: z.number().int(),
      seq: z.number().int(),
      speaker: z.string(),
      startMs: z.number().int().nullable(),
      endMs: z.number().int().nullable(),
      text: z.string(),
    }),
  ),
  notes: z.array(
    z.object({
      id: z.number().int(),
      version: z.number().int(),
      kind: z.enum(['draft', 'signed']),
      templateId: z.string(),
      body: z.unknown(),
      createdAt: z.string(),
      signedBy: z.string().nullable(),
      signedAt: z.string().nullable(),
    }),
  ),
  hints: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      status: z.enum(['open', 'accepted', 'dismissed']),
      body: z.unknown(),
      dismissReason: z.string().nullable(),
      createdAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
});

export const StoreStatusInfo = z.object({
  unlocked: z.boolean(),
  databaseId: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  encounters: z.number().int().nullable(),
  interruptedRecordings: z.number().int().nullable(),
  /** A store (database or key file) is present in the data folder; false on a fresh install (store.create). */
  exists: z.boolean(),
  /** This host has a usable OS keychain (the desktop app with a real keyring): store.unlock {keychain} may work. */
  keychain: z.boolean(),
});

export const requests = {
  'app.info': request(z.object({}).strict(), BuildInfo, 'Application name, version and build information.'),
  'app.echo': request(
    z.object({ text: z.string().max(10_000) }).strict(),
    z.object({ text: z.string(), receivedAt: z.string() }),
    'Round-trip check for a transport: returns the text it was given.',
  ),
  'app.cancel': request(
    z.object({ operationId: OperationId }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancels a running long operation started with that operationId (false when none is running).',
  ),
  'note.draft': request(
    z
      .object({
        transcript: z.string().min(1).max(MAX_TRANSCRIPT_CHARS),
        template: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,40}$/)
          .optional(),
        /** The note engine (default: the clinician's setting, else the built-in drafter). */
        engine: EngineKindSchema.optional(),
        /** For local: a catalogue id or model directory; for server: the server's model name (default: the setting). */
        model: z.string().min(1).max(1024).optional(),
        /** Names the call for app.cancel and for its note.draftProgress events. */
        operationId: OperationId.optional(),
      })
      .strict(),
    NoteDraft,
    'Drafts a note from transcript text (tagged, prefixed or untagged) with evidence turn indices per sentence. ' +
      'With a generative engine (local, server) each sentence cites its turns and is checked by the verifier; ' +
      'sections stream as note.draftProgress events; any engine failure but a cancel gives the built-in draft, ' +
      'with the reason in engine.fallback. The machine policy may refuse an engine (forbidden).',
  ),
  'note.verify': request(
    z
      .object({ transcript: z.string().min(1).max(MAX_TRANSCRIPT_CHARS), note: z.string().min(1).max(MAX_NOTE_CHARS) })
      .strict(),
    VerifiedNote,
    'Checks each sentence of any note text against the visit transcript: supported only when its evidence turns ' +
      'back its numbers, drugs and doses, side, polarity and person; otherwise the problems found. Also lists the ' +
      "visit's plan items the note leaves out.",
  ),
  'transcript.parse': request(
    z.object({ transcript: z.string().min(1).max(MAX_TRANSCRIPT_CHARS) }).strict(),
    ParsedTranscript,
    'Splits transcript text into speaker turns (the indices that draft and hint evidence point to).',
  ),
  'hints.compute': request(
    z
      .object({ transcript: z.string().min(1).max(MAX_TRANSCRIPT_CHARS), context: PatientContextSchema.optional() })
      .strict(),
    z.array(HintInfo),
    'Decision-support hints for a transcript, ranked, each with its basis, source and evidence turn indices.',
  ),
  'store.status': request(
    z.object({}).strict(),
    StoreStatusInfo,
    'Whether the encrypted store is unlocked, with its id, schema version and counts (no PHI).',
  ),
  'store.unlock': request(
    z
      .object({ passphrase: z.string().min(1).max(1024).optional(), keychain: z.literal(true).optional() })
      .strict()
      .refine((p) => (p.passphrase === undefined) !== (p.keychain === undefined), {
        message: 'give either a passphrase or keychain: true (exactly one)',
      }),
    StoreStatusInfo,
    'Unlocks the encrypted store with its passphrase (or recovery passphrase), or with the OS keychain ' +
      '({keychain: true}); failures are audited once unlocked.',
  ),
  'store.create': request(
    z
      .object({
        passphrase: z
          .string()
          .max(1024)
          .refine((p) => [...p].length >= MIN_PASSPHRASE_CHARS, {
            message: `must be at least ${MIN_PASSPHRASE_CHARS} characters`,
          }),
        useKeychain: z.boolean().optional(),
      })
      .strict(),
    StoreStatusInfo,
    'Creates the encrypted store in an empty data folder and leaves it unlocked: with useKeychain (and a usable OS ' +
      'keychain) the OS keychain opens it and the passphrase is the recovery passphrase; otherwise the passphrase does.',
  ),
  'store.lock': request(
    z.object({}).strict(),
    StoreStatusInfo,
    'Locks the encrypted store (closes it; the key leaves memory).',
  ),
  'encounters.list': request(
    z
      .object({
        limit: z.number().int().min(1).max(10_000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    z.array(EncounterSummaryInfo),
    'Encounters in the encrypted store, newest first (recorded as a view in the audit trail).',
  ),
  'encounters.get': request(
    z.object({ id: z.number().int().min(1) }).strict(),
    EncounterDetailInfo,
    'One encounter with its transcript, note versions and hints (recorded as a view in the audit trail).',
  ),
  'encounters.create': request(
    z
      .object({
        patientLabel: z.string().trim().min(1).max(200),
        /** The medical record number (PHI); the same MRN files the encounter under the same patient. */
        mrn: z.string().trim().regex(MRN_PATTERN, 'an MRN is 1 to 32 letters, digits, "-", "/" or "."').optional(),
        /** Whether the patient agreed to the visit being recorded (recording is refused without it). */
        consent: z.boolean(),
        /** A pasted or imported transcript, stored as the encounter's turns. */
        transcript: z.string().min(1).max(MAX_TRANSCRIPT_CHARS).optional(),
      })
      .strict(),
    z.object({ id: z.number().int(), segments: z.number().int() }),
    'Creates an encounter (patient label, optional MRN, consent with its time, optional transcript) in the encrypted store.',
  ),
  'encounters.saveTranscript': request(
    z
      .object({
        id: z.number().int().min(1),
        /** The corrected turns, in order: their positions stay the turn indices the note's evidence points to. */
        turns: z
          .array(
            z
              .object({
                speaker: z.enum(['doctor', 'patient', 'other', 'unknown']),
                text: z.string().trim().min(1, 'a turn needs some text').max(100_000),
              })
              .strict(),
          )
          .min(1)
          .max(20_000),
      })
      .strict(),
    z.object({ id: z.number().int(), segments: z.number().int(), changed: z.number().int() }),
    "Replaces the encounter's transcript with the clinician's corrected turns (speaker, text); times are kept when the number of turns is unchanged. Refused once the note is signed.",
  ),
  'encounters.consent': request(
    z.object({ id: z.number().int().min(1), consent: z.boolean() }).strict(),
    z.object({ id: z.number().int(), consent: z.boolean() }),
    'Records (or withdraws) the consent to record for an encounter, with its time.',
  ),
  'encounters.saveDraft': request(
    z
      .object({
        id: z.number().int().min(1),
        draft: maxJson(NoteDraft, 4_000_000, 'the draft'),
        /** The visit's full hint set (issue 13): each hint not stored yet is kept, open, so it survives reopening. */
        hints: z.array(HintInfo).max(1000).optional(),
      })
      .strict(),
    z.object({ noteId: z.number().int(), version: z.number().int() }),
    "Stores a new draft version of the note (edits included); earlier versions are kept. With `hints`, the visit's hints not stored yet are stored as open.",
  ),
  'encounters.sign': request(
    z.object({ id: z.number().int().min(1), reviewed: z.literal(true) }).strict(),
    z.object({ noteId: z.number().int(), version: z.number().int(), signedBy: z.string() }),
    'Signs the latest draft after the clinician confirms "I have reviewed this draft"; the signed version is immutable.',
  ),
  'encounters.recoverRecording': request(
    z.object({ id: z.number().int().min(1) }).strict(),
    EncounterSummaryInfo,
    'Keeps what a recording interrupted by a crash or restart captured: the encounter becomes "recorded".',
  ),
  'encounters.recordCopy': request(
    z.object({ id: z.number().int().min(1), scope: z.enum(['note', 'section']) }).strict(),
    z.object({ recorded: z.literal(true) }),
    'Records in the audit trail that the signed note (or one section) was copied out (no text is logged).',
  ),
  'hints.decide': request(
    z
      .object({
        encounterId: z.number().int().min(1),
        hint: maxJson(HintInfo, 100_000, 'the hint'),
        action: z.enum(['accept', 'dismiss']),
        reason: z.enum(DISMISS_REASONS).optional(),
      })
      .strict(),
    z.object({ hintId: z.number().int(), status: z.enum(['accepted', 'dismissed']) }),
    "Stores the clinician's decision on a hint (dismiss needs a reason from the list) with the encounter; audited.",
  ),
  ...speechRequests,
  ...ehrRequests,
  ...settingsRequests,
  ...policyRequests,
  ...templateRequests,
  ...engineServerRequests,
} as const;

export const events = {
  /** Emitted when the core's state changes in a way every window should know about. */
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** From the desktop shell (global hotkey, tray menu, auto-lock): the UI toggles recording or shows it is locked. */
  'shell.command': z.object({ action: z.enum(['toggle-recording', 'lock']) }),
  /**
   * note.draft with a generative engine: each section once the model has written it and the verifier has checked it
   * (in the template's order as written); a last event with `done` ends the stream (also after a fallback).
   */
  'note.draftProgress': z.object({
    operationId: OperationId.optional(),
    section: z.string(),
    title: z.string(),
    sentences: z.array(DraftSentenceSchema),
    done: z.boolean(),
  }),
  ...speechEvents,
} as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
