// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi } from './fake-api';
import { hints, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { HintsPanel } = await import('../../../renderer/src/components/HintsPanel');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { ApiFailure } = await import('./fake-api');

const ID = 'enc-1';

beforeEach(() => {
  useHints.setState({ byId: { [ID]: { items: hints, decisions: {}, loading: false, error: null } } });
  useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), turns } } });
  useAppStore.setState({ expanded: false, tab: 'hints' });
});
afterEach(cleanup);

const openList = () => within(screen.getByRole('list', { name: 'Open hints' }));

describe('hints panel', () => {
  it('shows severity, title, basis and source for each hint', () => {
    render(<HintsPanel encounterId={ID} />);
    const cards = openList().getAllByTestId('hint');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByText('Critical')).toBeTruthy();
    expect(within(cards[0]!).getByRole('heading').textContent).toBe('Possible red flag');
    expect(within(cards[0]!).getByText('Something found in turn 2.')).toBeTruthy();
    expect(within(cards[0]!).getByText('Source: A guideline')).toBeTruthy();
  });

  it('dismissing needs a reason; the decision is recorded and the hint moves to Decided', () => {
    render(<HintsPanel encounterId={ID} />);
    const card = openList().getAllByTestId('hint')[1]!;
    fireEvent.click(within(card).getByRole('button', { name: 'Dismiss…' }));
    const submit = within(card).getByRole('button', { name: 'Dismiss hint' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(card).getByLabelText('Reason for dismissing'), { target: { value: 'other' } });
    fireEvent.change(within(card).getByLabelText('Say why (optional)'), { target: { value: 'Coded elsewhere' } });
    fireEvent.click(submit);
    const d = useHints.getState().byId[ID]!.decisions['diagnosis-code-000000000002'];
    expect(d).toMatchObject({ status: 'dismissed', reason: 'other', note: 'Coded elsewhere' });
    expect(openList().getAllByTestId('hint')).toHaveLength(1);
    const decided = within(screen.getByRole('list', { name: 'Decided hints' })).getByTestId('hint');
    expect(decided.textContent).toContain('Dismissed: Other');
    fireEvent.click(within(decided).getByRole('button', { name: 'Reopen' }));
    expect(openList().getAllByTestId('hint')).toHaveLength(2);
  });

  it('cancelling a dismissal records nothing; accept records acceptance', () => {
    render(<HintsPanel encounterId={ID} />);
    const card = openList().getAllByTestId('hint')[0]!;
    fireEvent.click(within(card).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));
    expect(useHints.getState().byId[ID]!.decisions).toEqual({});
    fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    expect(useHints.getState().byId[ID]!.decisions['red-flag-000000000001']?.status).toBe('accepted');
  });

  it('jump to evidence selects the turn and shows the transcript', () => {
    render(<HintsPanel encounterId={ID} />);
    fireEvent.click(openList().getAllByRole('button', { name: 'Show evidence (turn 2)' })[0]!);
    expect(useVisit.getState().byId[ID]!.selection).toEqual({ kind: 'turn', index: 1 });
    expect(useAppStore.getState().tab).toBe('transcript');
  });

  it('keeps decisions on recompute for hints still found, and explains a failure in words', async () => {
    useHints.getState().accept(ID, 'red-flag-000000000001');
    useHints.getState().accept(ID, 'diagnosis-code-000000000002');
    fakeApi['hints.compute'].mockResolvedValueOnce([hints[0]!] as never);
    await useHints.getState().compute(ID, 'x');
    expect(Object.keys(useHints.getState().byId[ID]!.decisions)).toEqual(['red-flag-000000000001']);
    fakeApi['hints.compute'].mockRejectedValueOnce(
      new ApiFailure('hints.compute', { code: 'unavailable', message: 'x' }),
    );
    await useHints.getState().compute(ID, 'x');
    render(<HintsPanel encounterId={ID} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not check the visit for hints. Bedside is not responding. Check that the app is still running, then try again.',
    );
  });
});
