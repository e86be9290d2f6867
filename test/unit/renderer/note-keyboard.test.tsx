// @vitest-environment jsdom
/** Keyboard in the note (issue 17): the sentences are one tab stop; arrows, Home and End move between them. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule } from './fake-api';
import { draft, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useStickyInset } = await import('../../../renderer/src/lib/keyboard');

const ID = 'enc-1';
const sentences = () => screen.getAllByTestId('sentence');
const stops = () => sentences().filter((s) => s.tabIndex === 0);

beforeEach(() =>
  useVisit.setState({
    byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft, templateId: 'outpatient' } },
  }),
);
afterEach(cleanup);

describe('note sentences: one tab stop', () => {
  it('only the first sentence is tabbable; arrows move across sections and carry the tab stop', () => {
    render(<DraftPanel encounterId={ID} />);
    expect(sentences()).toHaveLength(4);
    expect(stops().map((s) => s.textContent)).toEqual(['Cough for one week.']);
    sentences()[0]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('The patient denies fever.'); // the next section
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe('Fatigue is reported.');
    expect(stops().map((s) => s.textContent)).toEqual(['Fatigue is reported.']);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toMatch(/^Chest X-ray was normal\./);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' }); // stays at the last
    expect(document.activeElement?.textContent).toMatch(/^Chest X-ray/);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.textContent).toBe('Cough for one week.');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' }); // stays at the first
    expect(document.activeElement?.textContent).toBe('Cough for one week.');
  });

  it('Enter selects the focused sentence (its evidence shows); the arrows are explained to screen readers', () => {
    render(<DraftPanel encounterId={ID} />);
    sentences()[0]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement?.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('region', { name: 'Evidence for the selected sentence' })).toBeTruthy();
    const hint = document.getElementById(document.activeElement!.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/Arrow keys move between the note’s sentences/);
  });

  it('Tab enters at the selected sentence; an edited section drops out of the sentence stops', () => {
    useVisit.setState((s) => ({
      byId: { [ID]: { ...s.byId[ID]!, selection: { kind: 'sentence', key: 'hpi:1' } } },
    }));
    render(<DraftPanel encounterId={ID} />);
    expect(stops().map((s) => s.textContent)).toEqual(['Fatigue is reported.']);
    useVisit.getState().editSection(ID, 'hpi', 'Rewritten by hand.');
    cleanup();
    render(<DraftPanel encounterId={ID} />);
    expect(sentences().map((s) => s.textContent)).toEqual(['Cough for one week.']);
    expect(stops()).toHaveLength(1);
  });
});

describe('sticky bars never cover the focused element', () => {
  const rect = (top: number, bottom: number) => ({ top, bottom, left: 0, right: 400, height: bottom - top }) as DOMRect;
  function Page() {
    const bar = useStickyInset('bottom');
    return (
      <>
        <button type="button">Covered</button>
        <div ref={bar} data-testid="bar">
          <button type="button">In the bar</button>
        </div>
      </>
    );
  }

  it('publishes the bar height as scroll padding and scrolls a covered element clear of the bar', () => {
    let top = 550; // under the bar (500–600) until scrolled
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      if (this.dataset.testid === 'bar') return rect(500, 600);
      if (this.textContent === 'In the bar') return rect(520, 550);
      return rect(top, top + 30);
    });
    try {
      render(<Page />);
      expect(document.documentElement.style.getPropertyValue('--sticky-bottom')).toBe('100px');
      const covered = screen.getByRole('button', { name: 'Covered' });
      covered.scrollIntoView = vi.fn(() => {
        top = 460;
      });
      covered.focus();
      expect(covered.scrollIntoView).toHaveBeenCalledWith({ block: 'nearest', inline: 'nearest' });
      // an element inside the bar is not covered by it; one clear of it is left alone
      const inBar = screen.getByRole('button', { name: 'In the bar' });
      inBar.scrollIntoView = vi.fn();
      inBar.focus();
      expect(inBar.scrollIntoView).not.toHaveBeenCalled();
      covered.scrollIntoView = vi.fn();
      covered.focus(); // now at 460–490
      expect(covered.scrollIntoView).not.toHaveBeenCalled();
      cleanup();
      expect(document.documentElement.style.getPropertyValue('--sticky-bottom')).toBe('');
    } finally {
      spy.mockRestore();
    }
  });
});
