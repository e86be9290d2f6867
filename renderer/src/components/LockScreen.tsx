import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '../store/app';
import { focusSoon } from '../lib/focus';

/** New passphrases: at least this many characters (the API's store.create rule, MIN_PASSPHRASE_CHARS). */
export const MIN_PASSPHRASE = 8;

/**
 * The encrypted store's door. Three states from store.status: no store yet (set it up: a passphrase, and on the
 * desktop optionally this computer's keychain); a store and a usable keychain (unlock with the keychain, or the
 * recovery passphrase); a store without keychain (the passphrase).
 */
export function LockScreen() {
  const storeExists = useAppStore((s) => s.storeExists);
  const keychain = useAppStore((s) => s.keychainAvailable);
  const refresh = useAppStore((s) => s.refreshStoreStatus);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (storeExists === false) return <SetupForm keychain={keychain} />;
  return <UnlockForm keychain={keychain} />;
}

function NotNow() {
  const { lockReason, cancelUnlock } = useAppStore();
  if (lockReason !== 'open') return null;
  return (
    <button type="button" onClick={cancelUnlock}>
      Not now
    </button>
  );
}

function UnlockForm({ keychain }: { keychain: boolean }) {
  const { unlock, unlockWithKeychain, unlockError, lockReason } = useAppStore();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const keychainButton = useRef<HTMLButtonElement>(null);
  // Focus goes to the first thing to do (the Lock button that had it is gone).
  useEffect(() => {
    (keychainButton.current ?? input.current)?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await unlock(passphrase);
    setPassphrase('');
    setBusy(false);
    if (ok) void focusSoon('new-encounter', 2000);
  };
  const withKeychain = async () => {
    setBusy(true);
    const ok = await unlockWithKeychain();
    setBusy(false);
    // The keychain could not open it: the recovery passphrase is next.
    if (!ok) input.current?.focus();
    else void focusSoon('new-encounter', 2000);
  };
  return (
    <form className="card stack door" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`}>{lockReason === 'auto' ? 'Bedside is locked' : 'Open the encrypted store'}</h2>
      <p className="small muted">
        {lockReason === 'auto'
          ? keychain
            ? 'Bedside is locked to protect patient information. Unlock it to continue.'
            : 'Bedside is locked to protect patient information. Enter your passphrase to continue.'
          : keychain
            ? 'Unlock to save encounters, drafts and sign-offs in the encrypted store on this computer.'
            : 'Enter your passphrase to save encounters, drafts and sign-offs in the encrypted store on this computer.'}
      </p>
      {keychain && (
        <div className="row">
          <button
            ref={keychainButton}
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void withKeychain()}
          >
            Unlock with this computer&apos;s keychain
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor={id}>Passphrase</label>
        {keychain && (
          <p id={`${id}-d`} className="small muted">
            Or enter the passphrase (the recovery passphrase chosen when the store was set up).
          </p>
        )}
        <input
          id={id}
          ref={input}
          type="password"
          autoComplete="current-password"
          value={passphrase}
          aria-describedby={keychain ? `${id}-d` : undefined}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </div>
      {unlockError && (
        <p role="alert" className="error small">
          {unlockError}
        </p>
      )}
      <div className="row">
        <button type="submit" className={keychain ? undefined : 'primary'} disabled={busy || passphrase.length === 0}>
          {busy ? 'Unlocking…' : keychain ? 'Unlock with the passphrase' : 'Unlock'}
        </button>
        <NotNow />
      </div>
    </form>
  );
}

function SetupForm({ keychain }: { keychain: boolean }) {
  const { createStore, unlockError } = useAppStore();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [useKeychain, setUseKeychain] = useState(true);
  const [problem, setProblem] = useState<{ field: 'passphrase' | 'confirm'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);
  // The passphrase is the first thing to do (on first run, or after "Set up the store" in the list).
  useEffect(() => {
    first.current?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ([...passphrase].length < MIN_PASSPHRASE) {
      setProblem({
        field: 'passphrase',
        text: `That passphrase is too short: use at least ${MIN_PASSPHRASE} characters.`,
      });
      first.current?.focus();
      return;
    }
    if (confirm !== passphrase) {
      setProblem({ field: 'confirm', text: 'The two passphrases differ: type the same passphrase in both fields.' });
      second.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const ok = await createStore(passphrase, keychain && useKeychain);
    setBusy(false);
    if (ok) {
      setPassphrase('');
      setConfirm('');
      void focusSoon('new-encounter', 2000);
    }
  };
  const error = problem?.text ?? unlockError;
  return (
    <div className="stack door">
      <form className="card stack" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-h`}>Set up the encrypted store</h2>
        <p className="small muted">
          Bedside keeps encounters, recordings, drafts and sign-offs in an encrypted store on this computer. Choose a
          passphrase for it. Without the passphrase the data cannot be recovered, so keep it safe.
        </p>
        <div className="field">
          <label htmlFor={`${id}-p`}>Passphrase</label>
          <p id={`${id}-rule`} className="small muted">
            At least {MIN_PASSPHRASE} characters. A few unrelated words are easy to remember and hard to guess.
          </p>
          <input
            id={`${id}-p`}
            ref={first}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            aria-describedby={`${id}-rule`}
            aria-invalid={problem?.field === 'passphrase' ? true : undefined}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-c`}>Confirm passphrase</label>
          <input
            id={`${id}-c`}
            ref={second}
            type="password"
            autoComplete="new-password"
            value={confirm}
            aria-invalid={problem?.field === 'confirm' ? true : undefined}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        {keychain && (
          <div className="check">
            <input
              id={`${id}-k`}
              type="checkbox"
              checked={useKeychain}
              onChange={(e) => setUseKeychain(e.target.checked)}
            />
            <label htmlFor={`${id}-k`}>
              Also unlock with this computer&apos;s keychain (the passphrase is then only for recovery)
            </label>
          </div>
        )}
        {error && (
          <p role="alert" className="error small">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create the store'}
          </button>
          <NotNow />
        </div>
      </form>
      <WithoutStore />
    </div>
  );
}

/**
 * No store yet (first run, or the desktop shell locked a window working without one): the other choice, working
 * without a store, says plainly that nothing is kept. Not after "Set up the store" from the list (Not now is there).
 */
function WithoutStore() {
  const { lockReason, cancelUnlock } = useAppStore();
  const id = useId();
  if (lockReason === 'open') return null;
  return (
    <section className="card stack without-store" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Or work without a store</h3>
      <p id={`${id}-d`} className="small">
        <strong>Nothing will be kept.</strong> Encounters, recordings, transcripts, drafts and sign-offs stay in this
        window only and are gone when Bedside closes or reloads. You can set up the store later from the encounters
        list.
      </p>
      <div className="row">
        <button
          type="button"
          aria-describedby={`${id}-d`}
          onClick={() => {
            cancelUnlock();
            void focusSoon('new-encounter', 2000);
          }}
        >
          Continue without saving
        </button>
      </div>
    </section>
  );
}
