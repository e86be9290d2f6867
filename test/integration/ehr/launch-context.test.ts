import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContext } from '../../../core/ehr/context.js';
import { EhrError } from '../../../core/ehr/errors.js';
import { FhirClient } from '../../../core/ehr/fhir-client.js';
import { launch, pkceChallenge, refreshSession, type EhrSession } from '../../../core/ehr/smart.js';
import { followRedirects, startServers, type TestServers } from './servers.js';
import { otherPatient, patientRecord } from './fixtures.js';

let srv: TestServers;

beforeAll(async () => {
  srv = await startServers({ pageSize: 2 });
  srv.seed([...patientRecord('pat-1'), ...otherPatient()]);
});
afterAll(async () => {
  await srv?.close();
});

async function signIn(extra: { launch?: string } = {}): Promise<EhrSession> {
  let browserStatus = 0;
  const session = await launch({
    iss: srv.fhirBase,
    clientId: 'bedside-test',
    ...extra,
    openUrl: async (url) => {
      browserStatus = await followRedirects(url);
    },
    timeoutMs: 10_000,
  });
  expect(browserStatus).toBe(200);
  return session;
}

function holder(initial: EhrSession) {
  let s = initial;
  let refreshes = 0;
  return {
    get refreshes() {
      return refreshes;
    },
    source: {
      current: () => s,
      refresh: async () => {
        refreshes++;
        s = await refreshSession(s);
        return s;
      },
    },
  };
}

describe('standalone launch with PKCE against a real OAuth server', () => {
  it('discovers, signs in through the loopback redirect and gets a patient-scoped session', async () => {
    const session = await signIn();
    expect(session.patient).toBe('pat-1');
    expect(session.fhirUser).toBe('Practitioner/prac-1');
    expect(session.refreshToken).toBeTruthy();
    const auth = srv.authorizeRequests.at(-1)!;
    expect(auth.code_challenge_method).toBe('S256');
    expect(auth.aud).toBe(srv.fhirBase);
    expect(auth.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(auth.scope!.split(' ')).toEqual(
      expect.arrayContaining(['launch/patient', 'patient/Observation.rs', 'patient/DocumentReference.c']),
    );
    expect(auth.scope).not.toMatch(/\*|user\//);
    const tok = srv.tokenRequests.at(-1)!;
    expect(tok.grant_type).toBe('authorization_code');
    expect(pkceChallenge(tok.code_verifier!)).toBe(auth.code_challenge);
    expect(tok.redirect_uri).toBe(auth.redirect_uri);
  });

  it('EHR launch passes the launch id and asks for the launch scope', async () => {
    srv.launchEncounter = 'enc-9';
    try {
      const session = await signIn({ launch: 'xyz-launch-123' });
      expect(session.encounter).toBe('enc-9');
      const auth = srv.authorizeRequests.at(-1)!;
      expect(auth.launch).toBe('xyz-launch-123');
      expect(auth.scope!.split(' ')).toContain('launch');
    } finally {
      srv.launchEncounter = null;
    }
  });

  it('refuses plain http to a remote server before any request', async () => {
    await expect(
      launch({ iss: 'http://ehr.example.org/fhir', clientId: 'x', openUrl: () => undefined }),
    ).rejects.toMatchObject({ kind: 'config' });
  });
});

describe('patient context from the real FHIR server', () => {
  it('follows paging and maps allergies, active medications, conditions and labs by LOINC', async () => {
    const session = await signIn();
    const h = holder(session);
    const before = srv.requests.length;
    const ctx = await loadContext(new FhirClient(srv.fhirBase, h.source), 'pat-1');
    const pages = srv.requests.slice(before).filter((r) => r.path.endsWith('/Observation'));
    expect(pages.length).toBeGreaterThanOrEqual(3); // 6 observations, 2 per page
    expect(ctx.patient.name).toBe('Ada Lovelace');
    expect(ctx.context.sex).toBe('female');
    expect(ctx.context.allergies).toEqual([
      { substance: 'penicillin', status: 'active', reaction: 'hives' },
      { substance: 'latex', status: 'refuted' },
    ]);
    const meds = ctx.context.medications!.map((m) => ('dose' in m ? m : { name: m.name }));
    expect(meds).toContainEqual({ name: 'metformin', status: 'active', dose: 1000, unit: 'mg', perDay: 2 });
    expect(ctx.context.medications!.map((m) => m.name)).toEqual([
      'metformin',
      'lisinopril',
      'urn:local:formulary|HRB-77',
    ]);
    expect(ctx.context.conditions).toEqual([
      { name: 'Type 2 diabetes mellitus without complications', code: 'E11.9' },
      { name: 'Chronic kidney disease stage 4 (local)' },
    ]);
    expect(ctx.context.labs).toEqual({ egfr: 25, creatinine: 2.5, potassium: 5.4, a1c: 8 });
    expect(ctx.observations.find((o) => o.loinc === '8867-4')?.value).toBe('88 /min');
    expect(JSON.stringify(ctx)).not.toMatch(/<|script|onerror|sulfa/);
  });

  it('refreshes the token once on 401 and carries on', async () => {
    const session = await signIn();
    const h = holder(session);
    srv.revoked.add(session.accessToken);
    const p = await new FhirClient(srv.fhirBase, h.source).read('Patient', 'pat-1');
    expect(p.id).toBe('pat-1');
    expect(h.refreshes).toBe(1);
    expect(srv.tokenRequests.at(-1)!.grant_type).toBe('refresh_token');
  });

  it('asks to launch again when the refreshed token is refused too', async () => {
    const session = await signIn();
    const h = holder(session);
    const revokeAll = { current: () => session, refresh: async () => session };
    srv.revoked.add(session.accessToken);
    const err = await new FhirClient(srv.fhirBase, revokeAll).read('Patient', 'pat-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EhrError);
    expect(err).toMatchObject({ kind: 'reauthorize', status: 401 });
    expect(h.refreshes).toBe(0);
  });

  it('names the missing permission on 403', async () => {
    srv.grant.filter = (req) => req.filter((s) => s !== 'patient/AllergyIntolerance.rs');
    try {
      const session = await signIn();
      const err = await loadContext(new FhirClient(srv.fhirBase, holder(session).source), 'pat-1').catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, missingScope: 'patient/AllergyIntolerance.rs' });
      expect((err as Error).message).toContain('patient/AllergyIntolerance.rs');
    } finally {
      srv.grant.filter = (req) => req;
    }
  });
});
