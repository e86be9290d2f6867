/**
 * API contract entries for the machine policy and for updates (spread into core/api/contract.ts). Pure zod: the
 * preload bundle and the renderer's type imports see this file.
 */
import { z } from 'zod';
import { POLICY_KEY_NAMES, SettingSource, type PolicyKey } from './schema.js';

const PolicyKeyName = z.enum(POLICY_KEY_NAMES as [PolicyKey, ...PolicyKey[]]);

export const PolicyInfo = z.object({
  settings: z.array(
    z.object({
      key: PolicyKeyName,
      title: z.string(),
      /** The effective value (null: none / no limit). */
      value: z.unknown(),
      source: SettingSource,
      /** Set by the organisation: shown as "Set by your organisation" and not changeable. */
      locked: z.boolean(),
      /** Which policy source set it (a registry key or file), when locked. */
      from: z.string().nullable(),
    }),
  ),
  /** The policy sources of this platform and whether each exists. */
  sources: z.array(z.object({ name: z.string(), present: z.boolean() })),
  /** Malformed values, in words; each was ignored. */
  problems: z.array(z.string()),
});

export const UpdateState = z.enum([
  'disabled',
  'idle',
  'checking',
  'up-to-date',
  'available',
  'downloading',
  'downloaded',
  'error',
]);

export const UpdateStatus = z.object({
  state: UpdateState,
  /** Why updates are disabled, or what went wrong, in words (null otherwise). */
  message: z.string().nullable(),
  currentVersion: z.string(),
  /** The newer version found (available, downloading, downloaded). */
  availableVersion: z.string().nullable(),
  mode: z.enum(['off', 'notify', 'auto']),
  channel: z.enum(['stable', 'beta']),
  /** Download progress 0–1 while downloading. */
  progress: z.number().nullable(),
  lastCheckedAt: z.string().nullable(),
  /** Why a downloaded update waits instead of restarting the app now. */
  restartBlockedBy: z.enum(['recording', 'unsaved-edits']).nullable(),
});

export const policyRequests = {
  'policy.show': {
    params: z.object({}).strict(),
    result: PolicyInfo,
    summary:
      "The organisation's machine policy: each setting's effective value, where it came from (policy, user, default) and whether it is locked; malformed values in words.",
  },
  'updates.status': {
    params: z.object({}).strict(),
    result: UpdateStatus,
    summary: 'Where automatic updates stand (disabled and why, checking, available, downloaded, …).',
  },
  'updates.check': {
    params: z.object({}).strict(),
    result: UpdateStatus,
    summary:
      "Checks the update server now (Settings → About, 'Check now'); a newer version is downloaded and its sha512 checked.",
  },
  'updates.install': {
    params: z
      .object({
        /** The window has edits not yet saved: the app does not restart (conflict). */
        unsavedEdits: z.boolean(),
      })
      .strict(),
    result: UpdateStatus,
    summary:
      'Restarts into the downloaded update; refused (conflict) during a recording or with unsaved edits, and nothing is lost.',
  },
} as const;
