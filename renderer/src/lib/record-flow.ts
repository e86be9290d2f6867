/** Stop recording, then turn the final segments into the encounter's transcript and draft the note. */
import { useAppStore } from '../store/app';
import { saveDraft } from './persist';
import { useEncounters } from '../store/encounters';
import { useHints } from '../store/hints';
import { segmentsToTranscript, useRecorder } from '../store/recorder';
import { useVisit } from '../store/visit';

export async function stopAndDraft(): Promise<void> {
  const encounterId = useRecorder.getState().encounterId;
  const segments = await useRecorder.getState().stop();
  const text = segmentsToTranscript(segments);
  if (!encounterId || !text) return;
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
}
