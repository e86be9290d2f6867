import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../store/app';
import {
  byDay,
  filterEncounters,
  useEncounters,
  type EncounterStatus,
  type EncounterSummary,
} from '../store/encounters';
import { loadStoredEncounters, openStored, recoverRecording } from '../lib/restore';
import { useRecorder, type RecorderStatus } from '../store/recorder';
import { focusSoon } from '../lib/focus';
import { NewEncounterForm } from './NewEncounterForm';

const STATUS_WORDS: Record<EncounterStatus, string> = {
  new: 'New',
  transcript: 'Transcript',
  drafted: 'Draft ready',
  signed: 'Signed',
};

const RECORDER_WORDS: Partial<Record<RecorderStatus, string>> = {
  starting: 'Recording',
  recording: 'Recording',
  paused: 'Paused',
  stopping: 'Finishing',
};

/** The encounter's status; while it is the one being recorded, the recorder's state instead. */
export function StatusChip({ status, encounterId }: { status: EncounterStatus; encounterId?: string }) {
  const live = useRecorder((s) => (encounterId !== undefined && s.encounterId === encounterId ? s.status : 'idle'));
  const words = RECORDER_WORDS[live];
  if (words) return <span className="chip chip-rec">{words}</span>;
  return <span className={`chip chip-${status}`}>{STATUS_WORDS[status]}</span>;
}

export function EncounterList() {
  const { items, query, setQuery } = useEncounters();
  const storeUnlocked = useAppStore((s) => s.storeUnlocked);
  const [creating, setCreating] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const searchId = useId();
  const earlierId = useId();
  useEffect(() => {
    if (!storeUnlocked) return;
    let live = true;
    void loadStoredEncounters().then((err) => live && setLoadError(err));
    return () => {
      live = false;
    };
  }, [storeUnlocked]);
  // Today's visits first; saved ones from earlier days (what is reopened after a restart) under their own heading.
  // The search looks through both.
  const { today, earlier } = byDay(filterEncounters(items, query));
  const searching = query.trim() !== '';
  const empty =
    items.length === 0
      ? 'No encounters yet today.'
      : searching
        ? earlier.length === 0
          ? 'No encounters match the search.'
          : 'None of today’s encounters match the search.'
        : 'No encounters yet today.';

  return (
    <section aria-labelledby="encounters-title" className="stack">
      <div className="row spread">
        <h2 id="encounters-title">Today’s encounters</h2>
        <button
          type="button"
          className="primary"
          data-focus="new-encounter"
          onClick={() => setCreating(true)}
          disabled={creating}
        >
          New encounter
        </button>
      </div>
      <StoreState />
      {loadError && (
        <p role="alert" className="error small">
          {loadError}
        </p>
      )}
      {creating && (
        <NewEncounterForm
          onDone={(started) => {
            setCreating(false);
            if (!started) void focusSoon('new-encounter', 1000); // Cancel: back to the button that opened the form
          }}
        />
      )}
      <div className="field">
        <label htmlFor={searchId}>Search by patient, MRN or status</label>
        <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {today.length === 0 ? <p className="muted">{empty}</p> : <EncounterItems label="Encounters" items={today} />}
      {earlier.length > 0 && (
        <section aria-labelledby={earlierId} className="stack">
          <h3 id={earlierId}>Earlier</h3>
          <EncounterItems label="Earlier encounters" items={earlier} withDate />
        </section>
      )}
    </section>
  );
}

function EncounterItems({ label, items, withDate }: { label: string; items: EncounterSummary[]; withDate?: boolean }) {
  const open = useEncounters((s) => s.open);
  const go = useAppStore((s) => s.go);
  return (
    <ul className="list" aria-label={label}>
      {items.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            className="list-item"
            onClick={() => {
              open(e.id);
              void openStored(e.id);
              go('encounter');
            }}
          >
            <span className="list-title">{e.label}</span>
            <span className="muted small">
              {withDate
                ? new Date(e.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })
                : new Date(e.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
              {e.mrn ? ` · MRN ${e.mrn}` : ''}
            </span>
            <StatusChip status={e.status} encounterId={e.id} />
          </button>
          {e.interrupted && <RecoverRecording encounter={e} />}
        </li>
      ))}
    </ul>
  );
}

function RecoverRecording({ encounter }: { encounter: EncounterSummary }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="row wrap small">
      <span className="muted">The recording of this visit was interrupted (Bedside closed while recording).</span>
      <button
        type="button"
        disabled={busy}
        aria-label={`Recover recording of ${encounter.label}`}
        onClick={async () => {
          setBusy(true);
          setError(await recoverRecording(encounter.id));
          setBusy(false);
        }}
      >
        Recover recording
      </button>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
    </div>
  );
}

function StoreState() {
  const { storeUnlocked, storeExists, lock } = useAppStore();
  if (storeUnlocked) return <p className="small ok">Encounters are saved in the encrypted store on this computer.</p>;
  // A fresh install has no store yet: saying "locked" would send the clinician looking for a passphrase they never set.
  if (storeExists === false)
    return (
      <p className="small muted row wrap">
        Not saved: there is no encrypted store on this computer yet, so encounters stay in this window only.
        <button type="button" className="link" onClick={() => lock('open')}>
          Set up the store
        </button>
      </p>
    );
  return (
    <p className="small muted row wrap">
      Not saved: the encrypted store is locked, so encounters stay in this window only.
      <button type="button" className="link" onClick={() => lock('open')}>
        Unlock the store
      </button>
    </p>
  );
}
