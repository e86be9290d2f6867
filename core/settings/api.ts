/**
 * Settings a clinician and IT expect, kept in the encrypted store's settings table (each change audited by the store,
 * key only). Retention goes through the store's own setRetention so purge reads the same values.
 */
import type { Handlers } from '../api/dispatcher.js';
import type { AsyncStore } from '../store/client.js';

export type SettingsMethod = 'settings.get' | 'settings.set';

export const DEFAULT_AUTO_LOCK_MINUTES = 10;
const KEYS = { autoLockMinutes: 'ui.auto_lock_minutes', alwaysOnTop: 'ui.always_on_top' } as const;

async function read(s: AsyncStore) {
  const lock = await s.getSetting(KEYS.autoLockMinutes);
  const top = await s.getSetting(KEYS.alwaysOnTop);
  const retention = await s.retention();
  return {
    autoLockMinutes: lock !== null && /^\d+$/.test(lock) ? Number(lock) : DEFAULT_AUTO_LOCK_MINUTES,
    retention: { audioDays: retention.audioDays, encounterDays: retention.encounterDays },
    alwaysOnTop: top === 'true',
  };
}

export function createSettingsHandlers(store: () => AsyncStore): Pick<Handlers, SettingsMethod> {
  return {
    'settings.get': () => read(store()),
    'settings.set': async ({ autoLockMinutes, retention, alwaysOnTop }) => {
      const s = store();
      if (autoLockMinutes !== undefined) await s.setSetting(KEYS.autoLockMinutes, String(autoLockMinutes));
      if (alwaysOnTop !== undefined) await s.setSetting(KEYS.alwaysOnTop, String(alwaysOnTop));
      if (retention) {
        const r: { audioDays?: number; encounterDays?: number } = {};
        if (retention.audioDays !== undefined) r.audioDays = retention.audioDays;
        if (retention.encounterDays !== undefined) r.encounterDays = retention.encounterDays;
        await s.setRetention(r);
      }
      return read(s);
    },
  };
}
