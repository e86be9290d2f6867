import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContext } from '../../../core/ehr/context.js';
import { FhirClient } from '../../../core/ehr/fhir-client.js';
import { launch, type EhrSession } from '../../../core/ehr/smart.js';
import { otherPatient, patientRecord } from './fixtures.js';
import { followRedirects, startServers, type TestServers } from './servers.js';

let srv: TestServers;
let session: EhrSession;

beforeAll(async () => {
  srv = await startServers({ pageSize: 2 });
  srv.seed([...patientRecord('pat-1'), ...otherPatient()]);
  session = await launch({
    iss: srv.fhirBase,
    clientId: 'bedside-test',
    openUrl: async (u) => void (await followRedirects(u)),
  });
});
afterAll(async () => {
  await srv?.close();
});
beforeEach(() => srv.faults.clear());

const client = (opts: ConstructorParameters<typeof FhirClient>[2] = {}) =>
  new FhirClient(
    srv.fhirBase,
    { current: () => session, refresh: async () => session },
    { retryDelayMs: () => 5, ...opts },
  );

describe('hostile or failing FHIR servers', () => {
  it('rejects an oversized answer while streaming it', async () => {
    srv.faults.set('Observation', { kind: 'oversize', bytes: 300_000 });
    await expect(
      client({ http: { maxBytes: 100_000 } }).search('Observation', { patient: 'pat-1' }),
    ).rejects.toMatchObject({
      kind: 'hostile',
      message: expect.stringMatching(/too large/),
    });
  });

  it('rejects malformed JSON', async () => {
    srv.faults.set('Condition', { kind: 'malformed' });
    await expect(client().search('Condition', { patient: 'pat-1' })).rejects.toMatchObject({
      kind: 'hostile',
      message: expect.stringMatching(/not valid JSON/),
    });
  });

  it('rejects resources of the wrong type in a search', async () => {
    srv.faults.set('AllergyIntolerance', { kind: 'wrong-type' });
    await expect(client().search('AllergyIntolerance', { patient: 'pat-1' })).rejects.toMatchObject({
      kind: 'hostile',
      message: expect.stringMatching(/Binary in a AllergyIntolerance search/),
    });
  });

  it('does not follow a paging link to another server', async () => {
    srv.faults.set('Observation', { kind: 'foreign-link' });
    await expect(client().search('Observation', { patient: 'pat-1' })).rejects.toMatchObject({
      kind: 'hostile',
      message: expect.stringMatching(/another server \(evil\.example/),
    });
  });

  it('stops after the page limit', async () => {
    await expect(client({ maxPages: 2 }).search('Observation', { patient: 'pat-1' })).rejects.toMatchObject({
      kind: 'hostile',
      message: expect.stringMatching(/more than 2 pages/),
    });
  });

  it('retries a 503 and succeeds when the server recovers', async () => {
    srv.faults.set('Patient', { kind: 'status', status: 503, times: 2 });
    const before = srv.requests.filter((r) => r.path.endsWith('/Patient/pat-1')).length;
    const p = await client().read('Patient', 'pat-1');
    expect(p.id).toBe('pat-1');
    expect(srv.requests.filter((r) => r.path.endsWith('/Patient/pat-1')).length - before).toBe(3);
  });

  it('gives up after the retries with an "unavailable" error', async () => {
    srv.faults.set('Patient', { kind: 'status', status: 502 });
    await expect(client({ retries: 1 }).read('Patient', 'pat-1')).rejects.toMatchObject({
      kind: 'unavailable',
      status: 502,
    });
  });

  it('times out a server that never answers', async () => {
    srv.faults.set('Patient', { kind: 'hang' });
    await expect(client({ retries: 0, http: { timeoutMs: 200 } }).read('Patient', 'pat-1')).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/did not answer/),
    });
  });

  it("refuses a context that mixes in another patient's resources", async () => {
    srv.faults.set('AllergyIntolerance', { kind: 'ignore-patient-filter' });
    await expect(loadContext(client(), 'pat-1')).rejects.toMatchObject({
      kind: 'hostile',
      message: expect.stringMatching(/AllergyIntolerance of another patient/),
    });
  });

  it('renews an access token about to expire before using it', async () => {
    let refreshes = 0;
    const expiring = { ...session, expiresAt: new Date(Date.now() + 5_000).toISOString() };
    const c = new FhirClient(srv.fhirBase, {
      current: () => expiring,
      refresh: async () => {
        refreshes++;
        return session;
      },
    });
    await c.read('Patient', 'pat-1');
    expect(refreshes).toBe(1);
  });

  it('neutralises markup in names, codes and narratives', async () => {
    const ctx = await loadContext(client(), 'pat-1');
    const text = JSON.stringify(ctx);
    expect(text).not.toMatch(/[<>]|script|onerror|onmouseover/i);
    expect(ctx.patient.name).toBe('Ada Lovelace');
  });
});
