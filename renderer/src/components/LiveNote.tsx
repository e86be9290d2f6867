/**
 * The note while the visit is recorded (issue 17): a read-only preview that drafts itself from the committed
 * transcript every few seconds (lib/live-note.ts). Nothing in it takes focus or moves the page: sections keep their
 * keys, so the browser's scroll anchoring holds the reader's place as text is added.
 */
import { useId } from 'react';
import { joinSentences } from '../lib/note-text';
import type { LiveNote } from '../lib/live-note';

export function LiveNotePreview({ live }: { live: LiveNote }) {
  const id = useId();
  const sections = live.draft?.sections.filter((s) => s.sentences.length > 0) ?? [];
  const at = live.builtAt
    ? new Date(live.builtAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : null;
  return (
    <section
      aria-labelledby={`${id}-h`}
      aria-describedby={`${id}-d`}
      className="stack live-note"
      data-testid="live-note"
    >
      <div className="row spread">
        <h2 id={`${id}-h`}>Note</h2>
        <span className="chip chip-live" data-testid="live-note-state">
          {live.finishing ? 'Finishing…' : 'Live draft · in progress'}
        </span>
      </div>
      <p id={`${id}-d`} className="muted small">
        {live.finishing
          ? 'Recording stopped: the final draft is being made from the finished transcript.'
          : 'This draft builds itself from what has been said so far and updates every few seconds. It cannot be ' +
            'signed or saved yet: stop the recording for the final draft.'}
      </p>
      {/* A quiet count for screen readers, not the whole text on every update. */}
      <p className="muted small" data-testid="live-note-meta">
        {at
          ? `Updated ${at} from ${live.words} word${live.words === 1 ? '' : 's'}${live.failed ? ' (the last update failed; it retries as more is said)' : ''}.`
          : 'Waiting for the first words…'}
      </p>
      {live.draft && sections.length === 0 && <p className="muted small">Nothing for the note has been said yet.</p>}
      {sections.map((s) => (
        <article key={s.id} className="note-section" aria-label={s.title} data-section={s.id}>
          <h3>{s.title}</h3>
          <p className="note-text">{joinSentences(s.sentences.map((x) => x.text))}</p>
        </article>
      ))}
    </section>
  );
}
