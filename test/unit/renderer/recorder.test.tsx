// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, emit, fakeApi } from './fake-api';
import { draft, encounter, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { RecordingPanel, formatElapsed } = await import('../../../renderer/src/components/RecordingPanel');
const { useRecorder, setCaptureBackend, segmentsToTranscript } = await import('../../../renderer/src/store/recorder');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useVisit } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { CaptureError, pcmToBase64 } = await import('../../../renderer/src/lib/capture');

const ID = 'enc-1';
let frame: ((pcm: Int16Array, rms: number) => void) | null = null;
const handle = { pause: vi.fn(async () => {}), resume: vi.fn(async () => {}), stop: vi.fn(async () => {}) };
const backend = {
  listDevices: vi.fn(async () => [
    { id: 'a', label: 'Built-in microphone' },
    { id: 'b', label: 'Headset' },
  ]),
  open: vi.fn(async (_d: string | null, onFrame: (pcm: Int16Array, rms: number) => void) => {
    frame = onFrame;
    return handle;
  }),
};

function seed(consent: boolean) {
  useEncounters.setState({ items: [encounter(ID, { consent })] });
}

beforeEach(() => {
  setCaptureBackend(backend);
  useRecorder.setState({ status: 'idle', encounterId: null, sessionId: null, finals: [], partial: null, error: null });
  useVisit.setState({ byId: {} });
  frame = null;
  for (const f of [backend.open, fakeApi['transcribe.live.push'], fakeApi['transcribe.live.start']]) f.mockClear();
});
afterEach(cleanup);

describe('recording', () => {
  it('cannot start before consent is confirmed', async () => {
    seed(false);
    render(<RecordingPanel encounterId={ID} />);
    const start = screen.getByRole('button', { name: 'Start recording' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(await useRecorder.getState().start(ID, false)).toBe(false);
    expect(backend.open).not.toHaveBeenCalled();
    expect(fakeApi['transcribe.live.start']).not.toHaveBeenCalled();
  });

  it('streams 16 kHz frames through the API, shows level, partial text and pause/resume', async () => {
    seed(true);
    render(<RecordingPanel encounterId={ID} />);
    await screen.findByLabelText('Microphone');
    fireEvent.change(screen.getByLabelText('Microphone'), { target: { value: 'b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    await screen.findByText('Recording');
    expect(backend.open.mock.calls[0]![0]).toBe('b');
    act(() => {
      for (let i = 0; i < 10; i++) frame!(new Int16Array(1600).fill(1000), 0.1);
    });
    await waitFor(() => expect(fakeApi['transcribe.live.push']).toHaveBeenCalledTimes(1));
    const sent = fakeApi['transcribe.live.push'].mock.calls[0]![0];
    expect(sent.sessionId).toBe('s1');
    expect(atob(sent.pcm).length).toBe(32000); // 1 s of 16 kHz Int16
    expect(screen.getByTestId('level-meter').getAttribute('aria-valuenow')).toBe('40');
    act(() =>
      emit('transcribe.partial', {
        sessionId: 's1',
        audioSec: 1,
        segmentStart: 0,
        committed: 'I have a',
        tentative: 'cough',
      }),
    );
    expect(screen.getByTestId('partial').textContent).toContain('I have a cough');
    expect(screen.getByTestId('partial').querySelector('em')!.textContent).toBe('cough');
    act(() =>
      emit('transcribe.partial', { sessionId: 'other', audioSec: 1, segmentStart: 0, committed: 'x', tentative: 'y' }),
    );
    expect(screen.getByTestId('partial').textContent).toContain('I have a cough');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText('Paused');
    expect(handle.pause).toHaveBeenCalled();
    act(() => frame!(new Int16Array(1600), 0.5)); // ignored while paused
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await screen.findByText('Recording');
  });

  it('stop turns the final segments into the transcript and drafts the note', async () => {
    seed(true);
    fakeApi['transcribe.live.stop'].mockResolvedValueOnce({
      segments: [
        { start: 0, end: 1, speaker: 'doctor', text: 'What brings you in?' },
        { start: 1, end: 2, speaker: 'patient', text: 'A cough.' },
      ],
    });
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
    fakeApi['note.draft'].mockResolvedValue(draft);
    render(<RecordingPanel encounterId={ID} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    await screen.findByText('Recording');
    fireEvent.click(screen.getByRole('button', { name: 'Stop and draft' }));
    await waitFor(() => expect(useVisit.getState().byId[ID]?.draft).toBeTruthy());
    expect(useVisit.getState().byId[ID]!.transcript).toBe('[doctor] What brings you in?\n[patient] A cough.');
    expect(handle.stop).toHaveBeenCalled();
    expect(useEncounters.getState().items[0]!.status).toBe('drafted');
  });

  it('explains a refused microphone and cancels the session', async () => {
    seed(true);
    backend.open.mockRejectedValueOnce(new CaptureError('denied'));
    render(<RecordingPanel encounterId={ID} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not allowed to use the microphone/);
    expect(fakeApi['transcribe.live.stop']).toHaveBeenLastCalledWith({ sessionId: 's1', cancel: true });
    expect(useRecorder.getState().status).toBe('idle');
  });
});

describe('recording into the encrypted store', () => {
  afterEach(() => useAppStore.setState({ storeUnlocked: false }));
  const startArgs = () => (fakeApi['transcribe.live.start'].mock.calls as unknown as [unknown][]).map((c) => c[0]);

  it('while locked the audio is only transcribed', async () => {
    seed(true);
    useAppStore.setState({ storeUnlocked: false });
    expect(await useRecorder.getState().start(ID, true)).toBe(true);
    expect(startArgs()).toEqual([{}]);
    expect(useRecorder.getState().keepsAudio).toBe(false);
    await useRecorder.getState().stop();
  });

  it('when unlocked the encounter is saved first and its audio kept as it is recorded', async () => {
    seed(true);
    useAppStore.setState({ storeUnlocked: true });
    fakeApi['encounters.create'].mockClear();
    render(<RecordingPanel encounterId={ID} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    await screen.findByText('The audio is saved in the encrypted store as it is recorded.');
    expect(fakeApi['encounters.create']).toHaveBeenCalledTimes(1);
    expect(startArgs()).toEqual([{ encounterId: 7 }]);
    await act(() => useRecorder.getState().stop());
  });

  it('a refusal from the store (e.g. a second recording) still transcribes, and says the audio is not kept', async () => {
    seed(true);
    useEncounters.getState().patch(ID, { storeId: 4 });
    useAppStore.setState({ storeUnlocked: true });
    fakeApi['transcribe.live.start'].mockRejectedValueOnce(
      new ApiFailure('transcribe.live.start', {
        code: 'conflict',
        message: 'encounter 4 is drafted; recording is only possible before drafting',
      }),
    );
    render(<RecordingPanel encounterId={ID} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    await screen.findByText('Recording');
    expect(startArgs()).toEqual([{ encounterId: 4 }, {}]);
    expect(screen.getByText(/audio is not kept in the encrypted store: encounter 4 is drafted/)).toBeTruthy();
    expect(useRecorder.getState().keepsAudio).toBe(false);
    await act(() => useRecorder.getState().stop());
  });
});

describe('recording helpers', () => {
  it('formats elapsed time and encodes PCM little-endian', () => {
    expect(formatElapsed(65_400)).toBe('01:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(
      atob(pcmToBase64(new Int16Array([1, -2])))
        .split('')
        .map((c) => c.charCodeAt(0)),
    ).toEqual([1, 0, 254, 255]);
    expect(segmentsToTranscript([{ start: 0, end: 1, speaker: 'unknown', text: ' hi ' }])).toBe('hi');
  });
});
