/**
 * Saving one visit into the encrypted store: patient, encounter, transcript turns, the drafted note (evidence as turn
 * indices, which equal the stored segments' seq numbers) and, when given, its hints. One transaction: all or nothing.
 * Shared by `bedside encounters import` and `bedside demo`.
 */
import type { Draft, Transcript } from '../clinical/index.js';
import type { Hint } from '../hints/index.js';
import type { SegmentInput, StoreEngine } from '../store/index.js';

export interface VisitToStore {
  patientLabel: string;
  /** The medical record number, when known: the same MRN files the visit under the same patient. */
  mrn?: string | null;
  dateOfBirth?: string | null;
  startedAt?: string;
  consent?: boolean;
  transcript: Transcript;
  draft: Draft;
  hints?: Hint[];
}

export function segmentsOf(transcript: Transcript): SegmentInput[] {
  return transcript.turns.map((t) => ({
    speaker: t.speaker,
    startMs: typeof t.start === 'number' ? Math.round(t.start * 1000) : null,
    endMs: typeof t.end === 'number' ? Math.round(t.end * 1000) : null,
    text: t.text,
  }));
}

/** Returns the new encounter's id. */
export function storeVisit(engine: StoreEngine, visit: VisitToStore): number {
  return engine.db
    .transaction(() => {
      const patientId = engine.findOrCreatePatient({
        label: visit.patientLabel,
        mrn: visit.mrn ?? null,
        dateOfBirth: visit.dateOfBirth ?? null,
      });
      const encounterId = engine.createEncounter({
        patientId,
        ...(visit.startedAt ? { startedAt: visit.startedAt } : {}),
        ...(visit.consent !== undefined ? { consent: visit.consent } : {}),
      });
      engine.addTranscriptSegments(encounterId, segmentsOf(visit.transcript));
      engine.saveDraft(encounterId, { templateId: visit.draft.template, body: visit.draft });
      for (const hint of visit.hints ?? []) engine.addHint(encounterId, hint.kind, hint);
      return encounterId;
    })
    .immediate();
}
