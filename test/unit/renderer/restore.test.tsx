// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure, fakeApi } from './fake-api';
import { draft, hints, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { EncounterList } = await import('../../../renderer/src/components/EncounterList');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useVisit } = await import('../../../renderer/src/store/visit');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useSignOff, isSigned } = await import('../../../renderer/src/store/signoff');
const { sectionsText, toPlain } = await import('../../../renderer/src/lib/note-text');

const now = new Date().toISOString();
const summary = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  patientId: 1,
  patientLabel: `Bed ${id}`,
  mrn: null,
  status: 'drafted',
  consent: true,
  startedAt: now,
  endedAt: null,
  segments: 4,
  audioSeconds: 0,
  latestNoteVersion: 1,
  signed: false,
  ...over,
});

beforeEach(() => {
  useEncounters.setState({ items: [], activeId: null, query: '' });
  useVisit.setState({ byId: {} });
  useHints.setState({ byId: {} });
  useSignOff.setState({ byId: {}, notices: {} });
  useAppStore.setState({ storeUnlocked: true, screen: 'encounters' });
  for (const k of ['encounters.list', 'encounters.get', 'encounters.recoverRecording'] as const) fakeApi[k].mockReset();
  fakeApi['encounters.list'].mockResolvedValue([]);
});
afterEach(cleanup);

describe('encounters saved in the encrypted store, after a restart', () => {
  it('are merged into the list when the store is unlocked, without duplicating ones in this window', async () => {
    useEncounters.setState({
      items: [
        {
          id: 'local-1',
          label: 'Bed 7',
          mrn: '',
          consent: true,
          consentAt: now,
          startedAt: now,
          status: 'drafted',
          storeId: 7,
        },
      ],
    });
    fakeApi['encounters.list'].mockResolvedValue([
      summary(7),
      summary(8, { status: 'signed', signed: true, mrn: 'M-8' }),
    ]);
    render(<EncounterList />);
    await screen.findByText('Bed 8');
    expect(screen.getByText(/MRN M-8/)).toBeTruthy();
    expect(screen.getAllByText('Bed 7')).toHaveLength(1);
    const items = useEncounters.getState().items;
    expect(items.map((e) => e.storeId)).toEqual([7, 8]);
    expect(items[1]).toMatchObject({
      label: 'Bed 8',
      mrn: 'M-8',
      status: 'signed',
      consent: true,
      startedAt: now,
      storeId: 8,
    });
  });

  it('shows why they could not be loaded', async () => {
    fakeApi['encounters.list'].mockRejectedValue(
      new ApiFailure('encounters.list', { code: 'locked', message: 'The encrypted store is locked.' }),
    );
    render(<EncounterList />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not load the saved encounters\./);
  });

  it('reopening one fills the workspace: transcript, latest note, sign-off and hint decisions', async () => {
    fakeApi['encounters.list'].mockResolvedValue([summary(9, { status: 'signed', signed: true })]);
    fakeApi['encounters.get'].mockResolvedValue({
      ...summary(9, { status: 'signed', signed: true }),
      consentAt: now,
      dateOfBirth: null,
      transcript: turns.map((t, i) => ({
        id: 100 + i,
        seq: t.index,
        speaker: t.speaker,
        startMs: null,
        endMs: null,
        text: t.text,
      })),
      notes: [
        {
          id: 1,
          version: 1,
          kind: 'draft',
          templateId: 'outpatient',
          body: { ...draft, note: 'old' },
          createdAt: now,
          signedBy: null,
          signedAt: null,
        },
        {
          id: 2,
          version: 2,
          kind: 'signed',
          templateId: 'outpatient',
          body: draft,
          createdAt: now,
          signedBy: 'user:x',
          signedAt: now,
        },
      ],
      hints: [
        {
          id: 1,
          kind: hints[0]!.kind,
          status: 'dismissed',
          body: hints[0],
          dismissReason: 'incorrect',
          createdAt: now,
        },
        ...(hints[1]
          ? [{ id: 2, kind: hints[1].kind, status: 'accepted', body: hints[1], dismissReason: null, createdAt: now }]
          : []),
      ],
    });
    render(<EncounterList />);
    fireEvent.click(await screen.findByText('Bed 9'));
    const id = 'store-9';
    await waitFor(() => expect(useVisit.getState().byId[id]).toBeDefined());
    expect(fakeApi['encounters.get']).toHaveBeenCalledWith({ id: 9 });
    const w = useVisit.getState().byId[id]!;
    expect(w.transcript.split('\n')).toEqual(turns.map((t) => `[${t.speaker}] ${t.text}`));
    expect(w.turns.map((t) => t.index)).toEqual([0, 1, 2, 3]);
    expect(w.draft).toEqual(draft);
    expect(isSigned(useSignOff.getState().byId[id], toPlain(sectionsText(draft.sections, {})))).toBe(true);
    const hs = useHints.getState().byId[id]!;
    expect(hs.decisions[hints[0]!.id]).toMatchObject({ status: 'dismissed', reason: 'incorrect' });
    if (hints[1]) expect(hs.decisions[hints[1].id]).toMatchObject({ status: 'accepted' });
    expect(useAppStore.getState().screen).toBe('encounter');

    // Opened again in this window: the workspace is not fetched twice.
    useAppStore.setState({ screen: 'encounters' });
    fireEvent.click(screen.getByText('Bed 9'));
    expect(fakeApi['encounters.get']).toHaveBeenCalledTimes(1);
  });

  it('an open (unsigned) visit gets its hints back from its transcript, even those never saved with a draft', async () => {
    fakeApi['encounters.list'].mockResolvedValue([summary(12)]);
    fakeApi['encounters.get'].mockResolvedValue({
      ...summary(12),
      consentAt: now,
      dateOfBirth: null,
      transcript: turns.map((t, i) => ({
        id: 200 + i,
        seq: t.index,
        speaker: t.speaker,
        startMs: null,
        endMs: null,
        text: t.text,
      })),
      notes: [],
      hints: [],
    });
    fakeApi['hints.compute'].mockResolvedValueOnce(hints as never);
    render(<EncounterList />);
    fireEvent.click(await screen.findByText('Bed 12'));
    await waitFor(() => expect(useHints.getState().byId['store-12']?.items).toEqual(hints));
    expect(fakeApi['hints.compute']).toHaveBeenCalledWith(
      expect.objectContaining({ transcript: turns.map((t) => `[${t.speaker}] ${t.text}`).join('\n') }),
    );
  });

  it('offers an interrupted recording for recovery, with errors in words', async () => {
    fakeApi['encounters.list'].mockResolvedValue([
      summary(11, { status: 'recording', segments: 0, latestNoteVersion: null, audioSeconds: 12 }),
    ]);
    fakeApi['encounters.recoverRecording']
      .mockRejectedValueOnce(
        new ApiFailure('encounters.recoverRecording', { code: 'locked', message: 'The encrypted store is locked.' }),
      )
      .mockResolvedValueOnce(summary(11, { status: 'recorded', segments: 0, latestNoteVersion: null }));
    render(<EncounterList />);
    const button = await screen.findByRole('button', { name: 'Recover recording of Bed 11' });
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Could not recover the recording\. Bedside is locked/,
    );
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole('button', { name: /Recover recording/ })).toBeNull());
    expect(fakeApi['encounters.recoverRecording']).toHaveBeenLastCalledWith({ id: 11 });
    expect(useEncounters.getState().items[0]).toMatchObject({ interrupted: false, status: 'new' });
  });
});
