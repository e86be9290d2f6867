/**
 * Saving the visit in the encrypted store, when it is unlocked: the encounter with its MRN, consent and transcript
 * (created when the first draft is saved), the clinician's transcript corrections, draft versions,
 * the sign-off, copies out, and hint decisions. Failures never block the clinician's work in this window; they are
 * shown on the encounter in words ("not saved: ...").
 */
import { api, ApiFailure } from '../api';
import { explain } from './errors';
import { sectionsText, toPlain } from './note-text';
import type { DismissReason, HintInfo, NoteDraft } from './types';
import { useAppStore } from '../store/app';
import { useEncounters, type EncounterSummary } from '../store/encounters';
import { useHints } from '../store/hints';
import { onTurnsChanged, turnsKey, useVisit } from '../store/visit';

const enc = (id: string): EncounterSummary | undefined => useEncounters.getState().items.find((e) => e.id === id);
const storeOn = () => useAppStore.getState().storeUnlocked;

async function guarded<T>(
  id: string,
  action: string,
  fn: (storeId: number) => Promise<T>,
  words: (err: unknown) => string | null = () => null,
): Promise<T | null> {
  const e = enc(id);
  if (!storeOn() || e?.storeId === undefined) return null;
  try {
    const r = await fn(e.storeId);
    useEncounters.getState().patch(id, { saveError: null });
    return r;
  } catch (err) {
    useEncounters.getState().patch(id, { saveError: `Not saved: ${words(err) ?? explain(err, action)}` });
    return null;
  }
}

const creating = new Map<string, Promise<number | null>>();

/**
 * Creates the encounter in the store the first time something is saved, with its MRN, consent and the transcript the
 * draft's evidence indices point to. Resolves to the store id, or null (store locked, or the save failed). Saves that
 * come while the creation is under way wait for it rather than create the encounter twice.
 */
export function ensureSaved(id: string): Promise<number | null> {
  const e = enc(id);
  if (!storeOn() || !e) return Promise.resolve(null);
  if (e.storeId !== undefined) return Promise.resolve(e.storeId);
  const pending = creating.get(id);
  if (pending) return pending;
  const transcript = useVisit.getState().byId[id]?.transcript.trim();
  const mrn = e.mrn.trim();
  const run = (async () => {
    try {
      const r = await api['encounters.create']({
        patientLabel: e.label,
        ...(mrn ? { mrn } : {}),
        consent: e.consent,
        ...(transcript ? { transcript } : {}),
      });
      useEncounters.getState().patch(id, { storeId: r.id, saveError: null });
      return r.id;
    } catch (err) {
      useEncounters.getState().patch(id, { saveError: `Not saved: ${explain(err, 'save the encounter')}` });
      return null;
    } finally {
      creating.delete(id);
    }
  })();
  creating.set(id, run);
  return run;
}

const transcriptSaves = new Map<string, Promise<unknown>>();
const signedWords = (err: unknown) =>
  err instanceof ApiFailure && err.error.code === 'conflict' && /signed/.test(err.error.message)
    ? 'the note was already signed, so the saved transcript stays as it was when signed.'
    : null;

/**
 * Stores the corrected turns (speaker and text) of a saved encounter, replacing its transcript. Corrections made
 * before the first save travel with the encounter when it is created (or follow it, when made during the creation).
 * Saves of one encounter run one after another, so the store ends with the latest correction.
 */
export function saveTranscript(id: string): Promise<unknown> {
  // A correction made while the encounter is being created is saved once it exists (it may have missed the creation).
  const prev = Promise.all([transcriptSaves.get(id), creating.get(id)]);
  const next = prev.then(() => {
    const turns = useVisit.getState().byId[id]?.turns ?? [];
    if (turns.length === 0) return null;
    return guarded(
      id,
      'save the transcript correction',
      (storeId) =>
        api['encounters.saveTranscript']({
          id: storeId,
          turns: turns.map((t) => ({ speaker: t.speaker, text: t.text })),
        }),
      signedWords,
    );
  });
  transcriptSaves.set(id, next);
  void next.finally(() => {
    if (transcriptSaves.get(id) === next) transcriptSaves.delete(id);
  });
  return next;
}

// Whenever the turns change (a transcript pasted, parsed from a recording or an import, or corrected), the store
// gets them: a transcript pasted after a WAV import is otherwise lost, and the note's evidence points at nothing.
onTurnsChanged((id) => void saveTranscript(id));

/** Whether signing `id` needs the stored transcript checked first (saved encounter, unlocked store, known source). */
export function signOffNeedsCheck(id: string): boolean {
  return storeOn() && enc(id)?.storeId !== undefined && !!useVisit.getState().byId[id]?.draftSource;
}

/**
 * Checks, before sign-off, that the stored transcript is the one the draft was made from, as corrected in this window
 * (the same turns, so its evidence points at the right words). A transcript save that was missed or failed is made
 * again once; resolves to the refusal in words, or null.
 */
export async function checkSignOff(id: string): Promise<string | null> {
  const storeId = enc(id)?.storeId;
  const w = useVisit.getState().byId[id];
  if (!storeOn() || storeId === undefined || !w?.draftSource) return null;
  // Corrections keep the turns (speaker or text changed); other turns (more were parsed) need a new draft.
  if (w.turns.length !== w.draftSource.turns)
    return 'Not signed: the transcript changed after this draft was made. Regenerate the draft, then sign off.';
  const source = turnsKey(w.turns);
  const stored = async () => {
    await transcriptSaves.get(id);
    const d = await api['encounters.get']({ id: storeId });
    return turnsKey([...d.transcript].sort((a, b) => a.seq - b.seq));
  };
  try {
    if ((await stored()) === source) return null;
    await saveTranscript(id);
    if ((await stored()) === source) return null;
  } catch (err) {
    return `Not signed: ${explain(err, 'check the saved transcript')}`;
  }
  return (
    'Not signed: the saved transcript is not the one this draft was made from, so its evidence would point at the ' +
    'wrong words. See the message on the encounter, then try again.'
  );
}

export const saveConsent = (id: string) =>
  guarded(id, 'record the consent', (storeId) => api['encounters.consent']({ id: storeId, consent: true }));

/** The note as the clinician sees it: drafted sentences, with hand-edited sections in place of theirs. */
export function noteWithEdits(draft: NoteDraft, edits: Record<string, string>): NoteDraft {
  const sections = draft.sections.map((s) =>
    edits[s.id] === undefined ? s : { ...s, sentences: [{ text: edits[s.id]!, evidence: [], supported: true }] },
  );
  return { ...draft, sections, note: toPlain(sectionsText(draft.sections, edits)) };
}

export async function saveDraft(id: string) {
  const w = useVisit.getState().byId[id];
  if (!w?.draft || (await ensureSaved(id)) === null) return null;
  const draft = noteWithEdits(w.draft, w.edits);
  // The visit's full hint set is kept with the draft (issue 13), so open hints survive lock and reopen.
  const hints = useHints.getState().byId[id]?.items ?? [];
  return guarded(id, 'save the draft', (storeId) =>
    api['encounters.saveDraft']({ id: storeId, draft, ...(hints.length ? { hints } : {}) }),
  );
}

/** Saves the reviewed text as the latest draft, then signs it. */
export async function saveSignOff(id: string): Promise<void> {
  if ((await saveDraft(id)) === null) return;
  await guarded(id, 'record the sign-off', (storeId) => api['encounters.sign']({ id: storeId, reviewed: true }));
}

export const saveCopy = (id: string, scope: 'note' | 'section') =>
  guarded(id, 'record the copy', (storeId) => api['encounters.recordCopy']({ id: storeId, scope }));

export const saveHintDecision = async (
  id: string,
  hint: HintInfo,
  action: 'accept' | 'dismiss',
  reason?: DismissReason,
) =>
  (await ensureSaved(id)) === null
    ? null
    : guarded(id, 'record the hint decision', (storeId) =>
        api['hints.decide']({ encounterId: storeId, hint, action, ...(reason ? { reason } : {}) }),
      );
