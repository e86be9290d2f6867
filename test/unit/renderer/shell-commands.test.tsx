// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure, emit, fakeApi } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { listenForShellCommands } = await import('../../../renderer/src/shell-commands');
const { LockScreen } = await import('../../../renderer/src/components/LockScreen');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');
const { useRecorder, setCaptureBackend } = await import('../../../renderer/src/store/recorder');

const handle = { pause: vi.fn(async () => {}), resume: vi.fn(async () => {}), stop: vi.fn(async () => {}) };
let off: () => void = () => {};

beforeEach(() => {
  setCaptureBackend({ listDevices: async () => [], open: vi.fn(async () => handle) });
  useRecorder.setState({ status: 'idle', encounterId: null, sessionId: null, finals: [], partial: null, error: null });
  useAppStore.setState({ locked: false, unlockError: null, screen: 'encounters' });
  off = listenForShellCommands();
});
afterEach(() => {
  off();
  cleanup();
});

function openEncounter(consent: boolean) {
  const e = useEncounters.getState().create({ label: 'A', mrn: '', consent });
  useEncounters.getState().open(e.id);
  return e;
}

describe('shell commands', () => {
  it('the recording hotkey starts recording the open encounter only with consent, and stops it', async () => {
    openEncounter(false);
    emit('shell.command', { action: 'toggle-recording' });
    await waitFor(() => expect(useRecorder.getState().error).toMatch(/Confirm that the patient agreed/));
    expect(useRecorder.getState().status).toBe('idle');

    const e = openEncounter(true);
    emit('shell.command', { action: 'toggle-recording' });
    await waitFor(() => expect(useRecorder.getState().status).toBe('recording'));
    expect(useRecorder.getState().encounterId).toBe(e.id);
    expect(useAppStore.getState().screen).toBe('encounter');
    emit('shell.command', { action: 'toggle-recording' });
    await waitFor(() => expect(useRecorder.getState().status).toBe('idle'));
    expect(handle.stop).toHaveBeenCalled();
  });

  it('lock hides the screen until the passphrase unlocks the store', async () => {
    act(() => emit('shell.command', { action: 'lock' }));
    expect(useAppStore.getState().locked).toBe(true);
    render(<LockScreen />);
    fakeApi['store.unlock'].mockRejectedValueOnce(
      new ApiFailure('store.unlock', { code: 'forbidden', message: 'wrong passphrase' }),
    );
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That passphrase did not unlock Bedside. Check it and try again.',
    );
    expect(useAppStore.getState().locked).toBe(true);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'right one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(useAppStore.getState().locked).toBe(false));
    expect(fakeApi['store.unlock']).toHaveBeenLastCalledWith({ passphrase: 'right one' });
  });
});
