import { useState, type KeyboardEvent } from 'react';
import { ApiFailure } from '../api';
import { acceleratorFromKey, formatAccelerator } from '../lib/accelerator';
import { explain } from '../lib/errors';
import { useAppStore, type SettingsInfo } from '../store/app';

type Action = keyof SettingsInfo['hotkeys'];
const ACTIONS: { action: Action; label: string }[] = [
  { action: 'toggleRecording', label: 'Start or stop recording' },
  { action: 'showWindow', label: 'Show the Bedside window' },
];

/** The core's own words for a refused hotkey (not the generic "Invalid parameters for …"). */
function refusal(err: unknown): string {
  if (err instanceof ApiFailure && err.error.code === 'invalid_params')
    return err.error.issues?.[0]?.message ?? err.error.message;
  return explain(err, 'save the hotkey');
}

/**
 * Global hotkeys (work while the EHR has focus): each action's key combination, recorded from a key press, saved in
 * the encrypted store and registered by the desktop app, which reports combinations another application holds.
 */
export function HotkeySettings() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const settings = useAppStore((s) => s.settings);
  const info = useAppStore((s) => s.info);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const mac = info?.platform === 'darwin';
  const desktop = info?.transport === 'ipc';
  const [editing, setEditing] = useState<Action | null>(null);
  const [recorded, setRecorded] = useState<{ accelerator: string; partial: boolean } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const desktopNote = !desktop && (
    <p className="small muted" data-testid="hotkeys-desktop-only">
      Global hotkeys work in the desktop app: there they start and stop recording while the EHR has focus. Here in the
      browser, use the Record button.
    </p>
  );

  if (!unlocked || !settings)
    return (
      <section aria-labelledby="set-hotkeys" className="card stack">
        <h3 id="set-hotkeys">Hotkeys</h3>
        {desktopNote}
        <p className="small muted">
          Unlock the encrypted store (from the encounters list) to see and change the hotkeys.
        </p>
      </section>
    );

  const status = settings.hotkeyStatus;
  const startEditing = (action: Action) => {
    setEditing(action);
    setRecorded(null);
    setMessage(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (e.key === 'Tab' && plain) return; // keyboard navigation keeps working
    e.preventDefault();
    if (e.key === 'Escape' && plain && !e.shiftKey) {
      setEditing(null);
      return;
    }
    setRecorded(acceleratorFromKey(e, mac));
  };
  const save = async (action: Action) => {
    if (!recorded || recorded.partial || recorded.accelerator === '') {
      setMessage({ kind: 'error', text: 'Press the whole key combination first, e.g. Ctrl+Shift+R.' });
      return;
    }
    setBusy(true);
    try {
      const next = await saveSettings({ hotkeys: { [action]: recorded.accelerator } });
      setEditing(null);
      const conflict = next.hotkeyStatus?.conflicts.find((c) => c.action === action);
      setMessage(
        conflict
          ? null // the row says what is wrong
          : {
              kind: 'ok',
              text: next.hotkeyStatus
                ? `Saved: ${formatAccelerator(next.hotkeys[action], mac)} now works in any application.`
                : `Saved: ${formatAccelerator(next.hotkeys[action], mac)} works in the desktop app.`,
            },
      );
    } catch (err) {
      setMessage({ kind: 'error', text: `Not saved: ${refusal(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="set-hotkeys" className="card stack">
      <h3 id="set-hotkeys">Hotkeys</h3>
      {desktopNote}
      <ul className="list plain stack">
        {ACTIONS.map(({ action, label }) => {
          const accelerator = settings.hotkeys[action];
          const shown = formatAccelerator(accelerator, mac);
          const conflict = status?.conflicts.find((c) => c.action === action);
          const inputId = `hotkey-${action}`;
          return (
            <li key={action} className="stack">
              <div className="hotkey-row">
                <span>{label}</span>
                <kbd data-testid={`hotkey-${action}`}>{shown}</kbd>
                {editing !== action && (
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Change the hotkey for ${label.toLowerCase()}`}
                    onClick={() => startEditing(action)}
                  >
                    Change
                  </button>
                )}
              </div>
              {conflict && (
                <p role="alert" className="error small">
                  {conflict.reason === 'in-use'
                    ? `${shown} is used by another application — choose another.`
                    : `${shown} cannot be used as a hotkey on this computer — choose another.`}
                </p>
              )}
              {editing === action && (
                <div className="stack">
                  <label htmlFor={inputId}>New hotkey for {label.toLowerCase()}: press the keys together</label>
                  <input
                    id={inputId}
                    autoFocus
                    readOnly
                    value={
                      recorded ? formatAccelerator(recorded.accelerator, mac) + (recorded.partial ? '+…' : '') : ''
                    }
                    placeholder={mac ? 'e.g. Cmd+Shift+R' : 'e.g. Ctrl+Shift+R'}
                    onKeyDown={onKeyDown}
                  />
                  <div className="row">
                    <button type="button" className="primary" disabled={busy} onClick={() => void save(action)}>
                      Save hotkey
                    </button>
                    <button type="button" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : ''}>
          {message.text}
        </p>
      )}
    </section>
  );
}
