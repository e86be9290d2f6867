/** Pieces every Settings section uses: the result of a save, and the section shown while it cannot be used. */

/** The outcome of a save in words: polite when it worked, an alert when it did not. Nothing when there is none. */
export function SaveMessage({ message }: { message: { ok: boolean; text: string } | null | undefined | false }) {
  if (!message) return null;
  return (
    <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok small' : 'error small'}>
      {message.text}
    </p>
  );
}

/** A Settings section that cannot be used yet (the store is locked, or this core lacks the setting): why, in words. */
export function SettingsPlaceholder({ headingId, title, text }: { headingId: string; title: string; text: string }) {
  return (
    <section aria-labelledby={headingId} className="card stack">
      <h3 id={headingId}>{title}</h3>
      <p className="small muted">{text}</p>
    </section>
  );
}
