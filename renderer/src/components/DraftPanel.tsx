import { shortcutAria } from '../lib/shortcuts';
import { memo, useEffect, useId, useState } from 'react';
import { useAppStore } from '../store/app';
import { useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { emptyWorkspace, highlights, useVisit } from '../store/visit';
import { sentenceKey, type DraftSection, type Turn } from '../lib/types';
import { SignOffBar } from './SignOffBar';
import { EhrPanel } from './EhrPanel';
import { saveDraft } from '../lib/persist';
import { copyNote, useNoteCopy } from '../lib/use-note-copy';
import { joinSentences, startsLine } from '../lib/note-text';
import { useLiveNote } from '../lib/live-note';
import { useReveal, useRovingSentences } from '../lib/keyboard';
import { LiveNotePreview } from './LiveNote';
import { DraftStream, EngineNotice, FlagChip } from './DraftStream';
import { PROBLEM_LABEL, unsupportedTitle } from '../lib/problems';

export function DraftPanel({ encounterId }: { encounterId: string }) {
  const w = useVisit((s) => s.byId[encounterId]) ?? emptyWorkspace();
  const templates = useVisit((s) => s.templates);
  const templatesUnlocked = useVisit((s) => s.templatesUnlocked);
  const storeUnlocked = useAppStore((s) => s.storeUnlocked);
  const { loadTemplates, setTemplate, redraft, discardUnplaced } = useVisit();
  const computeHints = useHints((s) => s.compute);
  const setStatus = useEncounters((s) => s.setStatus);
  const [confirming, setConfirming] = useState(false);
  const { signed } = useNoteCopy(encounterId);
  const templateId = useId();
  // While this encounter is recorded the note is the live preview (issue 17): not signable, not saved.
  const live = useLiveNote((s) => (s.live?.encounterId === encounterId ? s.live : null));
  // The sentences are one tab stop; arrows move inside (issue 17).
  const sentenceKeys = (w.draft?.sections ?? []).flatMap((s) =>
    w.edits[s.id] === undefined ? s.sentences.map((_, i) => sentenceKey(s.id, i)) : [],
  );
  const roving = useRovingSentences(sentenceKeys, w.selection?.kind === 'sentence' ? w.selection.key : null);

  // Listed again once the store is unlocked (or locked): the clinician's own templates come from it.
  useEffect(() => {
    if (templates.length === 0 || templatesUnlocked !== storeUnlocked) void loadTemplates();
  }, [templates.length, templatesUnlocked, storeUnlocked, loadTemplates]);

  if (live) return <LiveNotePreview live={live} />;
  if (!w.draft) {
    return (
      <section aria-labelledby={`${templateId}-h`} className="stack">
        <h2 id={`${templateId}-h`}>Note</h2>
        {w.drafting ? (
          <DraftStream
            encounterId={encounterId}
            drafting={w.drafting}
            quiet={<p className="muted">Drafting the note…</p>}
          />
        ) : (
          <p className="muted">
            {w.busy === 'draft' ? 'Drafting the note…' : (w.notice ?? 'No draft yet: add a transcript first.')}
          </p>
        )}
        {w.error && (
          <p role="alert" className="error">
            {w.error}
          </p>
        )}
      </section>
    );
  }

  const hasEdits = Object.keys(w.edits).length > 0;
  const run = async (mode: 'keep' | 'overwrite') => {
    setConfirming(false);
    if (await redraft(encounterId, mode)) {
      setStatus(encounterId, 'drafted');
      void saveDraft(encounterId);
      void computeHints(encounterId, w.transcript);
    }
  };
  // Choosing another template applies it: at once, or after the keep/replace question when sections were edited.
  const changeTemplate = (next: string) => {
    setTemplate(encounterId, next);
    if (next === w.draft?.template) setConfirming(false);
    else if (hasEdits) setConfirming(true);
    else void run('overwrite');
  };
  const hl = highlights(w);
  // The template the draft was made with stays in the picker even when it is no longer listed (the store locked, or
  // the clinician deleted it), so the picker never shows another template than the one in use.
  const current = w.templateId || w.draft.template;
  const options = templates.some((t) => t.id === current) ? templates : [...templates, { id: current, name: current }];
  const selectedKey = w.selection?.kind === 'sentence' ? w.selection.key : null;
  const unsupported = w.draft.sections.reduce(
    (n, s) => n + (w.edits[s.id] === undefined ? s.sentences.filter((x) => !x.supported).length : 0),
    0,
  );

  return (
    <section
      aria-labelledby={`${templateId}-h`}
      className="stack"
      onKeyDown={roving.onKeyDown}
      onFocus={roving.onFocus}
    >
      <p id={`${templateId}-k`} className="visually-hidden">
        Arrow keys move between the note’s sentences; Enter shows the transcript turns that support one.
      </p>
      <div className="row spread">
        <h2 id={`${templateId}-h`} tabIndex={-1} data-focus="note-heading">
          Note
        </h2>
        {unsupported > 0 && (
          <span className="chip chip-warn">
            {unsupported} unsupported sentence{unsupported === 1 ? '' : 's'}
          </span>
        )}
      </div>
      <div className="row wrap">
        <div className="field grow">
          <label htmlFor={templateId}>Template</label>
          <select id={templateId} value={current} onChange={(e) => changeTemplate(e.target.value)}>
            {options.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="align-end"
          disabled={w.busy !== null}
          data-shortcut="regenerate"
          aria-keyshortcuts={shortcutAria('draft')}
          onClick={() => (hasEdits ? setConfirming(true) : void run('overwrite'))}
        >
          {w.busy === 'draft' ? 'Drafting…' : 'Regenerate'}
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby={`${templateId}-c`} className="card stack">
          <p id={`${templateId}-c`}>You edited some sections by hand. Keep your edits in the new draft?</p>
          <div className="row wrap">
            {/* The question takes the keyboard when it opens. */}
            <button type="button" className="primary" autoFocus onClick={() => void run('keep')}>
              Keep my edits
            </button>
            <button type="button" onClick={() => void run('overwrite')}>
              Replace my edits
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                // Cancelled: the picker shows the template the note is drafted with again.
                setTemplate(encounterId, w.draft?.template ?? current);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {w.stale && (
        <p className="warn small" role="status">
          You corrected the transcript. Regenerate the draft to use the corrections.
        </p>
      )}
      {w.error && (
        <p role="alert" className="error">
          {w.error}
        </p>
      )}
      {w.notice && (
        <p role="status" className="small muted">
          {w.notice}
        </p>
      )}
      <DraftStream encounterId={encounterId} drafting={w.drafting} />
      {!w.drafting && <EngineNotice draft={w.draft} />}
      {w.unplaced.length > 0 && (
        <section className="card stack warn-card" aria-labelledby={`${templateId}-u`} data-testid="unplaced-edits">
          <h3 id={`${templateId}-u`}>Edits not placed</h3>
          <p className="small">
            These edits had no matching section in this template. They are not in the note: paste what you need into a
            section (Edit), then discard them.
          </p>
          {w.unplaced.map((u, i) => (
            <div key={`${u.id}-${i}`} className="stack">
              <div className="row spread">
                <h4>From {u.title}</h4>
                <button
                  type="button"
                  className="small-button"
                  aria-label={`Discard the edit from ${u.title}`}
                  onClick={() => discardUnplaced(encounterId, i)}
                >
                  Discard
                </button>
              </div>
              <p className="note-text edited">{u.text}</p>
            </div>
          ))}
        </section>
      )}
      {w.draft.sections.map((s) => (
        <NoteSection
          key={s.id}
          encounterId={encounterId}
          section={s}
          edited={w.edits[s.id]}
          selectedKey={selectedKey?.startsWith(`${s.id}:`) ? selectedKey : null}
          lit={[...hl.sentences].filter((k) => k.startsWith(`${s.id}:`)).join(',')}
          rovingKey={roving.current?.startsWith(`${s.id}:`) ? roving.current : null}
          keysHint={`${templateId}-k`}
          turns={w.turns}
          signed={signed}
        />
      ))}
      <SignOffBar encounterId={encounterId} />
      <EhrPanel encounterId={encounterId} />
    </section>
  );
}

interface NoteSectionProps {
  encounterId: string;
  section: DraftSection;
  /** The clinician's text for this section, when edited by hand. */
  edited: string | undefined;
  /** The selected sentence's key, when it is in this section. */
  selectedKey: string | null;
  /** Keys of this section's highlighted sentences, comma-joined (a string, so memo compares by value). */
  lit: string;
  /** This section's sentence that takes the note's single tab stop, if it is here. */
  rovingKey: string | null;
  /** Id of the words that explain the arrow keys. */
  keysHint: string;
  turns: Turn[];
  signed: boolean;
}

// Memoised: typing in one section re-renders that section only, not the whole note.
const NoteSection = memo(function NoteSection({
  encounterId,
  section,
  edited,
  selectedKey,
  lit,
  rovingKey,
  keysHint,
  turns,
  signed,
}: NoteSectionProps) {
  const select = useVisit((s) => s.select);
  const editSection = useVisit((s) => s.editSection);
  const revertSection = useVisit((s) => s.revertSection);
  const setTab = useAppStore((s) => s.setTab);
  const expanded = useAppStore((s) => s.expanded);
  const [editing, setEditing] = useState(false);
  const editId = useId();
  const headingId = useId();
  const litKeys = new Set(lit ? lit.split(',') : []);
  const drafted = joinSentences(section.sentences.map((x) => x.text));
  const selectedIndex = section.sentences.findIndex((_, i) => sentenceKey(section.id, i) === selectedKey);
  const selected = selectedIndex >= 0 ? section.sentences[selectedIndex] : undefined;
  const evidenceRef = useReveal<HTMLDivElement>(selected && !editing ? selectedKey : null);

  return (
    <article className="note-section" aria-labelledby={headingId} data-section={section.id}>
      <div className="row spread">
        <h3 id={headingId}>{section.title}</h3>
        <div className="row">
          {edited !== undefined && <span className="chip">Edited</span>}
          <button
            type="button"
            className="small-button"
            aria-label={`Copy ${section.title}`}
            disabled={!signed}
            title={signed ? 'Copy the text without its heading' : 'Sign off the note to copy it'}
            onClick={() => void copyNote(encounterId, section.id)}
          >
            Copy
          </button>
          <button
            type="button"
            className="small-button"
            aria-label={editing ? `Done editing ${section.title}` : `Edit ${section.title}`}
            onClick={() => {
              if (!editing && edited === undefined) editSection(encounterId, section.id, drafted);
              setEditing(!editing);
            }}
          >
            {editing ? 'Done' : 'Edit'}
          </button>
        </div>
      </div>
      {editing ? (
        <div className="field">
          <label htmlFor={editId} className="visually-hidden">
            {section.title} text
          </label>
          <textarea
            id={editId}
            rows={Math.min(12, Math.max(3, Math.ceil((edited ?? drafted).length / 45)))}
            value={edited ?? drafted}
            onChange={(e) => editSection(encounterId, section.id, e.target.value)}
          />
          <button
            type="button"
            className="link"
            onClick={() => {
              revertSection(encounterId, section.id);
              setEditing(false);
            }}
          >
            Undo my edits to this section
          </button>
        </div>
      ) : edited !== undefined ? (
        <p className="note-text edited">{edited}</p>
      ) : section.sentences.length === 0 ? (
        <p className="muted small">Nothing was found for this section.</p>
      ) : (
        <p className="note-text">
          {section.sentences.flatMap((x, i) => {
            const key = sentenceKey(section.id, i);
            const isSel = key === selectedKey;
            const isLit = litKeys.has(key);
            const toggle = () => select(encounterId, isSel ? null : { kind: 'sentence', key });
            return [
              i === 0 ? null : startsLine(x.text) ? <br key={`${key}-br`} /> : ' ',
              <span
                key={key}
                role="button"
                tabIndex={key === rovingKey ? 0 : -1}
                data-sentence-key={key}
                aria-describedby={keysHint}
                className={`sentence${x.supported ? '' : ' unsupported'}${isLit ? ' is-evidence' : ''}`}
                aria-pressed={isSel}
                data-testid="sentence"
                data-highlighted={isLit ? 'true' : undefined}
                title={x.supported ? undefined : unsupportedTitle(x)}
                onClick={toggle}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    toggle();
                  }
                }}
              >
                {x.text}
                {!x.supported && <span className="visually-hidden"> (unsupported: {unsupportedTitle(x)})</span>}
              </span>,
              x.supported ? null : <FlagChip key={`${key}-flag`} sentence={x} />,
            ];
          })}
        </p>
      )}
      {selected && !editing && (
        <div ref={evidenceRef} className="evidence card" role="region" aria-label="Evidence for the selected sentence">
          {!selected.supported && (selected.problems?.length ?? 0) > 0 && (
            <div className="small" data-testid="sentence-problems">
              <strong>Check before signing:</strong>
              <ul className="problem-list">
                {selected.problems!.map((p, i) => (
                  <li key={i}>
                    {PROBLEM_LABEL[p.kind] ?? p.kind}: {p.detail}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {selected.evidence.length === 0 ? (
            <p className="small">
              <strong>No evidence.</strong> No transcript turn supports this sentence; check it before signing.
            </p>
          ) : (
            <>
              <p className="small muted">
                Said in turn{selected.evidence.length === 1 ? '' : 's'} {selected.evidence.map((t) => t + 1).join(', ')}
                :
              </p>
              <ul className="evidence-list">
                {selected.evidence.map((t) => (
                  <li key={t} data-testid="evidence-quote">
                    “{turns[t]?.text ?? ''}”
                  </li>
                ))}
              </ul>
              {!expanded && (
                <button type="button" className="link" onClick={() => setTab('transcript')}>
                  Show in transcript
                </button>
              )}
            </>
          )}
        </div>
      )}
    </article>
  );
});
