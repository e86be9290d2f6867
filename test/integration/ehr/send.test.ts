import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteText } from '../../../core/ehr/document.js';
import { EhrError } from '../../../core/ehr/errors.js';
import { EhrService } from '../../../core/ehr/service.js';
import { StoreEhrState } from '../../../core/ehr/state.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { encounterWithNote, newStore, reopen, tmpDir } from './helpers.js';
import { patientRecord } from './fixtures.js';
import { followRedirects, startServers, type TestServers } from './servers.js';

let srv: TestServers;
const open: StoreEngine[] = [];

beforeAll(async () => {
  srv = await startServers({ pageSize: 50 });
  srv.seed(patientRecord('pat-1'));
});
afterAll(async () => {
  for (const e of open) e.close();
  await srv?.close();
});

function service(engine: StoreEngine, timeoutMs = 5000): EhrService {
  return new EhrService(engine, new StoreEhrState(engine), {
    http: { timeoutMs },
    fhir: { retries: 2, retryDelayMs: () => 5 },
    backoffMs: (n) => n * 60_000,
  });
}

async function ready(): Promise<{ dir: string; engine: StoreEngine; ehr: EhrService; encounterId: number }> {
  const { dir, engine } = await newStore();
  open.push(engine);
  const ehr = service(engine);
  await ehr.launch({
    iss: srv.fhirBase,
    clientId: 'bedside-test',
    openUrl: async (u) => void (await followRedirects(u)),
  });
  const encounterId = encounterWithNote(engine, { template: 'hp' });
  await ehr.loadContext(encounterId);
  return { dir, engine, ehr, encounterId };
}

const docs = () => srv.db.get('DocumentReference')!;
const sendAudit = (engine: StoreEngine) =>
  engine
    .auditRows()
    .filter((r) => r.action === 'send')
    .map((r) => r.entityId!.split(':')[1]);

describe('signed note out as a DocumentReference', () => {
  it('writes it once, byte-equal, with the LOINC type of its template, and audits the send', async () => {
    const { engine, ehr, encounterId } = await ready();
    const before = docs().length;
    const r = await ehr.send(encounterId);
    expect(r).toMatchObject({ state: 'sent', attempts: 1 });
    expect(docs().length).toBe(before + 1);

    // Read it back through the FHIR API, as another system would (Bedside itself has no read permission for it).
    srv.grant.filter = (req) => [...req, 'patient/DocumentReference.rs'];
    const { engine: other } = await newStore();
    open.push(other);
    const reader = service(other);
    await reader.launch({
      iss: srv.fhirBase,
      clientId: 'reader',
      openUrl: async (u) => void (await followRedirects(u)),
    });
    srv.grant.filter = (req) => req;
    const back = await (await reader.client()).read('DocumentReference', r.fhirId!);
    expect(back).toMatchObject({
      status: 'current',
      docStatus: 'final',
      subject: { reference: 'Patient/pat-1' },
      author: [{ reference: 'Practitioner/prac-1' }],
    });
    expect((back.type as { coding: Array<{ code: string }> }).coding[0]!.code).toBe('34117-2');
    const content = back.content as Array<{ attachment: { contentType: string; data: string; size: number } }>;
    const plain = content.find((c) => c.attachment.contentType.startsWith('text/plain'))!;
    const signed = engine.getEncounter(encounterId)!.notes.find((n) => n.kind === 'signed')!;
    const expected = Buffer.from(noteText(signed.body).text, 'utf8');
    expect(Buffer.from(plain.attachment.data, 'base64').equals(expected)).toBe(true);
    expect(plain.attachment.size).toBe(expected.byteLength);
    const html = content.find((c) => c.attachment.contentType.startsWith('text/html'))!;
    expect(Buffer.from(html.attachment.data, 'base64').toString()).not.toMatch(/<script/i);

    // A second send does not post again.
    const posts = srv.requests.filter((q) => q.method === 'POST').length;
    expect(await ehr.send(encounterId)).toMatchObject({ state: 'sent', fhirId: r.fhirId });
    expect(srv.requests.filter((q) => q.method === 'POST').length).toBe(posts);
    expect(docs().length).toBe(before + 1);
    expect(sendAudit(engine)).toEqual(['sent']);
    expect(engine.verifyAudit().ok).toBe(true);
  });

  it('a retry after a lost answer finds the first copy instead of creating a second', async () => {
    const { ehr, encounterId } = await ready();
    const before = docs().length;
    srv.faults.set('DocumentReference', { kind: 'drop-after-create', times: 1 });
    const r = await ehr.send(encounterId);
    srv.faults.delete('DocumentReference');
    expect(r.state).toBe('sent');
    expect(docs().length).toBe(before + 1);
    const posts = srv.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/DocumentReference'));
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(docs().filter((d) => d.id === r.fhirId)).toHaveLength(1);
  });

  it('two sends of the same note at once post it once', async () => {
    const { ehr, encounterId } = await ready();
    const before = docs().length;
    const posts = srv.requests.filter((q) => q.method === 'POST').length;
    const [a, b] = await Promise.all([ehr.send(encounterId), ehr.send(encounterId)]);
    expect(a.state).toBe('sent');
    expect(b).toEqual(a);
    expect(docs().length).toBe(before + 1);
    expect(srv.requests.filter((q) => q.method === 'POST').length).toBe(posts + 1);
  });

  it('queues when the server is down, keeps the queue across a restart, and sends exactly once later', async () => {
    const { dir, engine, ehr, encounterId } = await ready();
    const before = docs().length;
    srv.faults.set('DocumentReference', { kind: 'status', status: 503 });
    const r = await ehr.send(encounterId);
    expect(r).toMatchObject({ state: 'queued', attempts: 1 });
    expect(r.message).toMatch(/HTTP 503/);
    expect(await ehr.flush()).toEqual([]); // not due yet: backoff
    engine.close();

    const engine2 = await reopen(dir);
    open.push(engine2);
    const ehr2 = service(engine2);
    expect(await ehr2.outbox()).toMatchObject([{ encounterId, state: 'pending', attempts: 1 }]);
    srv.faults.delete('DocumentReference');
    const flushed = await ehr2.flush({ force: true });
    expect(flushed).toMatchObject([{ state: 'sent', attempts: 2 }]);
    expect(docs().length).toBe(before + 1);
    expect(await ehr2.flush({ force: true })).toEqual([]);
    expect(sendAudit(engine2)).toEqual(['queued', 'sent']);
  });

  it('a server that does not answer in time is retried, then the note is queued', async () => {
    const { engine } = await ready();
    const ehr = service(engine, 300);
    const encounterId = encounterWithNote(engine);
    await ehr.loadContext(encounterId);
    srv.faults.set('DocumentReference', { kind: 'hang' });
    try {
      const r = await ehr.send(encounterId);
      expect(r.state).toBe('queued');
      expect(r.message).toMatch(/did not answer/);
    } finally {
      srv.faults.delete('DocumentReference');
    }
  });

  it('refuses to send a draft, and an encounter not linked to an EHR patient', async () => {
    const { engine, ehr } = await ready();
    const draftOnly = encounterWithNote(engine, { sign: false });
    await expect(ehr.send(draftOnly)).rejects.toMatchObject({
      kind: 'state',
      message: expect.stringMatching(/no signed note/),
    });
    const unlinked = encounterWithNote(engine);
    await expect(ehr.send(unlinked)).rejects.toBeInstanceOf(EhrError);
    expect((await ehr.outbox()).filter((e) => e.encounterId === draftOnly || e.encounterId === unlinked)).toEqual([]);
  });

  it('keeps the note queued when the EHR session is for another patient', async () => {
    const { engine, ehr, encounterId } = await ready();
    const state = new StoreEhrState(engine);
    await state.setSession({ ...(await state.session())!, patient: 'pat-2' });
    const before = docs().length;
    const r = await ehr.send(encounterId);
    expect(r).toMatchObject({ state: 'queued', message: expect.stringMatching(/another patient/) });
    expect(docs().length).toBe(before);
  });

  it('a missing write permission fails the send with the scope named, and is audited', async () => {
    srv.grant.filter = (req) => req.filter((s) => s !== 'patient/DocumentReference.c');
    try {
      const { engine, ehr, encounterId } = await ready();
      const r = await ehr.send(encounterId);
      expect(r.state).toBe('failed');
      expect(r.message).toContain('patient/DocumentReference.c');
      expect(sendAudit(engine)).toEqual(['failed']);
    } finally {
      srv.grant.filter = (req) => req;
    }
  });

  it('exports a document Bundle: Composition, Patient, DocumentReference', async () => {
    const { engine, ehr, encounterId } = await ready();
    const file = join(tmpDir(), 'out', 'note.json');
    await ehr.exportBundle(encounterId, file);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
      type: string;
      entry: Array<{ fullUrl: string; resource: Record<string, unknown> }>;
    };
    expect(bundle.type).toBe('document');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Composition', 'Patient', 'DocumentReference']);
    const [comp, pat, doc] = bundle.entry;
    expect(comp!.resource.subject).toEqual({ reference: pat!.fullUrl });
    expect(doc!.resource.subject).toEqual({ reference: pat!.fullUrl });
    expect(pat!.resource.name).toEqual([{ text: 'Ada Lovelace' }]);
    expect(engine.auditRows().some((r) => r.action === 'export' && r.entity === 'note')).toBe(true);
  });
});
