// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule } from './fake-api';
import { draft, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { TranscriptPanel } = await import('../../../renderer/src/components/TranscriptPanel');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');

const ID = 'enc-1';

function seed() {
  useVisit.setState({
    byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft, templateId: 'outpatient' } },
  });
  useAppStore.setState({ expanded: true });
}

const highlightedTurns = () =>
  screen
    .getAllByTestId('turn')
    .filter((t) => t.dataset.highlighted === 'true')
    .map((t) => t.textContent);
const highlightedSentences = () =>
  screen
    .getAllByTestId('sentence')
    .filter((s) => s.dataset.highlighted === 'true')
    .map((s) => s.textContent);

describe('draft view evidence highlighting', () => {
  beforeEach(seed);
  afterEach(cleanup);

  it('clicking a sentence highlights its evidence turns and quotes them', () => {
    render(
      <>
        <TranscriptPanel encounterId={ID} />
        <DraftPanel encounterId={ID} />
      </>,
    );
    expect(highlightedTurns()).toEqual([]);
    fireEvent.click(screen.getByText('The patient denies fever.'));
    expect(highlightedTurns()).toEqual(['Clinician · turn 3Any fever?', 'Patient · turn 4No fever, but I feel tired.']);
    const region = screen.getByRole('region', { name: 'Evidence for the selected sentence' });
    expect(
      within(region)
        .getAllByTestId('evidence-quote')
        .map((q) => q.textContent),
    ).toEqual(['“Any fever?”', '“No fever, but I feel tired.”']);
    expect(screen.getByText('The patient denies fever.').getAttribute('aria-pressed')).toBe('true');
    // clicking it again clears the selection
    fireEvent.click(screen.getByText('The patient denies fever.'));
    expect(highlightedTurns()).toEqual([]);
  });

  it('clicking a turn highlights the sentences it supports', () => {
    render(
      <>
        <TranscriptPanel encounterId={ID} />
        <DraftPanel encounterId={ID} />
      </>,
    );
    fireEvent.click(screen.getByText('No fever, but I feel tired.'));
    expect(highlightedSentences()).toEqual(['The patient denies fever.', 'Fatigue is reported.']);
    expect(screen.getByText('Supports 2 sentences in the note.')).toBeTruthy();
    fireEvent.click(screen.getByText('What brings you in today?'));
    expect(highlightedSentences()).toEqual([]);
    expect(screen.getByText('No sentence in the note cites this turn.')).toBeTruthy();
  });

  it('sentences are keyboard-operable', () => {
    render(<DraftPanel encounterId={ID} />);
    const s = screen.getByText('Cough for one week.');
    expect(s.getAttribute('role')).toBe('button');
    expect(s.tabIndex).toBe(0);
    fireEvent.keyDown(s, { key: 'Enter' });
    expect(s.getAttribute('aria-pressed')).toBe('true');
  });

  it('marks unsupported sentences and says so when one is selected', () => {
    render(<DraftPanel encounterId={ID} />);
    const s = screen.getByText('Chest X-ray was normal.');
    expect(s.className).toContain('unsupported');
    expect(s.textContent).toContain('unsupported: No transcript turn supports this sentence');
    expect(screen.getByText('1 unsupported sentence')).toBeTruthy();
    fireEvent.click(s);
    expect(screen.getByText(/check it before signing/)).toBeTruthy();
  });

  it("shows the verifier's problems for an unsupported sentence, in words, on hover and when selected", () => {
    const flagged = {
      ...draft,
      sections: draft.sections.map((sec) =>
        sec.id !== 'hpi'
          ? sec
          : {
              ...sec,
              sentences: [
                {
                  text: 'The patient reports fever.',
                  evidence: [2, 3],
                  supported: false,
                  problems: [{ kind: 'polarity' as const, detail: 'fever was denied in the visit, not reported' }],
                },
              ],
            },
      ),
    };
    useVisit.setState({
      byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft: flagged, templateId: 'outpatient' } },
    });
    render(<DraftPanel encounterId={ID} />);
    const s = screen.getByText('The patient reports fever.');
    expect(s.className).toContain('unsupported');
    expect(s.getAttribute('title')).toBe('Check it: Denied vs reported — fever was denied in the visit, not reported.');
    fireEvent.click(s);
    const box = screen.getByTestId('sentence-problems');
    expect(box.textContent).toContain('Check before signing:');
    expect(box.textContent).toContain('Denied vs reported: fever was denied in the visit, not reported');
  });

  it('an edited section drops its sentence links and can be reverted', () => {
    render(<DraftPanel encounterId={ID} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }));
    const box = screen.getByLabelText('CHIEF COMPLAINT text');
    fireEvent.change(box, { target: { value: 'Persistent cough, 7 days.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Done editing CHIEF COMPLAINT' }));
    expect(screen.getByText('Persistent cough, 7 days.')).toBeTruthy();
    expect(screen.queryByText('Cough for one week.')).toBeNull();
    expect(screen.getByText('Edited')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }));
    fireEvent.click(screen.getByRole('button', { name: 'Undo my edits to this section' }));
    expect(screen.getByText('Cough for one week.')).toBeTruthy();
  });
});
