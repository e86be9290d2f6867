// @vitest-environment jsdom
/**
 * Issue 17: a Lock button in the header (and Ctrl/Cmd+Shift+L) closes the store through store.lock and shows the
 * unlock screen; a store that exists and is locked opens at the unlock screen, not at an empty encounter list.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure, fakeApi, settingsInfo } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { App } = await import('../../../renderer/src/App');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useEncounters } = await import('../../../renderer/src/store/encounters');

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
const status = (over: Record<string, unknown>) => ({
  unlocked: false,
  databaseId: null,
  schemaVersion: null,
  encounters: null,
  interruptedRecordings: null,
  exists: true,
  keychain: false,
  ...over,
});

beforeEach(() => {
  fakeApi['app.info'].mockResolvedValue(info);
  fakeApi['settings.get'].mockReset().mockResolvedValue(settingsInfo());
  fakeApi['store.lock'].mockReset().mockResolvedValue(status({}));
  fakeApi['store.unlock'].mockReset().mockResolvedValue(status({ unlocked: true }));
  useAppStore.setState({ screen: 'encounters', locked: false, storeUnlocked: false, notice: null, unlockError: null });
  useEncounters.setState({ items: [], activeId: null, query: '' });
});
afterEach(() => {
  cleanup();
  fakeApi['store.status'].mockImplementation(async () => ({}));
});

describe('a store that exists and is locked', () => {
  it('opens at the unlock screen (focus in the passphrase), not at an empty encounter list', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ unlocked: false }));
    render(<App />);
    const pass = await screen.findByLabelText('Passphrase');
    expect(screen.getByRole('heading', { name: 'Bedside is locked' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New encounter' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Not now' })).toBeNull();
    expect(document.activeElement).toBe(pass);
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull(); // nothing open to lock
    fireEvent.change(pass, { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('button', { name: 'New encounter' });
    expect(fakeApi['store.unlock']).toHaveBeenCalledWith({ passphrase: 'correct horse battery' });
  });

  it('a fresh install (no store yet) opens at setting it up; “Continue without saving” leads to the list', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ exists: false }));
    render(<App />);
    await screen.findByRole('heading', { name: 'Set up the encrypted store' });
    expect(screen.queryByRole('button', { name: 'New encounter' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Continue without saving' }));
    await screen.findByRole('button', { name: 'New encounter' });
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
  });
});

describe('the Lock button and shortcut', () => {
  it('Lock closes the store through store.lock and shows the unlock screen', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ unlocked: true }));
    render(<App />);
    const lock = await screen.findByRole('button', { name: 'Lock' });
    expect(lock.getAttribute('aria-keyshortcuts')).toMatch(/Control\+Shift\+L/);
    await screen.findByRole('button', { name: 'New encounter' });
    fireEvent.click(lock);
    const pass = await screen.findByLabelText('Passphrase');
    expect(fakeApi['store.lock']).toHaveBeenCalledWith({});
    expect(useAppStore.getState().storeUnlocked).toBe(false);
    expect(screen.queryByRole('button', { name: 'New encounter' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(pass));
  });

  it('Ctrl+Shift+L locks from anywhere in the window', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ unlocked: true }));
    render(<App />);
    await screen.findByRole('button', { name: 'Lock' });
    fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
    await screen.findByLabelText('Passphrase');
    expect(fakeApi['store.lock']).toHaveBeenCalledTimes(1);
  });

  it('when the store cannot be closed the screen is hidden all the same, and a note says so', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ unlocked: true }));
    fakeApi['store.lock'].mockRejectedValueOnce(
      new ApiFailure('store.lock', { code: 'unavailable', message: 'host gone' }),
    );
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Lock' }));
    await screen.findByLabelText('Passphrase');
    await act(async () => undefined);
    expect(useAppStore.getState().notice).toMatch(/^The screen is locked, but could not close the encrypted store\./);
  });
});
