import { useId, useState, type FormEvent } from 'react';
import { useAppStore } from '../store/app';

export function LockScreen() {
  const { unlock, unlockError } = useAppStore();
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
      <h2 id={`${id}-h`}>Bedside is locked</h2>
      <p className="small muted">
        Bedside locked itself to protect patient information. Enter your passphrase to continue.
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
      <button type="submit" className="primary" disabled={busy || passphrase.length === 0}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}
