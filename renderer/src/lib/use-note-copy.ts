/** Copying the signed note (or one section) to the clipboard; refused unless the current text was signed off. */
import { useCopyFormat } from './copy-format';
import { clipboardText, sectionsText, toPlain, writeClipboard } from './note-text';
import { saveCopy } from './persist';
import { isSigned, useSignOff } from '../store/signoff';
import { emptyWorkspace, useVisit } from '../store/visit';

function noteOf(encounterId: string) {
  const w = useVisit.getState().byId[encounterId] ?? emptyWorkspace();
  const sections = w.draft ? sectionsText(w.draft.sections, w.edits) : [];
  return { sections, plain: toPlain(sections) };
}

/** Sign-offs being saved, per encounter: a copy is recorded only after its sign-off (the store refuses it before). */
const signing = new Map<string, Promise<unknown>>();

export function trackSignOff(encounterId: string, saved: Promise<unknown>): void {
  const p = saved.catch(() => undefined);
  signing.set(encounterId, p);
  void p.finally(() => {
    if (signing.get(encounterId) === p) signing.delete(encounterId);
  });
}

/**
 * Copies the whole note, or one section's body (without its heading), in the clinician's format (see
 * copy-format.ts); the outcome is shown beside the sign-off and the copy is recorded once the sign-off is.
 */
export async function copyNote(encounterId: string, sectionId?: string): Promise<void> {
  const { sections, plain } = noteOf(encounterId);
  const { byId, notify } = useSignOff.getState();
  if (!isSigned(byId[encounterId], plain)) return;
  notify(encounterId, null);
  const chosen = sectionId ? sections.filter((s) => s.id === sectionId) : sections;
  const format = useCopyFormat.getState().format;
  const text = clipboardText(chosen, format, { headings: !sectionId });
  const what = sectionId ? (chosen[0]?.title ?? 'The section') : 'The whole note';
  if (!text.plain) {
    notify(encounterId, { ok: false, text: `${what} has no text to copy.` });
    return;
  }
  try {
    const kind = await writeClipboard(text);
    void (signing.get(encounterId) ?? Promise.resolve()).then(() =>
      saveCopy(encounterId, sectionId ? 'section' : 'note'),
    );
    const how =
      kind === 'rich' ? ' (plain and formatted text)' : format === 'plain' ? ' as plain text for an EHR field' : '';
    notify(encounterId, {
      ok: true,
      text: `${what} was copied${sectionId ? ' without its heading' : ''}${how}. Paste it into the EHR.`,
    });
  } catch {
    notify(encounterId, {
      ok: false,
      text: 'Could not copy to the clipboard. Allow clipboard access for Bedside, or select the text and copy it by hand.',
    });
  }
}

export function useNoteCopy(encounterId: string) {
  const w = useVisit((s) => s.byId[encounterId]) ?? emptyWorkspace();
  const signoff = useSignOff((s) => s.byId[encounterId]);
  const sections = w.draft ? sectionsText(w.draft.sections, w.edits) : [];
  const plain = toPlain(sections);
  const signed = isSigned(signoff, plain);
  return { signed, signoff, sections, plain, copy: (sectionId?: string) => copyNote(encounterId, sectionId) };
}
