import { useEffect, useId, useRef, useState } from 'react';
import { COPY_FORMATS, useCopyFormat } from '../lib/copy-format';
import type { CopyFormat } from '../lib/note-text';
import { shortcutAria } from '../lib/shortcuts';
import { useStickyInset } from '../lib/keyboard';
import { copyNote, trackSignOff, useNoteCopy } from '../lib/use-note-copy';
import { checkSignOff, saveSignOff, signOffNeedsCheck } from '../lib/persist';
import { useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { useSignOff } from '../store/signoff';
import { useVisit } from '../store/visit';

export function SignOffBar({ encounterId }: { encounterId: string }) {
  const { signed, signoff, sections, plain, copy } = useNoteCopy(encounterId);
  const sign = useSignOff((s) => s.sign);
  const notice = useSignOff((s) => s.notices[encounterId]);
  const setStatus = useEncounters((s) => s.setStatus);
  const enc = useEncounters((s) => s.items.find((e) => e.id === encounterId));
  const hints = useHints((s) => s.byId[encounterId]);
  const unplaced = useVisit((s) => s.byId[encounterId]?.unplaced.length ?? 0);
  const [reviewed, setReviewed] = useState(false);
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const ids = { check: useId(), gate: useId(), format: useId(), how: useId() };
  const { format, setFormat } = useCopyFormat();
  const copyButton = useRef<HTMLButtonElement>(null);
  // Sticky: its height is the scroll padding, so it never covers the focused element (issue 17).
  const barRef = useStickyInset('bottom');
  // A note changed after sign-off is no longer signed: the list shows it as a draft again.
  const notify = useSignOff((s) => s.notify);
  useEffect(() => {
    if (!signed && enc?.status === 'signed') setStatus(encounterId, 'drafted');
  }, [signed, enc?.status, encounterId, setStatus]);
  // "Copied" no longer describes the note once it changed.
  useEffect(() => {
    if (!signed && notice?.ok) notify(encounterId, null);
  }, [signed, notice?.ok, encounterId, notify]);
  if (sections.length === 0) return null;

  /** Signs off once the stored transcript checks out; "Sign & copy" then copies the note in the chosen format. */
  const signOff = (andCopy: boolean) => {
    const signNow = () => {
      sign(encounterId, plain);
      setStatus(encounterId, 'signed');
      // The sign-off is recorded (encounters.sign, reviewed) before the copy is (encounters.recordCopy).
      trackSignOff(encounterId, saveSignOff(encounterId));
      setReviewed(false);
      if (andCopy) void copyNote(encounterId);
      // The Sign buttons go away: focus moves on to Copy note instead of dropping to the page.
      requestAnimationFrame(() => copyButton.current?.focus());
    };
    setRefusal(null);
    // A saved encounter is signed only when the stored transcript is the one the draft was made from.
    if (!signOffNeedsCheck(encounterId)) return signNow();
    setChecking(true);
    void checkSignOff(encounterId).then((problem) => {
      setChecking(false);
      if (problem) setRefusal(problem);
      else signNow();
    });
  };

  const criticalOpen = (hints?.items ?? []).filter((h) => h.severity === 'critical' && !hints?.decisions[h.id]);
  const openCritical = criticalOpen.length;

  return (
    <div
      ref={barRef}
      className="signoff card"
      aria-label="Sign-off and copy"
      role="region"
      data-shortcut-region="signoff"
    >
      {signoff && !signed && (
        <p className="warn small">The note changed after you signed it off. Review it and sign again.</p>
      )}
      {!signed && unplaced > 0 && (
        <p className="warn small">
          {unplaced} hand edit{unplaced === 1 ? ' is' : 's are'} not placed in the note (see Edits not placed).
        </p>
      )}
      {!signed && openCritical > 0 && (
        <p className="warn small">
          {openCritical} critical hint{openCritical === 1 ? ' is' : 's are'} still open. Review the hints before
          signing.
        </p>
      )}
      {!signed && openCritical > 0 && (
        <ul className="warn small" aria-label="Open critical hints">
          {criticalOpen.map((h) => (
            <li key={h.id}>{h.title}</li>
          ))}
        </ul>
      )}
      {signed ? (
        <p role="status" className="ok small">
          Signed off at {new Date(signoff!.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. Copy the
          note, or one section with its Copy button.
        </p>
      ) : (
        <div className="check">
          <input
            id={ids.check}
            type="checkbox"
            checked={reviewed}
            aria-describedby={ids.how}
            data-shortcut="review"
            onChange={(e) => setReviewed(e.target.checked)}
          />
          <label htmlFor={ids.check}>I have reviewed this draft</label>
          <span id={ids.how} className="visually-hidden">
            Then Sign &amp; copy, or Control+Shift+Enter.
          </span>
        </div>
      )}
      <div className="row copy-format">
        <label htmlFor={ids.format} className="small">
          Clipboard format
        </label>
        <select
          id={ids.format}
          value={format}
          aria-describedby={`${ids.format}-d`}
          onChange={(e) => setFormat(e.target.value as CopyFormat)}
        >
          {COPY_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <span id={`${ids.format}-d`} className="visually-hidden">
          Formatted adds headings and lists for rich editors; plain text uses hyphen bullets for EHR text fields.
        </span>
      </div>
      <p id={ids.gate} className="visually-hidden">
        {!signed
          ? 'Sign off first: copying is allowed only after review.'
          : format === 'plain'
            ? 'Copies plain text for an EHR field.'
            : 'Copies plain and formatted text.'}
      </p>
      <div className="row">
        {!signed && (
          <button
            type="button"
            className="primary grow"
            disabled={!reviewed || checking}
            data-shortcut="sign-copy"
            aria-keyshortcuts={shortcutAria('sign-copy')}
            onClick={() => signOff(true)}
          >
            {checking ? 'Checking…' : 'Sign & copy'}
          </button>
        )}
        {!signed && (
          <button type="button" className="grow" disabled={!reviewed || checking} onClick={() => signOff(false)}>
            Sign off
          </button>
        )}
        <button
          type="button"
          className={signed ? 'primary grow' : 'grow'}
          disabled={!signed}
          ref={copyButton}
          data-shortcut="copy-note"
          aria-describedby={ids.gate}
          onClick={() => void copy()}
        >
          Copy note
        </button>
      </div>
      {refusal && !signed && (
        <p role="alert" className="error small">
          {refusal}
        </p>
      )}
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'ok small' : 'error small'}>
          {notice.text}
        </p>
      )}
    </div>
  );
}
