// @vitest-environment jsdom
/** Settings under a machine policy: limited fields say "Set by your organisation"; About shows updates + Check now. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, fakeApi, settingsInfo } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { Settings } = await import('../../../renderer/src/components/Settings');
const { useAppStore } = await import('../../../renderer/src/store/app');

afterEach(cleanup);
beforeEach(() => {
  fakeApi['models.list'].mockResolvedValue({
    models: [],
    recommended: { id: 'tiny.en', reason: 'small machine' },
    hardware: { ramGb: 8, cores: 2, avx2: true, gpu: { cuda: false, vulkan: false } },
  });
});

const status = (over: Record<string, unknown>) => ({
  state: 'idle',
  message: null,
  currentVersion: '1.0.0',
  availableVersion: null,
  mode: 'notify',
  channel: 'stable',
  progress: null,
  lastCheckedAt: null,
  restartBlockedBy: null,
  ...over,
});

describe('settings under a machine policy', () => {
  it('marks the fields the organisation limits', async () => {
    fakeApi['settings.get'].mockResolvedValue(
      settingsInfo({ autoLockMinutes: 5, limits: { autoLockMinutes: 5, audioDays: null, encounterDays: 90 } }),
    );
    useAppStore.setState({ storeUnlocked: true });
    render(<Settings />);
    expect((await screen.findByTestId('limit-autoLockMinutes')).textContent).toBe(
      ' Set by your organisation: at most 5.',
    );
    expect(screen.getByTestId('limit-encounterDays').textContent).toContain('at most 90');
    expect(screen.queryByTestId('limit-audioDays')).toBeNull();
    expect((screen.getByLabelText(/Lock after this many idle minutes/) as HTMLInputElement).max).toBe('5');
    // The app's refusal names the organisation's rule.
    fakeApi['settings.set'].mockRejectedValueOnce(
      new ApiFailure('settings.set', {
        code: 'forbidden',
        message: 'Set by your organisation: auto-lock at most 5 minutes.',
      }),
    );
    fireEvent.change(screen.getByLabelText(/Lock after this many idle minutes/), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not saved: Could not save the settings. Set by your organisation: auto-lock at most 5 minutes.',
    );
  });

  it('About: update status, Check now, and Restart to update (refusal shown in words)', async () => {
    fakeApi['updates.status'].mockResolvedValueOnce(status({ state: 'up-to-date' }));
    fakeApi['updates.check'].mockResolvedValueOnce(status({ state: 'downloaded', availableVersion: '1.2.0' }));
    fakeApi['updates.install'].mockRejectedValueOnce(
      new ApiFailure('updates.install', { code: 'conflict', message: 'A recording is running.' }),
    );
    useAppStore.setState({ storeUnlocked: false });
    render(<Settings />);
    expect((await screen.findByTestId('update-status')).textContent).toBe('Updates: Up to date (stable).');
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() =>
      expect(screen.getByTestId('update-status').textContent).toBe('Updates: Version 1.2.0 is ready to install.'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/recording is running/);
    expect(fakeApi['updates.install']).toHaveBeenCalledWith({ unsavedEdits: false });
  });

  it('disabled updates say why and cannot be checked', async () => {
    fakeApi['updates.status'].mockResolvedValueOnce(
      status({ state: 'disabled', message: 'Updates are turned off by your organisation.', mode: 'off' }),
    );
    render(<Settings />);
    expect((await screen.findByTestId('update-status')).textContent).toBe(
      'Updates: Updates are turned off by your organisation.',
    );
    expect((screen.getByRole('button', { name: 'Check now' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
