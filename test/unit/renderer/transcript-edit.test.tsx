// @vitest-environment jsdom
/**
 * Correcting a turn's text (and speaker) in the transcript panel: keyboard operable, marks the draft out of date, and
 * is saved in the encrypted store once the encounter is there (before that, it travels with the encounter's creation).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure, fakeApi } from './fake-api';
import { draft, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { TranscriptPanel } = await import('../../../renderer/src/components/TranscriptPanel');
const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { useVisit, emptyWorkspace, transcriptOf } = await import('../../../renderer/src/store/visit');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { ensureSaved, saveTranscript } = await import('../../../renderer/src/lib/persist');

const ID = 'enc-1';
const now = new Date().toISOString();

function seed(over: { storeId?: number; status?: 'drafted' | 'signed'; unlocked?: boolean } = {}) {
  useVisit.setState({
    byId: { [ID]: { ...emptyWorkspace(), transcript: transcriptOf(turns), turns, draft, templateId: 'outpatient' } },
  });
  useEncounters.setState({
    items: [
      {
        id: ID,
        label: 'Bed 4',
        mrn: 'A-1',
        consent: true,
        consentAt: now,
        startedAt: now,
        status: over.status ?? 'drafted',
        ...(over.storeId !== undefined ? { storeId: over.storeId } : {}),
      },
    ],
    activeId: ID,
    query: '',
  });
  useAppStore.setState({ expanded: true, storeUnlocked: over.unlocked ?? true });
}

const turnText = () => screen.getAllByTestId('turn').map((t) => t.textContent);

beforeEach(() => {
  for (const k of ['encounters.saveTranscript', 'encounters.create'] as const) fakeApi[k].mockClear();
});
afterEach(cleanup);

describe('correcting a turn of the transcript', () => {
  it('opens an editor from the keyboard, Escape cancels and focus returns to "Edit text"', async () => {
    seed({ storeId: 7 });
    render(<TranscriptPanel encounterId={ID} />);
    expect(screen.queryByRole('button', { name: 'Edit text' })).toBeNull(); // only for the selected turn
    fireEvent.click(screen.getAllByTestId('turn')[2]!);
    const edit = screen.getByRole('button', { name: 'Edit text' });
    fireEvent.click(edit);
    const box = screen.getByLabelText('Turn text') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    expect(box.value).toBe('Any fever?');
    fireEvent.change(box, { target: { value: 'Any chills?' } });
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByLabelText('Turn text')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit text' }));
    expect(turnText()[2]).toBe('Clinician · turn 3Any fever?');
    expect(useVisit.getState().byId[ID]!.stale).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Edit text' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(useVisit.getState().byId[ID]!.turns).toEqual(turns);
    expect(fakeApi['encounters.saveTranscript']).not.toHaveBeenCalled();
  });

  it('saves the corrected text: the turn changes, the draft is marked out of date, the store gets all turns', async () => {
    seed({ storeId: 7 });
    render(
      <>
        <TranscriptPanel encounterId={ID} />
        <DraftPanel encounterId={ID} />
      </>,
    );
    fireEvent.click(screen.getAllByTestId('turn')[2]!);
    fireEvent.click(screen.getByRole('button', { name: 'Edit text' }));
    const box = screen.getByLabelText('Turn text');
    fireEvent.change(box, { target: { value: '  Any fever\nor chills?  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save text' }));
    expect(turnText()[2]).toBe('Clinician · turn 3Any fever or chills?');
    const w = useVisit.getState().byId[ID]!;
    expect(w.stale).toBe(true);
    expect(w.transcript.split('\n')[2]).toBe('[doctor] Any fever or chills?');
    expect(screen.getByText(/You corrected the transcript\. Regenerate the draft/)).toBeTruthy();
    await waitFor(() => expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledTimes(1));
    expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledWith({
      id: 7,
      turns: [
        { speaker: 'doctor', text: 'What brings you in today?' },
        { speaker: 'patient', text: 'I have had a cough for a week.' },
        { speaker: 'doctor', text: 'Any fever or chills?' },
        { speaker: 'patient', text: 'No fever, but I feel tired.' },
      ],
    });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit text' }));
  });

  it('an empty text cannot be saved, and an unchanged one is not sent', async () => {
    seed({ storeId: 7 });
    render(<TranscriptPanel encounterId={ID} />);
    fireEvent.click(screen.getAllByTestId('turn')[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Edit text' }));
    fireEvent.change(screen.getByLabelText('Turn text'), { target: { value: '   ' } });
    expect((screen.getByRole('button', { name: 'Save text' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Turn text'), { target: { value: 'What brings you in today? ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save text' }));
    expect(useVisit.getState().byId[ID]!.stale).toBe(false);
    await act(async () => undefined);
    expect(fakeApi['encounters.saveTranscript']).not.toHaveBeenCalled();
  });

  it('speaker corrections are saved the same way', async () => {
    seed({ storeId: 7 });
    render(<TranscriptPanel encounterId={ID} />);
    fireEvent.click(screen.getAllByTestId('turn')[1]!);
    fireEvent.change(screen.getByLabelText('Speaker'), { target: { value: 'other' } });
    await waitFor(() => expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledTimes(1));
    const sent = fakeApi['encounters.saveTranscript'].mock.calls[0]![0];
    expect(sent.turns[1]).toEqual({ speaker: 'other', text: 'I have had a cough for a week.' });
  });

  it('quick successive corrections are saved in order, so the store ends with the latest', async () => {
    seed({ storeId: 7 });
    const order: string[] = [];
    let release!: () => void;
    fakeApi['encounters.saveTranscript'].mockImplementationOnce(async (p) => {
      await new Promise<void>((r) => (release = r));
      order.push((p.turns[0] as { text: string }).text);
      return { id: 7, segments: 4, changed: 1 };
    });
    fakeApi['encounters.saveTranscript'].mockImplementationOnce(async (p) => {
      order.push((p.turns[0] as { text: string }).text);
      return { id: 7, segments: 4, changed: 1 };
    });
    useVisit.getState().setTurnText(ID, 0, 'First.');
    const a = saveTranscript(ID);
    await act(async () => undefined);
    useVisit.getState().setTurnText(ID, 0, 'Second.');
    const b = saveTranscript(ID);
    await act(async () => undefined);
    expect(fakeApi['encounters.saveTranscript']).toHaveBeenCalledTimes(1); // the second waits for the first
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['First.', 'Second.']);
  });

  it('before the encounter is saved nothing is sent; the correction travels with its creation', async () => {
    seed({});
    useVisit.getState().setTurnText(ID, 3, 'No fever at all.');
    expect(await saveTranscript(ID)).toBeNull();
    expect(fakeApi['encounters.saveTranscript']).not.toHaveBeenCalled();
    expect(await ensureSaved(ID)).toBe(7);
    const created = fakeApi['encounters.create'].mock.calls[0]![0] as { transcript: string; mrn: string };
    expect(created.transcript.split('\n')[3]).toBe('[patient] No fever at all.');
    expect(created.mrn).toBe('A-1');
  });

  it('a correction made while the encounter is being created follows it; the encounter is created once', async () => {
    seed({});
    let finishCreate!: () => void;
    fakeApi['encounters.create'].mockImplementationOnce(async () => {
      await new Promise<void>((r) => (finishCreate = r));
      return { id: 7, segments: 4 };
    });
    const first = ensureSaved(ID);
    const second = ensureSaved(ID); // e.g. the draft and a hint decision saved at once
    useVisit.getState().setTurnText(ID, 0, 'Corrected meanwhile.');
    const save = saveTranscript(ID);
    await act(async () => undefined);
    expect(fakeApi['encounters.saveTranscript']).not.toHaveBeenCalled();
    finishCreate();
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    await save;
    expect(fakeApi['encounters.create']).toHaveBeenCalledTimes(1);
    const sent = fakeApi['encounters.saveTranscript'].mock.calls[0]![0];
    expect(sent).toMatchObject({ id: 7, turns: [{ speaker: 'doctor', text: 'Corrected meanwhile.' }, {}, {}, {}] });
  });

  it('a signed note keeps its transcript: no editor, speaker fixed; a store refusal is explained', async () => {
    seed({ storeId: 7, status: 'signed' });
    render(<TranscriptPanel encounterId={ID} />);
    fireEvent.click(screen.getAllByTestId('turn')[1]!);
    expect(screen.queryByRole('button', { name: 'Edit text' })).toBeNull();
    expect((screen.getByLabelText('Speaker') as HTMLSelectElement).disabled).toBe(true);

    fakeApi['encounters.saveTranscript'].mockRejectedValueOnce(
      new ApiFailure('encounters.saveTranscript', {
        code: 'conflict',
        message: 'Encounter 7 is signed; its transcript can no longer be corrected.',
      }),
    );
    await saveTranscript(ID);
    expect(useEncounters.getState().items[0]!.saveError).toBe(
      'Not saved: the note was already signed, so the saved transcript stays as it was when signed.',
    );
  });
});
