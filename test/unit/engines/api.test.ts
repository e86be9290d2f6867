/**
 * note.draft across the engines through the real dispatcher (createCore): the engine provider seam, streaming
 * note.draftProgress events with the operationId, app.cancel, the fallback when no engine is configured, the
 * note-engine settings in the encrypted store, and the machine policy's refusals.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import type { EventName } from '../../../core/api/contract.js';
import { directStore } from '../../../core/store/client.js';
import type { PolicyReport } from '../../../core/policy/policy.js';
import type { Policy } from '../../../core/policy/schema.js';
import type { EngineProvider, NoteEngineSettings } from '../../../core/engines/select.js';
import { ScriptedGenerator, type ScriptedOptions } from '../../../core/engines/scripted.js';
import { EngineError } from '../../../core/engines/types.js';
import { newStore } from '../store/helpers.js';
import { answer, VISIT } from './fixtures.js';

const ctx = { transport: 'websocket' as const };
const ANSWER = answer([
  { id: 'cc', sentences: [{ text: 'Left knee pain.', cites: [1] }] },
  { id: 'ap', sentences: [{ text: 'Start meloxicam 15 mg once a day.', cites: [11] }] },
]);

const report = (values: Policy): PolicyReport => ({ values, origin: {}, sources: [], problems: [] });

/** A provider handing out scripted generators, recording the settings it was asked with. */
function provider(opts: Partial<ScriptedOptions> = {}) {
  const asked: { kind: string; settings: NoteEngineSettings }[] = [];
  let closed = 0;
  const p: EngineProvider = {
    async getGenerator(kind, settings) {
      asked.push({ kind, settings });
      return new ScriptedGenerator({
        answer: ANSWER,
        kind,
        model: (kind === 'local' ? settings.localModel : settings.serverModel) ?? 'none',
        ...opts,
      });
    },
    async close() {
      closed++;
    },
  };
  return { p, asked, closed: () => closed };
}

function collect(core: ReturnType<typeof createCore>) {
  const events: { name: EventName; payload: unknown }[] = [];
  core.events.subscribe((name, payload) => events.push({ name, payload }));
  return events;
}

describe('note.draft with an engine', () => {
  it('drafts with the embedded drafter by default, recording it', async () => {
    const r = await createCore().dispatch('note.draft', { transcript: VISIT }, ctx);
    expect(r).toMatchObject({ ok: true, result: { engine: { requested: 'embedded', used: 'embedded' } } });
  });

  it('drafts with a local engine from the provider, streaming progress with the operationId', async () => {
    const { p, asked, closed } = provider();
    const core = createCore({ engines: p });
    const events = collect(core);
    const r = await core.dispatch(
      'note.draft',
      { transcript: VISIT, engine: 'local', model: '/models/qwen2.5-0.5b-instruct', operationId: 'draft-0001' },
      ctx,
    );
    expect(r).toMatchObject({
      ok: true,
      result: {
        engine: {
          requested: 'local',
          used: 'local',
          model: '/models/qwen2.5-0.5b-instruct',
          prompt: { id: 'outpatient' },
        },
      },
    });
    expect(asked[0]).toMatchObject({ kind: 'local', settings: { localModel: '/models/qwen2.5-0.5b-instruct' } });
    const progress = events.filter((e) => e.name === 'note.draftProgress').map((e) => e.payload);
    expect(progress).toMatchObject([
      { operationId: 'draft-0001', section: 'cc', done: false },
      { operationId: 'draft-0001', section: 'ap', done: false },
      { operationId: 'draft-0001', done: true },
    ]);
    await core.close();
    expect(closed()).toBe(1);
  });

  it('falls back to the embedded draft, in words, when the host has no engine or none is set', async () => {
    const none = await createCore().dispatch('note.draft', { transcript: VISIT, engine: 'server' }, ctx);
    expect(none).toMatchObject({ ok: true, result: { engine: { requested: 'server', used: 'embedded' } } });
    expect(none.ok && (none.result as { engine: { fallback: string } }).engine.fallback).toMatch(
      /no clinic server address is set/,
    );
    const noProvider = await createCore().dispatch(
      'note.draft',
      { transcript: VISIT, engine: 'local', model: 'qwen2.5-0.5b-instruct' },
      ctx,
    );
    expect(noProvider.ok && (noProvider.result as { engine: { fallback: string } }).engine.fallback).toMatch(
      /not available in this program/,
    );
  });

  it('falls back when the provider cannot start the engine (not installed, out of memory)', async () => {
    const core = createCore({
      engines: {
        async getGenerator() {
          throw new EngineError('out-of-memory', 'This computer has 3.1 GB of free memory; the model needs 4 GB.');
        },
      },
    });
    const r = await core.dispatch('note.draft', { transcript: VISIT, engine: 'local', model: 'm' }, ctx);
    expect(r.ok && (r.result as { engine: { fallback: string; used: string } }).engine).toMatchObject({
      used: 'embedded',
      fallback: expect.stringMatching(/needs 4 GB\. The built-in drafter wrote it instead\.$/),
    });
  });

  it('is cancelled by app.cancel with its operationId', async () => {
    const { p } = provider({ chunk: 4, delayMs: 2 });
    const core = createCore({ engines: p });
    const events = collect(core);
    const drafting = core.dispatch(
      'note.draft',
      { transcript: VISIT, engine: 'local', model: 'm', operationId: 'draft-0002' },
      ctx,
    );
    // Cancel as soon as the first section has streamed.
    await new Promise<void>((resolve) => {
      const off = core.events.subscribe((name) => {
        if (name === 'note.draftProgress') {
          off();
          resolve();
        }
      });
    });
    expect(await core.dispatch('app.cancel', { operationId: 'draft-0002' }, ctx)).toEqual({
      ok: true,
      result: { cancelled: true },
    });
    expect(await drafting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(events.some((e) => (e.payload as { done?: boolean }).done)).toBe(false);
  });

  it("refuses an engine the organisation's policy does not allow (forbidden, in words)", async () => {
    const { p, asked } = provider();
    const core = createCore({ engines: p, policy: report({ allowedNoteEngines: ['rules', 'local'] }) });
    const r = await core.dispatch('note.draft', { transcript: VISIT, engine: 'server' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!r.ok && r.error.message).toMatch(/does not allow notes to be drafted with the clinic's inference server/);
    expect(asked).toEqual([]);
    expect(await core.dispatch('note.draft', { transcript: VISIT, engine: 'embedded' }, ctx)).toMatchObject({
      ok: true,
    });
    const local = await core.dispatch('note.draft', { transcript: VISIT, engine: 'local', model: 'm' }, ctx);
    expect(local).toMatchObject({ ok: true, result: { engine: { used: 'local' } } });
    // The policy's allowed models apply to the local model too.
    const models = createCore({ engines: p, policy: report({ allowedModels: ['qwen2.5-0.5b-instruct'] }) });
    const refused = await models.dispatch(
      'note.draft',
      { transcript: VISIT, engine: 'local', model: '/m/phi-3.5' },
      ctx,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/phi-3\.5/) },
    });
  });

  it('rejects an unknown engine (invalid_params)', async () => {
    const r = await createCore().dispatch('note.draft', { transcript: VISIT, engine: 'gpt' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });
});

describe('note-engine settings', () => {
  it('keeps the engine, model, server and replacement in the store; note.draft uses them', async () => {
    const { engine } = await newStore();
    const { p, asked } = provider();
    const core = createCore({ engines: p, policy: report({ inferenceServers: ['https://llm.clinic.example/'] }) });
    core.services.store = directStore(engine);
    const got = await core.dispatch('settings.get', {}, ctx);
    expect(got).toMatchObject({
      ok: true,
      result: {
        noteEngine: {
          kind: 'embedded',
          localModel: null,
          serverUrl: null,
          serverModel: null,
          replaceUnsupported: true,
          allowed: ['embedded', 'local', 'server'],
        },
      },
    });
    const set = await core.dispatch(
      'settings.set',
      {
        noteEngine: {
          kind: 'server',
          serverUrl: 'https://llm.clinic.example/v1',
          serverModel: 'qwen2.5-7b-instruct',
          replaceUnsupported: false,
        },
      },
      ctx,
    );
    expect(set).toMatchObject({
      ok: true,
      result: { noteEngine: { kind: 'server', serverUrl: 'https://llm.clinic.example/v1', replaceUnsupported: false } },
    });
    const r = await core.dispatch('note.draft', { transcript: VISIT }, ctx);
    expect(r).toMatchObject({
      ok: true,
      result: { engine: { requested: 'server', used: 'server', model: 'qwen2.5-7b-instruct' } },
    });
    expect(asked[0]!.settings).toMatchObject({ serverUrl: 'https://llm.clinic.example/v1', replaceUnsupported: false });
    // Clearing: back to the built-in drafter.
    await core.dispatch('settings.set', { noteEngine: { kind: 'embedded', serverUrl: null } }, ctx);
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { noteEngine: { kind: 'embedded', serverUrl: null, serverModel: 'qwen2.5-7b-instruct' } },
    });
  });

  it('refuses servers and engines the policy does not allow, and plain http off this computer', async () => {
    const { engine } = await newStore();
    const core = createCore({ policy: report({ allowedNoteEngines: ['rules', 'clinic-server'] }) });
    core.services.store = directStore(engine);
    const set = (noteEngine: Record<string, unknown>) => core.dispatch('settings.set', { noteEngine }, ctx);
    // inferenceServers unset: no server off this computer.
    expect(await set({ kind: 'server', serverUrl: 'https://llm.elsewhere.example' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/not one of the clinic inference servers/) },
    });
    expect(await set({ kind: 'local', localModel: 'qwen2.5-0.5b-instruct' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/a model on this computer/) },
    });
    expect(await set({ serverUrl: 'http://llm.clinic.example:8000' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringMatching(/over https/) },
    });
    expect(await set({ serverUrl: 'not a url' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    // Nothing refused was stored; a server on this computer (loopback) is allowed: nothing leaves it.
    expect(await set({ kind: 'server', serverUrl: 'http://127.0.0.1:8080' })).toMatchObject({
      ok: true,
      result: { noteEngine: { kind: 'server', serverUrl: 'http://127.0.0.1:8080', allowed: ['embedded', 'server'] } },
    });
    // The policy is enforced again when drafting (it may have changed since the setting was stored).
    const stricter = createCore({ policy: report({ allowedNoteEngines: ['rules'] }) });
    stricter.services.store = directStore(engine);
    expect(await stricter.dispatch('note.draft', { transcript: VISIT }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
