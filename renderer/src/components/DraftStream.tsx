/**
 * Generative drafting in the Note tab (issue 15): the sections a model has written so far, each checked by the
 * verifier, shown as they stream in (note.draftProgress) with a Cancel button; and, once drafted, which engine wrote
 * the note — with the reason when the built-in drafter stood in, and what the verifier changed.
 */
import type { ReactNode } from 'react';
import { useAppStore } from '../store/app';
import { useVisit, type Workspace } from '../store/visit';
import type { NoteDraft } from '../lib/types';
import { problemLabels, unsupportedTitle } from '../lib/problems';
import { focusSoon } from '../lib/focus';

const ENGINE_WORDS = {
  embedded: 'the built-in drafter',
  local: 'the model on this computer',
  server: "the clinic's inference server",
} as const;

/** While a draft is written: a status line (polite live region), Cancel, and the sections streamed so far. */
export function DraftStream({
  encounterId,
  drafting,
  quiet = null,
}: {
  encounterId: string;
  drafting: Workspace['drafting'];
  /** Shown instead while the built-in drafter works (it takes a moment: no card, no Cancel flashing by). */
  quiet?: ReactNode;
}) {
  const cancelDraft = useVisit((s) => s.cancelDraft);
  const kind = useAppStore((s) => (s.storeUnlocked ? s.settings?.noteEngine?.kind : undefined)) ?? 'embedded';
  if (!drafting) return null;
  const n = drafting.sections.length;
  if (kind === 'embedded' && n === 0) return quiet;
  return (
    <div className="card stack draft-stream" data-testid="draft-stream">
      <div className="row spread wrap">
        <p role="status" aria-live="polite" className="small" data-testid="draft-stream-status">
          {kind === 'embedded'
            ? 'Drafting the note…'
            : `Drafting the note with ${ENGINE_WORDS[kind]}… ${n === 0 ? 'waiting for the first section.' : `${n} section${n === 1 ? '' : 's'} written and checked.`}`}
        </p>
        <button
          type="button"
          className="small-button"
          onClick={() => {
            // The button goes with the stream: the keyboard moves on to the note's heading (when there is a note).
            void focusSoon('note-heading', 1000);
            void cancelDraft(encounterId);
          }}
        >
          Cancel drafting
        </button>
      </div>
      {drafting.sections.map((s) => (
        <article key={s.id} className="note-section streamed" aria-label={`${s.title} (drafted so far)`}>
          <h3>{s.title}</h3>
          {s.sentences.length === 0 ? (
            <p className="muted small">Nothing was found for this section.</p>
          ) : (
            <p className="note-text">
              {s.sentences.map((x, i) => (
                <span key={i}>
                  {i > 0 ? ' ' : ''}
                  <span className={x.supported ? 'sentence' : 'sentence unsupported'} data-testid="streamed-sentence">
                    {x.text}
                    {!x.supported && <span className="visually-hidden"> (unsupported: {unsupportedTitle(x)})</span>}
                  </span>
                  {!x.supported && <FlagChip sentence={x} />}
                </span>
              ))}
            </p>
          )}
        </article>
      ))}
    </div>
  );
}

/** The short visible reason(s) after a sentence the verifier did not back (the full words are in its label). */
export function FlagChip({ sentence }: { sentence: { problems?: Array<{ kind: string; detail: string }> } }) {
  return (
    <span className="flag-chip" aria-hidden="true" title={unsupportedTitle(sentence)} data-testid="flag-chip">
      {problemLabels(sentence)}
    </span>
  );
}

/** Which engine wrote the note, the fallback reason, and what the verifier changed (nothing for the built-in one). */
export function EngineNotice({ draft }: { draft: NoteDraft }) {
  const e = draft.engine;
  if (!e || (e.requested === 'embedded' && !e.fallback && !e.notices?.length)) return null;
  if (e.fallback)
    return (
      <p role="status" className="warn small engine-notice" data-testid="engine-fallback">
        <strong>Drafted with the built-in drafter:</strong> {e.fallback}
      </p>
    );
  const g = e.grounding;
  return (
    <div role="status" className="small engine-notice" data-testid="engine-notice">
      <p>
        Written by {e.model ? <strong>{e.model}</strong> : 'a language model'} ({ENGINE_WORDS[e.used]}).{' '}
        {g
          ? `The verifier backed ${g.supported} of its ${g.written} sentence${g.written === 1 ? '' : 's'}.`
          : 'Every sentence was checked against the visit.'}
      </p>
      {e.notices && e.notices.length > 0 && (
        <ul className="notice-list">
          {e.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
