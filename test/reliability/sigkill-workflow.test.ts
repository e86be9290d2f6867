/**
 * Acknowledged means saved, beyond audio: a dev host process is SIGKILLed at seeded random points (replay a run with
 * BEDSIDE_RELIABILITY_SEED) while a client
 *   - saves corrected transcripts (`encounters.saveTranscript`, each save after the previous reply),
 *   - drafts and signs notes (`encounters.saveDraft`, `encounters.sign`),
 *   - sends signed notes to a FHIR server on the loopback interface (`ehr.send`; the kill sometimes lands just after
 *     the server answered the create, before the host recorded the send),
 *   - records live audio while a second dev host tries to open the same data folder and CLI commands read and verify
 *     the store.
 * After each kill `bedside db verify` and `bedside audit verify` pass, and a new host shows everything the API
 * acknowledged: the saved transcript (or the one in flight, never an older one or a mix), every acknowledged
 * sign-off still signed, every acknowledged send not sent again and every unacknowledged one sent once on retry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EhrService } from '../../core/ehr/service.js';
import { StoreEhrState } from '../../core/ehr/state.js';
import { log } from '../../core/platform/log.js';
import { initStore, PassphraseProtector, unlockStore } from '../../core/store/index.js';
import { StoreSession } from '../../core/store/session.js';
import { runCli } from '../helpers/cli.js';
import { patientRecord } from '../integration/ehr/fixtures.js';
import { encounterWithNote } from '../integration/ehr/helpers.js';
import { followRedirects, startServers, type TestServers } from '../integration/ehr/servers.js';
import { writeFastModel } from '../integration/models/fixtures.js';
import { ApiClient, buildHost, removeBuild, seeded, startHost, type HostProcess, type Reply } from './host.js';

const PASS = 'reliability passphrase';
const protector = () => new PassphraseProtector(PASS, 'passphrase', { scryptLog2N: 10 });
const SEED = Number(process.env.BEDSIDE_RELIABILITY_SEED ?? 18_2026);
const RATE = 16_000;
const ENV = { BEDSIDE_PASSPHRASE: PASS };

let build = '';
let modelDir = '';
let model = '';
let fhir: TestServers;
const dirs: string[] = [];
const hosts = new Set<HostProcess>();
let finished = false;

beforeAll(async () => {
  log.setLevel('error');
  [build, fhir] = await Promise.all([buildHost(), startServers({ pageSize: 50 })]);
  fhir.seed(patientRecord('pat-1'));
  modelDir = mkdtempSync(join(tmpdir(), 'bedside-workflow-model-'));
  model = writeFastModel(modelDir);
}, 60_000);

afterAll(async () => {
  finished = true;
  log.setLevel('warn');
  await Promise.all([...hosts].map((h) => h.kill()));
  await fhir?.close();
  for (const d of [...dirs, modelDir]) if (d) rmSync(d, { recursive: true, force: true });
  if (build) removeBuild(build);
});

async function newDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bedside-workflow-'));
  dirs.push(dir);
  (await initStore(dir, [protector()], { actor: 'test:reliability' })).close();
  return dir;
}

async function start(dir: string): Promise<HostProcess> {
  if (finished) throw new Error('the test is over');
  const h = await startHost(build, dir);
  hosts.add(h);
  void h.exited.then(() => hosts.delete(h));
  return h;
}

/** A started host with an unlocked store and a client. */
async function open(dir: string): Promise<{ host: HostProcess; c: ApiClient }> {
  const host = await start(dir);
  const c = await ApiClient.open(host.wsUrl);
  await c.ok('store.unlock', { passphrase: PASS });
  return { host, c };
}

async function kill(host: HostProcess, c: ApiClient): Promise<void> {
  await host.kill();
  expect((await host.exited).signal).toBe('SIGKILL');
  c.close();
}

/** `bedside db verify` and `bedside audit verify` on the data folder (no host running, or one running beside). */
async function verifyBoth(dir: string, where: string): Promise<void> {
  for (const argv of [
    ['db', 'verify', '--data-dir', dir],
    ['audit', 'verify', '--data-dir', dir],
  ]) {
    const r = await runCli(argv, { env: ENV });
    expect(r.code, `${where}: bedside ${argv.slice(0, 2).join(' ')}: ${r.stderr}`).toBe(0);
  }
}

interface KillPoint {
  /** Resolves once `target` acknowledgements have come, or `stop()` was called (the work ended or failed). */
  reached: Promise<void>;
  acks: number;
  target: number;
  ack(): void;
  stop(): void;
  set(n: number): void;
}

function killPoint(): KillPoint {
  let done!: () => void;
  const reached = new Promise<void>((r) => (done = r));
  const kp: KillPoint = {
    reached,
    acks: 0,
    target: Infinity,
    ack() {
      kp.acks++;
      if (kp.acks >= kp.target) done();
    },
    stop: () => done(),
    set(n: number) {
      kp.target = n;
      if (kp.acks >= n) done();
    },
  };
  return kp;
}

/** An error reply where an acknowledgement was due: the kill point is released and the work fails. */
function failed(kp: KillPoint, where: string, r: Reply): never {
  kp.stop();
  throw new Error(`${where}: ${JSON.stringify(r)}`);
}

const WORDS =
  'pain fever cough since monday worse at night no rash took two tablets breathing fine chest clear follow up in one week'.split(
    ' ',
  );

/** Seeded turns (no PHI): 1 to 30 of them, a few very long, so a save is sometimes a long transaction. */
function turns(rand: () => number): { speaker: 'doctor' | 'patient'; text: string }[] {
  const n = 1 + Math.floor(rand() * 30);
  return Array.from({ length: n }, (_, i) => {
    const words = rand() < 0.1 ? 2000 + Math.floor(rand() * 6000) : 3 + Math.floor(rand() * 30);
    const text = Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(' ');
    return { speaker: i % 2 ? 'patient' : 'doctor', text: `${i}: ${text}` };
  });
}

interface Detail {
  status: string;
  signed: boolean;
  transcript: { speaker: string; text: string }[];
  notes: { id: number; version: number; kind: string; body: unknown }[];
}

const tally = { kills: 0, lost: 0, acknowledged: 0, duplicates: 0, lines: [] as string[] };

// ---- (a) transcript save -----------------------------------------------------------------------------------------

async function transcriptLane(seed: number, kills: number): Promise<void> {
  const rand = seeded(seed);
  const dir = await newDir();
  let prev: { id: number; acked: string | null; inFlight: string | null } | null = null;
  let acked = 0;
  for (let i = 0; i < kills; i++) {
    const where = `transcript: seed ${seed}, kill ${i}`;
    const { host, c } = await open(dir);
    if (prev) {
      const e = await c.ok<Detail>('encounters.get', { id: prev.id });
      const got = JSON.stringify(e.transcript.map((t) => ({ speaker: t.speaker, text: t.text })));
      // the last acknowledged save, or the one in flight at the kill: never an older one, never a mix
      const allowed = [prev.acked ?? '[]', prev.inFlight].filter((x) => x !== null);
      if (!allowed.includes(got)) tally.lost++;
      expect(allowed, `${where}: stored transcript is neither the acknowledged save nor the one in flight`).toContain(
        got,
      );
    }
    const { id } = await c.ok<{ id: number }>('encounters.create', { patientLabel: 'Reliability', consent: true });
    const text = seeded(seed * 1000 + i);
    const kp = killPoint();
    kp.set(1 + Math.floor(rand() * 6));
    const delayMs = Math.floor(rand() * 40);
    const state = { id, acked: null as string | null, inFlight: null as string | null };
    // on odd kills, CLI commands read and verify the store while the saves run (a second process on it)
    const readers = i % 2 === 1 ? cliAlongside(dir, where, kp.reached) : Promise.resolve(0);
    const saving = (async () => {
      while (!c.closed) {
        const t = turns(text);
        state.inFlight = JSON.stringify(t);
        const r = await c.call('encounters.saveTranscript', { id, turns: t }).catch(() => null);
        if (!r) return;
        if (!r.ok) failed(kp, where, r);
        state.acked = state.inFlight;
        state.inFlight = null;
        acked++;
        kp.ack();
      }
    })();
    await kp.reached;
    await new Promise((r) => setTimeout(r, delayMs));
    await kill(host, c);
    await saving;
    await readers;
    tally.kills++;
    await verifyBoth(dir, where);
    prev = state;
  }
  const { host, c } = await open(dir);
  const e = await c.ok<Detail>('encounters.get', { id: prev!.id });
  expect([prev!.acked ?? '[]', prev!.inFlight]).toContain(
    JSON.stringify(e.transcript.map((t) => ({ speaker: t.speaker, text: t.text }))),
  );
  await kill(host, c);
  tally.acknowledged += acked;
  tally.lines.push(`transcript saves ${acked} acknowledged`);
}

/** CLI commands run in a loop beside the host until `until` resolves; each must succeed. Returns how many ran. */
async function cliAlongside(dir: string, where: string, until: Promise<void>): Promise<number> {
  let stop = false;
  void until.then(() => (stop = true));
  let n = 0;
  const commands = [
    ['encounters', 'list', '--json', '--data-dir', dir],
    ['audit', 'verify', '--data-dir', dir],
  ];
  while (!stop) {
    const argv = commands[n % commands.length]!;
    const r = await runCli(argv, { env: ENV });
    expect(r.code, `${where}: bedside ${argv.slice(0, 2).join(' ')} beside the host: ${r.stderr}`).toBe(0);
    n++;
  }
  return n;
}

// ---- (b) sign-off ------------------------------------------------------------------------------------------------

function noteDraft(rand: () => number) {
  const sentences = Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, k) => ({
    text: `Sentence ${k}: ${WORDS[Math.floor(rand() * WORDS.length)]!}.`,
    evidence: [0],
    supported: true,
  }));
  return {
    template: 'progress',
    note: sentences.map((s) => s.text).join(' '),
    sections: [{ id: 'subjective', title: 'Subjective', sentences }],
  };
}

interface SignRecord {
  id: number;
  draft: string;
  draftVersion: number | null;
  signed: { noteId: number; version: number } | null;
}

async function signLane(seed: number, kills: number): Promise<void> {
  const rand = seeded(seed);
  const dir = await newDir();
  const records: SignRecord[] = [];
  let acked = 0;
  const check = async (c: ApiClient, where: string) => {
    for (const rec of records) {
      const e = await c.ok<Detail>('encounters.get', { id: rec.id });
      const signedNotes = e.notes.filter((n) => n.kind === 'signed');
      // signed and its signed note go together (one transaction)
      expect(e.signed, `${where}: encounter ${rec.id}`).toBe(signedNotes.length === 1);
      expect(e.status === 'signed', `${where}: encounter ${rec.id}`).toBe(e.signed);
      if (rec.draftVersion !== null) {
        const d = e.notes.find((n) => n.version === rec.draftVersion && n.kind === 'draft');
        if (!d) tally.lost++;
        expect(JSON.stringify(d?.body), `${where}: acknowledged draft of ${rec.id}`).toBe(rec.draft);
      }
      if (rec.signed) {
        if (!e.signed || signedNotes[0]?.id !== rec.signed.noteId) tally.lost++;
        expect(e.signed, `${where}: acknowledged sign-off of ${rec.id}`).toBe(true);
        expect(signedNotes[0]).toMatchObject({ id: rec.signed.noteId, version: rec.signed.version });
        expect(JSON.stringify(signedNotes[0]!.body)).toBe(rec.draft);
        // a signed note stays signed: no edit, no second sign-off
        const edit = await c.call('encounters.saveTranscript', {
          id: rec.id,
          turns: [{ speaker: 'doctor', text: 'x' }],
        });
        expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } });
      } else if (rec.draftVersion !== null && !e.signed) {
        // an unacknowledged sign-off that did not commit: the clinician signs again, and it holds
        const r = await c.ok<{ noteId: number; version: number }>('encounters.sign', { id: rec.id, reviewed: true });
        rec.signed = { noteId: r.noteId, version: r.version };
      } else if (e.signed) {
        rec.signed = { noteId: signedNotes[0]!.id, version: signedNotes[0]!.version };
      }
    }
  };
  for (let i = 0; i < kills; i++) {
    const where = `sign-off: seed ${seed}, kill ${i}`;
    const { host, c } = await open(dir);
    await check(c, where);
    const kp = killPoint();
    kp.set(1 + Math.floor(rand() * 8));
    const delayMs = Math.floor(rand() * 30);
    const text = seeded(seed * 1000 + i);
    const working = (async () => {
      for (;;) {
        const created = await c
          .call('encounters.create', {
            patientLabel: 'Reliability',
            consent: true,
            transcript: '[doctor] How are you?\n[patient] Better.',
          })
          .catch(() => null);
        if (!created) return;
        if (!created.ok) failed(kp, where, created);
        const rec: SignRecord = {
          id: (created.result as { id: number }).id,
          draft: '',
          draftVersion: null,
          signed: null,
        };
        records.push(rec);
        const draft = noteDraft(text);
        rec.draft = JSON.stringify(draft);
        const saved = await c.call('encounters.saveDraft', { id: rec.id, draft }).catch(() => null);
        if (!saved) return;
        if (!saved.ok) failed(kp, where, saved);
        rec.draftVersion = (saved.result as { version: number }).version;
        acked++;
        kp.ack();
        const signed = await c.call('encounters.sign', { id: rec.id, reviewed: true }).catch(() => null);
        if (!signed) return;
        if (!signed.ok) failed(kp, where, signed);
        rec.signed = signed.result as { noteId: number; version: number };
        acked++;
        kp.ack();
      }
    })();
    await kp.reached;
    await new Promise((r) => setTimeout(r, delayMs));
    await kill(host, c);
    await working;
    tally.kills++;
    await verifyBoth(dir, where);
  }
  const { host, c } = await open(dir);
  await check(c, `sign-off: seed ${seed}, last start`);
  expect(records.every((r) => r.draftVersion === null || r.signed !== null)).toBe(true);
  await kill(host, c);
  await verifyBoth(dir, `sign-off: seed ${seed}, end`);
  tally.acknowledged += acked;
  tally.lines.push(`drafts + sign-offs ${acked} acknowledged over ${records.length} encounters`);
}

// ---- (c) FHIR outbox send ------------------------------------------------------------------------------------------

interface SendInfo {
  state: 'sent' | 'queued' | 'failed';
  noteId: number;
  fhirId: string | null;
}

const docRefPosts = () =>
  fhir.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/DocumentReference') && r.status < 300).length;

/** DocumentReferences on the FHIR server, by Bedside's identifier: each must be there exactly once. */
function serverCopies(): Map<string, number> {
  const by = new Map<string, number>();
  for (const d of fhir.db.get('DocumentReference')!) {
    const ids = (d.identifier ?? []) as { value?: string }[];
    const key = ids.map((x) => x.value).join(',');
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return by;
}

/** Calls `fn` the next time the FHIR server finishes answering a DocumentReference create. */
function onServerCreate(fn: () => void): () => void {
  const requests = fhir.requests;
  const push = requests.push.bind(requests);
  let armed = true;
  requests.push = (...items) => {
    const n = push(...items);
    if (armed && items.some((r) => r.method === 'POST' && r.path.endsWith('/DocumentReference'))) {
      armed = false;
      fn();
    }
    return n;
  };
  return () => {
    armed = false;
    requests.push = push;
  };
}

async function outboxLane(seed: number, kills: number): Promise<void> {
  const rand = seeded(seed);
  const dir = await newDir();
  // Signed in to the FHIR stub (the test plays the browser) with signed notes linked to its patient, before any host.
  const encounters: number[] = [];
  {
    const { engine } = await unlockStore(dir, [protector()]);
    try {
      const ehr = new EhrService(engine, new StoreEhrState(engine));
      await ehr.launch({
        iss: fhir.fhirBase,
        clientId: 'bedside-reliability',
        openUrl: async (u) => void (await followRedirects(u)),
      });
      for (let k = 0; k < 4 * kills + 4; k++) {
        const id = encounterWithNote(engine);
        await ehr.loadContext(id);
        encounters.push(id);
      }
    } finally {
      engine.close();
    }
  }
  const sentAcked = new Set<number>();
  const tried = new Set<number>();
  let next = 0;
  let acked = 0;
  let retriedFromOutbox = 0;
  const postsBefore = docRefPosts();
  const check = async (c: ApiClient, where: string) => {
    // acknowledged sends are not sent again
    const posts = docRefPosts();
    for (const id of sentAcked) {
      const r = await c.ok<SendInfo>('ehr.send', { encounterId: id });
      expect(r.state, `${where}: acknowledged send of ${id}`).toBe('sent');
    }
    expect(docRefPosts(), `${where}: an acknowledged send was sent again`).toBe(posts);
    // the one in flight at the kill is retried (from the outbox when it got there) and ends sent
    const retried = await c.ok<SendInfo[]>('ehr.retry', {});
    expect(
      retried.map((r) => r.state),
      `${where}: retried from the outbox`,
    ).toEqual(retried.map(() => 'sent'));
    retriedFromOutbox += retried.length;
    for (const id of tried) {
      if (sentAcked.has(id)) continue;
      const r = await c.ok<SendInfo>('ehr.send', { encounterId: id });
      expect(r.state, `${where}: retried send of ${id}`).toBe('sent');
      sentAcked.add(id);
    }
    const status = await c.ok<{ outbox: { pending: number; sent: number; failed: number } }>('ehr.status', {});
    expect(status.outbox, where).toEqual({ pending: 0, sent: tried.size, failed: 0 });
    const copies = serverCopies();
    for (const [key, n] of copies) {
      if (n > 1) tally.duplicates += n - 1;
      expect(n, `${where}: ${key} on the server ${n} times`).toBe(1);
    }
  };
  for (let i = 0; i < kills; i++) {
    const where = `outbox: seed ${seed}, kill ${i}`;
    const { host, c } = await open(dir);
    await check(c, where);
    const kp = killPoint();
    const after = Math.floor(rand() * 3);
    // half the kills land the moment the server has answered a create (the host has not recorded it yet), after
    // `after` acknowledged sends; the others `after` acknowledged sends and 0-40 ms more
    const atServer = rand() < 0.5;
    const delayMs = Math.floor(rand() * 40);
    if (!atServer) kp.set(after);
    let unhook = (): void => undefined;
    // one send at a time, or three in flight (the UI sends each note when it is signed, so several may overlap)
    const width = i % 2 === 1 ? 3 : 1;
    let armed = false;
    const worker = async () => {
      while (next < encounters.length && !c.closed) {
        const id = encounters[next++]!;
        tried.add(id);
        if (atServer && !armed && kp.acks >= after) {
          armed = true;
          unhook = onServerCreate(() => kp.stop());
        }
        const r = await c.call('ehr.send', { encounterId: id }).catch(() => null);
        if (!r) return;
        if (!r.ok) failed(kp, where, r);
        expect(r, where).toMatchObject({ ok: true, result: { state: 'sent' } });
        sentAcked.add(id);
        acked++;
        kp.ack();
      }
    };
    const sending = Promise.all(Array.from({ length: width }, worker)).then(() => kp.stop());
    await kp.reached;
    if (!atServer) await new Promise((r) => setTimeout(r, delayMs));
    await kill(host, c);
    unhook();
    await sending;
    tally.kills++;
    await verifyBoth(dir, where);
  }
  const { host, c } = await open(dir);
  await check(c, `outbox: seed ${seed}, last start`);
  await kill(host, c);
  tally.acknowledged += acked;
  tally.lines.push(
    `FHIR sends ${acked} acknowledged, ${tried.size} tried, ${retriedFromOutbox} retried from the outbox, ` +
      `${docRefPosts() - postsBefore} creates answered`,
  );
}

// ---- (d) a second process on the store during a recording ----------------------------------------------------------

function audio(rand: () => number, seconds: number): Buffer {
  const n = Math.round(seconds * RATE);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round((rand() - 0.5) * 400), i * 2);
  return b;
}

async function secondProcessLane(seed: number, kills: number): Promise<void> {
  const rand = seeded(seed);
  const dir = await newDir();
  let previous: number | undefined;
  let refused = 0;
  let cli = 0;
  let ackedSec = 0;
  for (let i = 0; i < kills; i++) {
    const where = `second process: seed ${seed}, kill ${i}`;
    const host = await start(dir);
    const c = await ApiClient.open(host.wsUrl);
    const status = await c.ok<{ interruptedRecordings: number }>('store.unlock', { passphrase: PASS });
    if (previous !== undefined) {
      expect(status.interruptedRecordings, where).toBe(1);
      await c.ok('encounters.recoverRecording', { id: previous });
    }
    const { id } = await c.ok<{ id: number }>('encounters.create', { patientLabel: 'Reliability', consent: true });
    const { sessionId } = await c.ok<{ sessionId: string }>('transcribe.live.start', { model, encounterId: id });
    const sound = seeded(seed * 1000 + i);
    const sent: Buffer[] = [];
    let ackedBytes = 0;
    let acks = 0;
    const errors: string[] = [];
    const waiters: { n: number; done: () => void }[] = [];
    const acksReach = (n: number) =>
      new Promise<void>((done) => (acks >= n || errors.length ? done() : waiters.push({ n, done })));
    const pushing = (async () => {
      const t0 = performance.now();
      for (let k = 0; !c.closed; k++) {
        const due = t0 + k * 100 - performance.now();
        if (due > 0) await new Promise((r) => setTimeout(r, due));
        const pcm = audio(sound, 0.1);
        sent.push(pcm);
        const end = sent.reduce((n, b) => n + b.length, 0);
        const r = await c.call('transcribe.live.push', { sessionId, pcm: pcm.toString('base64') }).catch(() => null);
        if (!r) return;
        if (r.ok) {
          ackedBytes = end;
          acks++;
        } else errors.push(r.error.code);
        for (const w of waiters.filter((x) => acks >= x.n || errors.length)) w.done();
        if (!r.ok) return;
      }
    })();
    await acksReach(2);

    // A second dev host on the same data folder starts, but is refused the store; the first keeps recording.
    const second = await start(dir);
    const c2 = await ApiClient.open(second.wsUrl);
    const r2 = await c2.call('store.unlock', { passphrase: PASS });
    expect(r2, where).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('Bedside is already open on this store') },
    });
    expect(await c2.ok('store.status', {}), where).toMatchObject({ unlocked: false });
    refused++;
    c2.close();
    await second.kill();

    // CLI commands beside the recording: list, verify both; each succeeds and the recording goes on.
    const listed = await runCli(['encounters', 'list', '--json', '--data-dir', dir], { env: ENV });
    expect(listed.code, `${where}: ${listed.stderr}`).toBe(0);
    expect(JSON.parse(listed.stdout), where).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, status: 'recording' })]),
    );
    await verifyBoth(dir, `${where} (beside the recording)`);
    cli += 3;
    const before = acks;
    await acksReach(before + 2 + Math.floor(rand() * 6));
    await new Promise((r) => setTimeout(r, Math.floor(rand() * 50)));
    expect(errors, `${where}: push errors`).toEqual([]);
    await kill(host, c);
    await pushing;
    tally.kills++;
    await verifyBoth(dir, where);
    const { engine } = await unlockStore(dir, [protector()]);
    try {
      const pcm = Buffer.from(engine.readAudio(id).pcm);
      const lost = Math.max(0, ackedBytes - pcm.length);
      if (lost) tally.lost++;
      expect(pcm.length, `${where}: stored < acknowledged`).toBeGreaterThanOrEqual(ackedBytes);
      expect(pcm.equals(Buffer.concat(sent).subarray(0, pcm.length)), where).toBe(true);
      ackedSec += ackedBytes / 2 / RATE;
    } finally {
      engine.close();
    }
    tally.acknowledged += acks;
    previous = id;
  }
  const { host, c } = await open(dir);
  await c.ok('encounters.recoverRecording', { id: previous });
  await kill(host, c);
  tally.lines.push(
    `second process: ${refused} second hosts refused, ${cli} CLI commands beside, ${ackedSec.toFixed(1)} s audio acknowledged`,
  );
}

describe('SIGKILL during the clinical workflow', () => {
  it('keeps every outbox entry when sends overlap (each request has its own EhrService)', async () => {
    const dir = await newDir();
    const ids: number[] = [];
    const { engine } = await unlockStore(dir, [protector()]);
    try {
      const ehr = new EhrService(engine, new StoreEhrState(engine));
      await ehr.launch({
        iss: fhir.fhirBase,
        clientId: 'bedside-reliability',
        openUrl: async (u) => void (await followRedirects(u)),
      });
      for (let k = 0; k < 10; k++) {
        const id = encounterWithNote(engine);
        await ehr.loadContext(id);
        ids.push(id);
      }
    } finally {
      engine.close();
    }
    // the store in its worker thread, as the app and the dev host have it; one service per request, as the API does
    const session = new StoreSession(dir);
    await session.unlock([protector()]);
    try {
      const store = session.store!;
      const service = () => new EhrService(store, new StoreEhrState(store));
      const sent = await Promise.all(ids.map((id) => service().send(id)));
      expect(sent.map((r) => r.state)).toEqual(ids.map(() => 'sent'));
      expect((await service().status()).outbox).toEqual({ pending: 0, sent: 10, failed: 0 });
    } finally {
      await session.lock();
    }
  });

  it(`loses nothing acknowledged: transcript save, sign-off, FHIR send, second process (seed ${SEED})`, async () => {
    await Promise.all([
      transcriptLane(SEED, 4),
      signLane(SEED + 1, 4),
      outboxLane(SEED + 2, 4),
      secondProcessLane(SEED + 3, 2),
    ]);
    console.log(
      `reliability workflow: ${tally.kills} SIGKILLs (seed ${SEED}), ${tally.acknowledged} acknowledged, ` +
        `${tally.lost} lost, ${tally.duplicates} sent twice; ${tally.lines.join('; ')}`,
    );
    expect(tally.kills).toBe(14);
    expect(tally.lost).toBe(0);
    expect(tally.duplicates).toBe(0);
  }, 90_000);
});
