/**
 * engines.setServerKey under machine policy, through the real dispatcher over a real encrypted store: one API key
 * serves the clinic server for notes and for transcription, so it may be stored when the server is allowed for
 * either use (notes: allowedNoteEngines and the note engine's address; transcription: the transcription server's
 * address on inferenceServers, since the policy has no transcription engine rule), and is refused (forbidden, in
 * words) when it is allowed for neither. Nothing is stored on a refusal.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../core/api/index.js';
import { SERVER_KEY_SETTING } from '../../../core/engines/server-api.js';
import type { Policy } from '../../../core/policy/schema.js';
import { directStore } from '../../../core/store/client.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { policyReport } from '../../helpers/policy.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };
const KEY = 'sk-test-key-policy-0123456789';
const ASR = 'https://asr.clinic.example/v1';
const LLM = 'https://llm.clinic.example/v1';
const NOT_NOTES: Policy = { allowedNoteEngines: ['rules', 'local'] };

let engine: StoreEngine;
let core: Core;
const withPolicy = (values: Policy) => {
  core = createCore({ policy: policyReport(values) });
  core.services.store = directStore(engine);
};
const setKey = () => core.dispatch('engines.setServerKey', { key: KEY }, ctx);

beforeEach(async () => {
  ({ engine } = await newStore());
});

describe('engines.setServerKey: allowed for notes or for transcription', () => {
  it('stores the key when the server is allowed for transcription only (set through settings.set)', async () => {
    withPolicy({ ...NOT_NOTES, inferenceServers: ['https://asr.clinic.example'] });
    const set = await core.dispatch(
      'settings.set',
      { transcription: { kind: 'server', serverUrl: ASR, serverModel: 'Systran/faster-whisper-small' } },
      ctx,
    );
    expect(set).toMatchObject({ ok: true });
    expect(await setKey()).toEqual({ ok: true, result: { keyStored: true } });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBe(KEY);
  });

  it("stores the key when the transcription server in effect is the note engine's, on the list", async () => {
    engine.setSetting('note.engine.server_url', LLM);
    withPolicy({ ...NOT_NOTES, inferenceServers: ['https://llm.clinic.example'] });
    expect(await setKey()).toEqual({ ok: true, result: { keyStored: true } });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBe(KEY);
  });

  it('refuses when the server is allowed for neither: notes excluded, transcription address off the list', async () => {
    engine.setSetting('asr.engine.server_url', 'https://elsewhere.example/v1');
    withPolicy({ ...NOT_NOTES, inferenceServers: ['https://asr.clinic.example'] });
    const r = await setKey();
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toMatch(/does not allow notes to be drafted with the clinic's inference server/);
    expect(message).toMatch(/does not allow audio to be sent to the transcription server/);
    expect(message).not.toContain(KEY);
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBeNull();
  });

  it('refuses when notes are excluded and no transcription address is set, saying what to set', async () => {
    withPolicy({ ...NOT_NOTES, inferenceServers: [ASR] });
    expect(await setKey()).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/set the transcription server's address first/) },
    });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBeNull();
  });

  it('refuses when the address (for notes and transcription alike) is not on the allow-list', async () => {
    engine.setSetting('note.engine.server_url', 'https://elsewhere.example/v1');
    withPolicy({ inferenceServers: ['https://llm.clinic.example'] });
    expect(await setKey()).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'Your organisation does not allow text or audio to be sent to this server (it is not one of the clinic inference servers set by IT).',
      },
    });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBeNull();
  });

  it('stores the key when notes are allowed though the transcription address is off the list', async () => {
    engine.setSetting('note.engine.server_url', LLM);
    engine.setSetting('asr.engine.server_url', 'https://elsewhere.example/v1');
    withPolicy({ inferenceServers: ['https://llm.clinic.example'] });
    expect(await setKey()).toEqual({ ok: true, result: { keyStored: true } });
  });

  it('removing the key is always allowed', async () => {
    engine.setSetting(SERVER_KEY_SETTING, KEY);
    withPolicy({ ...NOT_NOTES, inferenceServers: [] });
    expect(await core.dispatch('engines.setServerKey', { key: null }, ctx)).toEqual({
      ok: true,
      result: { keyStored: false },
    });
    expect(engine.getSetting(SERVER_KEY_SETTING)).toBe('');
  });
});
