/**
 * API contract entries for speech and models (spread into core/api/contract.ts). Pure zod: the preload bundle and
 * the renderer's type imports see this file, so it must not import Node modules.
 */
import { z } from 'zod';
import { OperationId } from '../core/api/operation-id.js';

const Speaker = z.enum(['doctor', 'patient', 'other', 'unknown']);
const Segment = z.object({ start: z.number(), end: z.number(), speaker: Speaker, text: z.string() });
const ModelId = z.string().min(1).max(100);
const Language = z
  .string()
  .regex(/^(auto|[a-z]{2,3})$/)
  .optional();

export const ModelStatusInfo = z.object({
  id: z.string(),
  name: z.string(),
  task: z.enum(['asr', 'vad', 'llm']),
  sizeBytes: z.number(),
  minRamGb: z.number(),
  installed: z.boolean(),
  path: z.string().nullable(),
  installable: z.boolean(),
});

export const TranscriptInfo = z.object({
  segments: z.array(Segment),
  durationSec: z.number(),
  model: z.string(),
  rtf: z.number(),
  /** Where it was transcribed: Whisper on this computer, or the clinic server (Settings → Transcription). */
  engine: z.enum(['local', 'server']).optional(),
  /** Set when the clinic server failed and this computer transcribed instead, in words. */
  notice: z.string().optional(),
});

export const speechRequests = {
  'models.list': {
    params: z.object({}).strict(),
    result: z.object({
      models: z.array(ModelStatusInfo),
      recommended: z.object({ id: z.string(), reason: z.string() }),
      /** The local text model (task llm) recommended for this machine for note drafting; id null: none fits. */
      recommendedLlm: z.object({ id: z.string().nullable(), reason: z.string() }).optional(),
      hardware: z.object({
        ramGb: z.number(),
        cores: z.number(),
        avx2: z.boolean().nullable(),
        gpu: z.object({ cuda: z.boolean(), vulkan: z.boolean() }),
      }),
    }),
    summary: 'The model catalogue, what is installed, and the speech model recommended for this machine.',
  },
  'models.install': {
    params: z
      .object({
        id: ModelId,
        from: z.string().min(1).max(4096).optional(),
        mirror: z.string().url().optional(),
        operationId: OperationId.optional(),
      })
      .strict(),
    result: z.object({
      id: z.string(),
      files: z.array(z.object({ name: z.string(), size: z.number(), sha256: z.string() })),
    }),
    summary:
      'Installs a model (download with resume, or a local file/folder); emits models.progress; sha256 verified; app.cancel stops it.',
  },
  'models.remove': {
    params: z.object({ id: ModelId }).strict(),
    result: z.object({ removed: z.boolean() }),
    summary: 'Deletes an installed model.',
  },
  'transcribe.file': {
    params: z
      .object({
        path: z.string().min(1).max(4096),
        model: ModelId.optional(),
        language: Language,
        operationId: OperationId.optional(),
      })
      .strict(),
    result: TranscriptInfo,
    summary: 'Transcribes a WAV file on the device: {segments, durationSec, model, rtf}.',
  },
  'transcribe.live.start': {
    params: z
      .object({
        model: ModelId.optional(),
        language: Language,
        specialty: z.string().max(100).optional(),
        medications: z.array(z.string().max(200)).max(200).optional(),
        /** Persist the audio (chunks of at most 1 s, committed as they arrive) and the final transcript here. */
        encounterId: z.number().int().min(1).optional(),
      })
      .strict(),
    result: z.object({ sessionId: z.string() }),
    summary: 'Starts live transcription; push 16 kHz mono PCM16 frames, receive transcribe.partial/final events.',
  },
  'transcribe.live.push': {
    params: z
      .object({
        sessionId: z.string().max(64),
        /** Base64 of little-endian 16 kHz mono PCM16, at most 2 s per call. */
        pcm: z.string().max(90_000),
      })
      .strict(),
    result: z.object({ audioSec: z.number() }),
    summary:
      'Feeds captured audio to a live session; with an encounter, replies once the audio is committed to the store ' +
      '(send the next push after the reply; "unavailable" with "Busy" means wait and send it again).',
  },
  'transcribe.live.stop': {
    params: z.object({ sessionId: z.string().max(64), cancel: z.boolean().optional() }).strict(),
    result: z.object({
      segments: z.array(Segment),
      /** Set when the clinic server failed and this computer transcribed the rest, in words. */
      notice: z.string().optional(),
    }),
    summary: 'Ends a live session (waits for the final passes, or drops them with cancel: true).',
  },
  'audio.import.append': {
    params: z
      .object({
        encounterId: z.number().int().min(1),
        /** 0 for the first chunk (which starts the import), then 1, 2, ... in order. */
        seq: z.number().int().min(0).max(1_000_000),
        /** Base64 of little-endian 16 kHz mono PCM16, at most 2 s per call. */
        pcm: z.string().min(1).max(90_000),
      })
      .strict(),
    result: z.object({ audioSec: z.number() }),
    summary:
      "Uploads audio (e.g. a WAV decoded by the UI) into the encounter's stored recording, one chunk at a time; consent needed.",
  },
  'audio.import.finish': {
    params: z.object({ encounterId: z.number().int().min(1), cancel: z.boolean().optional() }).strict(),
    result: z.object({ audioSec: z.number(), discarded: z.boolean() }),
    summary:
      'Ends an audio import: the recording is kept (finished), or with cancel: true the partial import is deleted.',
  },
  'transcribe.encounter': {
    params: z
      .object({
        encounterId: z.number().int().min(1),
        model: ModelId.optional(),
        language: Language,
        operationId: OperationId.optional(),
      })
      .strict(),
    result: TranscriptInfo,
    summary:
      "Transcribes the encounter's stored recording (imported or recovered) and stores it as its transcript; emits transcribe.progress; app.cancel stops it.",
  },
} as const;

export const speechEvents = {
  'models.progress': z.object({
    id: z.string(),
    file: z.string(),
    phase: z.enum(['download', 'copy', 'verify']),
    bytes: z.number(),
    total: z.number(),
    rate: z.number(),
    etaSec: z.number().nullable(),
  }),
  'transcribe.partial': z.object({
    sessionId: z.string(),
    audioSec: z.number(),
    segmentStart: z.number().nullable(),
    committed: z.string(),
    tentative: z.string(),
  }),
  'transcribe.progress': z.object({
    encounterId: z.number(),
    operationId: z.string().optional(),
    /** Seconds of speech transcribed so far, of totalSec (silence is skipped, so totalSec may be below the audio's length). */
    doneSec: z.number(),
    totalSec: z.number(),
  }),
  'transcribe.final': z.object({
    sessionId: z.string(),
    start: z.number(),
    end: z.number(),
    speaker: Speaker,
    text: z.string(),
  }),
} as const;
