// @vitest-environment jsdom
/**
 * Settings → Note engine (issue 15): the engine choice saved with settings.set, engines the policy forbids disabled
 * ("Set by your organisation"), the local model picker with the recommendation and install progress, the clinic
 * server's address/model, its API key (engines.setServerKey; the key is never shown) and the connection test read
 * out step by step in a live region.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure, apiModule, emit, fakeApi, settingsInfo } from './fake-api';
import { connectionSteps, serverTestResult, testConnection } from './server-test';

vi.mock('../../../renderer/src/api', () => apiModule());

const { NoteEngineSettings } = await import('../../../renderer/src/components/NoteEngineSettings');
const { useAppStore } = await import('../../../renderer/src/store/app');
const { useModels } = await import('../../../renderer/src/store/models');

type NoteEngine = NonNullable<ReturnType<typeof settingsInfo>['noteEngine']>;
const engine = (over: Partial<NoteEngine> = {}): NoteEngine => ({
  kind: 'embedded',
  localModel: null,
  serverUrl: null,
  serverModel: null,
  replaceUnsupported: true,
  allowed: ['embedded', 'local', 'server'],
  serverKeyStored: false,
  ...over,
});
const withEngine = (over: Partial<NoteEngine> = {}) => settingsInfo({ noteEngine: engine(over) });

function open(over: Partial<NoteEngine> = {}) {
  useAppStore.setState({ storeUnlocked: true, settings: withEngine(over) });
  // settings.set answers with what was asked merged into the current settings, as the core does.
  fakeApi['settings.set'].mockImplementation(async (p: unknown) => {
    const patch = (p as { noteEngine?: Partial<NoteEngine> }).noteEngine ?? {};
    return withEngine({ ...useAppStore.getState().settings!.noteEngine!, ...patch });
  });
  return render(<NoteEngineSettings />);
}

const llm = (id: string, installed: boolean) => ({
  id,
  name: id,
  task: 'llm' as const,
  sizeBytes: 1.8e9,
  minRamGb: 8,
  installed,
  path: installed ? `/models/${id}` : null,
  installable: true,
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  useModels.setState({ info: null, installing: {}, operations: {}, notes: {}, error: null });
});
beforeEach(() => {
  fakeApi['models.list'].mockResolvedValue({
    models: [llm('qwen2.5-0.5b-instruct', true), llm('qwen2.5-1.5b-instruct', false)],
    recommended: { id: 'whisper-base.en-q5_1', reason: '4+ cores' },
    recommendedLlm: { id: 'qwen2.5-1.5b-instruct', reason: '8+ GB RAM and 4+ cores' },
    hardware: { ramGb: 16, cores: 8, avx2: true, gpu: { cuda: false, vulkan: false } },
  });
});

describe('Settings → Note engine', () => {
  it('says to unlock the store first', () => {
    useAppStore.setState({ storeUnlocked: false, settings: null });
    render(<NoteEngineSettings />);
    expect(screen.getByRole('heading', { name: 'Note engine' })).toBeTruthy();
    expect(screen.getByText(/Unlock the encrypted store/)).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('saves the engine chosen and the replace-unsupported toggle', async () => {
    open();
    expect((screen.getByRole('radio', { name: /Built-in drafter/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /clinic's inference server/ }));
    await waitFor(() => expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ noteEngine: { kind: 'server' } }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Saved/);
    expect(screen.getByRole('group', { name: 'Clinic server' })).toBeTruthy();
    const toggle = screen.getByRole('checkbox', { name: /Replace unsupported sentences/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() =>
      expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ noteEngine: { replaceUnsupported: false } }),
    );
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(screen.getByRole('status').textContent).toMatch(/stay in the draft, marked/);
  });

  it('disables the engines the organisation does not allow, and shows its refusal in words', async () => {
    open({ allowed: ['embedded', 'server'] });
    const local = screen.getByRole('radio', { name: /on this computer/ }) as HTMLInputElement;
    expect(local.disabled).toBe(true);
    expect(screen.getByTestId('engine-forbidden-local').textContent).toMatch(/^Set by your organisation/);
    expect(local.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(local.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /Set by your organisation/,
    );
    expect((screen.getByRole('radio', { name: /clinic's inference server/ }) as HTMLInputElement).disabled).toBe(false);
    fakeApi['settings.set'].mockRejectedValueOnce(
      new ApiFailure('settings.set', {
        code: 'forbidden',
        message: 'Your organisation does not allow text to be sent to this server.',
      }),
    );
    fireEvent.click(screen.getByRole('radio', { name: /clinic's inference server/ }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Not saved: .*Your organisation does not allow text to be sent/,
    );
    // The choice goes back to the saved engine.
    await waitFor(() =>
      expect((screen.getByRole('radio', { name: 'Built-in drafter' }) as HTMLInputElement).checked).toBe(true),
    );
  });

  it('picks an installed local model, shows the recommendation, and installs another with progress', async () => {
    open({ kind: 'local' });
    const group = await screen.findByRole('group', { name: 'Model on this computer' });
    expect((await within(group).findByTestId('llm-recommendation')).textContent).toBe(
      'Recommended for this computer: qwen2.5-1.5b-instruct (8+ GB RAM and 4+ cores).',
    );
    const select = within(group).getByLabelText('Model') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'qwen2.5-0.5b-instruct']);
    fireEvent.change(select, { target: { value: 'qwen2.5-0.5b-instruct' } });
    await waitFor(() =>
      expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({ noteEngine: { localModel: 'qwen2.5-0.5b-instruct' } }),
    );
    await waitFor(() => expect(select.value).toBe('qwen2.5-0.5b-instruct'));

    let finish: () => void = () => undefined;
    fakeApi['models.install'].mockImplementationOnce(
      () => new Promise((resolve) => (finish = () => resolve({ id: 'qwen2.5-1.5b-instruct', files: [] }))),
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Install qwen2.5-1.5b-instruct' }));
    const bar = (await within(group).findByRole('progressbar', {
      name: 'Installing qwen2.5-1.5b-instruct',
    })) as HTMLProgressElement;
    emit('models.progress', { id: 'qwen2.5-1.5b-instruct', file: 'model.onnx', bytes: 450, total: 1000 });
    await waitFor(() => expect(bar.value).toBeCloseTo(0.45));
    expect(fakeApi['models.install']).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'qwen2.5-1.5b-instruct', operationId: expect.any(String) }),
    );
    finish();
    await waitFor(() => expect(within(group).queryByRole('progressbar')).toBeNull());
  });

  it('saves the server and its key (never shown), and reads out the connection test step by step', async () => {
    open({ kind: 'server', serverKeyStored: false });
    const group = screen.getByRole('group', { name: 'Clinic server' });
    fireEvent.change(within(group).getByLabelText('Server address'), {
      target: { value: ' https://llm.clinic.example/v1 ' },
    });
    fireEvent.change(within(group).getByLabelText('Model name on the server'), {
      target: { value: 'qwen2.5-7b-instruct' },
    });
    fireEvent.click(within(group).getByRole('button', { name: 'Save server' }));
    await waitFor(() =>
      expect(fakeApi['settings.set']).toHaveBeenLastCalledWith({
        noteEngine: { serverUrl: 'https://llm.clinic.example/v1', serverModel: 'qwen2.5-7b-instruct' },
      }),
    );

    const key = within(group).getByLabelText('API key') as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(within(group).getByTestId('server-key-state').textContent).toMatch(/No key is stored/);
    expect(within(group).queryByRole('button', { name: 'Remove key' })).toBeNull();
    fireEvent.change(key, { target: { value: 'sk-secret-123' } });
    fireEvent.click(within(group).getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(fakeApi['engines.setServerKey']).toHaveBeenCalledWith({ key: 'sk-secret-123' }));
    await waitFor(() => expect(key.value).toBe(''));
    expect(within(group).getByTestId('server-key-state').textContent).toMatch(/A key is stored.*never shown/);
    expect(document.body.textContent).not.toContain('sk-secret-123');

    const live = await testConnection(
      group,
      'engines.testServer',
      serverTestResult({
        ok: false,
        message: 'The server did not accept the stored API key (HTTP 401).',
        keyStored: true,
        keyUsed: 'stored',
        checks: [
          { name: 'address', ok: true, detail: 'https: llm.clinic.example.' },
          { name: 'connect', ok: true, detail: 'llm.clinic.example answers.' },
          { name: 'tls', ok: true, detail: 'The TLS certificate is trusted.' },
          { name: 'auth', ok: false, detail: 'The server did not accept the stored API key (HTTP 401).' },
        ],
      }),
      { url: 'https://llm.clinic.example/v1', model: 'qwen2.5-7b-instruct' },
    );
    expect(await connectionSteps(live)).toEqual([
      '✓ Address passed: https: llm.clinic.example.',
      '✓ Connection passed: llm.clinic.example answers.',
      '✓ Secure connection (TLS) passed: The TLS certificate is trusted.',
      '✗ API key failed: The server did not accept the stored API key (HTTP 401).',
    ]);
    expect(live.textContent).toMatch(/Not connected\./);

    // Removing the key.
    fireEvent.click(within(group).getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(fakeApi['engines.setServerKey']).toHaveBeenLastCalledWith({ key: null }));
    await waitFor(() => expect(within(group).getByTestId('server-key-state').textContent).toMatch(/No key is stored/));
  });

  it('refuses to save a server without its address and model, and says why a test could not run', async () => {
    open({ kind: 'server' });
    const group = screen.getByRole('group', { name: 'Clinic server' });
    fireEvent.click(within(group).getByRole('button', { name: 'Save server' }));
    expect((await within(group).findByRole('alert')).textContent).toMatch(
      /enter both the server address and the model/,
    );
    expect(fakeApi['settings.set']).not.toHaveBeenCalled();
    fireEvent.change(within(group).getByLabelText('Server address'), { target: { value: 'http://10.0.0.5:8000' } });
    fakeApi['engines.testServer'].mockRejectedValueOnce(
      new ApiFailure('engines.testServer', {
        code: 'invalid_params',
        message: 'The clinic server must be reached over https (plain http only on this computer).',
      }),
    );
    fireEvent.click(within(group).getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(within(group).getByTestId('server-test').textContent).toMatch(
        /Could not test the server: The clinic server must be reached over https/,
      ),
    );
  });
});
