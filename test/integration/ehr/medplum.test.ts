/**
 * Interoperability: Bedside's EHR client against a FHIR engine nobody here wrote, Medplum's FhirRouter and in-memory
 * repository (test/helpers/medplum-server.ts), beside the node-fhir-server-core tests. Medplum parses the searches
 * itself (patient, status, clinical-status, date, _sort, _count, identifier), validates every write against the R4
 * StructureDefinitions and checks that references resolve, and implements If-None-Exist on its own. SMART sign-in is
 * bypassed: the session a launch would store (patient, encounter, fhirUser) is written into the store directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSearchRequest } from '@medplum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteIdentifier, noteText } from '../../../core/ehr/document.js';
import { EhrService } from '../../../core/ehr/service.js';
import { requestedScopes, type EhrSession } from '../../../core/ehr/smart.js';
import { StoreEhrState } from '../../../core/ehr/state.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { startMedplumServer, type MedplumServer } from '../../helpers/medplum-server.js';
import { otherPatient, patientRecord } from './fixtures.js';
import { encounterWithNote, newStore, tmpDir } from './helpers.js';

type Json = Record<string, unknown>;

let srv: MedplumServer;
const open: StoreEngine[] = [];

const PRACTITIONER: Json = {
  resourceType: 'Practitioner',
  id: 'prac-1',
  identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
  name: [{ family: 'Hopper', given: ['Grace'], prefix: ['Dr'] }],
};
const ACTIVE_ALLERGY = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
};
const ENCOUNTER: Json = {
  resourceType: 'Encounter',
  id: 'enc-1',
  status: 'in-progress',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
  subject: { reference: 'Patient/pat-1' },
  participant: [{ individual: { reference: 'Practitioner/prac-1' } }],
  period: { start: '2026-12-01T09:00:00Z' },
};

beforeAll(async () => {
  srv = await startMedplumServer();
  // Seeded through Medplum's validating repository: the fixtures must be valid R4 with resolvable references.
  // (The other patient's allergy in fixtures.ts has no clinicalStatus, which R4's ait-1 invariant requires.)
  const other = otherPatient().map((r) =>
    r.resourceType === 'AllergyIntolerance' ? { ...r, clinicalStatus: ACTIVE_ALLERGY } : r,
  );
  await srv.seed([PRACTITIONER, ...patientRecord('pat-1'), ENCOUNTER, ...other]);
}, 60_000);
afterAll(async () => {
  for (const e of open) e.close();
  await srv?.close();
});

/** What a SMART EHR launch with Patient pat-1 and Encounter enc-1 open, by Practitioner prac-1, stores. */
function launchedSession(): EhrSession {
  return {
    iss: srv.base,
    clientId: 'bedside-test',
    tokenEndpoint: 'http://127.0.0.1:9/token',
    scopeStyle: 'v2',
    accessToken: srv.token,
    refreshToken: null,
    expiresAt: null,
    scope: requestedScopes('v2', true).join(' '),
    patient: 'pat-1',
    encounter: 'enc-1',
    fhirUser: 'Practitioner/prac-1',
    launchedAt: new Date().toISOString(),
  };
}

async function ready(): Promise<{ engine: StoreEngine; ehr: EhrService; state: StoreEhrState; encounterId: number }> {
  const { engine } = await newStore();
  open.push(engine);
  const state = new StoreEhrState(engine);
  await state.setSession(launchedSession());
  const ehr = new EhrService(engine, state, {
    http: { timeoutMs: 5000 },
    fhir: { retries: 2, retryDelayMs: () => 5 },
    backoffMs: (n) => n * 60_000,
  });
  const encounterId = encounterWithNote(engine, { template: 'hp' });
  return { engine, ehr, state, encounterId };
}

/** Every DocumentReference Medplum holds with the note's identifier (searched in Medplum's own repository). */
async function storedCopies(identifier: { system: string; value: string }): Promise<Json[]> {
  const query = new URLSearchParams({ identifier: `${identifier.system}|${identifier.value}` });
  return (await srv.repo.searchResources(
    parseSearchRequest(`DocumentReference?${query.toString()}`),
  )) as unknown as Json[];
}

async function fhir(
  method: 'GET' | 'POST',
  path: string,
  body?: Json,
): Promise<{ status: number; body: Json; location: string | null }> {
  const res = await fetch(`${srv.base}/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${srv.token}`,
      Accept: 'application/fhir+json',
      ...(body ? { 'Content-Type': 'application/fhir+json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json, location: res.headers.get('location') };
}

const posts = (type: string, since: number) =>
  srv.requests.slice(since).filter((r) => r.method === 'POST' && r.path.endsWith(`/${type}`));

describe('Bedside EHR client against Medplum (fhir-router 4.5.2, in-memory repository)', () => {
  it('context read: the launched Patient, their record through Medplum search, the launch Encounter and Practitioner', async () => {
    const { ehr, state, encounterId } = await ready();
    const since = srv.requests.length;
    const ctx = await ehr.loadContext(encounterId);

    const seen = srv.requests.slice(since);
    expect(seen.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(seen.map((r) => r.path.replace(/^\/fhir\/R4\//, ''))).toEqual([
      'Patient/pat-1',
      'AllergyIntolerance',
      'MedicationRequest',
      'MedicationStatement',
      'Condition',
      'Observation',
    ]);
    expect(ctx.patient).toEqual({ id: 'pat-1', name: 'Ada Lovelace', birthDate: '1950-03-04', gender: 'female' });
    // Medplum applied the filters itself: the stopped MedicationRequest and the resolved Condition stayed out.
    expect(ctx.counts).toEqual({
      Patient: 1,
      AllergyIntolerance: 2,
      MedicationRequest: 2,
      MedicationStatement: 1,
      Condition: 2,
      Observation: 6,
    });
    expect(ctx.context.allergies).toEqual([
      { substance: 'penicillin', status: 'active', reaction: 'hives' },
      { substance: 'latex', status: 'refuted' },
    ]);
    expect(ctx.context.medications!.map((m) => m.name)).toEqual([
      'metformin',
      'lisinopril',
      'urn:local:formulary|HRB-77',
    ]);
    expect(ctx.context.medications![0]).toMatchObject({ dose: 1000, unit: 'mg', perDay: 2 });
    expect(ctx.context.conditions).toEqual([
      { name: 'Type 2 diabetes mellitus without complications', code: 'E11.9' },
      { name: 'Chronic kidney disease stage 4 (local)' },
    ]);
    expect(ctx.context.labs).toEqual({ egfr: 25, creatinine: 2.5, potassium: 5.4, a1c: 8 });
    // Observations newest first, with their times.
    const times = ctx.observations.map((o) => Date.parse(o.at!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(JSON.stringify(ctx)).not.toMatch(/<|script|onerror|sulfa|Other Person/);

    // The launch context: the encounter is linked to the EHR patient and encounter, and the EHR's Encounter and
    // Practitioner read through the same client agree with it.
    expect(await state.link(encounterId)).toMatchObject({ iss: srv.base, patient: 'pat-1', encounter: 'enc-1' });
    const client = await ehr.client();
    const enc = await client.read('Encounter', 'enc-1');
    expect(enc).toMatchObject({ id: 'enc-1', subject: { reference: 'Patient/pat-1' } });
    const prac = await client.read('Practitioner', 'prac-1');
    expect(prac).toMatchObject({ id: 'prac-1', name: [{ family: 'Hopper' }] });
    expect((prac.meta as { versionId?: string }).versionId).toBeTruthy();
    await expect(client.read('Encounter', 'enc-404')).rejects.toMatchObject({ kind: 'rejected', status: 404 });
  });

  it('DocumentReference conditional create: exactly one copy across lost answers, retries, re-queues and re-sends', async () => {
    const { engine, ehr, state, encounterId } = await ready();
    await ehr.loadContext(encounterId);
    const databaseId = engine.status().databaseId;

    // 1. The first POST commits on Medplum but its answer is lost: the client's retry carries the same If-None-Exist,
    //    Medplum answers 200 with the existing copy (no Location), and the client takes the id from the body.
    const signed = engine.getEncounter(encounterId)!.notes.find((n) => n.kind === 'signed')!;
    const identifier = noteIdentifier(databaseId, signed.id);
    let since = srv.requests.length;
    srv.dropAnswers.post = 1;
    const r = await ehr.send(encounterId);
    expect(r).toMatchObject({ state: 'sent', attempts: 1 });
    expect(posts('DocumentReference', since).map((p) => p.status)).toEqual([0, 200]);
    let copies = await storedCopies(identifier);
    expect(copies.map((c) => c.id)).toEqual([r.fhirId]);

    // What Medplum stored is what Bedside signed: valid R4 (it was validated on write), references that resolve.
    const doc = copies[0]!;
    expect(doc).toMatchObject({
      status: 'current',
      docStatus: 'final',
      subject: { reference: 'Patient/pat-1' },
      author: [{ reference: 'Practitioner/prac-1' }],
      context: { encounter: [{ reference: 'Encounter/enc-1' }] },
      identifier: [identifier],
    });
    const plain = (doc.content as Array<{ attachment: { contentType: string; data: string } }>).find((c) =>
      c.attachment.contentType.startsWith('text/plain'),
    )!;
    expect(Buffer.from(plain.attachment.data, 'base64').toString('utf8')).toBe(noteText(signed.body).text);

    // 2. Every try of a send loses its answer: the note is queued; the later flush finds the copy made by the first.
    const second = encounterWithNote(engine, { template: 'soap' });
    await ehr.loadContext(second);
    const note2 = engine.getEncounter(second)!.notes.find((n) => n.kind === 'signed')!;
    const id2 = noteIdentifier(databaseId, note2.id);
    since = srv.requests.length;
    srv.dropAnswers.post = 3; // the first try and both client retries
    const q = await ehr.send(second);
    expect(q).toMatchObject({ state: 'queued', attempts: 1 });
    expect(srv.dropAnswers.post).toBe(0);
    expect(await storedCopies(id2)).toHaveLength(1);
    const flushed = await ehr.flush({ force: true });
    expect(flushed).toMatchObject([{ state: 'sent', attempts: 2 }]);
    expect(posts('DocumentReference', since).map((p) => p.status)).toEqual([0, 0, 0, 200]);
    expect((await storedCopies(id2)).map((c) => c.id)).toEqual([flushed[0]!.fhirId]);

    // 3. A crash after Medplum committed but before the outbox recorded it: the re-send still makes no second copy.
    await state.setOutbox((await state.outbox()).filter((e) => e.encounterId !== encounterId));
    since = srv.requests.length;
    expect(await ehr.send(encounterId)).toMatchObject({ state: 'sent', fhirId: r.fhirId });
    expect(posts('DocumentReference', since).map((p) => p.status)).toEqual([200]);
    copies = await storedCopies(identifier);
    expect(copies).toHaveLength(1);
    const all = (await srv.repo.searchResources({ resourceType: 'DocumentReference' })) as unknown as Json[];
    expect(all).toHaveLength(2);
    expect(
      engine
        .auditRows()
        .filter((row) => row.action === 'send')
        .map((row) => row.entityId!.split(':')[1]),
    ).toEqual(['sent', 'queued', 'sent', 'sent']);
  });

  it('Medplum really validates: a DocumentReference without content is refused and reported as rejected', async () => {
    const { ehr } = await ready();
    const client = await ehr.client();
    const err = await client
      .createIfNoneExist(
        { resourceType: 'DocumentReference', status: 'current', subject: { reference: 'Patient/pat-1' } },
        { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:00000000-0000-8000-8000-000000000000' },
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rejected', status: 400 });
    expect((err as Error).message).toMatch(/HTTP 400/);
  });

  it('Bundle export: a valid R4 document Medplum stores as is and whose references resolve in a transaction', async () => {
    const { engine, ehr, encounterId } = await ready();
    await ehr.loadContext(encounterId);
    const file = join(tmpDir(), 'note.json');
    await ehr.exportBundle(encounterId, file);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Json & {
      entry: Array<{ fullUrl: string; resource: Json }>;
    };

    // Medplum's validator (structure, cardinality, bdl-* and cmp-* invariants) accepts the document.
    expect(() => srv.validate(bundle)).not.toThrow();

    // Submitting a FHIR document: POST [base]/Bundle; read back unchanged.
    const created = await fhir('POST', 'Bundle', bundle);
    expect(created.status).toBe(201);
    expect(created.location).toMatch(new RegExp(`^${srv.base}/Bundle/[A-Za-z0-9-]+$`));
    const back = await fhir('GET', `Bundle/${String(created.body.id)}`);
    expect(back.status).toBe(200);
    const { id: _id, meta: _meta, ...stored } = back.body;
    expect(stored).toEqual(bundle);

    // Its entries as a transaction (Patient first: this in-memory engine does not reorder by dependency): Medplum
    // resolves the urn:uuid references, so Composition and DocumentReference point at the same new Patient, the
    // DocumentReference's EHR references (author, encounter) resolve, and the business identifiers survive the
    // rewriting of fullUrls (they did not while a fullUrl equalled an identifier value).
    const [compEntry, patEntry, docEntry] = bundle.entry;
    const tx = await fhir('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [patEntry!, compEntry!, docEntry!].map((e) => ({
        fullUrl: e.fullUrl,
        resource: e.resource,
        request: { method: 'POST', url: e.resource.resourceType },
      })),
    });
    expect(tx.status).toBe(200);
    const results = tx.body.entry as Array<{ response: { status: string; location: string } }>;
    expect(results.map((e) => e.response.status.split(' ')[0])).toEqual(['201', '201', '201']);
    const [patRef, compRef, docRef] = results.map((e) => e.response.location.replace(/\/_history\/.*$/, ''));
    const comp = await fhir('GET', compRef!);
    const doc = await fhir('GET', docRef!);
    expect(comp.body.subject).toEqual({ reference: patRef });
    expect(comp.body.identifier).toEqual(compEntry!.resource.identifier);
    expect(doc.body.subject).toEqual({ reference: patRef });
    expect(doc.body).toMatchObject({
      author: [{ reference: 'Practitioner/prac-1' }],
      context: { encounter: [{ reference: 'Encounter/enc-1' }] },
    });
    const pat = await fhir('GET', patRef!);
    expect(pat.body).toMatchObject({ name: [{ text: 'Ada Lovelace' }], birthDate: '1950-03-04' });

    // The exported DocumentReference is the one `send` posts (same identifier), only its subject is bundle-local.
    const signed = engine.getEncounter(encounterId)!.notes.find((n) => n.kind === 'signed')!;
    expect(doc.body.identifier).toEqual([noteIdentifier(engine.status().databaseId, signed.id)]);
  });
});
