/**
 * API contract entries for the clinic inference server (issue 15; spread into core/api/contract.ts): storing its API
 * key in the encrypted store and testing a connection. Pure zod: the preload bundle and the renderer's type imports
 * see this file, so it imports no Node module.
 */
import { z } from 'zod';

/** An API key / bearer token: printable ASCII, no spaces (it goes into an HTTP header). */
const ApiKey = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces or line breaks');

export const ServerCheck = z.object({
  /**
   * address: the URL's form; policy: the organisation's list; connect; tls; auth: the key; models: listing;
   * transcribe: a second of generated silence sent to /v1/audio/transcriptions (transcription servers only).
   */
  name: z.enum(['address', 'policy', 'ca', 'connect', 'tls', 'auth', 'models', 'model', 'transcribe']),
  /** null: not checked (an earlier step failed, or it does not apply, e.g. TLS on a loopback http server). */
  ok: z.boolean().nullable(),
  /** What was found, in words. */
  detail: z.string(),
});

export const ServerTestResult = z.object({
  /** Every check passed: the server answers, TLS is trusted, the key is accepted, the model is listed. */
  ok: z.boolean(),
  /** One line in words, for the Settings page. */
  message: z.string(),
  checks: z.array(ServerCheck),
  /** Model names the server lists (GET /v1/models, or Ollama's /api/tags); at most 200. */
  models: z.array(z.string()),
  /** Whether an API key is stored (never the key itself). */
  keyStored: z.boolean(),
  /** Which key the test used: the one given, the stored one, or none. */
  keyUsed: z.enum(['given', 'stored', 'none']),
  /** Round trip of the listing request, ms; null when it did not complete. */
  ms: z.number().nullable(),
});

/** What a connection test is given: the address, and optionally the model and a key to try before saving it. */
export const ServerTestParams = z
  .object({
    url: z.string().trim().min(1).max(2048),
    /** The model to look for in the server's list. */
    model: z.string().trim().min(1).max(256).optional(),
    /** A key to test instead of the stored one (before saving it); it is not stored. */
    key: ApiKey.optional(),
  })
  .strict();

export const engineServerRequests = {
  'engines.setServerKey': {
    params: z
      .object({
        /** The clinic server's API key; null removes it. */
        key: ApiKey.nullable(),
      })
      .strict(),
    result: z.object({ keyStored: z.boolean() }),
    summary:
      "Stores the clinic inference server's API key in the encrypted store (null removes it). The key is never returned, logged or audited; the audit trail records only that it changed. Refused (forbidden) when the organisation allows the clinic server neither for notes (the engine and its address) nor for transcription (the transcription server's address).",
  },
  'engines.testServer': {
    params: ServerTestParams,
    result: ServerTestResult,
    summary:
      "Tests a clinic inference server with the stored API key (or `key`, not stored) and the organisation's CA: reachable, TLS trusted, key accepted, models listed (and the model among them), each in words. A URL that is not https (except on this computer) is invalid_params; one not on the organisation's list of inference servers is refused (forbidden).",
  },
  'engines.testTranscriptionServer': {
    params: ServerTestParams,
    result: ServerTestResult,
    summary:
      "Tests a clinic transcription server (Settings → Transcription) as transcription uses it: the stored API key (or `key`, not stored), the organisation's CA, reachable, TLS trusted, and, with `model`, one second of generated silence sent to /v1/audio/transcriptions (no patient audio); a model list is shown when the server has one. A URL that is not https (except on this computer) is invalid_params; one not on the organisation's list of inference servers is refused (forbidden).",
  },
} as const;
