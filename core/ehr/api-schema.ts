/**
 * API contract entries for the EHR client (spread into core/api/contract.ts). Pure zod: the preload bundle and the
 * renderer's type imports see this file, so it imports no Node module. Results never carry tokens.
 */
import { z } from 'zod';
import { PatientContextSchema } from '../hints/context.js';

export const EhrStatusInfo = z.object({
  signedIn: z.boolean(),
  server: z.string().nullable(),
  patient: z.string().nullable(),
  encounter: z.string().nullable(),
  user: z.string().nullable(),
  scopes: z.array(z.string()),
  expiresAt: z.string().nullable(),
  outbox: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
});

export const EhrContextInfo = z.object({
  patient: z.object({
    id: z.string(),
    name: z.string(),
    birthDate: z.string().nullable(),
    gender: z.string().nullable(),
  }),
  context: PatientContextSchema,
  observations: z.array(
    z.object({
      loinc: z.string().nullable(),
      name: z.string(),
      value: z.string(),
      at: z.string().nullable(),
      category: z.string().nullable(),
    }),
  ),
  counts: z.record(z.string(), z.number().int()),
  fetchedAt: z.string(),
});

export const EhrSendInfo = z.object({
  encounterId: z.number().int(),
  noteId: z.number().int(),
  state: z.enum(['sent', 'queued', 'failed']),
  fhirId: z.string().nullable(),
  attempts: z.number().int(),
  message: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const EncounterId = z.number().int().min(1);

export const ehrRequests = {
  'ehr.status': {
    params: z.object({}).strict(),
    result: EhrStatusInfo,
    summary: 'Whether Bedside is signed in to an EHR (server, patient, user, granted scopes) and the send queue.',
  },
  'ehr.launch': {
    params: z
      .object({
        iss: z.string().min(1).max(2048),
        launch: z.string().min(1).max(2048).optional(),
        clientId: z
          .string()
          .regex(/^[A-Za-z0-9_.:@-]{1,200}$/)
          .optional(),
      })
      .strict(),
    result: EhrStatusInfo,
    summary: 'Signs in to the EHR (SMART launch with PKCE) in the system browser; resolves once the sign-in completes.',
  },
  'ehr.context': {
    params: z.object({ encounterId: EncounterId.optional() }).strict(),
    result: EhrContextInfo,
    summary:
      "Loads the open patient's allergies, medications, conditions and labs; with encounterId, links the encounter.",
  },
  'ehr.storedContext': {
    params: z.object({ encounterId: EncounterId }).strict(),
    result: EhrContextInfo.nullable(),
    summary: 'The EHR context last loaded for an encounter (what its hints use), or null.',
  },
  'ehr.send': {
    params: z.object({ encounterId: EncounterId }).strict(),
    result: EhrSendInfo,
    summary: "Sends the encounter's signed note to the EHR as a DocumentReference, once; queues it when unreachable.",
  },
  'ehr.retry': {
    params: z.object({}).strict(),
    result: z.array(EhrSendInfo),
    summary: 'Tries the queued sends whose backoff has passed.',
  },
} as const;

export type EhrMethod = keyof typeof ehrRequests;
