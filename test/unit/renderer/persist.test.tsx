// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure, fakeApi } from './fake-api';
import { draft, hints, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { EncounterList } = await import('../../../renderer/src/components/EncounterList');
const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { HintsPanel } = await import('../../../renderer/src/components/HintsPanel');
const { EncounterView } = await import('../../../renderer/src/components/EncounterView');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useSignOff } = await import('../../../renderer/src/store/signoff');
const { noteWithEdits } = await import('../../../renderer/src/lib/persist');

beforeEach(() => {
  useEncounters.setState({ items: [], activeId: null, query: '' });
  useSignOff.setState({ byId: {}, notices: {} });
  useAppStore.setState({ storeUnlocked: true, screen: 'encounters', expanded: true });
  for (const k of ['encounters.create', 'encounters.saveDraft', 'encounters.sign', 'hints.decide'] as const)
    fakeApi[k].mockClear();
});
afterEach(cleanup);

async function newEncounter() {
  render(<EncounterList />);
  fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
  fireEvent.change(screen.getByLabelText('Patient label (optional)'), { target: { value: 'Bed 4' } });
  fireEvent.click(screen.getByLabelText('The patient agreed to this visit being recorded'));
  fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
  cleanup();
  expect(fakeApi['encounters.create']).not.toHaveBeenCalled(); // created with its transcript, at the first save
  const id = useEncounters.getState().items[0]!.id;
  useVisit.setState({ byId: { [id]: { ...emptyWorkspace(), transcript: 'x', turns, draft } } });
  return id;
}

describe('saving in the encrypted store when it is unlocked', () => {
  it('creates the encounter with its consent, saves the reviewed draft and then signs it', async () => {
    const id = await newEncounter();
    render(<DraftPanel encounterId={id} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }));
    fireEvent.change(screen.getByLabelText('CHIEF COMPLAINT text'), { target: { value: 'Mine.' } });
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    await waitFor(() => expect(fakeApi['encounters.sign']).toHaveBeenCalledWith({ id: 7, reviewed: true }));
    expect(fakeApi['encounters.create']).toHaveBeenCalledWith({
      patientLabel: 'Bed 4',
      consent: true,
      transcript: 'x',
    });
    expect(useEncounters.getState().items[0]!.storeId).toBe(7);
    const saved = fakeApi['encounters.saveDraft'].mock.calls.at(-1)![0] as { id: number; draft: typeof draft };
    expect(saved.id).toBe(7);
    expect(saved.draft.sections[0]!.sentences).toEqual([{ text: 'Mine.', evidence: [], supported: true }]);
    expect(saved.draft.note).toMatch(/^CHIEF COMPLAINT\nMine\.\n\nHISTORY/);
  });

  it('records hint decisions with the hint and reason', async () => {
    const id = await newEncounter();
    useHints.setState({ byId: { [id]: { items: hints, decisions: {}, loading: false, error: null } } });
    render(<HintsPanel encounterId={id} />);
    const card = within(screen.getByRole('list', { name: 'Open hints' })).getAllByTestId('hint')[0]!;
    fireEvent.click(within(card).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.change(within(card).getByLabelText('Reason for dismissing'), { target: { value: 'incorrect' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Dismiss hint' }));
    await waitFor(() =>
      expect(fakeApi['hints.decide']).toHaveBeenCalledWith({
        encounterId: 7,
        hint: hints[0],
        action: 'dismiss',
        reason: 'incorrect',
      }),
    );
  });

  it('a failed save is shown on the encounter in words, and the work goes on', async () => {
    const id = await newEncounter();
    useEncounters.getState().open(id);
    fakeApi['encounters.saveDraft'].mockRejectedValueOnce(
      new ApiFailure('encounters.saveDraft', { code: 'locked', message: 'The encrypted store is locked.' }),
    );
    render(<EncounterView />);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not saved: Could not save the draft. Bedside is locked. Unlock it with your passphrase to continue.',
    );
    expect(fakeApi['encounters.sign']).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Copy note' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('nothing is sent while the store is locked', async () => {
    useAppStore.setState({ storeUnlocked: false });
    render(<EncounterList />);
    expect(screen.getByText(/the encrypted store is locked/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New encounter' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start encounter' }));
    expect(fakeApi['encounters.create']).not.toHaveBeenCalled();
    expect(noteWithEdits(draft, {}).sections).toEqual(draft.sections);
  });
});
