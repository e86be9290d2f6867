// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, emit, fakeApi } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { Settings } = await import('../../../renderer/src/components/Settings');
const { useAppStore } = await import('../../../renderer/src/store/app');

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
    fireEvent.click(screen.getAllByRole('button', { name: 'Install' })[0]!);
    expect(fakeApi['models.install']).toHaveBeenCalledWith({ id: 'tiny.en' });
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
    const stored = { autoLockMinutes: 10, retention: { audioDays: 30, encounterDays: 365 }, alwaysOnTop: false };
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
});
