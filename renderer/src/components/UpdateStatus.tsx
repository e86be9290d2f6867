import { useEffect, useState } from 'react';
import type { Result } from '../../../core/api/types';
import { api, ApiFailure } from '../api';
import { explain } from '../lib/errors';

type Status = Result<'updates.status'>;

/** Words for the updater's state (Settings → About). */
function describe(s: Status): string {
  switch (s.state) {
    case 'disabled':
      return s.message ?? 'Updates are off.';
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `Up to date (${s.channel}).`;
    case 'available':
      return `Version ${s.availableVersion} is available.`;
    case 'downloading':
      return `Downloading version ${s.availableVersion}${s.progress !== null ? ` (${Math.round(s.progress * 100)} %)` : ''}…`;
    case 'downloaded':
      return s.restartBlockedBy === 'recording'
        ? `Version ${s.availableVersion} is ready; it installs after the recording.`
        : `Version ${s.availableVersion} is ready to install.`;
    case 'error':
      return s.message ?? 'The update check failed.';
    default:
      return 'Updates are checked automatically.';
  }
}

/** Update status with "Check now" and, once an update is downloaded, "Restart to update". */
export function UpdateStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api['updates.status']({}).then(
      (s) => live && setStatus(s),
      () => undefined, // a host without the updates API: no line
    );
    return () => {
      live = false;
    };
  }, []);

  const run = async (what: 'check' | 'install') => {
    setBusy(true);
    setError(null);
    try {
      setStatus(
        what === 'check' ? await api['updates.check']({}) : await api['updates.install']({ unsavedEdits: false }),
      );
    } catch (err) {
      // A refused restart (recording, unsaved edits) says why in words from the app.
      const refused = err instanceof ApiFailure && err.error.code === 'conflict';
      setError(
        refused ? err.error.message : explain(err, what === 'check' ? 'check for updates' : 'install the update'),
      );
    } finally {
      setBusy(false);
    }
  };

  if (!status) return null;
  return (
    <div className="stack">
      <p className="small" aria-live="polite" data-testid="update-status">
        Updates: {describe(status)}
      </p>
      <div className="row">
        <button type="button" disabled={busy || status.state === 'disabled'} onClick={() => void run('check')}>
          Check now
        </button>
        {status.state === 'downloaded' && (
          <button type="button" disabled={busy || status.restartBlockedBy !== null} onClick={() => void run('install')}>
            Restart to update
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
    </div>
  );
}
