/** Stop recording (or finish transcribing imported audio), then turn the segments into the transcript and draft. */
import { useAppStore } from '../store/app';
import { saveDraft } from './persist';
import { useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { segmentsToTranscript, useRecorder, type LiveSegment } from '../store/recorder';
import { useVisit } from '../store/visit';

export async function stopAndDraft(): Promise<void> {
  const encounterId = useRecorder.getState().encounterId;
  const segments = await useRecorder.getState().stop();
  if (encounterId) await draftFromSegments(encounterId, segments);
}

/**
 * Appends the segments to the encounter's transcript and drafts the note, as a pasted transcript would be.
 * Resolves to false when the segments hold no words (nothing changes then).
 */
export async function draftFromSegments(encounterId: string, segments: LiveSegment[]): Promise<boolean> {
  const text = segmentsToTranscript(segments);
  if (!text) return false;
  const visit = useVisit.getState();
  const { setStatus } = useEncounters.getState();
  const before = visit.byId[encounterId]?.transcript.trim() ?? '';
  visit.setTranscript(encounterId, before ? `${before}\n${text}` : text);
  setStatus(encounterId, 'transcript');
  if (await visit.submitTranscript(encounterId)) {
    setStatus(encounterId, 'drafted');
    void saveDraft(encounterId);
    const app = useAppStore.getState();
    if (!app.expanded) app.setTab('note');
    void useHints.getState().compute(encounterId, useVisit.getState().byId[encounterId]?.transcript ?? '');
  }
  return true;
}
