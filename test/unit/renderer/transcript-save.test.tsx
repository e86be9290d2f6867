// @vitest-environment jsdom
/**
 * Issue 17: a transcript pasted after a WAV import is saved (whenever the turns change), and sign-off refuses while
 * the stored transcript is not the one the draft was made from.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi } from './fake-api';
import { draft, encounter, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { TranscriptPanel } = await import('../../../renderer/src/components/TranscriptPanel');
const { SignOffBar } = await import('../../../renderer/src/components/SignOffBar');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useSignOff } = await import('../../../renderer/src/store/signoff');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');

const ID = 'enc-wav';
const pasted = turns.map((t) => `[${t.speaker}] ${t.text}`).join('\n');
/** An encounters.get answer holding these turns (the rest of the detail is not read by the sign-off check). */
const stored = (ts: Array<{ speaker: string; text: string }>) => ({
  transcript: ts.map((t, seq) => ({ id: seq + 1, seq, speaker: t.speaker, startMs: null, endMs: null, text: t.text })),
});

beforeEach(() => {
  // The WAV import created the encounter in the store (id 7); it found no speech, so the transcript is empty.
  useEncounters.setState({ items: [encounter(ID, { status: 'new', storeId: 7 })], activeId: ID, query: '' });
  useVisit.setState({ byId: { [ID]: emptyWorkspace() } });
  useSignOff.setState({ byId: {}, notices: {} });
  useAppStore.setState({ storeUnlocked: true, expanded: true });
  fakeApi['transcript.parse'].mockReset();
  fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
  fakeApi['note.draft'].mockReset();
  fakeApi['note.draft'].mockResolvedValue(draft);
  for (const k of ['encounters.saveTranscript', 'encounters.sign', 'encounters.get', 'encounters.create'] as const)
    fakeApi[k].mockClear();
  fakeApi['encounters.get'].mockReset();
});
afterEach(cleanup);

async function pasteAndDraft() {
  render(<TranscriptPanel encounterId={ID} />);
  fireEvent.change(screen.getByLabelText('Or paste the visit transcript'), { target: { value: pasted } });
  fireEvent.click(screen.getByRole('button', { name: 'Draft the note' }));
  await waitFor(() => expect(useVisit.getState().byId[ID]!.draft).not.toBeNull());
  cleanup();
}

const signOff = () => {
  render(<SignOffBar encounterId={ID} />);
  fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
  fireEvent.click(screen.getByRole('button', { name: 'Sign off' }));
};

describe('a transcript pasted after a WAV import', () => {
  it('is saved to the encounter the import created', async () => {
    await pasteAndDraft();
    await waitFor(() => expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledTimes(1));
    expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledWith({
      id: 7,
      turns: turns.map((t) => ({ speaker: t.speaker, text: t.text })),
    });
    expect(fakeApi['encounters.create']).not.toHaveBeenCalled();
  });

  it('sign-off goes ahead when the stored transcript is the one the draft was made from', async () => {
    await pasteAndDraft();
    fakeApi['encounters.get'].mockResolvedValue(stored(turns));
    signOff();
    await waitFor(() => expect(fakeApi['encounters.sign']).toHaveBeenCalledWith({ id: 7, reviewed: true }));
    expect(useSignOff.getState().byId[ID]).toBeDefined();
  });

  it('sign-off saves a missed transcript again, and refuses while the store still holds another one', async () => {
    await pasteAndDraft();
    fakeApi['encounters.saveTranscript'].mockClear();
    // The store holds the words of another transcript, whatever is saved.
    fakeApi['encounters.get'].mockResolvedValue(stored([{ speaker: 'doctor', text: 'Something else.' }]));
    signOff();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Not signed: the saved transcript is not the one this draft was made from/);
    expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledTimes(1); // one attempt to put it right
    expect(fakeApi['encounters.sign']).not.toHaveBeenCalled();
    expect(useSignOff.getState().byId[ID]).toBeUndefined();
    expect((screen.getByRole('button', { name: 'Copy note' }) as HTMLButtonElement).disabled).toBe(true);
    expect(alert.textContent).not.toMatch(/cough/i); // no transcript words in the message

    // Once the store holds the draft's transcript (the re-save reached it), signing goes ahead.
    fakeApi['encounters.get'].mockResolvedValueOnce(stored([])).mockResolvedValueOnce(stored(turns));
    fireEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    await waitFor(() => expect(fakeApi['encounters.sign']).toHaveBeenCalledWith({ id: 7, reviewed: true }));
    expect(screen.queryByText(/^Not signed/)).toBeNull();
  });

  it('a corrected turn is signed once the store holds the correction', async () => {
    await pasteAndDraft();
    useVisit.getState().setTurnText(ID, 3, 'No fever at all.');
    const corrected = useVisit.getState().byId[ID]!.turns;
    await waitFor(() => expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledTimes(2));
    expect(fakeApi['encounters.saveTranscript'].mock.calls[1]![0].turns[3]).toEqual({
      speaker: 'patient',
      text: 'No fever at all.',
    });
    // The store still holding the uncorrected turns would be refused; holding the correction, it is signed.
    fakeApi['encounters.get'].mockResolvedValue(stored(corrected));
    signOff();
    await waitFor(() => expect(fakeApi['encounters.sign']).toHaveBeenCalledWith({ id: 7, reviewed: true }));
  });

  it('refuses when the transcript has other turns than the draft was made from (the new draft failed)', async () => {
    await pasteAndDraft();
    // More words came in (a recording appended), were parsed, but drafting them failed: the draft is the old one.
    fakeApi['transcript.parse'].mockResolvedValueOnce({
      format: 'bracket-tags',
      turns: [...turns, { index: 4, speaker: 'doctor', text: 'Let us check your chest.' }],
    });
    fakeApi['note.draft'].mockRejectedValueOnce(new Error('drafter down'));
    useVisit.getState().setTranscript(ID, `${pasted}\n[doctor] Let us check your chest.`);
    expect(await useVisit.getState().submitTranscript(ID)).toBe(false);
    fakeApi['encounters.get'].mockResolvedValue(stored(useVisit.getState().byId[ID]!.turns));
    signOff();
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Not signed: the transcript changed after this draft was made\. Regenerate the draft, then sign off\.$/,
    );
    expect(fakeApi['encounters.sign']).not.toHaveBeenCalled();
  });
});
