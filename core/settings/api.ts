/**
 * Settings a clinician and IT expect, kept in the encrypted store's settings table (each change audited by the store,
 * key only). Retention goes through the store's own setRetention so purge reads the same values.
 *
 * The core knows nothing of the desktop shell: a host that has one (the Electron main process) provides a
 * `SettingsShell`, and every settings.get / settings.set reply is applied to it first (auto-lock, always on top,
 * hotkeys re-registered) so the reply can say which hotkeys are registered and which conflict.
 */
import type { z } from 'zod';
import { ApiError } from '../api/errors.js';
import type { Handlers } from '../api/dispatcher.js';
import type { AsyncStore } from '../store/client.js';
import { parseAccelerator, sameAccelerator } from './accelerator.js';
import type { Policy } from '../policy/schema.js';
import { templateForDraft } from '../clinical/templates-api.js';
import type { HotkeySettings, HotkeyStatus as HotkeyStatusSchema } from './api-schema.js';
import { noteEngineInfo, writeNoteEngine } from './note-engine.js';
import { transcriptionInfo, writeTranscription } from './transcription.js';

export type SettingsMethod = 'settings.get' | 'settings.set';

export const DEFAULT_AUTO_LOCK_MINUTES = 10;

/** The contract's shapes (api-schema.ts), so the shell's reply and settings.get's result cannot drift apart. */
export type Hotkeys = z.infer<typeof HotkeySettings>;
export type HotkeyStatus = z.infer<typeof HotkeyStatusSchema>;

export const DEFAULT_HOTKEYS: Hotkeys = {
  toggleRecording: 'CommandOrControl+Shift+R',
  showWindow: 'CommandOrControl+Shift+B',
};

/** What the desktop shell does with the settings; returns the hotkey registration status. */
export interface SettingsShell {
  apply(settings: { autoLockMinutes: number; alwaysOnTop: boolean; hotkeys: Hotkeys }): HotkeyStatus;
}

const KEYS = {
  autoLockMinutes: 'ui.auto_lock_minutes',
  alwaysOnTop: 'ui.always_on_top',
  toggleRecording: 'ui.hotkey.toggle_recording',
  showWindow: 'ui.hotkey.show_window',
  audioInputId: 'audio.input_device',
  defaultTemplate: 'notes.default_template',
} as const;

/** The stored default template when it still exists (a deleted own template falls back to Bedside's default). */
async function defaultTemplate(s: AsyncStore): Promise<string | null> {
  const id = await s.getSetting(KEYS.defaultTemplate);
  if (!id) return null;
  try {
    await templateForDraft(s, id);
    return id;
  } catch {
    return null;
  }
}

/** A stored accelerator, or the default when none (or one no longer valid) is stored. */
function hotkey(stored: string | null, fallback: string): string {
  if (stored === null) return fallback;
  const p = parseAccelerator(stored);
  return 'problem' in p ? fallback : p.accelerator;
}

/** The organisation's maxima from the machine policy (null: no limit). */
export function settingLimits(policy: Policy) {
  return {
    autoLockMinutes: policy.autoLockMaxMinutes ?? null,
    audioDays: policy.audioRetentionMaxDays ?? null,
    encounterDays: policy.encounterRetentionMaxDays ?? null,
  };
}
type Limits = ReturnType<typeof settingLimits>;

const atMost = (value: number, max: number | null) => (max !== null && value > max ? max : value);

async function read(s: AsyncStore, limits: Limits) {
  const lock = await s.getSetting(KEYS.autoLockMinutes);
  const top = await s.getSetting(KEYS.alwaysOnTop);
  let retention = await s.retention();
  const input = await s.getSetting(KEYS.audioInputId);
  // Retention above the organisation's maximum is lowered in the store itself, so the purge keeps to the policy.
  const audioDays = atMost(retention.audioDays, limits.audioDays);
  const encounterDays = atMost(retention.encounterDays, limits.encounterDays);
  if (audioDays !== retention.audioDays || encounterDays !== retention.encounterDays) {
    await s.setRetention({ audioDays, encounterDays });
    retention = await s.retention();
  }
  const userLock = lock !== null && /^\d+$/.test(lock) ? Number(lock) : DEFAULT_AUTO_LOCK_MINUTES;
  return {
    autoLockMinutes: atMost(userLock, limits.autoLockMinutes),
    retention: { audioDays: retention.audioDays, encounterDays: retention.encounterDays },
    alwaysOnTop: top === 'true',
    hotkeys: {
      toggleRecording: hotkey(await s.getSetting(KEYS.toggleRecording), DEFAULT_HOTKEYS.toggleRecording),
      showWindow: hotkey(await s.getSetting(KEYS.showWindow), DEFAULT_HOTKEYS.showWindow),
    },
    audioInputId: input ? input : null,
    defaultTemplate: await defaultTemplate(s),
    limits,
  };
}

export function createSettingsHandlers(
  store: () => AsyncStore,
  shell: () => SettingsShell | undefined = () => undefined,
  policy: () => Policy = () => ({}),
): Pick<Handlers, SettingsMethod> {
  const applied = async (s: AsyncStore) => {
    const settings = {
      ...(await read(s, settingLimits(policy()))),
      noteEngine: await noteEngineInfo(s, policy()),
      transcription: await transcriptionInfo(s, policy()),
    };
    const target = shell();
    const { autoLockMinutes, alwaysOnTop, hotkeys } = settings;
    return { ...settings, hotkeyStatus: target ? target.apply({ autoLockMinutes, alwaysOnTop, hotkeys }) : null };
  };
  return {
    'settings.get': () => applied(store()),
    'settings.set': async ({
      autoLockMinutes,
      retention,
      alwaysOnTop,
      hotkeys,
      audioInputId,
      defaultTemplate,
      noteEngine,
      transcription,
    }) => {
      const s = store();
      const limits = settingLimits(policy());
      const over = (what: string, value: number | undefined, max: number | null, unit: string) => {
        if (value !== undefined && max !== null && value > max)
          throw new ApiError('forbidden', `Set by your organisation: ${what} at most ${max} ${unit}.`);
      };
      over('auto-lock', autoLockMinutes, limits.autoLockMinutes, 'minutes');
      over('keep recorded audio', retention?.audioDays, limits.audioDays, 'days');
      over('keep encounters', retention?.encounterDays, limits.encounterDays, 'days');
      if (hotkeys) {
        const now = (await read(s, limits)).hotkeys;
        const next = { ...now, ...hotkeys };
        if (sameAccelerator(next.toggleRecording, next.showWindow))
          throw new ApiError('invalid_params', 'Recording and showing the window need two different hotkeys.');
      }
      // An unknown template is refused in words (invalid_params) before anything is written.
      if (defaultTemplate) await templateForDraft(s, defaultTemplate);
      // The note engine: checked against the machine policy (forbidden) before anything is written.
      if (noteEngine) await writeNoteEngine(s, noteEngine, policy());
      // The transcription engine: its server address checked against the machine policy the same way.
      if (transcription) await writeTranscription(s, transcription, policy());
      if (autoLockMinutes !== undefined) await s.setSetting(KEYS.autoLockMinutes, String(autoLockMinutes));
      if (alwaysOnTop !== undefined) await s.setSetting(KEYS.alwaysOnTop, String(alwaysOnTop));
      for (const name of ['toggleRecording', 'showWindow'] as const) {
        const acc = hotkeys?.[name];
        if (acc !== undefined) {
          const p = parseAccelerator(acc);
          if (!('problem' in p)) await s.setSetting(KEYS[name], p.accelerator);
        }
      }
      if (audioInputId !== undefined) await s.setSetting(KEYS.audioInputId, audioInputId ?? '');
      if (defaultTemplate !== undefined) await s.setSetting(KEYS.defaultTemplate, defaultTemplate ?? '');
      if (retention) {
        const r: { audioDays?: number; encounterDays?: number } = {};
        if (retention.audioDays !== undefined) r.audioDays = retention.audioDays;
        if (retention.encounterDays !== undefined) r.encounterDays = retention.encounterDays;
        await s.setRetention(r);
      }
      return applied(s);
    },
  };
}
