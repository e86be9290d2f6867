import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../core/api/dispatcher.js';
import { createHandlers } from '../../../core/api/handlers.js';
import { createCore } from '../../../core/api/index.js';
import { createEhrHandlers } from '../../../core/ehr/api.js';
import { directStore, type StoreEngine } from '../../../core/store/index.js';
import { patientRecord } from './fixtures.js';
import { encounterWithNote, newStore } from './helpers.js';
import { followRedirects, startServers, type TestServers } from './servers.js';

const ctx = { transport: 'cli' as const, signal: new AbortController().signal };
let srv: TestServers;
let engine: StoreEngine;

beforeAll(async () => {
  srv = await startServers({ pageSize: 10 });
  srv.seed(patientRecord('pat-1'));
  engine = (await newStore()).engine;
});
afterAll(async () => {
  engine?.close();
  await srv?.close();
});

describe('ehr.* API methods', () => {
  it('answer locked without a store, then launch, load context, send once, through the validating dispatcher', async () => {
    const core = createCore();
    expect(await core.dispatch('ehr.status', {}, ctx)).toMatchObject({ ok: false, error: { code: 'locked' } });
    core.services.store = directStore(engine);
    expect(await core.dispatch('ehr.status', {}, ctx)).toMatchObject({ ok: true, result: { signedIn: false } });

    // The desktop host opens the system browser; here the test plays the browser.
    const dispatch = createDispatcher({
      ...createHandlers(core.services),
      ...createEhrHandlers({
        store: () => core.services.store,
        openUrl: async (url) => void (await followRedirects(url)),
      }),
    });
    const launched = await dispatch('ehr.launch', { iss: srv.fhirBase, clientId: 'bedside-app' }, ctx);
    expect(launched).toMatchObject({
      ok: true,
      result: { signedIn: true, patient: 'pat-1', user: 'Practitioner/prac-1' },
    });
    expect(JSON.stringify(launched)).not.toMatch(/eyJ/);

    const encounterId = encounterWithNote(engine);
    const loaded = await dispatch('ehr.context', { encounterId }, ctx);
    expect(loaded).toMatchObject({ ok: true, result: { patient: { id: 'pat-1' }, context: { labs: { egfr: 25 } } } });
    expect(await dispatch('ehr.storedContext', { encounterId }, ctx)).toMatchObject({
      ok: true,
      result: { context: { allergies: [{ substance: 'penicillin' }, { substance: 'latex' }] } },
    });

    const before = srv.db.get('DocumentReference')!.length;
    const sent = await dispatch('ehr.send', { encounterId }, ctx);
    expect(sent).toMatchObject({ ok: true, result: { state: 'sent', encounterId } });
    expect(await dispatch('ehr.send', { encounterId }, ctx)).toMatchObject({ ok: true, result: { state: 'sent' } });
    expect(srv.db.get('DocumentReference')!.length).toBe(before + 1);
    expect(await dispatch('ehr.retry', {}, ctx)).toEqual({ ok: true, result: [] });

    const draft = encounterWithNote(engine, { sign: false });
    expect(await dispatch('ehr.send', { encounterId: draft }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/no signed note/) },
    });
    expect(await dispatch('ehr.send', { encounterId: 0 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(await dispatch('ehr.launch', { iss: 'http://ehr.example.org/fhir' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: expect.stringMatching(/https/) },
    });
  });
});
