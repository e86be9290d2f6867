/**
 * Bringing back what the encrypted store holds after a restart: the encounters list (merged with the ones already in
 * this window, matched on the store id), and one stored encounter's transcript, latest note, sign-off and hint
 * decisions when the clinician opens it. Interrupted recordings can be recovered (what was captured is kept).
 */
import { api } from '../api';
import { explain } from './errors';
import { sectionsText, toPlain } from './note-text';
import type { DismissReason, HintInfo, NoteDraft, Turn } from './types';
import type { Result } from '../../../core/api/types';
import { useEncounters, type EncounterStatus, type EncounterSummary } from '../store/encounters';
import { useHints, type HintDecision } from '../store/hints';
import { fingerprint, useSignOff } from '../store/signoff';
import { emptyWorkspace, transcriptOf, turnsKey, useVisit } from '../store/visit';

type StoredSummary = Result<'encounters.list'>[number];
type StoredDetail = Result<'encounters.get'>;

const SPEAKERS = new Set<Turn['speaker']>(['doctor', 'patient', 'other', 'unknown']);

function statusOf(e: StoredSummary): EncounterStatus {
  if (e.signed || e.status === 'signed') return 'signed';
  if (e.status === 'drafted' || e.latestNoteVersion !== null) return 'drafted';
  return e.segments > 0 ? 'transcript' : 'new';
}

export function fromStored(e: StoredSummary): EncounterSummary {
  return {
    id: `store-${e.id}`,
    label: e.patientLabel,
    mrn: e.mrn ?? '',
    consent: e.consent,
    consentAt: null,
    startedAt: e.startedAt,
    status: statusOf(e),
    storeId: e.id,
    // Loaded at unlock, so no recording of this window is among them: a stored 'recording' was interrupted.
    interrupted: e.status === 'recording',
  };
}

/** Loads the stored encounters into the list; ones already in this window (same store id) are not duplicated. */
export async function loadStoredEncounters(): Promise<string | null> {
  try {
    const stored = await api['encounters.list']({});
    useEncounters.setState((s) => {
      const known = new Set(s.items.map((e) => e.storeId).filter((id) => id !== undefined));
      const added = stored.filter((e) => !known.has(e.id)).map(fromStored);
      return { items: [...s.items, ...added] };
    });
    return null;
  } catch (err) {
    return explain(err, 'load the saved encounters');
  }
}

/** Turns the stored encounter into this window's workspace, sign-off and hint decisions. */
export function applyStored(id: string, d: StoredDetail): void {
  const segs = [...d.transcript].sort((a, b) => a.seq - b.seq);
  const turns: Turn[] = segs.map((s) => ({
    index: s.seq,
    speaker: SPEAKERS.has(s.speaker as Turn['speaker']) ? (s.speaker as Turn['speaker']) : 'unknown',
    text: s.text,
    ...(s.startMs !== null ? { start: s.startMs / 1000 } : {}),
    ...(s.endMs !== null ? { end: s.endMs / 1000 } : {}),
  }));
  const transcript = transcriptOf(turns);
  const latest = [...d.notes].sort((a, b) => b.version - a.version)[0];
  const draft = (latest?.body as NoteDraft | undefined) ?? null;
  useVisit.setState((s) => ({
    byId: {
      ...s.byId,
      [id]: {
        ...emptyWorkspace(),
        transcript,
        turns,
        draft,
        templateId: draft?.template ?? latest?.templateId ?? '',
        // What was stored is taken as what the stored draft was made from.
        draftSource: draft ? { key: turnsKey(turns), turns: turns.length } : null,
      },
    },
  }));
  if (draft && (d.signed || latest?.kind === 'signed')) {
    const plain = toPlain(sectionsText(draft.sections, {}));
    const at = latest?.signedAt ?? new Date().toISOString();
    useSignOff.setState((s) => ({ byId: { ...s.byId, [id]: { at, noteHash: fingerprint(plain) } } }));
  }
  const items: HintInfo[] = [];
  const decisions: Record<string, HintDecision> = {};
  for (const h of d.hints) {
    const body = h.body as HintInfo | null;
    if (!body || typeof body.id !== 'string') continue;
    items.push(body);
    if (h.status === 'accepted') decisions[body.id] = { status: 'accepted', at: h.createdAt };
    if (h.status === 'dismissed')
      decisions[body.id] = {
        status: 'dismissed',
        ...(h.dismissReason ? { reason: h.dismissReason as DismissReason } : {}),
        at: h.createdAt,
      };
  }
  useHints.setState((s) => ({ byId: { ...s.byId, [id]: { items, decisions, loading: false, error: null } } }));
  // Hints follow the visit (issue 13): an open visit's hints are recomputed from its stored transcript, so hints
  // that were shown but not yet saved with a draft come back after lock and reopen; decisions on hints still found
  // are kept. A signed visit keeps the set it was signed with.
  if (transcript.trim() && !d.signed && latest?.kind !== 'signed') void useHints.getState().compute(id, transcript);
  useEncounters.getState().patch(id, {
    status: statusOf(d),
    consent: d.consent,
    consentAt: d.consentAt,
    loadError: null,
  });
}

/** Opens a stored encounter: fetched from the store unless its workspace is already in this window. */
export async function openStored(id: string): Promise<void> {
  const e = useEncounters.getState().items.find((x) => x.id === id);
  if (!e || e.storeId === undefined || useVisit.getState().byId[id]) return;
  try {
    applyStored(id, await api['encounters.get']({ id: e.storeId }));
  } catch (err) {
    useEncounters.getState().patch(id, { loadError: explain(err, 'open the saved encounter') });
  }
}

/** Keeps what an interrupted recording captured; resolves to an error in words, or null. */
export async function recoverRecording(id: string): Promise<string | null> {
  const e = useEncounters.getState().items.find((x) => x.id === id);
  if (e?.storeId === undefined) return 'This encounter is not saved in the encrypted store.';
  try {
    const r = await api['encounters.recoverRecording']({ id: e.storeId });
    useEncounters.getState().patch(id, { interrupted: false, status: statusOf(r) });
    return null;
  } catch (err) {
    return explain(err, 'recover the recording');
  }
}
