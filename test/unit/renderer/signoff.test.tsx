// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule } from './fake-api';
import { draft, encounter, hints, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { SignOffBar } = await import('../../../renderer/src/components/SignOffBar');
const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useSignOff } = await import('../../../renderer/src/store/signoff');
const { useHints } = await import('../../../renderer/src/store/hints');
const { useEncounters } = await import('../../../renderer/src/store/encounters');

const ID = 'enc-1';
const writeText = vi.fn(async (_t: string) => {});
const write = vi.fn(async (_items: unknown[]) => {});

const blobText = (b: Blob | undefined) =>
  new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.readAsText(b!);
  });

class FakeClipboardItem {
  constructor(readonly items: Record<string, Blob>) {}
}

beforeEach(() => {
  useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft } } });
  useSignOff.setState({ byId: {}, notices: {} });
  useHints.setState({ byId: {} });
  useEncounters.setState({ items: [encounter(ID, { status: 'drafted' })] });
  writeText.mockReset();
  write.mockReset();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText, write }, configurable: true });
  vi.stubGlobal('ClipboardItem', FakeClipboardItem);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const copyNote = () => screen.getByRole('button', { name: 'Copy note' }) as HTMLButtonElement;
const signOff = () => screen.getByRole('button', { name: 'Sign off' }) as HTMLButtonElement;

describe('sign-off gating', () => {
  it('copy stays disabled until the clinician confirms review and signs off', () => {
    render(<SignOffBar encounterId={ID} />);
    expect(copyNote().disabled).toBe(true);
    expect(signOff().disabled).toBe(true);
    fireEvent.click(signOff());
    expect(useSignOff.getState().byId[ID]).toBeUndefined();
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    expect(signOff().disabled).toBe(false);
    fireEvent.click(signOff());
    expect(useSignOff.getState().byId[ID]?.at).toMatch(/^\d{4}-/);
    expect(useEncounters.getState().items[0]!.status).toBe('signed');
    expect(copyNote().disabled).toBe(false);
    expect(screen.getByRole('status').textContent).toMatch(/Signed off at/);
  });

  it('copies the whole note as plain text and HTML, and one section', async () => {
    render(<SignOffBar encounterId={ID} />);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(signOff());
    fireEvent.click(copyNote());
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    const item = write.mock.calls[0]![0][0] as FakeClipboardItem;
    expect(await blobText(item.items['text/plain'])).toBe(
      'CHIEF COMPLAINT\nCough for one week.\n\nHISTORY OF PRESENT ILLNESS\n' +
        'The patient denies fever. Fatigue is reported. Chest X-ray was normal.',
    );
    expect(await blobText(item.items['text/html'])).toContain('<h3>CHIEF COMPLAINT</h3><p>Cough for one week.</p>');
    await screen.findByText(/The whole note was copied/);
  });

  it('copies one section with its own button, only after sign-off', async () => {
    render(<DraftPanel encounterId={ID} />);
    const copyHpi = screen.getByRole('button', { name: 'Copy HISTORY OF PRESENT ILLNESS' }) as HTMLButtonElement;
    expect(copyHpi.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(signOff());
    expect(copyHpi.disabled).toBe(false);
    fireEvent.click(copyHpi);
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    const item = write.mock.calls[0]![0][0] as FakeClipboardItem;
    // The section's body only, for the EHR's own field of that name (issue 17).
    expect(await blobText(item.items['text/plain'])).toBe(
      'The patient denies fever. Fatigue is reported. Chest X-ray was normal.',
    );
    await screen.findByText(/HISTORY OF PRESENT ILLNESS was copied without its heading/);
  });

  it('falls back to plain text, and explains a refused clipboard in words', async () => {
    write.mockRejectedValue(new Error('denied'));
    render(<SignOffBar encounterId={ID} />);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(signOff());
    fireEvent.click(copyNote());
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    writeText.mockRejectedValueOnce(new Error('denied'));
    fireEvent.click(copyNote());
    expect((await screen.findByRole('alert')).textContent).toMatch(/Allow clipboard access/);
  });

  it('an edit after sign-off withdraws it until the note is reviewed again', () => {
    render(<DraftPanel encounterId={ID} />);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(signOff());
    expect(copyNote().disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }));
    fireEvent.change(screen.getByLabelText('CHIEF COMPLAINT text'), { target: { value: 'Changed.' } });
    expect(copyNote().disabled).toBe(true);
    expect(screen.getByText(/The note changed after you signed it off/)).toBeTruthy();
    expect(useEncounters.getState().items[0]!.status).toBe('drafted');
  });

  it('warns about open critical hints before signing', () => {
    useHints.setState({ byId: { [ID]: { items: hints, decisions: {}, loading: false, error: null } } });
    render(<SignOffBar encounterId={ID} />);
    expect(screen.getByText(/1 critical hint is still open/)).toBeTruthy();
  });
});

describe('regenerating', () => {
  it('asks before overwriting manual edits, and can keep them', async () => {
    const { fakeApi } = await import('./fake-api');
    fakeApi['note.draft'].mockResolvedValue(draft);
    render(<DraftPanel encounterId={ID} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }));
    fireEvent.change(screen.getByLabelText('CHIEF COMPLAINT text'), { target: { value: 'Mine.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Done editing CHIEF COMPLAINT' }));
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Keep your edits in the new draft?');
    expect(fakeApi['note.draft']).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Keep my edits' }));
    await waitFor(() => expect(fakeApi['note.draft']).toHaveBeenCalledTimes(1));
    expect(useVisit.getState().byId[ID]!.edits).toEqual({ cc: 'Mine.' });
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace my edits' }));
    await waitFor(() => expect(useVisit.getState().byId[ID]!.edits).toEqual({}));
  });

  it('a copy notice is cleared when the note changes after sign-off', async () => {
    render(<DraftPanel encounterId={ID} />);
    fireEvent.click(screen.getByLabelText('I have reviewed this draft'));
    fireEvent.click(signOff());
    fireEvent.click(copyNote());
    await screen.findByText(/The whole note was copied/);
    fireEvent.click(screen.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }));
    fireEvent.change(screen.getByLabelText('CHIEF COMPLAINT text'), { target: { value: 'Changed.' } });
    await waitFor(() => expect(screen.queryByText(/The whole note was copied/)).toBeNull());
  });
});
