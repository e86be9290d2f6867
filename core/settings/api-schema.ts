/**
 * API contract entries for the clinician/IT settings (spread into core/api/contract.ts). Pure zod: the preload bundle
 * and the renderer's type imports see this file, so it imports no Node module.
 */
import { z } from 'zod';

export const SettingsInfo = z.object({
  /** Minutes without input before the store locks itself. */
  autoLockMinutes: z.number().int(),
  /** How long recorded audio and whole encounters are kept, in days. */
  retention: z.object({ audioDays: z.number().int(), encounterDays: z.number().int() }),
  /** Whether the Bedside window stays above the EHR. */
  alwaysOnTop: z.boolean(),
});

const Days = z.number().int().min(1).max(3650);

export const settingsRequests = {
  'settings.get': {
    params: z.object({}).strict(),
    result: SettingsInfo,
    summary: 'The settings kept in the encrypted store: auto-lock minutes, retention days, always on top.',
  },
  'settings.set': {
    params: z
      .object({
        autoLockMinutes: z.number().int().min(1).max(240).optional(),
        retention: z.object({ audioDays: Days.optional(), encounterDays: Days.optional() }).strict().optional(),
        alwaysOnTop: z.boolean().optional(),
      })
      .strict(),
    result: SettingsInfo,
    summary: 'Changes some settings (auto-lock 1–240 minutes, retention 1–3650 days); returns them all. Audited.',
  },
} as const;
