// @vitest-environment jsdom
/**
 * The lock screen's three states from store.status: no store yet (set it up, with the keychain option on a desktop
 * with a usable keychain), a store with a usable keychain (unlock with it, or the recovery passphrase), and a store
 * with a passphrase only.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiModule, ApiFailure, fakeApi } from './fake-api';

vi.mock('../../../renderer/src/api', () => apiModule());

const { LockScreen } = await import('../../../renderer/src/components/LockScreen');
const { useAppStore } = await import('../../../renderer/src/store/app');

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
  useAppStore.setState({
    locked: true,
    lockReason: 'open',
    unlockError: null,
    storeUnlocked: false,
    storeExists: null,
    keychainAvailable: false,
  });
  fakeApi['settings.get'].mockClear();
});
afterEach(() => {
  cleanup();
  fakeApi['store.status'].mockImplementation(async () => ({}));
  fakeApi['store.create'].mockImplementation(async () => ({}));
  fakeApi['store.unlock'].mockImplementation(async () => ({}));
});

describe('LockScreen: no store yet', () => {
  it('sets the store up: too short and mismatched passphrases are refused in words, then store.create', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ exists: false }));
    fakeApi['store.create'].mockResolvedValue(status({ unlocked: true, exists: true, encounters: 0 }));
    render(<LockScreen />);
    await screen.findByRole('heading', { name: 'Set up the encrypted store' });
    // No keychain on this host: no checkbox.
    expect(screen.queryByRole('checkbox')).toBeNull();
    const pass = screen.getByLabelText('Passphrase');
    const confirm = screen.getByLabelText('Confirm passphrase');
    expect(pass.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(pass.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /At least 8 characters/,
    );

    fireEvent.change(pass, { target: { value: 'short' } });
    fireEvent.change(confirm, { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That passphrase is too short: use at least 8 characters.',
    );
    expect(pass.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(pass);

    fireEvent.change(pass, { target: { value: 'plum tractor lantern' } });
    fireEvent.change(confirm, { target: { value: 'plum tractor lantren' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/The two passphrases differ/));
    expect(document.activeElement).toBe(confirm);
    expect(fakeApi['store.create']).not.toHaveBeenCalled();

    fireEvent.change(confirm, { target: { value: 'plum tractor lantern' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    await waitFor(() => expect(useAppStore.getState().locked).toBe(false));
    expect(fakeApi['store.create']).toHaveBeenLastCalledWith({ passphrase: 'plum tractor lantern' });
    expect(useAppStore.getState()).toMatchObject({ storeUnlocked: true, storeExists: true });
  });

  it('offers the keychain (on by default) when the host has one; unticked, the passphrase alone', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ exists: false, keychain: true }));
    fakeApi['store.create'].mockResolvedValue(status({ unlocked: true, keychain: true }));
    render(<LockScreen />);
    const box = await screen.findByRole('checkbox', {
      name: "Also unlock with this computer's keychain (the passphrase is then only for recovery)",
    });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'plum tractor lantern' } });
    fireEvent.change(screen.getByLabelText('Confirm passphrase'), { target: { value: 'plum tractor lantern' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    await waitFor(() =>
      expect(fakeApi['store.create']).toHaveBeenLastCalledWith({
        passphrase: 'plum tractor lantern',
        useKeychain: true,
      }),
    );

    useAppStore.setState({ locked: true, storeExists: false, keychainAvailable: true });
    fakeApi['store.status'].mockResolvedValue(status({ exists: false, keychain: true }));
    cleanup();
    render(<LockScreen />);
    fireEvent.click(await screen.findByRole('checkbox'));
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'plum tractor lantern' } });
    fireEvent.change(screen.getByLabelText('Confirm passphrase'), { target: { value: 'plum tractor lantern' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    await waitFor(() =>
      expect(fakeApi['store.create']).toHaveBeenLastCalledWith({ passphrase: 'plum tractor lantern' }),
    );
  });

  it('a store created meanwhile (conflict) switches to unlocking it', async () => {
    fakeApi['store.status'].mockResolvedValueOnce(status({ exists: false }));
    fakeApi['store.create'].mockRejectedValue(new ApiFailure('store.create', { code: 'conflict', message: 'exists' }));
    render(<LockScreen />);
    await screen.findByRole('heading', { name: 'Set up the encrypted store' });
    fakeApi['store.status'].mockResolvedValue(status({ exists: true }));
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'plum tractor lantern' } });
    fireEvent.change(screen.getByLabelText('Confirm passphrase'), { target: { value: 'plum tractor lantern' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the store' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already exists.*Unlock it/);
    await screen.findByRole('button', { name: 'Unlock' });
    expect(useAppStore.getState().locked).toBe(true);
  });
});

describe('LockScreen: a store and a usable keychain', () => {
  it('unlocks with the keychain', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ keychain: true }));
    fakeApi['store.unlock'].mockResolvedValue(status({ unlocked: true, keychain: true }));
    render(<LockScreen />);
    fireEvent.click(await screen.findByRole('button', { name: "Unlock with this computer's keychain" }));
    await waitFor(() => expect(useAppStore.getState().locked).toBe(false));
    expect(fakeApi['store.unlock']).toHaveBeenLastCalledWith({ keychain: true });
  });

  it('a keychain failure says so in words and moves focus to the recovery passphrase, which then unlocks', async () => {
    fakeApi['store.status'].mockResolvedValue(status({ keychain: true }));
    fakeApi['store.unlock'].mockRejectedValueOnce(
      new ApiFailure('store.unlock', { code: 'forbidden', message: 'The OS keychain could not open the store' }),
    );
    render(<LockScreen />);
    fireEvent.click(await screen.findByRole('button', { name: "Unlock with this computer's keychain" }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "This computer's keychain could not open the store. Enter the recovery passphrase instead.",
    );
    const pass = screen.getByLabelText('Passphrase');
    await waitFor(() => expect(document.activeElement).toBe(pass));
    expect(useAppStore.getState().locked).toBe(true);
    fakeApi['store.unlock'].mockResolvedValue(status({ unlocked: true, keychain: true }));
    fireEvent.change(pass, { target: { value: 'plum tractor lantern' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock with the passphrase' }));
    await waitFor(() => expect(useAppStore.getState().locked).toBe(false));
    expect(fakeApi['store.unlock']).toHaveBeenLastCalledWith({ passphrase: 'plum tractor lantern' });
  });
});

describe('LockScreen: a store without keychain', () => {
  it('asks for the passphrase only, as before', async () => {
    fakeApi['store.status'].mockResolvedValue(status({}));
    render(<LockScreen />);
    await waitFor(() => expect(useAppStore.getState().storeExists).toBe(true));
    expect(screen.getByRole('heading', { name: 'Open the encrypted store' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /keychain/ })).toBeNull();
    expect(screen.queryByLabelText('Confirm passphrase')).toBeNull();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy();
  });
});
