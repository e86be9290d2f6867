// @vitest-environment jsdom
/**
 * Hints follow the visit (issue 13): a corrected transcript recomputes them (decisions on hints still found kept),
 * and an open critical alert is named at sign-off.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi } from '../renderer/fake-api';
import { draft, encounter, hints, turns } from '../renderer/fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { SignOffBar } = await import('../../../renderer/src/components/SignOffBar');
const { useVisit, emptyWorkspace, transcriptOf } = await import('../../../renderer/src/store/visit');
const { useHints, RECOMPUTE_DELAY_MS } = await import('../../../renderer/src/store/hints');
const { useSignOff } = await import('../../../renderer/src/store/signoff');
const { useEncounters } = await import('../../../renderer/src/store/encounters');

const ID = 'enc-13';

beforeEach(() => {
  useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), transcript: transcriptOf(turns), turns, draft } } });
  useHints.setState({ byId: { [ID]: { items: hints, decisions: {}, loading: false, error: null } } });
  useSignOff.setState({ byId: {}, notices: {} });
  useEncounters.setState({ items: [encounter(ID, { status: 'drafted' })] });
  fakeApi['hints.compute'].mockClear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('hints follow the visit', () => {
  it('recompute once after the clinician corrects a turn, keeping decisions on hints still found', async () => {
    vi.useFakeTimers();
    useHints.getState().accept(ID, hints[0]!.id);
    fakeApi['hints.compute'].mockResolvedValueOnce([hints[0]!] as never);
    expect(useVisit.getState().setTurnText(ID, 1, 'I have had a cough and chest pain for a week.')).toBe(true);
    useVisit.getState().setTurnText(ID, 3, 'No fever.');
    expect(fakeApi['hints.compute']).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RECOMPUTE_DELAY_MS + 10);
    expect(fakeApi['hints.compute']).toHaveBeenCalledTimes(1);
    expect(fakeApi['hints.compute'].mock.calls[0]![0]).toMatchObject({
      transcript: expect.stringContaining('chest pain'),
    });
    const set = useHints.getState().byId[ID]!;
    expect(set.items.map((h) => h.id)).toEqual([hints[0]!.id]);
    expect(set.decisions[hints[0]!.id]?.status).toBe('accepted');
  });

  it('names each open critical alert at sign-off', () => {
    render(<SignOffBar encounterId={ID} />);
    const list = screen.getByRole('list', { name: 'Open critical hints' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Possible red flag']);
  });
});
