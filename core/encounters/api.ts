/**
 * The encounter workflow over the encrypted store, for the UI: create with consent, store drafts, sign after review,
 * record copies, and keep the clinician's decisions on hints. Every change is audited by the store (ids only).
 */
import { userInfo } from 'node:os';
import { parseTranscript } from '../clinical/index.js';
import type { Handlers } from '../api/dispatcher.js';
import { ApiError } from '../api/errors.js';
import { storeArgsForDecision, type HintDecision } from '../hints/decisions.js';
import type { AsyncStore } from '../store/client.js';
import { StoreInputError } from '../store/errors.js';
import { segmentsOf } from './store-visit.js';

export type EncounterMethod =
  | 'encounters.create'
  | 'encounters.consent'
  | 'encounters.saveTranscript'
  | 'encounters.saveDraft'
  | 'encounters.sign'
  | 'encounters.recordCopy'
  | 'encounters.recoverRecording'
  | 'hints.decide';

/** The signer recorded with a signed note: this workstation's user account (staff, not patient data). */
function signerId(): string {
  let name = 'clinician';
  try {
    name = userInfo().username || name;
  } catch {
    // no user database entry (some containers): keep the generic id
  }
  return `user:${name.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 70)}`;
}

/** Store input errors (wrong state, missing row) become `conflict`/`not_found` replies with the store's own words. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StoreInputError)
      throw new ApiError(/^no (encounter|hint|patient)/.test(err.message) ? 'not_found' : 'conflict', err.message);
    throw err;
  }
}

export function createEncounterHandlers(store: () => AsyncStore): Pick<Handlers, EncounterMethod> {
  const existing = async (id: number) => {
    const e = await store().getEncounter(id);
    if (!e) throw new ApiError('not_found', `No encounter with id ${id}.`);
    return e;
  };
  return {
    'encounters.create': ({ patientLabel, mrn, consent, transcript }) =>
      guarded(async () => {
        const s = store();
        const turns = transcript ? segmentsOf(parseTranscript(transcript)) : [];
        if (transcript && turns.length === 0) throw new ApiError('invalid_params', 'The transcript has no text.');
        // Same MRN: same patient; same label with another MRN (or none): another patient (see findOrCreatePatient).
        const patientId = await s.findOrCreatePatient({ label: patientLabel, mrn: mrn ?? null });
        const id = await s.createEncounter({ patientId, consent });
        if (turns.length) await s.addTranscriptSegments(id, turns);
        return { id, segments: turns.length };
      }),
    'encounters.consent': ({ id, consent }) =>
      guarded(async () => {
        await existing(id);
        await store().recordConsent(id, consent);
        return { id, consent };
      }),
    // The store audits the change by encounter id only; the turns' text never leaves it.
    'encounters.saveTranscript': ({ id, turns }) =>
      guarded(async () => {
        const e = await existing(id);
        if (e.signed || e.status === 'signed')
          throw new ApiError('conflict', `Encounter ${id} is signed; its transcript can no longer be corrected.`);
        const changed = await store().replaceTranscript(
          id,
          turns.map((t) => ({ speaker: t.speaker, text: t.text })),
        );
        return { id, segments: turns.length, changed };
      }),
    'encounters.saveDraft': ({ id, draft, hints }) =>
      guarded(async () => {
        const e = await existing(id);
        const saved = await store().saveDraft(id, { templateId: draft.template, body: draft });
        // The full hint set travels with the draft (issue 13): a hint not stored yet (stable id) is stored open, so
        // open hints survive lock and reopen; stored ones keep their decisions.
        const have = new Set(e.hints.map((h) => (h.body as { id?: unknown } | null)?.id));
        for (const h of hints ?? []) if (!have.has(h.id)) await store().addHint(id, h.kind, h);
        return saved;
      }),
    'encounters.sign': ({ id }) =>
      guarded(async () => {
        await existing(id);
        const signedBy = signerId();
        const r = await store().signNote(id, signedBy);
        return { ...r, signedBy };
      }),
    // The audit row names the signed note; whether the whole note or one section was copied carries no patient data.
    'encounters.recordCopy': ({ id }) =>
      guarded(async () => {
        const e = await existing(id);
        if (!e.signed)
          throw new ApiError('conflict', 'Sign the note ("I have reviewed this draft") before copying it.');
        const signed = e.notes.find((n) => n.kind === 'signed');
        await store().audit('copy', 'note', signed?.id ?? id);
        return { recorded: true as const };
      }),
    'encounters.recoverRecording': ({ id }) =>
      guarded(async () => {
        const before = await existing(id);
        if (before.status !== 'recording')
          throw new ApiError('conflict', `Encounter ${id} has no interrupted recording (it is ${before.status}).`);
        await store().recoverRecording(id);
        const e = await existing(id);
        return {
          id: e.id,
          patientId: e.patientId,
          patientLabel: e.patientLabel,
          mrn: e.mrn,
          status: e.status,
          consent: e.consent,
          startedAt: e.startedAt,
          endedAt: e.endedAt,
          segments: e.segments,
          audioSeconds: e.audioSeconds,
          latestNoteVersion: e.latestNoteVersion,
          signed: e.signed,
        };
      }),
    'hints.decide': ({ encounterId, hint, action, reason }) =>
      guarded(async () => {
        if (action === 'dismiss' && !reason)
          throw new ApiError(
            'invalid_params',
            'Invalid parameters for hints.decide: reason: a dismissal needs a reason',
            [{ path: 'reason', message: 'a dismissal needs a reason' }],
          );
        const e = await existing(encounterId);
        // The same hint (stable id from the engine) is stored once per encounter; a later decision replaces the first.
        const stored = e.hints.find((h) => (h.body as { id?: unknown } | null)?.id === hint.id);
        const hintId = stored?.id ?? (await store().addHint(encounterId, hint.kind, hint));
        const decision: HintDecision =
          action === 'accept' ? { hintId, action: 'accept' } : { hintId, action: 'dismiss', reason: reason! };
        const args = storeArgsForDecision(decision);
        await store().decideHint(args.hintId, args.status, args.reason);
        return { hintId, status: args.status };
      }),
  };
}
