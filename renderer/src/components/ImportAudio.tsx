import { useEffect, useId } from 'react';
import { useAppStore } from '../store/app';
import { useEncounters } from '../store/encounters';
import { useImporter } from '../store/importer';

/** m:ss (or h:mm:ss) of a number of seconds. */
function secs(total: number): string {
  const s = Math.round(total);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor(s / 60) % 60).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * Import a WAV (decoded in the page, uploaded into the encounter's stored recording, then transcribed), or transcribe
 * audio the store already holds (an import or a recovered recording). Progress bars for both steps, and Cancel.
 */
export function ImportAudio({ encounterId, disabled }: { encounterId: string; disabled?: boolean }) {
  const imp = useImporter();
  const enc = useEncounters((s) => s.items.find((e) => e.id === encounterId));
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const fileId = useId();
  const mine = imp.encounterId === encounterId;
  const busy = imp.phase !== 'idle';
  const stored = imp.storedAudio[encounterId];
  const error = imp.errors[encounterId];
  const notice = imp.notices[encounterId];

  const check = imp.checkStored;
  useEffect(() => {
    void check(encounterId);
  }, [check, encounterId, enc?.storeId, enc?.interrupted, unlocked]);

  return (
    <div className="stack import-audio" role="group" aria-label="Import audio">
      {!mine && stored !== undefined && (
        <div className="row wrap">
          <span className="small">Saved audio without a transcript ({secs(stored)}).</span>
          <button type="button" disabled={busy || disabled} onClick={() => void imp.transcribeStored(encounterId)}>
            Transcribe the recorded audio
          </button>
        </div>
      )}
      {!mine && stored === undefined && (
        <div className="field">
          <label htmlFor={fileId}>Or import a WAV recording</label>
          <input
            id={fileId}
            type="file"
            accept="audio/wav,audio/x-wav,audio/*,.wav"
            disabled={busy || disabled || !enc?.consent}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void imp.importFile(encounterId, file);
            }}
          />
          {!unlocked && (
            <p className="muted small">Importing keeps the audio in the encrypted store: unlock it first.</p>
          )}
        </div>
      )}
      {mine && imp.phase === 'decoding' && (
        <p role="status" className="small">
          Reading the audio file…
        </p>
      )}
      {mine && imp.phase === 'uploading' && (
        <div className="field">
          <label htmlFor={`${fileId}-up`}>
            Saving the audio: {secs(imp.uploadedSec)} of {secs(imp.durationSec)}
          </label>
          <progress
            id={`${fileId}-up`}
            max={Math.max(imp.durationSec, 0.001)}
            value={imp.uploadedSec}
            data-testid="upload-progress"
          />
        </div>
      )}
      {mine && imp.phase === 'transcribing' && (
        <div className="field">
          <label htmlFor={`${fileId}-tx`}>
            {imp.progress && imp.progress.totalSec > 0
              ? `Transcribing: ${Math.round((100 * imp.progress.doneSec) / imp.progress.totalSec)}%`
              : 'Transcribing: finding the speech…'}
          </label>
          {imp.progress && imp.progress.totalSec > 0 ? (
            <progress
              id={`${fileId}-tx`}
              max={imp.progress.totalSec}
              value={imp.progress.doneSec}
              data-testid="transcribe-progress"
            />
          ) : (
            <progress id={`${fileId}-tx`} data-testid="transcribe-progress" />
          )}
        </div>
      )}
      {mine && busy && (
        <div className="row">
          <button type="button" onClick={() => void imp.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="small" data-testid="import-notice">
          {notice}
        </p>
      )}
    </div>
  );
}
