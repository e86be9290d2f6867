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

/** A drafted note: sections → sentences → supporting transcript turn indices (see core/clinical/types.ts). */
export const NoteDraft = z.object({
  template: z.string(),
  note: z.string(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      sentences: z.array(z.object({ text: z.string(), evidence: z.array(z.number().int()), supported: z.boolean() })),
    }),
  ),
});

export const NoteTemplateInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  style: z.enum(['note', 'letter', 'instructions']),
  sections: z.array(z.object({ id: z.string(), title: z.string() })),
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
});

export const requests = {
  'app.info': request(z.object({}).strict(), BuildInfo, 'Application name, version and build information.'),
  'app.echo': request(
    z.object({ text: z.string().max(10_000) }).strict(),
    z.object({ text: z.string(), receivedAt: z.string() }),
    'Round-trip check for a transport: returns the text it was given.',
  ),
  'note.draft': request(
    z
      .object({
        transcript: z.string().min(1).max(2_000_000),
        template: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,40}$/)
          .optional(),
      })
      .strict(),
    NoteDraft,
    'Drafts a note from transcript text (tagged, prefixed or untagged) with evidence turn indices per sentence.',
  ),
  'transcript.parse': request(
    z.object({ transcript: z.string().min(1).max(2_000_000) }).strict(),
    ParsedTranscript,
    'Splits transcript text into speaker turns (the indices that draft and hint evidence point to).',
  ),
  'hints.compute': request(
    z.object({ transcript: z.string().min(1).max(2_000_000) }).strict(),
    z.array(HintInfo),
    'Decision-support hints for a transcript, ranked, each with its basis, source and evidence turn indices.',
  ),
  'note.templates': request(
    z.object({}).strict(),
    z.array(NoteTemplateInfo),
    'The note templates available to note.draft.',
  ),
} as const;

export const events = {
  /** Emitted when the core's state changes in a way every window should know about. */
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
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
