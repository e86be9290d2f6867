// @vitest-environment jsdom
/** The header's always-on-top button, and the settings the UI takes up at unlock (the saved microphone). */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi, settingsInfo } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { App } = await import('../../../renderer/src/App');
const { useAppStore, MISSING_INPUT_NOTE } = await import('../../../renderer/src/store/app');
const { useRecorder, setCaptureBackend } = await import('../../../renderer/src/store/recorder');

const info = {
  name: 'bedside',
  version: '1.0.0',
  commit: null,
  builtAt: null,
  node: '22',
  electron: null,
  platform: 'linux',
  arch: 'x64',
  transport: 'websocket',
};

beforeEach(() => {
  fakeApi['app.info'].mockResolvedValue(info);
  fakeApi['settings.get'].mockReset().mockResolvedValue(settingsInfo());
  fakeApi['settings.set'].mockReset();
  setCaptureBackend({
    listDevices: async () => [
      { id: 'mic-1', label: 'Desk microphone' },
      { id: 'mic-2', label: 'Headset' },
    ],
    open: vi.fn(),
  });
  useRecorder.setState({ status: 'idle', deviceId: null });
  useAppStore.setState({ settings: null, notice: null, locked: false, storeUnlocked: false });
});
afterEach(cleanup);

describe('always on top (header)', () => {
  it('while the store is locked explains where the setting lives and saves nothing', async () => {
    fakeApi['store.status'].mockResolvedValue({ unlocked: false });
    render(<App />);
    const button = await screen.findByRole('button', { name: 'Always on top' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    expect((await screen.findByRole('status')).textContent).toMatch(/unlock Bedside .* to change it/);
    expect(fakeApi['settings.set']).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('when unlocked saves the toggle and shows it pressed; a browser tab says only the desktop app stays on top', async () => {
    fakeApi['store.status'].mockResolvedValue({ unlocked: true });
    fakeApi['settings.set'].mockImplementation(async (p: unknown) =>
      settingsInfo({ alwaysOnTop: (p as { alwaysOnTop: boolean }).alwaysOnTop }),
    );
    render(<App />);
    const button = await screen.findByRole('button', { name: 'Always on top' });
    await waitFor(() => expect(fakeApi['settings.get']).toHaveBeenCalled());
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ alwaysOnTop: true });
    expect(screen.getByRole('status').textContent).toMatch(/a browser tab cannot stay on top/);
    // keyboard: a native button activates on Enter/Space, which fire click
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ alwaysOnTop: false });
  });
});

describe('settings taken up at unlock', () => {
  it('reads the settings right after store.unlock; recordings start with the saved microphone', async () => {
    fakeApi['store.unlock'].mockResolvedValue({ unlocked: true });
    fakeApi['settings.get'].mockResolvedValue(settingsInfo({ audioInputId: 'mic-2', alwaysOnTop: true }));
    expect(await useAppStore.getState().unlock('pass')).toBe(true);
    expect(useAppStore.getState().settings?.alwaysOnTop).toBe(true);
    expect(useRecorder.getState().deviceId).toBe('mic-2');
    expect(useAppStore.getState().notice).toBeNull();
  });

  it('a saved microphone that is no longer connected falls back to the system default with a note', async () => {
    fakeApi['store.unlock'].mockResolvedValue({ unlocked: true });
    fakeApi['settings.get'].mockResolvedValue(settingsInfo({ audioInputId: 'unplugged' }));
    useRecorder.setState({ deviceId: 'mic-1' });
    await useAppStore.getState().unlock('pass');
    expect(useRecorder.getState().deviceId).toBeNull();
    expect(useAppStore.getState().notice).toBe(MISSING_INPUT_NOTE);
  });

  it('never switches the microphone of a running recording', async () => {
    fakeApi['store.unlock'].mockResolvedValue({ unlocked: true });
    fakeApi['settings.get'].mockResolvedValue(settingsInfo({ audioInputId: 'mic-2' }));
    useRecorder.setState({ status: 'recording', deviceId: 'mic-1' });
    await useAppStore.getState().unlock('pass');
    expect(useRecorder.getState().deviceId).toBe('mic-1');
    useRecorder.setState({ status: 'idle' });
  });
});
