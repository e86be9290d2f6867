// @vitest-environment jsdom
/**
 * Settings → Transcription's clinic server uses the same server parts as Settings → Note engine
 * (ServerSettingsParts): the connection test (engines.testTranscriptionServer) read out step by step in a live
 * region, with the address typed here or the one in effect, and a key typed but not saved; the one API key form,
 * whose change both sections show.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiModule, fakeApi, settingsInfo } from './fake-api';
import { connectionSteps, serverTestResult, testConnection } from './server-test';

vi.mock('../../../renderer/src/api', () => apiModule());

const { TranscriptionSettings } = await import('../../../renderer/src/components/TranscriptionSettings');
const { NoteEngineSettings } = await import('../../../renderer/src/components/NoteEngineSettings');
const { useAppStore } = await import('../../../renderer/src/store/app');

function open() {
  useAppStore.setState({
    storeUnlocked: true,
    settings: settingsInfo({
      noteEngine: {
        kind: 'server',
        localModel: null,
        serverUrl: 'https://llm.clinic.example/v1',
        serverModel: 'qwen2.5-7b-instruct',
        replaceUnsupported: true,
        allowed: ['embedded', 'local', 'server'],
        serverKeyStored: false,
      },
      transcription: {
        kind: 'server',
        serverUrl: null,
        serverModel: 'whisper-small',
        effectiveUrl: 'https://llm.clinic.example/v1',
        serverAllowed: true,
      },
    }),
  });
  return render(
    <>
      <NoteEngineSettings />
      <TranscriptionSettings />
    </>,
  );
}

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const section = () => screen.getByTestId('transcription-settings');

describe('Settings → Transcription: the clinic server parts', () => {
  it('tests the server in effect with the typed key, and reads the steps out', async () => {
    open();
    const s = section();
    const key = within(s).getByLabelText('API key') as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(document.getElementById(key.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /No key is stored.*same key as the note engine/,
    );
    fireEvent.change(key, { target: { value: 'sk-typed' } });
    const live = await testConnection(
      s,
      'engines.testTranscriptionServer',
      serverTestResult({
        message: 'Connected to llm.clinic.example: whisper-small transcribed a test clip.',
        keyUsed: 'given',
        checks: [
          { name: 'address', ok: true, detail: 'https: llm.clinic.example.' },
          { name: 'models', ok: null, detail: 'The server has no model list at this address (HTTP 404).' },
          { name: 'transcribe', ok: true, detail: 'The server transcribed a second of silence with whisper-small.' },
        ],
      }),
      { url: 'https://llm.clinic.example/v1', model: 'whisper-small', key: 'sk-typed' },
    );
    expect(fakeApi['engines.testServer']).not.toHaveBeenCalled();
    expect(await connectionSteps(live)).toEqual([
      '✓ Address passed: https: llm.clinic.example.',
      '– Models not checked: The server has no model list at this address (HTTP 404).',
      '✓ Test transcription passed: The server transcribed a second of silence with whisper-small.',
    ]);
    expect(live.textContent).toMatch(/^Connected\./);
  });

  it('an address typed here is the one tested; the list of models it returns is offered', async () => {
    open();
    const s = section();
    const form = within(s).getByRole('form', { name: 'Transcription server' });
    fireEvent.change(within(form).getByLabelText(/Server address/), { target: { value: ' http://127.0.0.1:9000 ' } });
    await testConnection(
      s,
      'engines.testTranscriptionServer',
      serverTestResult({
        checks: [{ name: 'models', ok: true, detail: '2 model(s) listed.' }],
        models: ['whisper-small', 'whisper-large-v3'],
      }),
      { url: 'http://127.0.0.1:9000', model: 'whisper-small' },
    );
    const model = within(form).getByLabelText('Speech model name on the server') as HTMLInputElement;
    await waitFor(() => expect(model.getAttribute('list')).toBeTruthy());
    const options = [...document.getElementById(model.getAttribute('list')!)!.querySelectorAll('option')];
    expect(options.map((o) => o.value)).toEqual(['whisper-small', 'whisper-large-v3']);
  });

  it('one API key: saved under Transcription, the note engine section shows it stored too', async () => {
    open();
    const noteGroup = screen.getByRole('group', { name: 'Clinic server' });
    expect(within(noteGroup).getByTestId('server-key-state').textContent).toMatch(/No key is stored/);
    const s = section();
    fireEvent.change(within(s).getByLabelText('API key'), { target: { value: 'sk-secret-9' } });
    fireEvent.click(within(s).getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(fakeApi['engines.setServerKey']).toHaveBeenCalledWith({ key: 'sk-secret-9' }));
    await waitFor(() =>
      expect(within(noteGroup).getByTestId('server-key-state').textContent).toMatch(/A key is stored/),
    );
    expect(within(s).getByTestId('server-key-state').textContent).toMatch(/A key is stored/);
    expect(useAppStore.getState().settings!.noteEngine!.serverKeyStored).toBe(true);
    expect(document.body.textContent).not.toContain('sk-secret-9');
  });
});
