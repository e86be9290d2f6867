import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '../store/app';
import {
  byDay,
  filterEncounters,
  mrnProblem,
  useEncounters,
  type EncounterStatus,
  type EncounterSummary,
} from '../store/encounters';
import { loadStoredEncounters, openStored, recoverRecording } from '../lib/restore';
import { useRecorder, type RecorderStatus } from '../store/recorder';

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
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
          New encounter
        </button>
      </div>
      <StoreState />
      {loadError && (
        <p role="alert" className="error small">
          {loadError}
        </p>
      )}
      {creating && <NewEncounterForm onDone={() => setCreating(false)} />}
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

export function NewEncounterForm({ onDone }: { onDone(): void }) {
  const create = useEncounters((s) => s.create);
  const go = useAppStore((s) => s.go);
  const setTab = useAppStore((s) => s.setTab);
  const [label, setLabel] = useState('');
  const [mrn, setMrn] = useState('');
  const [consent, setConsent] = useState(false);
  const [mrnError, setMrnError] = useState<string | null>(null);
  const mrnRef = useRef<HTMLInputElement>(null);
  const ids = { label: useId(), mrn: useId(), mrnError: useId(), consent: useId(), hint: useId() };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const problem = mrnProblem(mrn);
    setMrnError(problem);
    if (problem) {
      mrnRef.current?.focus();
      return;
    }
    create({ label, mrn, consent });
    setTab('transcript');
    go('encounter');
    onDone();
  };

  return (
    <form className="card stack" aria-label="New encounter" onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.label}>Patient label (optional)</label>
        <input id={ids.label} value={label} onChange={(e) => setLabel(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={ids.mrn}>MRN (optional)</label>
        <input
          id={ids.mrn}
          ref={mrnRef}
          value={mrn}
          onChange={(e) => setMrn(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={mrnError ? true : undefined}
          aria-describedby={mrnError ? ids.mrnError : undefined}
        />
        {mrnError && (
          <p id={ids.mrnError} role="alert" className="error small">
            {mrnError}
          </p>
        )}
      </div>
      <div className="check">
        <input
          id={ids.consent}
          type="checkbox"
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          aria-describedby={ids.hint}
        />
        <label htmlFor={ids.consent}>The patient agreed to this visit being recorded</label>
      </div>
      <p id={ids.hint} className="muted small">
        Recording cannot start until consent is confirmed. You can still paste a transcript without it.
      </p>
      <div className="row">
        <button type="submit" className="primary">
          Start encounter
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
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
