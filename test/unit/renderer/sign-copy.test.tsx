// @vitest-environment jsdom
/** Issue 17's faster path: Sign & copy, the clipboard format choice, the shortcuts and their help sheet (`?`). */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useCallback, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi } from './fake-api';
import { draft, encounter, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { ShortcutHelp } = await import('../../../renderer/src/components/ShortcutHelp');
const { useShortcuts, matchShortcut } = await import('../../../renderer/src/lib/shortcuts');
const { useCopyFormat, COPY_FORMAT_KEY } = await import('../../../renderer/src/lib/copy-format');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useSignOff } = await import('../../../renderer/src/store/signoff');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useAppStore } = await import('../../../renderer/src/store/app');

const ID = 'enc-1';
const writeText = vi.fn(async (_t: string) => {});
const write = vi.fn(async (_items: unknown[]) => {});
class FakeClipboardItem {
  constructor(readonly items: Record<string, Blob>) {}
}
const blobText = (b: Blob | undefined) =>
  new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.readAsText(b!);
  });

/** The note with the app's shortcut listener and help sheet, as App mounts them. */
function Screen() {
  const [help, setHelp] = useState(false);
  useShortcuts(
    !help,
    useCallback(() => setHelp(true), []),
  );
  return (
    <>
      <DraftPanel encounterId={ID} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </>
  );
}

beforeEach(() => {
  localStorage.clear();
  useCopyFormat.setState({ format: 'rich' });
  useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft } } });
  useSignOff.setState({ byId: {}, notices: {} });
  useHints.setState({ byId: {} });
  useEncounters.setState({ items: [encounter(ID, { status: 'drafted', storeId: 7 })], activeId: ID });
  useAppStore.setState({ storeUnlocked: true, screen: 'encounter', expanded: true });
  for (const k of ['encounters.saveDraft', 'encounters.sign', 'encounters.recordCopy', 'note.draft'] as const)
    fakeApi[k].mockClear();
  writeText.mockReset();
  write.mockReset();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText, write }, configurable: true });
  vi.stubGlobal('ClipboardItem', FakeClipboardItem);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const key = (init: KeyboardEventInit) => fireEvent.keyDown(document.activeElement ?? document.body, init);

describe('Sign & copy', () => {
  it('needs the review confirmation, records the sign-off and then the copy, and copies rich text', async () => {
    let release!: () => void;
    fakeApi['encounters.sign'].mockImplementationOnce(
      () => new Promise((r) => (release = () => r({ signed: true }))) as never,
    );
    render(<DraftPanel encounterId={ID} />);
    const signCopy = screen.getByRole('button', { name: 'Sign & copy' }) as HTMLButtonElement;
    expect(signCopy.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(signCopy);
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    const item = write.mock.calls[0]![0][0] as FakeClipboardItem;
    expect(await blobText(item.items['text/plain'])).toMatch(/^CHIEF COMPLAINT\nCough for one week\.\n\nHISTORY/);
    expect(await blobText(item.items['text/html'])).toContain('<h3>CHIEF COMPLAINT</h3>');
    await waitFor(() => expect(fakeApi['encounters.sign']).toHaveBeenCalledWith({ id: 7, reviewed: true }));
    // The store refuses a copy of an unsigned note: the copy is recorded only once the sign-off is.
    await new Promise((r) => setTimeout(r, 20));
    expect(fakeApi['encounters.recordCopy']).not.toHaveBeenCalled();
    release();
    await waitFor(() => expect(fakeApi['encounters.recordCopy']).toHaveBeenCalledWith({ id: 7, scope: 'note' }));
    await screen.findByText(/The whole note was copied \(plain and formatted text\)/);
    expect(useEncounters.getState().items[0]!.status).toBe('signed');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy note' })));
  });

  it('copies plain text for EHR fields when chosen, and the choice is kept on this computer', async () => {
    render(<DraftPanel encounterId={ID} />);
    fireEvent.change(screen.getByLabelText('Clipboard format'), { target: { value: 'plain' } });
    expect(localStorage.getItem(COPY_FORMAT_KEY)).toBe('plain');
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign & copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(write).not.toHaveBeenCalled();
    expect(writeText.mock.calls[0]![0]).toBe(
      'CHIEF COMPLAINT\nCough for one week.\n\nHISTORY OF PRESENT ILLNESS\n' +
        'The patient denies fever. Fatigue is reported. Chest X-ray was normal.',
    );
    await screen.findByText(/The whole note was copied as plain text for an EHR field/);
    fireEvent.click(screen.getByRole('button', { name: 'Copy CHIEF COMPLAINT' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('Cough for one week.'));
    await waitFor(() => expect(fakeApi['encounters.recordCopy']).toHaveBeenLastCalledWith({ id: 7, scope: 'section' }));
  });
});

describe('shortcuts', () => {
  it('match only outside text boxes, except the Ctrl/Cmd chords', () => {
    const area = document.createElement('textarea');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const k = (over: Partial<KeyboardEvent>) => ({
      key: '',
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      ...over,
    });
    expect(matchShortcut(k({ key: 'Enter', ctrlKey: true }), area)).toBe('draft');
    expect(matchShortcut(k({ key: 'Enter', metaKey: true, shiftKey: true }), area)).toBe('sign-copy');
    expect(matchShortcut(k({ key: 'ArrowDown', altKey: true }), area)).toBeNull();
    expect(matchShortcut(k({ key: 'ArrowDown', altKey: true }), box)).toBe('next-section');
    expect(matchShortcut(k({ key: 'ArrowUp', altKey: true }), null)).toBe('prev-section');
    expect(matchShortcut(k({ key: '?', shiftKey: true }), area)).toBeNull();
    expect(matchShortcut(k({ key: '?', shiftKey: true }), box)).toBe('help');
    expect(matchShortcut(k({ key: 'Enter' }), null)).toBeNull();
  });

  it('Ctrl+Shift+Enter goes to the review confirmation first, then signs and copies', async () => {
    render(<Screen />);
    key({ key: 'Enter', ctrlKey: true, shiftKey: true });
    const review = screen.getByLabelText('I have reviewed this draft') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(review));
    expect(useSignOff.getState().byId[ID]).toBeUndefined();
    fireEvent.click(review);
    key({ key: 'Enter', metaKey: true, shiftKey: true });
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    expect(useSignOff.getState().byId[ID]).toBeDefined();
  });

  it('Ctrl+Enter regenerates the draft, as the Regenerate button does', async () => {
    fakeApi['note.draft'].mockResolvedValue(draft);
    render(<Screen />);
    key({ key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(fakeApi['note.draft']).toHaveBeenCalledTimes(1));
  });

  it('Alt+↓ and Alt+↑ move between note sections', async () => {
    render(<Screen />);
    const [cc, hpi] = [...document.querySelectorAll('article[data-section]')];
    key({ key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(document.activeElement).toBe(cc));
    key({ key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(document.activeElement).toBe(hpi));
    key({ key: 'ArrowDown', altKey: true }); // the last section stays
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    expect(document.activeElement).toBe(hpi);
    key({ key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(document.activeElement).toBe(cc));
  });

  it('? opens the help sheet: a modal dialog that keeps focus, closes on Escape and returns focus', async () => {
    render(<Screen />);
    const edit = screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' });
    edit.focus();
    key({ key: '?', shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toMatch(/Sign & copy.*Shift.*Enter/);
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    key({ key: 'Tab' });
    expect(document.activeElement).toBe(close); // wraps inside the dialog
    key({ key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(close);
    key({ key: 'Enter', ctrlKey: true }); // other shortcuts wait while the sheet is open
    key({ key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(edit);
    expect(fakeApi['note.draft']).not.toHaveBeenCalled();

    // Typed into a text box, ? is text.
    fireEvent.click(edit);
    const area = screen.getByLabelText('CHIEF COMPLAINT text');
    area.focus();
    key({ key: '?', shiftKey: true });
    await act(async () => new Promise((r) => setTimeout(r, 10)));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
