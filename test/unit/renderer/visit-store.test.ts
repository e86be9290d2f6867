import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi, ApiFailure } from './fake-api';
import { draft, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

// Loaded the way the app loads them (the app store first): store/hints subscribes to the visit store when loaded.
await import('../../../renderer/src/store/app');
const { useVisit } = await import('../../../renderer/src/store/visit');
const ID = 'e1';

beforeEach(() => {
  useVisit.setState({ byId: {} });
  fakeApi['transcript.parse'].mockReset();
  fakeApi['note.draft'].mockReset();
});

describe('visit store', () => {
  it('parses and drafts through the API', async () => {
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
    fakeApi['note.draft'].mockResolvedValue(draft);
    useVisit.getState().setTranscript(ID, '[doctor] hi');
    expect(await useVisit.getState().submitTranscript(ID)).toBe(true);
    expect(fakeApi['transcript.parse']).toHaveBeenCalledWith({ transcript: '[doctor] hi' });
    expect(fakeApi['note.draft']).toHaveBeenCalledWith({ transcript: '[doctor] hi', operationId: expect.any(String) });
    const w = useVisit.getState().byId[ID]!;
    expect(w.turns).toHaveLength(4);
    expect(w.draft?.sections).toHaveLength(2);
    expect(w.templateId).toBe('outpatient');
  });

  it('refuses an empty transcript without calling the API', async () => {
    expect(await useVisit.getState().submitTranscript(ID)).toBe(false);
    expect(useVisit.getState().byId[ID]!.error).toMatch(/transcript is empty/);
    expect(fakeApi['transcript.parse']).not.toHaveBeenCalled();
  });

  it('keeps or replaces manual edits when regenerating with another template', async () => {
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
    fakeApi['note.draft'].mockResolvedValue(draft);
    useVisit.getState().setTranscript(ID, 'x');
    await useVisit.getState().submitTranscript(ID);
    useVisit.getState().editSection(ID, 'cc', 'Mine.');
    useVisit.getState().setTemplate(ID, 'soap');
    await useVisit.getState().redraft(ID, 'keep');
    expect(fakeApi['note.draft']).toHaveBeenLastCalledWith({
      transcript: 'x',
      template: 'soap',
      operationId: expect.any(String),
    });
    expect(useVisit.getState().byId[ID]!.edits).toEqual({ cc: 'Mine.' });
    await useVisit.getState().redraft(ID, 'overwrite');
    expect(useVisit.getState().byId[ID]!.edits).toEqual({});
  });

  it('shows a drafting failure in words', async () => {
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'untagged', turns });
    fakeApi['note.draft'].mockRejectedValue(
      new ApiFailure('note.draft', { code: 'invalid_params', message: 'The transcript has no text.' }),
    );
    useVisit.getState().setTranscript(ID, 'x');
    expect(await useVisit.getState().submitTranscript(ID)).toBe(false);
    expect(useVisit.getState().byId[ID]!.error).toBe('Could not draft the note: The transcript has no text.');
    expect(useVisit.getState().byId[ID]!.busy).toBeNull();
  });
});

describe('speaker correction', () => {
  it('rewrites the transcript with tagged turns and re-reads it on regenerate', async () => {
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
    fakeApi['note.draft'].mockResolvedValue(draft);
    useVisit.getState().setTranscript(ID, 'x');
    await useVisit.getState().submitTranscript(ID);
    useVisit.getState().setSpeaker(ID, 1, 'other');
    const w = useVisit.getState().byId[ID]!;
    expect(w.stale).toBe(true);
    expect(w.turns[1]!.speaker).toBe('other');
    expect(w.transcript.split('\n')).toEqual([
      '[doctor] What brings you in today?',
      '[other] I have had a cough for a week.',
      '[doctor] Any fever?',
      '[patient] No fever, but I feel tired.',
    ]);
    fakeApi['transcript.parse'].mockClear();
    await useVisit.getState().redraft(ID, 'keep');
    expect(fakeApi['transcript.parse']).toHaveBeenCalledWith({ transcript: w.transcript });
    expect(useVisit.getState().byId[ID]!.stale).toBe(false);
  });
});
