import { useId, useState, type FormEvent } from 'react';
import { useAppStore } from '../store/app';

export function LockScreen() {
  const { unlock, unlockError, lockReason, cancelUnlock } = useAppStore();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await unlock(passphrase);
    setPassphrase('');
    setBusy(false);
  };
  return (
    <form className="card stack" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`}>{lockReason === 'auto' ? 'Bedside is locked' : 'Open the encrypted store'}</h2>
      <p className="small muted">
        {lockReason === 'auto'
          ? 'Bedside locked itself to protect patient information. Enter your passphrase to continue.'
          : 'Enter your passphrase to save encounters, drafts and sign-offs in the encrypted store on this computer.'}
      </p>
      <div className="field">
        <label htmlFor={id}>Passphrase</label>
        <input
          id={id}
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      {unlockError && (
        <p role="alert" className="error small">
          {unlockError}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || passphrase.length === 0}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {lockReason === 'open' && (
          <button type="button" onClick={cancelUnlock}>
            Not now
          </button>
        )}
      </div>
    </form>
  );
}
