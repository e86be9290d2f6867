// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, emit, fakeApi } from './fake-api';
import { draft, encounter, turns } from './fixtures';

vi.mock('../../../renderer/src/api', () => apiModule());

const { RecordingPanel } = await import('../../../renderer/src/components/RecordingPanel');
const { useImporter, setAudioDecoder } = await import('../../../renderer/src/store/importer');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useVisit } = await import('../../../renderer/src/store/visit');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useRecorder, setCaptureBackend } = await import('../../../renderer/src/store/recorder');
const { DecodeError, decodeFile, downmixToPcm16 } = await import('../../../renderer/src/lib/decode-audio');

const ID = 'enc-1';
const decoder = vi.fn(async (_data: ArrayBuffer) => ({
  pcm: new Int16Array(80_000).fill(1000),
  durationSec: 5,
  channels: 2,
}));

function seed(opts: { consent?: boolean; storeId?: number; unlocked?: boolean } = {}) {
  useAppStore.setState({ storeUnlocked: opts.unlocked ?? true, expanded: true });
  useEncounters.setState({
    items: [
      encounter(ID, {
        consent: opts.consent ?? true,
        ...(opts.storeId !== undefined ? { storeId: opts.storeId } : {}),
      }),
    ],
  });
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const wav = () => new File([new Uint8Array(44 + 1000)], 'visit.wav', { type: 'audio/wav' });
const choose = (file: File) =>
  fireEvent.change(screen.getByLabelText('Or import a WAV recording'), { target: { files: [file] } });

beforeEach(() => {
  setAudioDecoder(decoder);
  setCaptureBackend({ listDevices: async () => [], open: vi.fn() });
  useImporter.setState({ phase: 'idle', encounterId: null, errors: {}, notices: {}, storedAudio: {}, progress: null });
  useRecorder.setState({ status: 'idle', encounterId: null, sessionId: null, finals: [], partial: null, error: null });
  useVisit.setState({ byId: {} });
  for (const f of Object.values(fakeApi)) if ('mockClear' in f) f.mockClear();
  decoder.mockClear();
  fakeApi['encounters.get'].mockResolvedValue({});
});
afterEach(cleanup);

describe('importing a WAV', () => {
  it('is a labelled file input, disabled before consent', () => {
    seed({ consent: false });
    render(<RecordingPanel encounterId={ID} />);
    const input = screen.getByLabelText('Or import a WAV recording') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.disabled).toBe(true);
  });

  it('explains that import needs the unlocked store', async () => {
    seed({ unlocked: false });
    render(<RecordingPanel encounterId={ID} />);
    expect(screen.getByText(/unlock it first/)).toBeTruthy();
    choose(wav());
    expect((await screen.findByRole('alert')).textContent).toMatch(/needs the encrypted store/);
    expect(decoder).not.toHaveBeenCalled();
    expect(fakeApi['audio.import.append']).not.toHaveBeenCalled();
  });

  it('uploads 2 s chunks in order with progress, transcribes with progress, then drafts from the words found', async () => {
    seed();
    const tx = deferred<unknown>();
    fakeApi['transcribe.encounter'].mockReturnValueOnce(tx.promise as never);
    fakeApi['audio.import.append'].mockImplementation(async (p) => ({ audioSec: Math.min(5, (p.seq + 1) * 2) }));
    fakeApi['audio.import.finish'].mockResolvedValueOnce({ audioSec: 5, discarded: false });
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
    fakeApi['note.draft'].mockResolvedValue(draft);
    render(<RecordingPanel encounterId={ID} />);
    choose(wav());
    const bar = await screen.findByTestId('transcribe-progress');
    // the encounter was created in the store first (ensureSaved), then 80 000 samples went up as 32 000 + 32 000 + 16 000
    expect(fakeApi['encounters.create']).toHaveBeenCalledTimes(1);
    const calls = fakeApi['audio.import.append'].mock.calls.map(([p]) => [p.encounterId, p.seq, atob(p.pcm).length]);
    expect(calls).toEqual([
      [7, 0, 64_000],
      [7, 1, 64_000],
      [7, 2, 32_000],
    ]);
    expect(fakeApi['audio.import.finish']).toHaveBeenCalledWith({ encounterId: 7 });
    const { operationId } = fakeApi['transcribe.encounter'].mock.calls[0]![0];
    expect(operationId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(bar.getAttribute('value')).toBeNull(); // indeterminate until the core reports
    act(() => emit('transcribe.progress', { encounterId: 7, operationId: 'someone-else', doneSec: 9, totalSec: 10 }));
    act(() => emit('transcribe.progress', { encounterId: 7, operationId, doneSec: 1, totalSec: 4 }));
    expect(screen.getByText('Transcribing: 25%')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    tx.resolve({
      segments: [
        { start: 0, end: 1, speaker: 'doctor', text: 'What brings you in?' },
        { start: 1, end: 2, speaker: 'patient', text: 'A cough.' },
      ],
      durationSec: 5,
      model: 'tiny',
      rtf: 0.2,
    });
    await waitFor(() => expect(useVisit.getState().byId[ID]?.draft).toBeTruthy());
    expect(useVisit.getState().byId[ID]!.transcript).toBe('[doctor] What brings you in?\n[patient] A cough.');
    expect(useEncounters.getState().items[0]!.status).toBe('drafted');
    expect(useImporter.getState().phase).toBe('idle');
  });

  it('keeps the notice when the clinic server failed and this computer transcribed instead', async () => {
    seed();
    const notice =
      'The clinic server could not transcribe: it answered 500. The rest was transcribed on this computer.';
    fakeApi['audio.import.append'].mockImplementation(async (p) => ({ audioSec: Math.min(5, (p.seq + 1) * 2) }));
    fakeApi['audio.import.finish'].mockResolvedValueOnce({ audioSec: 5, discarded: false });
    fakeApi['transcript.parse'].mockResolvedValue({ format: 'bracket-tags', turns });
    fakeApi['note.draft'].mockResolvedValue(draft);
    fakeApi['transcribe.encounter'].mockResolvedValueOnce({
      segments: [{ start: 0, end: 1, speaker: 'doctor', text: 'What brings you in?' }],
      durationSec: 5,
      model: 'tiny',
      rtf: 0.2,
      engine: 'local',
      notice,
    } as never);
    render(<RecordingPanel encounterId={ID} />);
    choose(wav());
    await waitFor(() => expect(useVisit.getState().byId[ID]?.draft).toBeTruthy());
    expect(useImporter.getState().notices[ID]).toBe(notice);
  });

  it('says so in words when no speech is recognised, and invents nothing', async () => {
    seed({ storeId: 3 });
    render(<RecordingPanel encounterId={ID} />);
    choose(wav());
    expect((await screen.findByTestId('import-notice')).textContent).toMatch(/No speech was recognised in this audio/);
    expect(fakeApi['encounters.create']).not.toHaveBeenCalled();
    expect(fakeApi['transcribe.encounter']).toHaveBeenCalledWith(expect.objectContaining({ encounterId: 3 }));
    expect(useVisit.getState().byId[ID]?.transcript ?? '').toBe('');
    expect(fakeApi['note.draft']).not.toHaveBeenCalled();
    // the audio stays saved: it can be transcribed again, and a second import (which the core refuses) is not offered
    expect(screen.getByRole('button', { name: 'Transcribe the recorded audio' })).toBeTruthy();
    expect(screen.queryByLabelText('Or import a WAV recording')).toBeNull();
  });

  it('a file that is not audio is explained, and nothing is uploaded', async () => {
    seed({ storeId: 3 });
    decoder.mockRejectedValueOnce(new DecodeError('This file is not audio Bedside can read. Choose a WAV recording.'));
    render(<RecordingPanel encounterId={ID} />);
    choose(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not audio Bedside can read/);
    expect(fakeApi['audio.import.append']).not.toHaveBeenCalled();
  });

  it('Cancel during the upload deletes the partial import', async () => {
    seed({ storeId: 3 });
    const first = deferred<{ audioSec: number }>();
    fakeApi['audio.import.append'].mockReturnValueOnce(first.promise as never);
    render(<RecordingPanel encounterId={ID} />);
    choose(wav());
    await screen.findByTestId('upload-progress');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    first.resolve({ audioSec: 2 });
    expect((await screen.findByTestId('import-notice')).textContent).toMatch(/Import cancelled; nothing was saved/);
    expect(fakeApi['audio.import.append']).toHaveBeenCalledTimes(1);
    expect(fakeApi['audio.import.finish']).toHaveBeenCalledWith({ encounterId: 3, cancel: true });
    expect(fakeApi['transcribe.encounter']).not.toHaveBeenCalled();
  });

  it('Cancel during transcription asks the core to stop; the audio is kept and can be transcribed later', async () => {
    seed({ storeId: 3 });
    const tx = deferred<unknown>();
    fakeApi['transcribe.encounter'].mockReturnValueOnce(tx.promise as never);
    fakeApi['audio.import.finish'].mockResolvedValueOnce({ audioSec: 5, discarded: false });
    render(<RecordingPanel encounterId={ID} />);
    choose(wav());
    await screen.findByTestId('transcribe-progress');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const { operationId } = fakeApi['transcribe.encounter'].mock.calls[0]![0];
    await waitFor(() => expect(fakeApi['app.cancel']).toHaveBeenCalledWith({ operationId }));
    tx.reject(new ApiFailure('transcribe.encounter', { code: 'cancelled', message: 'Transcription cancelled.' }));
    expect((await screen.findByTestId('import-notice')).textContent).toMatch(/Transcription cancelled/);
    expect(screen.getByRole('button', { name: 'Transcribe the recorded audio' })).toBeTruthy();
  });

  it('shows the core’s reason for a refused import (e.g. a recording already stored)', async () => {
    seed({ storeId: 3 });
    fakeApi['audio.import.append'].mockRejectedValueOnce(
      new ApiFailure('audio.import.append', {
        code: 'conflict',
        message: 'Encounter 3 already has a recording (it is recorded).',
      }),
    );
    render(<RecordingPanel encounterId={ID} />);
    choose(wav());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not import the audio: Encounter 3 already has a recording (it is recorded).',
    );
  });
});

describe('transcribing a recovered recording', () => {
  it('offers the saved audio without a transcript, and transcribes it', async () => {
    seed({ storeId: 9 });
    fakeApi['encounters.get'].mockResolvedValue({ status: 'recorded', audioSeconds: 75, transcript: [] });
    render(<RecordingPanel encounterId={ID} />);
    const button = await screen.findByRole('button', { name: 'Transcribe the recorded audio' });
    expect(screen.getByText('Saved audio without a transcript (1:15).')).toBeTruthy();
    expect(fakeApi['encounters.get']).toHaveBeenCalledWith({ id: 9 });
    fireEvent.click(button);
    expect((await screen.findByTestId('import-notice')).textContent).toMatch(/No speech was recognised/);
    expect(fakeApi['transcribe.encounter']).toHaveBeenCalledWith(expect.objectContaining({ encounterId: 9 }));
    expect(fakeApi['audio.import.append']).not.toHaveBeenCalled();
  });

  it('is offered once an interrupted recording is recovered, not before', async () => {
    seed({ storeId: 9 });
    useEncounters.getState().patch(ID, { interrupted: true });
    fakeApi['encounters.get'].mockResolvedValue({ status: 'recorded', audioSeconds: 30, transcript: [] });
    render(<RecordingPanel encounterId={ID} />);
    await act(async () => {});
    expect(fakeApi['encounters.get']).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Transcribe the recorded audio' })).toBeNull();
    act(() => useEncounters.getState().patch(ID, { interrupted: false })); // what recoverRecording does
    expect(await screen.findByRole('button', { name: 'Transcribe the recorded audio' })).toBeTruthy();
  });

  it('is not offered for a saved encounter that already has its transcript', async () => {
    seed({ storeId: 9 });
    fakeApi['encounters.get'].mockResolvedValue({ status: 'recorded', audioSeconds: 75, transcript: [{ seq: 0 }] });
    render(<RecordingPanel encounterId={ID} />);
    await waitFor(() => expect(fakeApi['encounters.get']).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Transcribe the recorded audio' })).toBeNull();
  });
});

describe('decoding helpers', () => {
  it('averages channels into clipped PCM16', () => {
    const l = Float32Array.from([1, -1, 0.5, 2]);
    const r = Float32Array.from([1, -1, -0.5, 2]);
    expect(Array.from(downmixToPcm16([l, r]))).toEqual([32767, -32768, 0, 32767]);
    expect(Array.from(downmixToPcm16([Float32Array.from([0.25])]))).toEqual([8192]);
  });

  it('refuses empty files and recordings without audio before uploading anything', async () => {
    await expect(decodeFile(new Blob([]), decoder)).rejects.toThrow(/empty/);
    const silent = vi.fn(async () => ({ pcm: new Int16Array(10), durationSec: 0, channels: 1 }));
    await expect(decodeFile(new Blob([new Uint8Array(10)]), silent)).rejects.toThrow(/holds no audio/);
  });
});
