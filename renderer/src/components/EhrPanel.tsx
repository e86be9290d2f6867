/**
 * Beside the EHR: connect (SMART on FHIR sign-in in the system browser), load the patient's context (allergies,
 * medications, conditions, labs) so the hints use it, and send the signed note as a DocumentReference.
 * Shown only while the encrypted store is unlocked: tokens, context and the send queue live there.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { api } from '../api';
import { explain } from '../lib/errors';
import { ensureSaved } from '../lib/persist';
import { useNoteCopy } from '../lib/use-note-copy';
import type { EhrContext, EhrSend, EhrStatus } from '../lib/types';
import { useAppStore } from '../store/app';
import { useHints } from '../store/hints';
import { useVisit } from '../store/visit';

function sendText(r: EhrSend): string {
  if (r.state === 'sent') return `Sent to the EHR${r.fhirId ? ` (document ${r.fhirId})` : ''}.`;
  if (r.state === 'queued')
    return 'The EHR could not be reached: the note is queued and Bedside will retry it automatically.';
  return `The EHR refused the note${r.message ? `: ${r.message}` : '.'}`;
}

function ContextSummary({ ctx }: { ctx: EhrContext }) {
  const c = ctx.context;
  const labs = Object.entries(c.labs ?? {}).map(([k, v]) => `${k === 'a1c' ? 'HbA1c' : k} ${v}`);
  const rows: [string, string][] = [
    ['Allergies', (c.allergies ?? []).map((a) => a.substance).join(', ') || 'none recorded'],
    ['Medications', (c.medications ?? []).map((m) => m.name).join(', ') || 'none recorded'],
    ['Conditions', (c.conditions ?? []).map((x) => x.name).join(', ') || 'none recorded'],
    ['Labs', labs.join(', ') || 'none recent'],
  ];
  return (
    <dl className="ehr-context small" aria-label="Patient context from the EHR">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EhrPanel({ encounterId }: { encounterId: string }) {
  const storeUnlocked = useAppStore((s) => s.storeUnlocked);
  const { signed } = useNoteCopy(encounterId);
  const transcript = useVisit((s) => s.byId[encounterId]?.transcript ?? '');
  const setContext = useHints((s) => s.setContext);
  const [status, setStatus] = useState<EhrStatus | null>(null);
  const [ctx, setCtx] = useState<EhrContext | null>(null);
  const [iss, setIss] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const issId = useId();

  const refresh = useCallback(async () => {
    try {
      setStatus(await api['ehr.status']({}));
    } catch {
      setStatus(null);
    }
  }, []);
  useEffect(() => {
    if (storeUnlocked) void refresh();
  }, [storeUnlocked, refresh]);

  if (!storeUnlocked) return null;

  const run = async (action: string, fn: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await fn() });
    } catch (err) {
      setMessage({ ok: false, text: explain(err, action) });
    } finally {
      setBusy(false);
    }
  };
  const storeId = async () => {
    const id = await ensureSaved(encounterId);
    if (id === null) throw new Error('The visit could not be saved in the encrypted store.');
    return id;
  };

  return (
    <section className="ehr card" aria-label="EHR">
      <h3 className="small">EHR</h3>
      {!status?.signedIn ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run('connect to the EHR', async () => {
              const s = await api['ehr.launch']({ iss: iss.trim() });
              setStatus(s);
              return 'Connected to the EHR.';
            });
          }}
        >
          <label htmlFor={issId} className="visually-hidden">
            FHIR server address
          </label>
          <input
            id={issId}
            className="grow"
            type="url"
            required
            placeholder="FHIR server (https://…)"
            value={iss}
            onChange={(e) => setIss(e.target.value)}
          />
          <button type="submit" disabled={busy || !iss.trim()}>
            Connect
          </button>
        </form>
      ) : (
        <>
          <p className="small muted">
            Connected{status.patient ? ' to the open patient' : ''}. {status.outbox.pending} note(s) waiting to send.
          </p>
          <div className="row">
            <button
              type="button"
              className="grow"
              disabled={busy}
              onClick={() =>
                void run('load the patient context', async () => {
                  const loaded = await api['ehr.context']({ encounterId: await storeId() });
                  setCtx(loaded);
                  await setContext(encounterId, loaded.context, transcript);
                  return 'Patient context loaded; the hints now use it.';
                })
              }
            >
              Load patient context
            </button>
            <button
              type="button"
              className="primary grow"
              disabled={busy || !signed}
              title={signed ? undefined : 'Sign off first'}
              onClick={() =>
                void run('send the note to the EHR', async () => {
                  const r = await api['ehr.send']({ encounterId: await storeId() });
                  void refresh();
                  return sendText(r);
                })
              }
            >
              Send to EHR
            </button>
          </div>
          {ctx && <ContextSummary ctx={ctx} />}
        </>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok small' : 'error small'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
