// @vitest-environment jsdom
/**
 * The live note (issue 17): drafts itself from committed words while recording (throttled, never two at once),
 * shown as in progress and not signable, stale replies dropped, the preview gone once the recording stops.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, emit, fakeApi } from './fake-api';
import { draft, encounter } from './fixtures';
import type { NoteDraft } from '../../../renderer/src/lib/types';

vi.mock('../../../renderer/src/api', () => apiModule());

const { startLiveNote, useLiveNote, liveTranscript } = await import('../../../renderer/src/lib/live-note');
const { useRecorder } = await import('../../../renderer/src/store/recorder');
const { useVisit, emptyWorkspace } = await import('../../../renderer/src/store/visit');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { DraftPanel } = await import('../../../renderer/src/components/DraftPanel');

const ID = 'enc-1';
const INTERVAL = 1000;
const noteFrom = (transcript: string): NoteDraft => ({
  ...draft,
  sections: [
    {
      id: 'hpi',
      title: 'HISTORY OF PRESENT ILLNESS',
      sentences: transcript.split('\n').map((t) => ({ text: t, evidence: [], supported: true })),
    },
  ],
});

let stop: () => void = () => {};
let resolveDraft: Array<() => void> = [];
const calls = () => fakeApi['note.draft'].mock.calls.map((c) => (c[0] as { transcript: string }).transcript);

function recording(status: 'recording' | 'paused' | 'stopping' | 'idle' = 'recording', sessionId = 's1') {
  act(() => useRecorder.setState({ status, encounterId: ID, sessionId: status === 'idle' ? null : sessionId }));
}
const partial = (segmentStart: number | null, committed: string, sessionId = 's1') =>
  act(() => emit('transcribe.partial', { sessionId, audioSec: 1, segmentStart, committed, tentative: 'x' }));
const final = (start: number, text: string) =>
  act(() =>
    useRecorder.setState((s) => ({ finals: [...s.finals, { start, end: start + 1, speaker: 'patient', text }] })),
  );
/** Lets the next throttled draft start (fake timers), then answers every draft in flight. */
async function tick(ms = INTERVAL) {
  await act(async () => {
    vi.advanceTimersByTime(ms);
  });
}
async function answer() {
  await act(async () => {
    for (const r of resolveDraft.splice(0)) r();
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  fakeApi['note.draft'].mockReset();
  fakeApi['note.draft'].mockImplementation(
    (p: { transcript: string }) => new Promise((r) => resolveDraft.push(() => r(noteFrom(p.transcript)))),
  );
  resolveDraft = [];
  useRecorder.setState({ status: 'idle', encounterId: null, sessionId: null, finals: [], partial: null });
  useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), transcript: '' } } });
  useEncounters.setState({ items: [encounter(ID)], activeId: ID });
  stop = startLiveNote(INTERVAL);
});
afterEach(() => {
  stop();
  cleanup();
  vi.useRealTimers();
});

describe('live note', () => {
  it('joins the transcript before, final segments and committed words of open segments in time order', () => {
    const open = new Map([
      [5, 'still talking'],
      [1, 'covered by a final'],
    ]);
    const finals = [{ start: 1, end: 2, speaker: 'patient' as const, text: 'I have a cough.' }];
    expect(liveTranscript('[doctor] Hello.', finals, open)).toBe(
      '[doctor] Hello.\n[patient] I have a cough.\n[other] still talking',
    );
    expect(liveTranscript('', [], new Map())).toBe('');
  });

  it('drafts from committed words while recording: in progress, not signable, throttled and never overlapping', async () => {
    render(<DraftPanel encounterId={ID} />);
    recording();
    expect(screen.getByTestId('live-note-state').textContent).toBe('Live draft · in progress');
    expect(screen.getByTestId('live-note-meta').textContent).toMatch(/Waiting for the first words/);
    partial(0, 'I have had a cough');
    await tick(0);
    expect(calls()).toEqual(['I have had a cough']);
    // The live preview always uses the built-in drafter, whatever engine drafts the final note (issue 15).
    expect(fakeApi['note.draft'].mock.calls[0]![0]).toMatchObject({ engine: 'embedded' });
    // more words while the first draft is in flight: no second request until it is answered and the interval passed
    partial(0, 'I have had a cough for a week');
    await tick(INTERVAL * 3);
    expect(calls()).toHaveLength(1);
    await answer();
    expect(screen.getByText('I have had a cough')).toBeTruthy();
    expect(screen.getByTestId('live-note-meta').textContent).toMatch(/from 5 words/);
    // answered after more than the interval: the next one starts at once
    await tick(0);
    expect(calls()).toEqual(['I have had a cough', 'I have had a cough for a week']);
    await answer();
    expect(screen.getByText('I have had a cough for a week')).toBeTruthy();
    // nothing to sign or copy, no template picker: a preview
    expect(screen.queryByRole('region', { name: 'Sign-off and copy' })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    // within the interval a new commit waits for it
    final(0, 'I have had a cough for a week.');
    await tick(INTERVAL / 2);
    expect(calls()).toHaveLength(2);
    await tick(INTERVAL / 2);
    expect(calls()[2]).toBe('[patient] I have had a cough for a week.');
    expect(fakeApi['encounters.saveDraft']).not.toHaveBeenCalled();
  });

  it('ignores level changes and partials without new committed words, and another session', async () => {
    recording();
    partial(0, 'Hello');
    await tick(0);
    await answer();
    for (let i = 0; i < 20; i++) act(() => useRecorder.setState({ level: i / 20 }));
    partial(0, 'Hello');
    partial(0, 'Hello there', 'another-session');
    await tick(INTERVAL * 2);
    expect(calls()).toEqual(['Hello']);
  });

  it('drops a draft that arrives after stop, then ends the preview; the final draft is the one shown', async () => {
    render(<DraftPanel encounterId={ID} />);
    recording();
    partial(0, 'First words');
    await tick(0);
    expect(calls()).toHaveLength(1);
    recording('stopping');
    expect(screen.getByTestId('live-note-state').textContent).toBe('Finishing…');
    await answer(); // stale: the recording stopped
    expect(screen.getByTestId('live-note-meta').textContent).toMatch(/Waiting for the first words/);
    partial(0, 'More words');
    await tick(INTERVAL * 2);
    expect(calls()).toHaveLength(1);
    recording('idle');
    expect(useLiveNote.getState().live).toBeNull();
    expect(screen.queryByTestId('live-note')).toBeNull();
    act(() => useVisit.setState({ byId: { [ID]: { ...emptyWorkspace(), transcript: 'x', draft } } }));
    expect(screen.getByRole('region', { name: 'Sign-off and copy' })).toBeTruthy();
  });

  it('keeps the last draft when one fails, and says so', async () => {
    render(<DraftPanel encounterId={ID} />);
    recording();
    partial(0, 'One');
    await tick(0);
    await answer();
    fakeApi['note.draft'].mockRejectedValueOnce(new Error('busy'));
    partial(0, 'One two');
    await tick(INTERVAL);
    await answer();
    expect(screen.getByText('One')).toBeTruthy();
    expect(screen.getByTestId('live-note-meta').textContent).toMatch(/the last update failed/);
  });
});
