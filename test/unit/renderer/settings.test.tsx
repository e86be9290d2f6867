// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiModule, emit, fakeApi } from './fake-api';

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
});
