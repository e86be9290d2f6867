import { useEffect, useState } from 'react';
import { explain } from '../lib/errors';
import { applySavedInput, useAppStore } from '../store/app';
import { useRecorder } from '../store/recorder';

/**
 * The microphone recordings start with, saved in the encrypted store. The recording screen can still pick another
 * one for a single visit; a saved microphone that is unplugged falls back to the system default with a note.
 */
export function AudioSettings() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const settings = useAppStore((s) => s.settings);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const devices = useRecorder((s) => s.devices);
  const loadDevices = useRecorder((s) => s.loadDevices);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadDevices();
  }, [loadDevices]);

  if (!unlocked || !settings)
    return (
      <section aria-labelledby="set-audio" className="card stack">
        <h3 id="set-audio">Audio input</h3>
        <p className="small muted">
          Unlock the encrypted store (from the encounters list) to choose the microphone recordings start with.
        </p>
      </section>
    );

  const saved = settings.audioInputId;
  const known = devices.filter((d) => d.id !== '' && d.id !== 'default'); // 'default' is the option above
  const missing = saved !== null && known.length > 0 && !known.some((d) => d.id === saved);
  const choose = async (value: string) => {
    setBusy(true);
    try {
      const next = await saveSettings({ audioInputId: value === '' ? null : value });
      const note = await applySavedInput(next.audioInputId);
      const name = devices.find((d) => d.id === next.audioInputId)?.label ?? 'the system default microphone';
      setMessage(note ? { kind: 'error', text: note } : { kind: 'ok', text: `Saved: recordings start with ${name}.` });
    } catch (err) {
      setMessage({ kind: 'error', text: `Not saved: ${explain(err, 'save the microphone')}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="set-audio" className="card stack">
      <h3 id="set-audio">Audio input</h3>
      <label className="field">
        Microphone recordings start with
        <select value={missing ? '' : (saved ?? '')} disabled={busy} onChange={(e) => void choose(e.target.value)}>
          <option value="">System default</option>
          {known.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {known.length === 0 && (
        <p className="small muted">
          Microphone names appear once Bedside has been allowed to use the microphone (start a recording once).
        </p>
      )}
      {missing && (
        <p className="warn small" data-testid="audio-missing">
          The saved microphone is not connected; recordings use the system default until it is back.
        </p>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : ''}>
          {message.text}
        </p>
      )}
    </section>
  );
}
