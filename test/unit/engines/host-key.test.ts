/**
 * The clinic server's API key as the hosts wire it (core/engines/server-api.ts hostServerKey, used by the dev host and
 * the desktop app): the key stored with engines.setServerKey reaches the server with the next draft, a changed key
 * replaces the kept generator (the provider's cache key holds a digest of the key), and the environment's key is
 * used only while none is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import type { EngineDraft } from '../../../core/engines/generative.js';
import { createEngineProvider } from '../../../core/engines/providers.js';
import { hostServerKey } from '../../../core/engines/server-api.js';
import { createServerGenerator } from '../../../models/llm/server.js';
import { directStore } from '../../../core/store/client.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';
import { policyReport } from '../../helpers/policy.js';
import { newStore } from '../store/helpers.js';
import { answer, VISIT } from './fixtures.js';

const ctx = { transport: 'websocket' as const };
const noPolicy = policyReport({});
const ANSWER = answer([{ id: 'cc', sentences: [{ text: 'Left knee pain.', cites: [1] }] }]);

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer({ models: ['m1'] });
});
afterAll(async () => {
  await server.close();
});

const lastAuth = () =>
  server.requests.filter((q) => q.path.endsWith('/chat/completions')).at(-1)?.headers.authorization;

describe("the hosts' clinic-server key", () => {
  it('sends the stored key, and a changed key with the next draft; the environment key only while none is stored', async () => {
    const { engine } = await newStore();
    const made: string[] = [];
    const core = createCore({
      policy: noPolicy,
      engines: createEngineProvider({
        apiKey: hostServerKey(() => core.services.store, 'sk-from-env'),
        server: (opts) => {
          made.push(opts.apiKey ?? '');
          return createServerGenerator(opts);
        },
      }),
    });
    core.services.store = directStore(engine);
    const set = await core.dispatch(
      'settings.set',
      { noteEngine: { kind: 'server', serverUrl: server.url, serverModel: 'm1' } },
      ctx,
    );
    expect(set.ok).toBe(true);
    const draft = async () => {
      server.script({ kind: 'sse', pieces: [ANSWER] });
      const r = await core.dispatch('note.draft', { transcript: VISIT }, ctx);
      if (!r.ok) throw new Error(r.error.message);
      return (r.result as EngineDraft).engine;
    };

    expect((await draft()).used).toBe('server');
    expect(lastAuth()).toBe('Bearer sk-from-env');

    expect((await core.dispatch('engines.setServerKey', { key: 'sk-stored-1' }, ctx)).ok).toBe(true);
    // settings.get says a key is stored, never which.
    const got = await core.dispatch('settings.get', {}, ctx);
    expect(got).toMatchObject({ ok: true, result: { noteEngine: { serverKeyStored: true } } });
    expect(JSON.stringify(got)).not.toContain('sk-stored-1');
    expect((await draft()).used).toBe('server');
    expect(lastAuth()).toBe('Bearer sk-stored-1');

    expect((await core.dispatch('engines.setServerKey', { key: 'sk-stored-2' }, ctx)).ok).toBe(true);
    await draft();
    expect(lastAuth()).toBe('Bearer sk-stored-2');
    // The same key again reuses the generator.
    await draft();
    expect(made).toEqual(['sk-from-env', 'sk-stored-1', 'sk-stored-2']);

    // Removing the stored key goes back to the environment's.
    expect((await core.dispatch('engines.setServerKey', { key: null }, ctx)).ok).toBe(true);
    await draft();
    expect(lastAuth()).toBe('Bearer sk-from-env');
    await core.close();
  });

  it('sends no key when none is stored and the host has none', async () => {
    const { engine } = await newStore();
    const core = createCore({
      policy: noPolicy,
      engines: createEngineProvider({ apiKey: hostServerKey(() => core.services.store) }),
    });
    core.services.store = directStore(engine);
    await core.dispatch(
      'settings.set',
      { noteEngine: { kind: 'server', serverUrl: server.url, serverModel: 'm1' } },
      ctx,
    );
    server.script({ kind: 'sse', pieces: [ANSWER] });
    const r = await core.dispatch('note.draft', { transcript: VISIT }, ctx);
    await core.close();
    expect(r.ok && (r.result as EngineDraft).engine?.used).toBe('server');
    expect(lastAuth()).toBeUndefined();
  });
});
