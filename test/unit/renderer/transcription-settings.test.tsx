// @vitest-environment jsdom
/**
 * Settings → Transcription (issue 15): this computer or the clinic's server, saved with settings.set; the server's
 * own address (optional: the note engine's is used) and speech model; an address the organisation does not allow
 * disables the server choice, "Set by your organisation"; a refusal is read out in words.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, fakeApi, settingsInfo } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { TranscriptionSettings } = await import('../../../renderer/src/components/TranscriptionSettings');
const { useAppStore } = await import('../../../renderer/src/store/app');

type Transcription = NonNullable<ReturnType<typeof settingsInfo>['transcription']>;
const transcription = (over: Partial<Transcription> = {}): Transcription => ({
  kind: 'local',
  serverUrl: null,
  serverModel: null,
  effectiveUrl: 'https://llm.clinic.example/v1',
  serverAllowed: true,
  ...over,
});
const withT = (over: Partial<Transcription> = {}) => settingsInfo({ transcription: transcription(over) });

function open(over: Partial<Transcription> = {}) {
  useAppStore.setState({ storeUnlocked: true, settings: withT(over) });
  // settings.set answers with what was asked merged into the current settings, as the core does.
  fakeApi['settings.set'].mockImplementation(async (p: unknown) => {
    const patch = (p as { transcription?: Partial<Transcription> }).transcription ?? {};
    const now = useAppStore.getState().settings!.transcription!;
    const next = { ...now, ...patch };
    return withT({ ...next, effectiveUrl: next.serverUrl ?? now.effectiveUrl });
  });
  return render(<TranscriptionSettings />);
}

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('Settings → Transcription', () => {
  it('says to unlock the store first', () => {
    useAppStore.setState({ storeUnlocked: false, settings: null });
    render(<TranscriptionSettings />);
    expect(screen.getByRole('heading', { name: 'Transcription' })).toBeTruthy();
    expect(screen.getByText(/Unlock the encrypted store/)).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it("chooses the clinic's server, then saves its speech model (the note engine's address by default)", async () => {
    open();
    const group = screen.getByRole('group', { name: 'Transcribes the visit' });
    expect((within(group).getByRole('radio', { name: 'On this computer' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('form', { name: 'Transcription server' })).toBeNull();
    fireEvent.click(within(group).getByRole('radio', { name: "On the clinic's server" }));
    await waitFor(() =>
      expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ transcription: { kind: 'server' } }),
    );
    expect((await screen.findByRole('status')).textContent).toMatch(/transcribed on the clinic's server/);
    const form = await screen.findByRole('form', { name: 'Transcription server' });
    const address = within(form).getByLabelText(/Server address/) as HTMLInputElement;
    expect(address.value).toBe('');
    expect(document.getElementById(address.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /note engine’s clinic server \(https:\/\/llm\.clinic\.example\/v1\)/,
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Save transcription server' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/enter the speech model’s name/);
    expect(fakeApi['settings.set']).toHaveBeenCalledTimes(1);
    fireEvent.change(within(form).getByLabelText('Speech model name on the server'), {
      target: { value: 'Systran/faster-whisper-small' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save transcription server' }));
    await waitFor(() =>
      expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({
        transcription: { serverUrl: null, serverModel: 'Systran/faster-whisper-small' },
      }),
    );
    expect((await within(form).findByRole('status')).textContent).toMatch(
      /faster-whisper-small on the note engine's clinic server/,
    );
  });

  it('shows a refusal in words and keeps the saved choice', async () => {
    open({ kind: 'server', serverModel: 'w' });
    fakeApi['settings.set'].mockRejectedValueOnce(
      new ApiFailure('settings.set', {
        code: 'forbidden',
        message: 'Your organisation does not allow audio to be sent to this server.',
      }),
    );
    const form = screen.getByRole('form', { name: 'Transcription server' });
    fireEvent.change(within(form).getByLabelText(/Server address/), { target: { value: 'https://elsewhere.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save transcription server' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /^Not saved: .*does not allow audio to be sent/,
    );
    expect(useAppStore.getState().settings!.transcription!.serverUrl).toBeNull();
  });

  it('disables the server when the organisation does not allow its address', () => {
    open({ serverAllowed: false, effectiveUrl: 'https://old.clinic.example' });
    const server = screen.getByRole('radio', { name: "On the clinic's server" }) as HTMLInputElement;
    expect(server.disabled).toBe(true);
    expect(document.getElementById(server.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /^Set by your organisation: https:\/\/old\.clinic\.example is not one of the clinic servers IT allows/,
    );
    expect((screen.getByRole('radio', { name: 'On this computer' }) as HTMLInputElement).disabled).toBe(false);
  });
});
