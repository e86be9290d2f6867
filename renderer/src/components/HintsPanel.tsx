import { useId, useState } from 'react';
import { useAppStore } from '../store/app';
import { useHints, type HintDecision } from '../store/hints';
import { useVisit } from '../store/visit';
import { saveHintDecision } from '../lib/persist';
import { DISMISS_REASONS, type DismissReason, type HintInfo } from '../lib/types';
import {
  GROUP_TITLES,
  assessmentSection,
  groupOf,
  ordered,
  sectionText,
  withCode,
  type HintGroup,
} from '../lib/hint-groups';

const SEVERITY_WORDS = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

export function HintsPanel({ encounterId }: { encounterId: string }) {
  const set = useHints((s) => s.byId[encounterId]);
  const headingId = useId();
  const items = ordered(set?.items ?? []);
  const open = items.filter((h) => !set?.decisions[h.id]);
  const decided = items.filter((h) => set?.decisions[h.id]);
  // Safety alerts first in their own group, then documentation, then codes as compact lines (issue 13).
  const groups = (['safety', 'documentation', 'code'] as HintGroup[])
    .map((g) => ({ g, hints: open.filter((h) => groupOf(h) === g) }))
    .filter((x) => x.hints.length > 0);

  return (
    <section aria-labelledby={headingId} className="stack">
      <div className="row spread">
        <h2 id={headingId}>Hints</h2>
        {items.length > 0 && (
          <span className="muted small">
            {open.length} open · {decided.length} decided
          </span>
        )}
      </div>
      {set?.loading && <p role="status">Checking the visit…</p>}
      {set?.error && (
        <p role="alert" className="error">
          {set.error}
        </p>
      )}
      {!set && <p className="muted">Hints appear once the note is drafted.</p>}
      {set && !set.loading && !set.error && items.length === 0 && <p className="muted">No hints for this visit.</p>}
      <ul className="hints hint-groups" aria-label="Open hints">
        {groups.map(({ g, hints }) => (
          <li key={g} className={`hint-group hint-group-${g}`}>
            <h3 className="hint-group-title">
              {GROUP_TITLES[g]} ({hints.length})
            </h3>
            <ul className="hints" aria-label={GROUP_TITLES[g]}>
              {hints.map((h) => (
                <HintCard key={h.id} encounterId={encounterId} hint={h} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {decided.length > 0 && (
        <details>
          <summary>Decided ({decided.length})</summary>
          <ul className="hints" aria-label="Decided hints">
            {decided.map((h) => (
              <HintCard key={h.id} encounterId={encounterId} hint={h} decision={set?.decisions[h.id]} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function HintCard({
  encounterId,
  hint,
  decision,
}: {
  encounterId: string;
  hint: HintInfo;
  decision?: HintDecision | undefined;
}) {
  const { accept, dismiss, reopen } = useHints();
  const select = useVisit((s) => s.select);
  const turns = useVisit((s) => s.byId[encounterId]?.turns.length ?? 0);
  const { setTab, expanded } = useAppStore();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState<DismissReason | ''>('');
  const [note, setNote] = useState('');
  const ids = { title: useId(), reason: useId(), note: useId() };

  const jump = () => {
    const first = hint.evidence[0];
    if (first === undefined) return;
    select(encounterId, { kind: 'turn', index: first });
    if (!expanded) setTab('transcript');
  };
  const draft = useVisit((s) => s.byId[encounterId]?.draft ?? null);
  const edits = useVisit((s) => s.byId[encounterId]?.edits);
  const editSection = useVisit((s) => s.editSection);
  const ap = draft ? assessmentSection(draft.sections) : undefined;
  const code = hint.codes?.[0];
  const acceptHint = () => {
    accept(encounterId, hint.id);
    void saveHintDecision(encounterId, hint, 'accept');
  };
  const addToAp = () => {
    if (!ap || !code) return;
    const text = sectionText(ap, edits?.[ap.id]);
    editSection(encounterId, ap.id, withCode(text, code, hint.title, hint.problem));
    acceptHint();
  };

  if (hint.kind === 'diagnosis-code' && !decision && !dismissing)
    return (
      <li className="hint hint-code" aria-labelledby={ids.title} data-testid="hint" title={hint.basis}>
        <h4 id={ids.title} className="hint-code-title">
          {hint.title}
        </h4>
        <span className="row">
          {hint.evidence.length > 0 && turns > 0 && (
            <button type="button" className="link small" onClick={jump}>
              Show evidence (turn {hint.evidence.map((t) => t + 1).join(', ')})
            </button>
          )}
          <button
            type="button"
            className="small-button"
            disabled={!ap}
            title={ap ? `Adds ${code ?? 'the code'} to the problem's line in ${ap.title}` : 'Draft the note first'}
            onClick={addToAp}
          >
            Add to A&amp;P
          </button>
          <button type="button" className="small-button" onClick={acceptHint}>
            Accept
          </button>
          <button type="button" className="small-button" onClick={() => setDismissing(true)}>
            Dismiss…
          </button>
        </span>
      </li>
    );

  return (
    <li className={`hint card severity-${hint.severity}`} aria-labelledby={ids.title} data-testid="hint">
      <div className="row spread">
        <span className={`badge badge-${hint.severity}`}>{SEVERITY_WORDS[hint.severity]}</span>
        {decision && (
          <span className="chip">
            {decision.status === 'accepted'
              ? 'Accepted'
              : `Dismissed: ${DISMISS_REASONS.find(([k]) => k === decision.reason)?.[1] ?? 'no reason'}`}
          </span>
        )}
      </div>
      <h4 id={ids.title} className="hint-title">
        {hint.title}
      </h4>
      <p className="small">{hint.basis}</p>
      <p className="muted small">Source: {hint.source}</p>
      <div className="row wrap">
        {hint.evidence.length > 0 && turns > 0 && (
          <button type="button" className="link" onClick={jump}>
            Show evidence (turn {hint.evidence.map((t) => t + 1).join(', ')})
          </button>
        )}
        {hint.evidence.length === 0 && <span className="muted small">Based on the patient record, not the visit.</span>}
      </div>
      {decision ? (
        <button type="button" onClick={() => reopen(encounterId, hint.id)}>
          Reopen
        </button>
      ) : dismissing ? (
        <form
          className="stack"
          aria-label={`Dismiss ${hint.title}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason) return;
            dismiss(encounterId, hint.id, reason, reason === 'other' ? note.trim() || undefined : undefined);
            void saveHintDecision(encounterId, hint, 'dismiss', reason);
          }}
        >
          <div className="field">
            <label htmlFor={ids.reason}>Reason for dismissing</label>
            <select
              id={ids.reason}
              value={reason}
              required
              onChange={(e) => setReason(e.target.value as DismissReason)}
            >
              <option value="">Choose a reason…</option>
              {DISMISS_REASONS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {reason === 'other' && (
            <div className="field">
              <label htmlFor={ids.note}>Say why (optional)</label>
              <input id={ids.note} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </div>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={!reason}>
              Dismiss hint
            </button>
            <button type="button" onClick={() => setDismissing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" onClick={acceptHint}>
            Accept
          </button>
          <button type="button" onClick={() => setDismissing(true)}>
            Dismiss…
          </button>
        </div>
      )}
    </li>
  );
}
