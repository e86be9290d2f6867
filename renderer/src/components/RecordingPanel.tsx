import { useEffect, useId, useState } from 'react';
import { useEncounters } from '../store/encounters';
import { elapsedMs, useRecorder } from '../store/recorder';
import { stopAndDraft } from '../lib/record-flow';
import { useImporter } from '../store/importer';
import { ImportAudio } from './ImportAudio';
import { useAppStore } from '../store/app';
import { useLiveNote } from '../lib/live-note';
import { focusSoon } from '../lib/focus';

const SPEAKER_WORDS: Record<string, string> = { doctor: 'Clinician', patient: 'Patient', other: 'Other', unknown: '' };

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function Elapsed() {
  const rec = useRecorder();
  const [, tick] = useState(0);
  useEffect(() => {
    if (rec.runningSince === null) return;
    const t = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(t);
  }, [rec.runningSince]);
  return (
    <span className="elapsed" role="timer" aria-label="Recording time">
      {formatElapsed(elapsedMs(rec))}
    </span>
  );
}

export function RecordingPanel({ encounterId }: { encounterId: string }) {
  const rec = useRecorder();
  const enc = useEncounters((s) => s.items.find((e) => e.id === encounterId));
  const deviceSel = useId();
  const mine = rec.encounterId === encounterId;
  const active = mine && rec.status !== 'idle';
  const busyElsewhere = !mine && rec.status !== 'idle';
  const importing = useImporter((s) => s.phase !== 'idle');
  // Docked, the live note is on the Note tab: say so here, where the clinician is while recording (issue 17).
  const live = useLiveNote((s) => (s.live?.encounterId === encounterId && !s.live.finishing ? s.live : null));
  const expanded = useAppStore((s) => s.expanded);
  const setTab = useAppStore((s) => s.setTab);

  const loadDevices = rec.loadDevices;
  useEffect(() => {
    void loadDevices();
  }, [loadDevices]);

  return (
    <div className="card stack recorder" role="region" aria-label="Recording">
      <div className="row spread wrap">
        <div className="row">
          {active && <span className={`rec-dot${rec.status === 'recording' ? ' on' : ''}`} aria-hidden="true" />}
          <strong>
            {rec.status === 'recording' && mine
              ? 'Recording'
              : rec.status === 'paused' && mine
                ? 'Paused'
                : rec.status === 'starting' && mine
                  ? 'Starting…'
                  : rec.status === 'stopping' && mine
                    ? 'Finishing the transcript…'
                    : 'Record the visit'}
          </strong>
        </div>
        {active && <Elapsed />}
      </div>
      {!enc?.consent && (
        <p className="muted small">
          Recording (or importing a recording) starts only after the patient’s consent is confirmed (above).
        </p>
      )}
      {busyElsewhere && <p className="muted small">Another encounter is being recorded. Stop it first.</p>}
      {!active && rec.devices.length > 1 && (
        <div className="field">
          <label htmlFor={deviceSel}>Microphone</label>
          <select id={deviceSel} value={rec.deviceId ?? ''} onChange={(e) => rec.setDevice(e.target.value || null)}>
            <option value="">System default</option>
            {rec.devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {active && rec.keepsAudio && (
        <p className="muted small">The audio is saved in the encrypted store as it is recorded.</p>
      )}
      {mine && rec.notice && <p className="muted small">{rec.notice}</p>}
      {active && (
        <div
          className="meter"
          role="meter"
          aria-label="Input level"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(rec.level * 100)}
          data-testid="level-meter"
        >
          <div className="meter-fill" style={{ width: `${Math.round(rec.level * 100)}%` }} />
        </div>
      )}
      {active && live && !expanded && (
        <p className="muted small" data-testid="live-note-hint">
          {live.draft
            ? `The note is drafting itself as you talk (from ${live.words} word${live.words === 1 ? '' : 's'} so far).`
            : 'The note will draft itself once the first words are transcribed.'}{' '}
          <button type="button" className="link" onClick={() => setTab('note')}>
            See the live note
          </button>
        </p>
      )}
      <div className="row wrap">
        {!active && (
          <button
            type="button"
            className="primary"
            data-focus="start-recording"
            disabled={!enc?.consent || busyElsewhere || importing}
            onClick={() =>
              void rec.start(encounterId, !!enc?.consent).then((ok) => void (ok && focusSoon('stop-recording')))
            }
          >
            Start recording
          </button>
        )}
        {active && rec.status === 'recording' && (
          <button type="button" onClick={() => void rec.pause()}>
            Pause
          </button>
        )}
        {active && rec.status === 'paused' && (
          <button type="button" onClick={() => void rec.resume()}>
            Resume
          </button>
        )}
        {active && (rec.status === 'recording' || rec.status === 'paused') && (
          <button
            type="button"
            className="primary"
            data-focus="stop-recording"
            onClick={() => void stopAndDraft().then(() => focusSoon(['note-heading', 'start-recording']))}
          >
            Stop and draft
          </button>
        )}
      </div>
      {!active && <ImportAudio encounterId={encounterId} disabled={busyElsewhere} />}
      {mine && rec.error && (
        <p role="alert" className="error small">
          {rec.error}
        </p>
      )}
      {mine && (rec.finals.length > 0 || rec.partial) && (
        <div className="live" aria-live="polite" aria-label="Live transcript">
          {rec.finals.map((f, i) => (
            <p key={i} className="small">
              {SPEAKER_WORDS[f.speaker] && <span className="speaker-inline">{SPEAKER_WORDS[f.speaker]}: </span>}
              {f.text}
            </p>
          ))}
          {rec.partial && (rec.partial.committed || rec.partial.tentative) && (
            <p className="small partial" data-testid="partial">
              <span>{rec.partial.committed}</span> <em className="tentative">{rec.partial.tentative}</em>
              <span className="visually-hidden"> (still listening; not final)</span>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
