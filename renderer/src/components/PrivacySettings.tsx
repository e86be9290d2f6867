import { useEffect, useState, type FormEvent } from 'react';
import { useAppStore, type SettingsInfo } from '../store/app';
import { explain } from '../lib/errors';

type Form = { autoLockMinutes: string; audioDays: string; encounterDays: string };

/** The three number fields, each with its bounds in its label. */
const FIELDS: { key: keyof Form; label: string; max: number }[] = [
  { key: 'autoLockMinutes', label: 'Lock after this many idle minutes (1–240)', max: 240 },
  { key: 'audioDays', label: 'Keep recorded audio this many days (1–3650)', max: 3650 },
  { key: 'encounterDays', label: 'Keep encounters this many days (1–3650)', max: 3650 },
];

const formOf = (autoLockMinutes: number, audioDays: number, encounterDays: number): Form => ({
  autoLockMinutes: String(autoLockMinutes),
  audioDays: String(audioDays),
  encounterDays: String(encounterDays),
});

/**
 * Auto-lock minutes, retention days and always-on-top, kept in the encrypted store (so shown only when unlocked).
 * The settings are the app store's (read at unlock), shared with the header's always-on-top button.
 */
export function PrivacySettings() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const saved = useAppStore((s) => s.settings);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const [form, setForm] = useState<Form>({ autoLockMinutes: '', audioDays: '', encounterDays: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (s: SettingsInfo) =>
    setForm(formOf(s.autoLockMinutes, s.retention.audioDays, s.retention.encounterDays));

  // Read afresh when the screen opens (another window or the CLI may have changed them).
  useEffect(() => {
    if (unlocked) void loadSettings();
  }, [unlocked, loadSettings]);
  const autoLock = saved?.autoLockMinutes;
  const audioDays = saved?.retention.audioDays;
  const encounterDays = saved?.retention.encounterDays;
  useEffect(() => {
    if (autoLock !== undefined && audioDays !== undefined && encounterDays !== undefined)
      setForm(formOf(autoLock, audioDays, encounterDays));
  }, [autoLock, audioDays, encounterDays]);

  if (!unlocked)
    return (
      <section aria-labelledby="set-privacy" className="card stack">
        <h3 id="set-privacy">Privacy</h3>
        <p className="small">Everything stays on this computer, in the encrypted store.</p>
        <p className="small muted" data-testid="settings-locked">
          Unlock the encrypted store (from the encounters list) to change auto-lock, how long audio and encounters are
          kept, and whether the window stays on top.
        </p>
      </section>
    );

  const number = (text: string, min: number, max: number) => {
    const n = Number(text);
    return /^\d+$/.test(text.trim()) && n >= min && n <= max ? n : null;
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const autoLockMinutes = number(form.autoLockMinutes, 1, 240);
    const audioDays = number(form.audioDays, 1, 3650);
    const encounterDays = number(form.encounterDays, 1, 3650);
    if (autoLockMinutes === null)
      return setMessage({ kind: 'error', text: 'Not saved: auto-lock must be 1 to 240 minutes.' });
    if (audioDays === null || encounterDays === null)
      return setMessage({ kind: 'error', text: 'Not saved: days kept must be 1 to 3650.' });
    setBusy(true);
    try {
      show(await saveSettings({ autoLockMinutes, retention: { audioDays, encounterDays } }));
      setMessage({ kind: 'ok', text: 'Saved. Bedside now locks and deletes old data by these settings.' });
    } catch (err) {
      setMessage({ kind: 'error', text: `Not saved: ${explain(err, 'save the settings')}` });
    } finally {
      setBusy(false);
    }
  };
  const setOnTop = async (alwaysOnTop: boolean) => {
    try {
      await saveSettings({ alwaysOnTop });
      setMessage(null);
    } catch (err) {
      setMessage({ kind: 'error', text: `Not saved: ${explain(err, 'change always on top')}` });
    }
  };

  return (
    <>
      <section aria-labelledby="set-privacy" className="card stack">
        <h3 id="set-privacy">Privacy</h3>
        <p className="small">Everything stays on this computer, in the encrypted store.</p>
        <form className="stack" noValidate onSubmit={(e) => void save(e)}>
          {FIELDS.map((f) => {
            // The organisation's maximum (machine policy), if any: higher values are refused by the app.
            const limit = saved?.limits[f.key] ?? null;
            return (
              <label key={f.key}>
                {f.label}{' '}
                <input
                  type="number"
                  min={1}
                  max={limit ?? f.max}
                  value={form[f.key]}
                  onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                />
                {limit !== null && (
                  <span className="small muted" data-testid={`limit-${f.key}`}>
                    {' '}
                    Set by your organisation: at most {limit}.
                  </span>
                )}
              </label>
            );
          })}
          <div>
            <button type="submit" disabled={busy || !saved}>
              Save privacy settings
            </button>
          </div>
        </form>
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : ''}>
            {message.text}
          </p>
        )}
      </section>
      <section aria-labelledby="set-window" className="card stack">
        <h3 id="set-window">Window</h3>
        <div className="check">
          <input
            id="set-always-on-top"
            type="checkbox"
            checked={saved?.alwaysOnTop ?? false}
            disabled={!saved}
            onChange={(e) => void setOnTop(e.target.checked)}
          />
          <label htmlFor="set-always-on-top">Always on top (keep Bedside above the EHR)</label>
        </div>
      </section>
    </>
  );
}
