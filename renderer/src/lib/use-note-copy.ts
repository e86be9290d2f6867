/** Copying the signed note (or one section) to the clipboard; refused unless the current text was signed off. */
import { copyRich, sectionsText, toHtml, toPlain } from './note-text';
import { saveCopy } from './persist';
import { isSigned, useSignOff } from '../store/signoff';
import { emptyWorkspace, useVisit } from '../store/visit';

function noteOf(encounterId: string) {
  const w = useVisit.getState().byId[encounterId] ?? emptyWorkspace();
  const sections = w.draft ? sectionsText(w.draft.sections, w.edits) : [];
  return { sections, plain: toPlain(sections) };
}

/** Copies the whole note, or one section, as plain and rich text; the outcome is shown beside the sign-off. */
export async function copyNote(encounterId: string, sectionId?: string): Promise<void> {
  const { sections, plain } = noteOf(encounterId);
  const { byId, notify } = useSignOff.getState();
  if (!isSigned(byId[encounterId], plain)) return;
  notify(encounterId, null);
  const chosen = sectionId ? sections.filter((s) => s.id === sectionId) : sections;
  try {
    const kind = await copyRich(toPlain(chosen), toHtml(chosen));
    const what = sectionId ? (chosen[0]?.title ?? 'The section') : 'The whole note';
    void saveCopy(encounterId, sectionId ? 'section' : 'note');
    notify(encounterId, {
      ok: true,
      text: `${what} was copied${kind === 'rich' ? ' (plain and formatted text)' : ''}. Paste it into the EHR.`,
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
