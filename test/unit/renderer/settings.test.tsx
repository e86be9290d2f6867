// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, emit, fakeApi, settingsInfo } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { Settings } = await import('../../../renderer/src/components/Settings');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useModels } = await import('../../../renderer/src/store/models');
const { useRecorder, setCaptureBackend } = await import('../../../renderer/src/store/recorder');
const { acceleratorFromKey, formatAccelerator } = await import('../../../renderer/src/lib/accelerator');

const model = (id: string, installed: boolean) => ({
  id,
  name: `Whisper ${id}`,
  task: 'asr',
  sizeBytes: 32e6,
  minRamGb: 1,
  installed,
  path: null,
  installable: true,
});

afterEach(cleanup);

describe('settings', () => {
  it('lists speech models with the recommended one first, installs with a progress bar, shows templates and about', async () => {
    const list = (installed: boolean) => ({
      models: [model('base.en', false), model('tiny.en', installed)],
      recommended: { id: 'tiny.en', reason: 'small machine' },
      hardware: { ramGb: 8, cores: 2, avx2: true, gpu: { cuda: false, vulkan: false } },
    });
    fakeApi['models.list'].mockResolvedValueOnce(list(false)).mockResolvedValue(list(true));
    let finish: () => void = () => {};
    fakeApi['models.install'].mockImplementationOnce(() => new Promise((r) => (finish = () => r({}))));
    useAppStore.setState({
      info: {
        name: 'bedside',
        version: '9.9.9',
        commit: 'abc',
        builtAt: null,
        node: '20',
        electron: null,
        platform: 'linux',
        arch: 'x64',
        transport: 'websocket',
      },
    });
    render(<Settings />);
    await screen.findByText('Whisper tiny.en');
    const rows = screen.getAllByRole('listitem').filter((li) => li.className === 'model-row');
    expect(rows[0]!.textContent).toContain('Recommended');
    // the rest of the catalogue sits under one disclosure so the docked panel is not a long scroll
    const more = screen.getByText('Other speech models (1)').closest('details')!;
    expect(more.textContent).toContain('Whisper base.en');
    expect(more.textContent).not.toContain('Whisper tiny.en');
    fireEvent.click(screen.getAllByRole('button', { name: 'Install Whisper tiny.en' })[0]!);
    expect(fakeApi['models.install']).toHaveBeenCalledWith({ id: 'tiny.en', operationId: expect.any(String) });
    act(() =>
      emit('models.progress', {
        id: 'tiny.en',
        file: 'x',
        phase: 'download',
        bytes: 50,
        total: 100,
        rate: 1,
        etaSec: 1,
      }),
    );
    const bar = await screen.findByLabelText('Installing Whisper tiny.en');
    expect((bar as HTMLProgressElement).value).toBe(0.5);
    finish();
    await waitFor(() => expect(screen.getByText('Installed')).toBeTruthy());
    expect(screen.getByText('Outpatient visit note')).toBeTruthy();
    expect(screen.getByText('9.9.9')).toBeTruthy();
  });

  it('shows a note instead of privacy and window settings while the store is locked', async () => {
    fakeApi['settings.get'].mockClear();
    useAppStore.setState({ storeUnlocked: false });
    render(<Settings />);
    expect(screen.getByTestId('settings-locked').textContent).toContain('Unlock the encrypted store');
    expect(screen.queryByRole('checkbox', { name: /Always on top/ })).toBeNull();
    expect(fakeApi['settings.get']).not.toHaveBeenCalled();
  });

  it('edits auto-lock and retention with clear saved / not saved words, and toggles always on top', async () => {
    const stored = settingsInfo();
    fakeApi['settings.get'].mockResolvedValue(stored);
    fakeApi['settings.set'].mockImplementation(async (p: unknown) => {
      const q = p as Partial<typeof stored>;
      return { ...stored, ...q, retention: { ...stored.retention, ...q.retention } };
    });
    useAppStore.setState({ storeUnlocked: true });
    render(<Settings />);
    const minutes = await screen.findByLabelText(/Lock after this many idle minutes/);
    await waitFor(() => expect((minutes as HTMLInputElement).value).toBe('10'));
    fireEvent.change(minutes, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: auto-lock must be 1 to 240 minutes.');
    expect(fakeApi['settings.set']).not.toHaveBeenCalled();

    fireEvent.change(minutes, { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText(/Keep recorded audio/), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Saved\./));
    expect(fakeApi['settings.set']).toHaveBeenCalledWith({
      autoLockMinutes: 5,
      retention: { audioDays: 7, encounterDays: 365 },
    });

    fakeApi['settings.set'].mockRejectedValueOnce(
      new ApiFailure('settings.set', { code: 'locked', message: 'locked' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Not saved: /);

    const onTop = screen.getByRole('checkbox', { name: /Always on top/ });
    fireEvent.click(onTop);
    await waitFor(() => expect((onTop as HTMLInputElement).checked).toBe(true));
    expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ alwaysOnTop: true });
  });

  it('cancels an install with app.cancel under the operationId it was started with, and says nothing was installed', async () => {
    const list = {
      models: [model('tiny.en', false)],
      recommended: { id: 'tiny.en', reason: 'small machine' },
      hardware: { ramGb: 8, cores: 2, avx2: true, gpu: { cuda: false, vulkan: false } },
    };
    fakeApi['models.list'].mockResolvedValue(list);
    let fail: (e: unknown) => void = () => {};
    fakeApi['models.install'].mockImplementationOnce(() => new Promise((_r, reject) => (fail = reject)));
    fakeApi['app.cancel'].mockClear();
    useModels.setState({ info: null, installing: {}, operations: {}, notes: {}, error: null });
    render(<Settings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Install Whisper tiny.en' }));
    const cancel = await screen.findByRole('button', { name: 'Cancel installing Whisper tiny.en' });
    fireEvent.click(cancel);
    const { operationId } = fakeApi['models.install'].mock.calls.at(-1)![0] as unknown as { operationId: string };
    expect(operationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(fakeApi['app.cancel']).toHaveBeenCalledWith({ operationId }));
    fail(new ApiFailure('models.install', { code: 'cancelled', message: 'downloading failed: download cancelled' }));
    expect((await screen.findByText(/^Install cancelled/)).textContent).toMatch(/the model was not installed/);
    expect(screen.queryByRole('button', { name: /Cancel installing/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Install Whisper tiny.en' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hotkeys: shows each accelerator, records a new one from a key press, saves it and words a conflict', async () => {
    useAppStore.setState({
      storeUnlocked: true,
      settings: settingsInfo(),
      info: { ...useAppStore.getState().info!, transport: 'websocket', platform: 'linux' },
    });
    fakeApi['settings.get'].mockResolvedValue(settingsInfo());
    render(<Settings />);
    // the browser dev host has no global hotkeys
    expect(screen.getByTestId('hotkeys-desktop-only').textContent).toMatch(/work in the desktop app/);
    expect(screen.getByTestId('hotkey-toggleRecording').textContent).toBe('Ctrl+Shift+R');
    fireEvent.click(screen.getByRole('button', { name: 'Change the hotkey for start or stop recording' }));
    const input = screen.getByLabelText(/New hotkey for start or stop recording/) as HTMLInputElement;
    fireEvent.keyDown(input, { key: 'Control', code: 'ControlLeft', ctrlKey: true });
    expect(input.value).toBe('Ctrl+…');
    fireEvent.keyDown(input, { key: 'k', code: 'KeyK', ctrlKey: true, altKey: true });
    expect(input.value).toBe('Ctrl+Alt+K');
    const conflicted = settingsInfo({
      hotkeys: { toggleRecording: 'CommandOrControl+Alt+K', showWindow: 'CommandOrControl+Shift+B' },
      hotkeyStatus: {
        registered: [{ action: 'showWindow', accelerator: 'CommandOrControl+Shift+B' }],
        conflicts: [{ action: 'toggleRecording', accelerator: 'CommandOrControl+Alt+K', reason: 'in-use' }],
      },
    });
    fakeApi['settings.set'].mockResolvedValueOnce(conflicted);
    fireEvent.click(screen.getByRole('button', { name: 'Save hotkey' }));
    await waitFor(() =>
      expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({
        hotkeys: { toggleRecording: 'CommandOrControl+Alt+K' },
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Ctrl+Alt+K is used by another application — choose another.',
    );
    expect(screen.getByTestId('hotkey-toggleRecording').textContent).toBe('Ctrl+Alt+K');

    // A key the core refuses: its own words, not "Invalid parameters"
    fireEvent.click(screen.getByRole('button', { name: 'Change the hotkey for show the bedside window' }));
    const second = screen.getByLabelText(/New hotkey for show the bedside window/);
    fireEvent.keyDown(second, { key: 'R', code: 'KeyR', shiftKey: true });
    fakeApi['settings.set'].mockRejectedValueOnce(
      new ApiFailure('settings.set', {
        code: 'invalid_params',
        message: 'Invalid parameters for settings.set: hotkeys.showWindow: A global hotkey needs Ctrl…',
        issues: [{ path: 'hotkeys.showWindow', message: 'A global hotkey needs Ctrl, Alt or Command.' }],
      } as never),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save hotkey' }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
        'Not saved: A global hotkey needs Ctrl, Alt or Command.',
      ),
    );
  });

  it('records accelerators portably and shows them in the keyboard’s words', () => {
    const k = (code: string, m: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
      code,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...m,
    });
    expect(acceleratorFromKey(k('KeyR', { ctrlKey: true, shiftKey: true }), false).accelerator).toBe(
      'CommandOrControl+Shift+R',
    );
    expect(acceleratorFromKey(k('KeyR', { metaKey: true, ctrlKey: true }), true).accelerator).toBe(
      'CommandOrControl+Control+R',
    );
    expect(acceleratorFromKey(k('F9'), false)).toEqual({ accelerator: 'F9', partial: false });
    expect(acceleratorFromKey(k('ShiftLeft', { shiftKey: true }), false)).toEqual({
      accelerator: 'Shift',
      partial: true,
    });
    expect(acceleratorFromKey(k('Numpad3', { altKey: true, metaKey: true }), false).accelerator).toBe('Alt+Super+num3');
    expect(formatAccelerator('CommandOrControl+Alt+R', true)).toBe('Cmd+Option+R');
    expect(formatAccelerator('CommandOrControl+Alt+R', false)).toBe('Ctrl+Alt+R');
  });

  it('audio input: saves the chosen microphone, the recorder starts with it, and an unplugged one is called out', async () => {
    setCaptureBackend({
      listDevices: async () => [
        { id: 'default', label: 'Default' },
        { id: 'mic-1', label: 'Desk microphone' },
        { id: 'mic-2', label: 'Headset' },
      ],
      open: vi.fn(),
    });
    useRecorder.setState({ status: 'idle', deviceId: null });
    useAppStore.setState({ storeUnlocked: true, settings: settingsInfo({ audioInputId: 'gone-usb' }) });
    fakeApi['settings.get'].mockResolvedValue(settingsInfo({ audioInputId: 'gone-usb' }));
    render(<Settings />);
    expect((await screen.findByTestId('audio-missing')).textContent).toMatch(/not connected/);
    const select = screen.getByLabelText('Microphone recordings start with') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['System default', 'Desk microphone', 'Headset']);
    fakeApi['settings.set'].mockResolvedValueOnce(settingsInfo({ audioInputId: 'mic-2' }));
    fakeApi['settings.get'].mockResolvedValue(settingsInfo({ audioInputId: 'mic-2' }));
    fireEvent.change(select, { target: { value: 'mic-2' } });
    await waitFor(() => expect(screen.getByText('Saved: recordings start with Headset.')).toBeTruthy());
    expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ audioInputId: 'mic-2' });
    expect(useRecorder.getState().deviceId).toBe('mic-2');
    expect(screen.queryByTestId('audio-missing')).toBeNull();
  });
});
