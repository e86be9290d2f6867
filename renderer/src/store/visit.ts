/**
 * The working state of each open encounter: transcript text and turns, the drafted note, manual section edits and
 * the evidence selection. Every computation goes through the API (transcript.parse, note.draft).
 */
import { create } from 'zustand';
import { api, ApiFailure } from '../api';
import { explain } from '../lib/errors';
import { mapEdits, type UnplacedEdit } from '../lib/edit-map';
import { useAppStore } from './app';
import { fingerprint } from './signoff';
import type { DraftSection, NoteDraft, Selection, TemplateInfo, Turn } from '../lib/types';

export interface Workspace {
  transcript: string;
  turns: Turn[];
  templateId: string;
  draft: NoteDraft | null;
  /** Sections the clinician edited by hand: section id → text. Regenerating keeps these unless told otherwise. */
  edits: Record<string, string>;
  selection: Selection;
  busy: null | 'transcript' | 'draft';
  error: string | null;
  /** The transcript was corrected (speaker labels or turn text) after the draft was made. */
  stale: boolean;
  /** Hand edits kept from a draft with another template that have no equivalent section here (shown, never dropped). */
  unplaced: UnplacedEdit[];
  /**
   * The turns the draft was made from (their turnsKey and number; null: not known). At sign-off the store must hold
   * these turns, or corrections of them (same number of turns: the evidence indices still point at the same turns).
   */
  draftSource: { key: string; turns: number } | null;
  /**
   * The draft being written (issue 15): its operationId (app.cancel stops it) and the sections a generative engine
   * has streamed so far (note.draftProgress), each already checked by the verifier; null when no draft is running.
   */
  drafting: { operationId: string; sections: DraftSection[] } | null;
  /** A word about the last draft that is not an error (it was cancelled; the note is as it was). */
  notice: string | null;
}

export const emptyWorkspace = (): Workspace => ({
  transcript: '',
  turns: [],
  templateId: '',
  draft: null,
  edits: {},
  selection: null,
  busy: null,
  error: null,
  stale: false,
  unplaced: [],
  draftSource: null,
  drafting: null,
  notice: null,
});

/** A fingerprint of the turns (speaker and text, in order): equal keys mean the same transcript. */
export const turnsKey = (turns: Array<{ speaker: string; text: string }>): string =>
  fingerprint(turns.map((t) => `${t.speaker === 'unknown' ? 'other' : t.speaker}\u0000${t.text.trim()}`).join('\n'));

const turnListeners = new Set<(id: string) => void>();
/** Calls `fn` with the encounter id whenever its turns change (parsed, or corrected); returns the unsubscribe. */
export function onTurnsChanged(fn: (id: string) => void): () => void {
  turnListeners.add(fn);
  return () => turnListeners.delete(fn);
}
const turnsChanged = (id: string) => turnListeners.forEach((fn) => fn(id));

interface VisitState {
  byId: Record<string, Workspace>;
  templates: TemplateInfo[];
  templatesError: string | null;
  /** Whether `templates` was loaded while the store was unlocked (the clinician's own templates are listed then). */
  templatesUnlocked: boolean | null;
  loadTemplates(): Promise<void>;
  setTranscript(id: string, text: string): void;
  /** Parses the transcript into turns and drafts the note. Resolves to false when it failed (error is set). */
  submitTranscript(id: string): Promise<boolean>;
  /**
   * Drafts again with the current template; 'keep' carries manually edited sections over (to the equivalent section
   * when the template changed; edits with none are kept in `unplaced`).
   */
  redraft(id: string, edits: 'keep' | 'overwrite'): Promise<boolean>;
  setTemplate(id: string, templateId: string): void;
  select(id: string, selection: Selection): void;
  editSection(id: string, sectionId: string, text: string): void;
  revertSection(id: string, sectionId: string): void;
  /** Corrects the speaker of one turn; the transcript text is rewritten with one tagged line per turn. */
  setSpeaker(id: string, turnIndex: number, speaker: Turn['speaker']): void;
  /**
   * Corrects the text of one turn (line breaks become spaces: a turn is one line of the transcript). Returns false,
   * changing nothing, when the text is empty or unchanged.
   */
  setTurnText(id: string, turnIndex: number, text: string): boolean;
  /** Discards one edit that could not be placed (the clinician copied it, or does not need it). */
  discardUnplaced(id: string, index: number): void;
  /** Stops the draft being written (app.cancel); the note stays as it was. */
  cancelDraft(id: string): Promise<void>;
}

/** The transcript text for turns: one tagged line per turn, which transcript.parse reads back as the same turns. */
export const transcriptOf = (turns: Turn[]): string =>
  turns.map((t) => `[${t.speaker === 'unknown' ? 'other' : t.speaker}] ${t.text}`).join('\n');

const ws = (s: VisitState, id: string) => s.byId[id] ?? emptyWorkspace();

export const useVisit = create<VisitState>((set, get) => {
  const patch = (id: string, p: Partial<Workspace>) =>
    set((s) => ({ byId: { ...s.byId, [id]: { ...ws(s, id), ...p } } }));

  const draftNow = async (id: string, keepEdits: boolean): Promise<boolean> => {
    const w = ws(get(), id);
    if (!w.transcript.trim()) {
      patch(id, { error: 'Paste or record a transcript first.' });
      return false;
    }
    // Named so Cancel can stop it; a generative engine streams its sections under this name (note.draftProgress).
    const operationId = crypto.randomUUID();
    patch(id, { busy: 'draft', error: null, notice: null, drafting: { operationId, sections: [] } });
    const off = api.on('note.draftProgress', (p) => {
      const now = ws(get(), id).drafting;
      if (p.operationId !== operationId || now?.operationId !== operationId || p.done || !p.section) return;
      const section: DraftSection = { id: p.section, title: p.title, sentences: p.sentences };
      patch(id, {
        drafting: { operationId, sections: [...now.sections.filter((x) => x.id !== p.section), section] },
      });
    });
    // A first draft uses the default template chosen in Settings (kept in the store, so only while it is open).
    const app = useAppStore.getState();
    const template = w.templateId || (app.storeUnlocked ? (app.settings?.defaultTemplate ?? '') : '');
    try {
      const draft = await api['note.draft']({
        transcript: w.transcript,
        ...(template ? { template } : {}),
        operationId,
      });
      const mapped = keepEdits ? mapEdits(w.edits, w.draft?.sections ?? [], draft.sections) : null;
      patch(id, {
        draft,
        templateId: w.templateId || draft.template,
        edits: mapped?.edits ?? {},
        unplaced: [...(keepEdits ? w.unplaced : []), ...(mapped?.unplaced ?? [])],
        draftSource: { key: turnsKey(w.turns), turns: w.turns.length },
        busy: null,
        selection: null,
        stale: false,
        drafting: null,
      });
      return true;
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'cancelled')
        patch(id, {
          busy: null,
          drafting: null,
          notice: w.draft ? 'Drafting cancelled: the note is as it was.' : 'Drafting cancelled.',
        });
      else patch(id, { busy: null, drafting: null, error: explain(err, 'draft the note') });
      return false;
    } finally {
      off();
    }
  };

  const parseAndDraft = async (id: string, keepEdits: boolean): Promise<boolean> => {
    const w = ws(get(), id);
    if (!w.transcript.trim()) {
      patch(id, { error: 'The transcript is empty. Paste the conversation, one turn per line.' });
      return false;
    }
    patch(id, { busy: 'transcript', error: null });
    try {
      const parsed = await api['transcript.parse']({ transcript: w.transcript });
      if (parsed.turns.length === 0) {
        patch(id, { busy: null, error: 'No speech turns were found in the transcript.' });
        return false;
      }
      patch(id, { turns: parsed.turns, busy: null });
      turnsChanged(id);
    } catch (err) {
      patch(id, { busy: null, error: explain(err, 'read the transcript') });
      return false;
    }
    return draftNow(id, keepEdits);
  };

  return {
    byId: {},
    templates: [],
    templatesError: null,
    templatesUnlocked: null,
    async loadTemplates() {
      const unlocked = useAppStore.getState().storeUnlocked;
      try {
        set({ templates: await api['note.templates']({}), templatesError: null, templatesUnlocked: unlocked });
      } catch (err) {
        set({ templatesError: explain(err, 'load the note templates') });
      }
    },
    setTranscript(id, transcript) {
      patch(id, { transcript });
    },
    submitTranscript(id) {
      return parseAndDraft(id, true);
    },
    redraft(id, edits) {
      return ws(get(), id).stale ? parseAndDraft(id, edits === 'keep') : draftNow(id, edits === 'keep');
    },
    setSpeaker(id, turnIndex, speaker) {
      const w = ws(get(), id);
      const turns = w.turns.map((t) => (t.index === turnIndex ? { ...t, speaker } : t));
      patch(id, { turns, transcript: transcriptOf(turns), stale: true });
      turnsChanged(id);
    },
    setTurnText(id, turnIndex, text) {
      const w = ws(get(), id);
      const clean = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
      const turn = w.turns.find((t) => t.index === turnIndex);
      if (!turn || !clean || clean === turn.text) return false;
      const turns = w.turns.map((t) => (t.index === turnIndex ? { ...t, text: clean } : t));
      patch(id, { turns, transcript: transcriptOf(turns), stale: true });
      turnsChanged(id);
      return true;
    },

    setTemplate(id, templateId) {
      patch(id, { templateId });
    },
    select(id, selection) {
      patch(id, { selection });
    },
    editSection(id, sectionId, text) {
      const w = ws(get(), id);
      patch(id, { edits: { ...w.edits, [sectionId]: text } });
    },
    discardUnplaced(id, index) {
      patch(id, { unplaced: ws(get(), id).unplaced.filter((_, i) => i !== index) });
    },
    async cancelDraft(id) {
      const operationId = ws(get(), id).drafting?.operationId;
      if (!operationId) return;
      try {
        // The draft's own reply (code 'cancelled') ends it; false here means it had already finished.
        await api['app.cancel']({ operationId });
      } catch (err) {
        patch(id, { error: explain(err, 'cancel the draft') });
      }
    },
    revertSection(id, sectionId) {
      const w = ws(get(), id);
      const edits = { ...w.edits };
      delete edits[sectionId];
      patch(id, { edits });
    },
  };
});

/** Turn indices supporting the selection, and the sentence keys a selected turn supports. */
export function highlights(w: Workspace): { turns: Set<number>; sentences: Set<string> } {
  const turns = new Set<number>();
  const sentences = new Set<string>();
  const sel = w.selection;
  if (!sel || !w.draft) return { turns, sentences };
  for (const section of w.draft.sections) {
    if (w.edits[section.id] !== undefined) continue;
    section.sentences.forEach((s, i) => {
      const key = `${section.id}:${i}`;
      if (sel.kind === 'sentence' && sel.key === key) {
        s.evidence.forEach((t) => turns.add(t));
        sentences.add(key);
      }
      if (sel.kind === 'turn' && s.evidence.includes(sel.index)) sentences.add(key);
    });
  }
  if (sel.kind === 'turn') turns.add(sel.index);
  return { turns, sentences };
}
