/**
 * API contract entries for the clinician/IT settings (spread into core/api/contract.ts). Pure zod: the preload bundle
 * and the renderer's type imports see this file, so it imports no Node module.
 */
import { z } from 'zod';
import { acceleratorProblem } from './accelerator.js';
import { TemplateId } from '../clinical/templates-api-schema.js';

/** A global hotkey in Electron's accelerator syntax, usable while another application has focus. */
export const Accelerator = z
  .string()
  .min(1)
  .max(64)
  .superRefine((text, ctx) => {
    const problem = acceleratorProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The desktop shell's global hotkeys, by action. */
export const HotkeySettings = z.object({ toggleRecording: z.string(), showWindow: z.string() });

const HotkeyAction = z.enum(['toggleRecording', 'showWindow']);
export const HotkeyStatus = z.object({
  registered: z.array(z.object({ action: HotkeyAction, accelerator: z.string() })),
  /** in-use: another application holds it (or both actions name it); invalid: the system refused the key. */
  conflicts: z.array(
    z.object({ action: HotkeyAction, accelerator: z.string(), reason: z.enum(['in-use', 'invalid']) }),
  ),
});

/** The note engine (issue 15; core/engines/select.ts): which one drafts, its model or server, and grounding. */
export const NoteEngineInfo = z.object({
  kind: z.enum(['embedded', 'local', 'server']),
  /** Local model: a catalogue id or a model directory. */
  localModel: z.string().nullable(),
  /** The clinic's inference server (https, or http on this computer). */
  serverUrl: z.string().nullable(),
  serverModel: z.string().nullable(),
  /** Replace (or drop) sentences the verifier does not back with the built-in drafter's; off: keep them, marked. */
  replaceUnsupported: z.boolean(),
  /** The engines the machine policy allows (allowedNoteEngines; all when unset). */
  allowed: z.array(z.enum(['embedded', 'local', 'server'])),
  /** Whether the clinic server's API key is stored (engines.setServerKey); the key itself is never returned. */
  serverKeyStored: z.boolean().optional(),
});

/** Which engine transcribes (issue 15; core/settings/transcription.ts): Whisper on this computer or the clinic server. */
export const TranscriptionInfo = z.object({
  kind: z.enum(['local', 'server']),
  /** Its own server address; null: the note engine's clinic server (its address and API key). */
  serverUrl: z.string().nullable(),
  /** The speech model's name on the server. */
  serverModel: z.string().nullable(),
  /** The address audio goes to when kind is server (own, else the note engine's); null: none set. */
  effectiveUrl: z.string().nullable(),
  /** Whether the machine policy (inferenceServers) allows that address; true while none is set. */
  serverAllowed: z.boolean(),
});

export const SettingsInfo = z.object({
  /** Minutes without input before the store locks itself. */
  autoLockMinutes: z.number().int(),
  /** How long recorded audio and whole encounters are kept, in days. */
  retention: z.object({ audioDays: z.number().int(), encounterDays: z.number().int() }),
  /** Whether the Bedside window stays above the EHR. */
  alwaysOnTop: z.boolean(),
  /** Global hotkeys (accelerators) of the desktop app. */
  hotkeys: HotkeySettings,
  /** The microphone recordings start with (a media device id of this computer); null: the system default. */
  audioInputId: z.string().nullable(),
  /** The note template new drafts use (a bundled or the clinician's own id); null: Bedside's default. */
  defaultTemplate: z.string().nullable(),
  /** What the desktop shell registered just now; null where there is no desktop shell (browser dev host, CLI). */
  hotkeyStatus: HotkeyStatus.nullable(),
  /**
   * The organisation's maxima (machine policy; null: no limit). A value above one is refused by settings.set and the
   * UI shows the field as "Set by your organisation".
   */
  limits: z.object({
    autoLockMinutes: z.number().int().nullable(),
    audioDays: z.number().int().nullable(),
    encounterDays: z.number().int().nullable(),
  }),
  /** The note engine; every core since issue 15 fills it (optional for hosts and fakes from before). */
  noteEngine: NoteEngineInfo.optional(),
  /** The transcription engine; optional for hosts and fakes from before it. */
  transcription: TranscriptionInfo.optional(),
});

const Days = z.number().int().min(1).max(3650);

export const settingsRequests = {
  'settings.get': {
    params: z.object({}).strict(),
    result: SettingsInfo,
    summary:
      'The settings kept in the encrypted store (auto-lock minutes, retention days, always on top, hotkeys, audio input, default note template), applied to the desktop shell, with its hotkey registration status.',
  },
  'settings.set': {
    params: z
      .object({
        autoLockMinutes: z.number().int().min(1).max(240).optional(),
        retention: z.object({ audioDays: Days.optional(), encounterDays: Days.optional() }).strict().optional(),
        alwaysOnTop: z.boolean().optional(),
        hotkeys: z
          .object({ toggleRecording: Accelerator.optional(), showWindow: Accelerator.optional() })
          .strict()
          .optional(),
        audioInputId: z.string().min(1).max(512).nullable().optional(),
        defaultTemplate: TemplateId.nullable().optional(),
        noteEngine: z
          .object({
            kind: z.enum(['embedded', 'local', 'server']).optional(),
            localModel: z.string().trim().min(1).max(1024).nullable().optional(),
            serverUrl: z.string().trim().min(1).max(2048).nullable().optional(),
            serverModel: z.string().trim().min(1).max(256).nullable().optional(),
            replaceUnsupported: z.boolean().optional(),
          })
          .strict()
          .optional(),
        transcription: z
          .object({
            kind: z.enum(['local', 'server']).optional(),
            serverUrl: z.string().trim().min(1).max(2048).nullable().optional(),
            serverModel: z.string().trim().min(1).max(256).nullable().optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    result: SettingsInfo,
    summary:
      "Changes some settings (auto-lock 1–240 minutes, retention 1–3650 days, hotkeys as accelerators, audio input id or null, default note template id or null); returns them all, applied. Audited. A value above the organisation's limit (machine policy) is refused (forbidden).",
  },
} as const;
