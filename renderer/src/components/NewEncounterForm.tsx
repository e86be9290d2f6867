import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { focusSoon } from '../lib/focus';
import type { EhrContext } from '../lib/types';
import { useAppStore } from '../store/app';
import { mrnProblem, useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { useImporter } from '../store/importer';
import { useRecorder } from '../store/recorder';

export const CONSENT_REQUIRED = 'Recording needs the patient’s consent: tick the box above first.';

/**
 * The EHR's open patient, when Bedside is signed in to an EHR that launched it with a patient (SMART launch context):
 * null otherwise, or while the store is locked (tokens live there). Never throws: the form works without it.
 */
async function ehrPatient(): Promise<EhrContext | null> {
  try {
    const status = await api['ehr.status']({});
    if (!status.signedIn || !status.patient) return null;
    return await api['ehr.context']({});
  } catch {
    return null;
  }
}

const born = (d: string | null) => (d ? `, born ${d}` : '');

/**
 * Starting a visit in one step: the patient (typed, or the EHR's open patient) and consent on one screen, then
 * "Start recording" records at once (consent required), or "Start encounter" opens the visit to paste a transcript
 * or import a recording. Focus goes on to the next thing to do.
 */
/** `onDone(started)`: the form closes; started is true when a visit was started (its screen is open now). */
export function NewEncounterForm({ onDone }: { onDone(started: boolean): void }) {
  const create = useEncounters((s) => s.create);
  const go = useAppStore((s) => s.go);
  const setTab = useAppStore((s) => s.setTab);
  const storeUnlocked = useAppStore((s) => s.storeUnlocked);
  const recordingElsewhere = useRecorder((s) => s.status !== 'idle');
  const importing = useImporter((s) => s.phase !== 'idle');
  const [label, setLabel] = useState('');
  const [mrn, setMrn] = useState('');
  const [consent, setConsent] = useState(false);
  const [mrnError, setMrnError] = useState<string | null>(null);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [ehr, setEhr] = useState<EhrContext | null>(null);
  const labelRef = useRef<HTMLInputElement>(null);
  const mrnRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const ids = {
    label: useId(),
    mrn: useId(),
    mrnError: useId(),
    consent: useId(),
    consentError: useId(),
    hint: useId(),
    ehr: useId(),
  };

  // The first field takes the keyboard (the New encounter button that had it is disabled now).
  useEffect(() => {
    labelRef.current?.focus();
  }, []);

  // Launched from the EHR with a patient open: that patient is the default label, and their context feeds the hints.
  useEffect(() => {
    if (!storeUnlocked) return;
    let live = true;
    void ehrPatient().then((ctx) => {
      if (!live || !ctx) return;
      setEhr(ctx);
      setLabel((l) => (l.trim() === '' ? ctx.patient.name : l));
    });
    return () => {
      live = false;
    };
  }, [storeUnlocked]);

  const start = (record: boolean) => {
    const problem = mrnProblem(mrn);
    setMrnError(problem);
    if (problem) {
      mrnRef.current?.focus();
      return;
    }
    if (record && !consent) {
      setConsentError(CONSENT_REQUIRED);
      consentRef.current?.focus();
      return;
    }
    const e = create({ label, mrn, consent });
    // The EHR's patient context is used by this visit's hints (the EHR panel can load it again and link it).
    if (ehr && label.trim() === ehr.patient.name) void useHints.getState().setContext(e.id, ehr.context, '');
    setTab('transcript');
    go('encounter');
    onDone(true);
    if (!record) {
      void focusSoon('paste-transcript');
      return;
    }
    void useRecorder
      .getState()
      .start(e.id, true)
      .then((ok) => focusSoon(ok ? 'stop-recording' : 'start-recording'));
  };

  // Enter in a field starts recording (the form's submit button); Start encounter is the other way in.
  const submit = (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    start(true);
  };

  return (
    <form
      className="card stack"
      aria-label="New encounter"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onDone(false); // Escape cancels, as Cancel does
      }}
    >
      {ehr && (
        <p id={ids.ehr} className="small ok" data-testid="ehr-patient">
          Patient open in the EHR: <strong>{ehr.patient.name}</strong>
          {born(ehr.patient.birthDate)}. Their allergies, medications, conditions and labs are used by the hints.
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.label}>Patient label (optional)</label>
        <input
          id={ids.label}
          ref={labelRef}
          data-focus="patient-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          autoComplete="off"
          aria-describedby={ehr ? ids.ehr : undefined}
        />
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
          ref={consentRef}
          data-focus="consent"
          type="checkbox"
          checked={consent}
          onChange={(e) => {
            setConsent(e.target.checked);
            if (e.target.checked) setConsentError(null);
          }}
          aria-invalid={consentError ? true : undefined}
          aria-describedby={consentError ? `${ids.consentError} ${ids.hint}` : ids.hint}
        />
        <label htmlFor={ids.consent}>The patient agreed to this visit being recorded</label>
      </div>
      <p id={ids.hint} className="muted small">
        Needed to record or import audio. <strong>Start encounter</strong> opens the visit to paste a transcript or
        import a recording instead.
      </p>
      {consentError && (
        <p id={ids.consentError} role="alert" className="error small">
          {consentError}
        </p>
      )}
      {recordingElsewhere && <p className="muted small">Another encounter is being recorded. Stop it first.</p>}
      <div className="row wrap">
        <button type="submit" className="primary" disabled={recordingElsewhere || importing}>
          Start recording
        </button>
        <button type="button" onClick={() => start(false)}>
          Start encounter
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
