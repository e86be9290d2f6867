// @vitest-environment jsdom
/**
 * Drafting with a generative engine in the Note tab (issue 15): sections appear as note.draftProgress events for the
 * draft's own operationId arrive, Cancel stops it through app.cancel and keeps the note as it was, a fallback says
 * why the built-in drafter wrote the note, and each sentence the verifier flagged shows its reason.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, emit, fakeApi, settingsInfo } from './fake-api';
import { draft, turns } from './fixtures';
import type { NoteDraft } from '../../../renderer/src/lib/types';

vi.mock('../../../renderer/src/api', () => apiModule());

const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');
const { TranscriptPanel } = await import('../../../renderer/src/components/TranscriptPanel');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');

const ID = 'enc-1';
const serverSettings = settingsInfo({
  noteEngine: {
    kind: 'server',
    localModel: null,
    serverUrl: 'https://llm.clinic.example/v1',
    serverModel: 'qwen2.5-7b-instruct',
    replaceUnsupported: false,
    allowed: ['embedded', 'local', 'server'],
  },
});

const DOSE_PROBLEM = { kind: 'dose' as const, detail: '25 mg is not what was said (15 mg).' };
const generated: NoteDraft = {
  template: 'outpatient',
  note: '',
  sections: [
    {
      id: 'cc',
      title: 'CHIEF COMPLAINT',
      sentences: [{ text: 'Cough for one week.', evidence: [1], supported: true }],
    },
    {
      id: 'plan',
      title: 'PLAN',
      sentences: [
        { text: 'Start meloxicam 25 mg once a day.', evidence: [1], supported: false, problems: [DOSE_PROBLEM] },
      ],
    },
  ],
  engine: {
    requested: 'server',
    used: 'server',
    model: 'qwen2.5-7b-instruct',
    prompt: { id: 'outpatient', version: 1 },
    notices: ['1 sentence the verifier could not back is kept and marked; check it before signing.'],
    grounding: { written: 2, supported: 1, flagged: 1, replaced: 0, dropped: 0, unknownSections: 0 },
  },
};

function seed(withDraft: boolean) {
  useVisit.setState({
    byId: {
      [ID]: { ...emptyWorkspace(), transcript: '[doctor] x', turns, draft: withDraft ? draft : null, templateId: '' },
    },
  });
  useAppStore.setState({ storeUnlocked: true, settings: serverSettings, expanded: true });
}

/** note.draft answered only when the test says; returns the call's operationId and the resolvers. */
function pendingDraft() {
  let resolve: (d: NoteDraft) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  fakeApi['note.draft'].mockImplementationOnce(
    () =>
      new Promise<NoteDraft>((res, rej) => {
        resolve = res;
        reject = rej;
      }),
  );
  return {
    operationId: () => (fakeApi['note.draft'].mock.calls.at(-1)![0] as { operationId: string }).operationId,
    resolve: (d: NoteDraft) => act(async () => resolve(d)),
    reject: (e: unknown) => act(async () => reject(e)),
  };
}

const progress = (operationId: string, section: string, title: string, sentences: unknown[], done = false) =>
  act(() => emit('note.draftProgress', { operationId, section, title, sentences, done }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('streamed drafting', () => {
  beforeEach(() => seed(false));

  it('shows each section as it streams in, with its flagged sentence marked, then the finished note', async () => {
    render(<DraftPanel encounterId={ID} />);
    const pending = pendingDraft();
    void useVisit.getState().redraft(ID, 'overwrite');
    await waitFor(() => expect(fakeApi['note.draft']).toHaveBeenCalled());
    const op = pending.operationId();
    expect(op).toMatch(/^[0-9a-f-]{36}$/);
    const stream = await screen.findByTestId('draft-stream');
    const status = within(stream).getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe(
      "Drafting the note with the clinic's inference server… waiting for the first section.",
    );

    await progress(op, 'cc', 'CHIEF COMPLAINT', generated.sections[0]!.sentences);
    // Another draft's events are not this one's.
    await progress('0b7f0c1e-0000-4000-8000-000000000000', 'hpi', 'HISTORY', [
      { text: 'Not mine.', evidence: [], supported: true },
    ]);
    expect(within(stream).getByRole('article', { name: 'CHIEF COMPLAINT (drafted so far)' })).toBeTruthy();
    expect(within(stream).queryByText('Not mine.')).toBeNull();
    expect(status.textContent).toMatch(/1 section written and checked\.$/);

    await progress(op, 'plan', 'PLAN', generated.sections[1]!.sentences);
    expect(status.textContent).toMatch(/2 sections written and checked\.$/);
    const flagged = within(stream)
      .getAllByTestId('streamed-sentence')
      .find((s) => s.textContent?.startsWith('Start meloxicam'))!;
    expect(flagged.className).toContain('unsupported');
    expect(flagged.textContent).toContain('(unsupported: Check it: Dose — 25 mg is not what was said (15 mg).)');
    expect(within(stream).getByTestId('flag-chip').textContent).toBe('Check: Dose');

    await progress(op, '', '', [], true);
    await pending.resolve(generated);
    await waitFor(() => expect(screen.queryByTestId('draft-stream')).toBeNull());
    expect(screen.getAllByTestId('sentence').map((s) => s.textContent?.split(' (unsupported')[0])).toEqual([
      'Cough for one week.',
      'Start meloxicam 25 mg once a day.',
    ]);
    const notice = screen.getByTestId('engine-notice');
    expect(notice.textContent).toMatch(
      /^Written by qwen2\.5-7b-instruct \(the clinic's inference server\)\. The verifier backed 1 of its 2 sentences\./,
    );
    expect(within(notice).getByText(/kept and marked; check it before signing/)).toBeTruthy();
  });

  it('in the docked window, the Note tab opens when the first section streams in', async () => {
    useAppStore.setState({ expanded: false, tab: 'transcript' });
    render(<TranscriptPanel encounterId={ID} />);
    const pending = pendingDraft();
    void useVisit.getState().redraft(ID, 'overwrite');
    await waitFor(() => expect(fakeApi['note.draft']).toHaveBeenCalled());
    expect(useAppStore.getState().tab).toBe('transcript');
    await progress(pending.operationId(), 'cc', 'CHIEF COMPLAINT', generated.sections[0]!.sentences);
    await waitFor(() => expect(useAppStore.getState().tab).toBe('note'));
    await pending.resolve(generated);
  });

  it('Cancel stops the draft through app.cancel and keeps the note as it was', async () => {
    seed(true);
    render(<DraftPanel encounterId={ID} />);
    const pending = pendingDraft();
    void useVisit.getState().redraft(ID, 'overwrite');
    await waitFor(() => expect(fakeApi['note.draft']).toHaveBeenCalled());
    const op = pending.operationId();
    await progress(op, 'cc', 'CHIEF COMPLAINT', [{ text: 'Streamed cc.', evidence: [1], supported: true }]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel drafting' }));
    await waitFor(() => expect(fakeApi['app.cancel']).toHaveBeenCalledWith({ operationId: op }));
    await pending.reject(new ApiFailure('note.draft', { code: 'cancelled', message: 'Drafting was cancelled.' }));
    await waitFor(() => expect(screen.queryByTestId('draft-stream')).toBeNull());
    expect(screen.getByText('Drafting cancelled: the note is as it was.').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByTestId('sentence')[0]!.textContent).toBe('Cough for one week.');
    expect(useVisit.getState().byId[ID]!.draft).toBe(draft);
  });

  it('says why the built-in drafter wrote the note when the engine failed', async () => {
    render(<DraftPanel encounterId={ID} />);
    const fallback =
      "The clinic's inference server could not write the note: The server did not accept the API key (HTTP 401). The built-in drafter wrote it instead.";
    fakeApi['note.draft'].mockResolvedValueOnce({
      ...draft,
      engine: { requested: 'server', used: 'embedded', fallback },
    });
    await act(() => useVisit.getState().redraft(ID, 'overwrite'));
    const notice = await screen.findByTestId('engine-fallback');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toBe(`Drafted with the built-in drafter: ${fallback}`);
    expect(screen.queryByTestId('engine-notice')).toBeNull();
  });

  it('the built-in drafter shows no engine notice and no stream card', async () => {
    useAppStore.setState({ settings: settingsInfo() });
    render(<DraftPanel encounterId={ID} />);
    const pending = pendingDraft();
    void useVisit.getState().redraft(ID, 'overwrite');
    expect(await screen.findByText('Drafting the note…')).toBeTruthy();
    expect(screen.queryByTestId('draft-stream')).toBeNull();
    await pending.resolve({ ...draft, engine: { requested: 'embedded', used: 'embedded' } });
    await screen.findAllByTestId('sentence');
    expect(screen.queryByTestId('engine-notice')).toBeNull();
    expect(screen.queryByTestId('engine-fallback')).toBeNull();
  });
});

describe('flagged sentences in the note', () => {
  it('mark each with its reason, visible and in its accessible name, and list the details when selected', () => {
    useVisit.setState({
      byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft: generated, templateId: 'outpatient' } },
    });
    render(<DraftPanel encounterId={ID} />);
    const s = screen.getAllByTestId('sentence').find((x) => x.textContent?.startsWith('Start meloxicam'))!;
    expect(s.getAttribute('title')).toBe('Check it: Dose — 25 mg is not what was said (15 mg).');
    expect(s.textContent).toContain('(unsupported: Check it: Dose — 25 mg is not what was said (15 mg).)');
    const chip = screen.getByTestId('flag-chip');
    expect(chip.textContent).toBe('Check: Dose');
    expect(chip.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByText('1 unsupported sentence')).toBeTruthy();
    fireEvent.click(s);
    expect(screen.getByTestId('sentence-problems').textContent).toBe(
      'Check before signing:Dose: 25 mg is not what was said (15 mg).',
    );
  });

  it('a sentence with no citation says it is not backed by the visit', () => {
    useVisit.setState({
      byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', turns, draft, templateId: 'outpatient' } },
    });
    render(<DraftPanel encounterId={ID} />);
    expect(screen.getByTestId('flag-chip').textContent).toBe('Check: not backed by the visit');
  });
});
