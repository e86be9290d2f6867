import { shortcutAria } from '../lib/shortcuts';
import { useEffect, useId, useRef, useState } from 'react';
import { useAppStore } from '../store/app';
import { useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { emptyWorkspace, highlights, useVisit } from '../store/visit';
import { RecordingPanel } from './RecordingPanel';
import { saveDraft } from '../lib/persist';
import type { Turn } from '../lib/types';
import { focusSoon } from '../lib/focus';

const SPEAKER_WORDS: Record<string, string> = {
  doctor: 'Clinician',
  patient: 'Patient',
  other: 'Other',
  unknown: 'Speaker',
};

export function TranscriptPanel({ encounterId }: { encounterId: string }) {
  const w = useVisit((s) => s.byId[encounterId]) ?? emptyWorkspace();
  const { setTranscript, submitTranscript, select, setSpeaker, setTurnText } = useVisit();
  // A signed note keeps the transcript it was reviewed against: no corrections after sign-off.
  const signed = useEncounters((s) => s.items.find((e) => e.id === encounterId)?.status === 'signed');
  const [editing, setEditing] = useState<{ index: number; text: string } | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  const computeHints = useHints((s) => s.compute);
  const setStatus = useEncounters((s) => s.setStatus);
  const setTab = useAppStore((s) => s.setTab);
  const expanded = useAppStore((s) => s.expanded);
  const textId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const hl = highlights(w);
  const firstTurn = Math.min(...hl.turns);

  // Back to the "Edit text" button once the editor closes, so the keyboard user keeps their place.
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  // A generative engine streams its sections into the Note tab (issue 15): show it once the first one arrives.
  const streaming = (w.drafting?.sections.length ?? 0) > 0;
  useEffect(() => {
    if (streaming && !expanded) setTab('note');
  }, [streaming, expanded, setTab]);

  const closeEditor = () => {
    refocus.current = true;
    setEditing(null);
  };
  const saveText = () => {
    if (!editing) return;
    setTurnText(encounterId, editing.index, editing.text); // saved by persist when the turns change
    closeEditor();
  };

  useEffect(() => {
    if (!Number.isFinite(firstTurn)) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-turn="${firstTurn}"]`);
    el?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [firstTurn]);

  const submit = async () => {
    const ok = await submitTranscript(encounterId);
    if (!ok) return;
    setStatus(encounterId, 'drafted');
    void saveDraft(encounterId);
    if (!expanded) setTab('note');
    void focusSoon('note-heading'); // the Draft button is gone: the keyboard goes on to the note
    void computeHints(encounterId, useVisit.getState().byId[encounterId]?.transcript ?? '');
  };

  if (w.turns.length === 0) {
    return (
      <section aria-labelledby={`${textId}-h`} className="stack">
        <h2 id={`${textId}-h`}>Transcript</h2>
        <RecordingPanel encounterId={encounterId} />
        <div className="field">
          <label htmlFor={textId}>Or paste the visit transcript</label>
          <textarea
            id={textId}
            data-focus="paste-transcript"
            rows={10}
            value={w.transcript}
            onChange={(e) => setTranscript(encounterId, e.target.value)}
            placeholder={'[doctor] What brings you in today?\n[patient] I have had a cough for a week.'}
          />
          <p className="muted small">One turn per line; speaker tags such as [doctor] or “Patient:” help.</p>
        </div>
        {w.error && (
          <p role="alert" className="error">
            {w.error}
          </p>
        )}
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => void submit()}
            disabled={w.busy !== null}
            data-shortcut="draft"
            aria-keyshortcuts={shortcutAria('draft')}
          >
            {w.busy ? 'Drafting…' : 'Draft the note'}
          </button>
        </div>
      </section>
    );
  }

  const sel = w.selection;
  const supported = sel?.kind === 'turn' ? hl.sentences.size : 0;
  return (
    <section aria-labelledby={`${textId}-h`} className="stack">
      <div className="row spread">
        <h2 id={`${textId}-h`}>Transcript</h2>
        <span className="muted small">{w.turns.length} turns</span>
      </div>
      <p className="muted small">
        Select a turn to see the note sentences it supports{signed ? '.' : ', or to correct its speaker or text.'}
      </p>
      <ol className="turns" ref={listRef} aria-label="Transcript turns">
        {w.turns.map((t) => {
          const selected = sel?.kind === 'turn' && sel.index === t.index;
          const evidence = hl.turns.has(t.index);
          return (
            <li key={t.index} data-turn={t.index}>
              <button
                type="button"
                className={`turn speaker-${t.speaker}${evidence ? ' is-evidence' : ''}`}
                aria-pressed={selected}
                data-testid="turn"
                data-highlighted={evidence ? 'true' : undefined}
                onClick={() => {
                  setEditing(null);
                  select(encounterId, selected ? null : { kind: 'turn', index: t.index });
                }}
              >
                <span className="speaker">
                  {SPEAKER_WORDS[t.speaker] ?? 'Speaker'}
                  {/* numbered as the note's "Said in turn N" and the hints' "turn N" name them */}
                  <span className="turn-no"> · turn {t.index + 1}</span>
                </span>
                <span className="turn-text">{t.text}</span>
              </button>
              {selected && (
                <div className="row small turn-speaker">
                  <label htmlFor={`${textId}-spk`}>Speaker</label>
                  <select
                    id={`${textId}-spk`}
                    value={t.speaker}
                    disabled={signed}
                    onChange={(e) => {
                      setSpeaker(encounterId, t.index, e.target.value as Turn['speaker']);
                    }}
                  >
                    <option value="doctor">Clinician</option>
                    <option value="patient">Patient</option>
                    <option value="other">Other</option>
                    {t.speaker === 'unknown' && <option value="unknown">Unknown</option>}
                  </select>
                  {!signed && editing?.index !== t.index && (
                    <button
                      type="button"
                      className="small-button"
                      ref={editButton}
                      onClick={() => setEditing({ index: t.index, text: t.text })}
                    >
                      Edit text
                    </button>
                  )}
                </div>
              )}
              {selected && editing?.index === t.index && (
                <div className="field turn-edit">
                  <label htmlFor={`${textId}-edit`}>Turn text</label>
                  <textarea
                    id={`${textId}-edit`}
                    autoFocus
                    rows={Math.min(8, Math.max(2, Math.ceil(editing.text.length / 60)))}
                    value={editing.text}
                    aria-describedby={`${textId}-edit-hint`}
                    onChange={(e) => setEditing({ index: t.index, text: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        e.preventDefault();
                        e.stopPropagation();
                        closeEditor();
                      }
                    }}
                  />
                  <p id={`${textId}-edit-hint`} className="muted small">
                    Escape cancels. A saved correction marks the draft out of date until you regenerate it.
                  </p>
                  <div className="row">
                    <button type="button" className="primary" disabled={!editing.text.trim()} onClick={saveText}>
                      Save text
                    </button>
                    <button type="button" onClick={closeEditor}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
              {selected && (
                <div className="turn-support small" role="status">
                  {supported === 0
                    ? 'No sentence in the note cites this turn.'
                    : `Supports ${supported} sentence${supported === 1 ? '' : 's'} in the note.`}
                  {supported > 0 && !expanded && (
                    <button type="button" className="link" onClick={() => setTab('note')}>
                      Show in note
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
