/**
 * Acknowledged audio is saved: a dev host process recording live into an encounter is SIGKILLed at random points
 * (seeded: BEDSIDE_RELIABILITY_SEED replays a run), with audio pushed at real-time pace (100 ms pushes, each sent
 * after the previous reply, as the app does), in bursts (pushes of 0.25 to 2 s, several in flight) and as a WAV
 * import uploads (`audio.import.append`, each chunk after the previous reply). After each
 * kill the store is opened again and must hold every acknowledged sample, byte for byte, as a gap-free prefix of
 * what was sent, with the database integrity and the audit chain verifying; the next host offers the recording as
 * interrupted and recovers it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { log } from '../../core/platform/log.js';
import { initStore, PassphraseProtector, unlockStore } from '../../core/store/index.js';
import { writeFastModel } from '../integration/models/fixtures.js';
import { ApiClient, buildHost, removeBuild, seeded, startHost, type HostProcess } from './host.js';

const PASS = 'reliability passphrase';
const protector = () => new PassphraseProtector(PASS, 'passphrase', { scryptLog2N: 10 });
const SEED = Number(process.env.BEDSIDE_RELIABILITY_SEED ?? 18_2026);
const KILLS = 21;
const RATE = 16_000;

/** Kills run in three lanes at once (each its own data folder and host): a cycle mostly waits, so lanes overlap. */
const LANES = 3;

let build = '';
let modelDir = '';
let model = '';
const dirs: string[] = [];
const hosts = new Set<HostProcess>();
/** Set when the file is done (or failed): a lane still running starts no more hosts. */
let finished = false;

beforeAll(async () => {
  log.setLevel('error'); // the checks in this process read the whole store: no slow-operation warnings
  build = await buildHost();
  modelDir = mkdtempSync(join(tmpdir(), 'bedside-sigkill-model-'));
  model = writeFastModel(modelDir);
});

afterAll(async () => {
  finished = true;
  log.setLevel('warn');
  await Promise.all([...hosts].map((h) => h.kill()));
  for (const d of [...dirs, modelDir]) if (d) rmSync(d, { recursive: true, force: true });
  if (build) removeBuild(build);
});

/** Deterministic quiet noise (the VAD hears no speech, so Whisper stays idle and the test stays fast). */
function audio(rand: () => number, seconds: number): Buffer {
  const n = Math.round(seconds * RATE);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round((rand() - 0.5) * 400), i * 2);
  return b;
}

interface Pushed {
  /** Bytes of audio sent, in order. */
  sent: Buffer[];
  /** Bytes acknowledged: every push up to the last one that got an ok reply. */
  acked: number;
  acks: number;
  errors: string[];
  /** Called after every reply (the kill point is chosen from them). */
  onReply: () => void;
}

/** Pushes at real-time pace: 100 ms per push, each sent after the previous reply and not before its time. */
async function realTime(c: ApiClient, sessionId: string, rand: () => number, out: Pushed): Promise<void> {
  const t0 = performance.now();
  for (let k = 0; !c.closed; k++) {
    const due = t0 + k * 100 - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
    const pcm = audio(rand, 0.1);
    out.sent.push(pcm);
    const end = out.sent.reduce((n, b) => n + b.length, 0);
    const r = await c.call('transcribe.live.push', { sessionId, pcm: pcm.toString('base64') }).catch(() => null);
    if (!r) return;
    if (r.ok) {
      out.acked = end;
      out.acks++;
    } else out.errors.push(r.error.code);
    out.onReply();
    if (!r.ok) return;
  }
}

/** Pushes as fast as the host answers, four in flight, 0.25 to 2 s each. */
async function burst(c: ApiClient, sessionId: string, rand: () => number, out: Pushed): Promise<void> {
  let end = 0;
  const inFlight = new Set<Promise<void>>();
  while (!c.closed) {
    const pcm = audio(rand, 0.25 + Math.floor(rand() * 8) * 0.25);
    out.sent.push(pcm);
    end += pcm.length;
    const myEnd = end;
    const p: Promise<void> = c
      .call('transcribe.live.push', { sessionId, pcm: pcm.toString('base64') })
      .then((r) => {
        if (r.ok) {
          // a push is acknowledged only after it, and everything before it, is committed
          out.acked = Math.max(out.acked, myEnd);
          out.acks++;
        } else out.errors.push(r.error.code);
        out.onReply();
      })
      .catch(() => undefined)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

/** Uploads a recording as the UI imports a WAV: chunks of 0.25 to 2 s, each sent after the previous reply. */
async function upload(c: ApiClient, encounterId: number, rand: () => number, out: Pushed): Promise<void> {
  let end = 0;
  for (let seq = 0; !c.closed; seq++) {
    const pcm = audio(rand, 0.25 + Math.floor(rand() * 8) * 0.25);
    out.sent.push(pcm);
    end += pcm.length;
    const r = await c.call('audio.import.append', { encounterId, seq, pcm: pcm.toString('base64') }).catch(() => null);
    if (!r) return;
    if (r.ok) {
      out.acked = end;
      out.acks++;
    } else out.errors.push(r.error.code);
    out.onReply();
    if (!r.ok) return;
  }
}

interface Outcome {
  mode: string;
  encounterId: number;
  ackedSec: number;
  storedSec: number;
  lostSec: number;
}

async function start(dir: string): Promise<HostProcess> {
  if (finished) throw new Error('the test is over');
  const h = await startHost(build, dir);
  hosts.add(h);
  if (finished) {
    await h.kill();
    throw new Error('the test is over');
  }
  void h.exited.then(() => hosts.delete(h));
  return h;
}

/** One lane: `kills` cycles of start, unlock, record, SIGKILL, check; then a clean last start that recovers. */
async function lane(seed: number, kills: number): Promise<Outcome[]> {
  const rand = seeded(seed); // the kill schedule
  const dir = mkdtempSync(join(tmpdir(), 'bedside-sigkill-'));
  dirs.push(dir);
  (await initStore(dir, [protector()], { actor: 'test:reliability' })).close();
  const outcomes: Outcome[] = [];
  let previous: number | undefined;
  for (let i = 0; i < kills; i++) {
    const mode = (['real-time', 'burst', 'import'] as const)[i % 3]!;
    const where = `seed ${seed}, kill ${i} (${mode})`;
    const host = await start(dir);
    const c = await ApiClient.open(host.wsUrl);
    const status = await c.ok<{ interruptedRecordings: number }>('store.unlock', { passphrase: PASS });
    if (previous !== undefined) {
      // the recording the killed host was making is offered as interrupted, and recovered with its audio
      expect(status.interruptedRecordings, where).toBe(1);
      await c.ok('encounters.recoverRecording', { id: previous });
    }
    const { id } = await c.ok<{ id: number }>('encounters.create', { patientLabel: 'Reliability', consent: true });
    const sessionId =
      mode === 'import'
        ? ''
        : (await c.ok<{ sessionId: string }>('transcribe.live.start', { model, encounterId: id })).sessionId;
    // The kill point: after a random number of acknowledgements, then a random 0-50 ms more (mid-push, mid-commit
    // or between pushes).
    const killAfterAcks = mode === 'real-time' ? 2 + Math.floor(rand() * 10) : 1 + Math.floor(rand() * 12);
    const killDelayMs = Math.floor(rand() * 50);
    // the audio has its own generator, so how much a cycle sent never shifts the kill points of the next ones
    const sound = seeded(seed * 1000 + i);
    let reached!: () => void;
    const killPoint = new Promise<void>((r) => (reached = r));
    const pushed: Pushed = {
      sent: [],
      acked: 0,
      acks: 0,
      errors: [],
      onReply: () => {
        if (pushed.acks >= killAfterAcks || pushed.errors.length > 0) reached();
      },
    };
    const pushing =
      mode === 'real-time'
        ? realTime(c, sessionId, sound, pushed)
        : mode === 'burst'
          ? burst(c, sessionId, sound, pushed)
          : upload(c, id, sound, pushed);
    await killPoint;
    await new Promise((r) => setTimeout(r, killDelayMs));
    await host.kill();
    expect((await host.exited).signal).toBe('SIGKILL');
    await pushing;
    c.close();
    expect(pushed.errors, `${where}: push errors before the kill`).toEqual([]);

    const { engine } = await unlockStore(dir, [protector()]);
    try {
      const sent = Buffer.concat(pushed.sent);
      const stored = engine.readAudio(id);
      const pcm = Buffer.from(stored.pcm);
      outcomes.push({
        mode,
        encounterId: id,
        ackedSec: pushed.acked / 2 / RATE,
        storedSec: pcm.length / 2 / RATE,
        lostSec: Math.max(0, pushed.acked - pcm.length) / 2 / RATE,
      });
      expect(stored.missing, `${where}: gaps`).toEqual([]);
      expect(pcm.length, `${where}: stored < acknowledged`).toBeGreaterThanOrEqual(pushed.acked);
      expect(pcm.equals(sent.subarray(0, pcm.length)), `${where}: stored audio differs from what was sent`).toBe(true);
      expect(engine.integrityCheck().ok, where).toBe(true);
      expect(engine.verifyAudit().ok, where).toBe(true);
      expect(engine.findInterruptedRecordings().map((r) => r.encounterId)).toEqual([id]);
    } finally {
      engine.close();
    }
    previous = id;
  }

  // A last host recovers the final recording and shuts down cleanly; the store verifies and every encounter still
  // holds what was measured after its kill.
  const host = await start(dir);
  const c = await ApiClient.open(host.wsUrl);
  await c.ok('store.unlock', { passphrase: PASS });
  await c.ok('encounters.recoverRecording', { id: previous });
  c.close();
  host.child.kill('SIGTERM');
  expect((await host.exited).code).toBe(0);
  await host.kill(); // reaps its process group
  const { engine } = await unlockStore(dir, [protector()]);
  try {
    expect(engine.integrityCheck().ok).toBe(true);
    expect(engine.verifyAudit().ok).toBe(true);
    expect(engine.findInterruptedRecordings()).toEqual([]);
    for (const o of outcomes) {
      expect(engine.getEncounter(o.encounterId)?.status).toBe('recorded');
      expect(engine.readAudio(o.encounterId).pcm.length / 2 / RATE).toBe(o.storedSec);
    }
  } finally {
    engine.close();
  }
  return outcomes;
}

describe('SIGKILL during live recording', () => {
  it(`loses no acknowledged audio over ${KILLS} kills (seed ${SEED})`, async () => {
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, n) => lane(SEED + n, Math.ceil(KILLS / LANES))));
    const outcomes = lanes.flat();
    const lost = outcomes.reduce((n, o) => n + o.lostSec, 0);
    const acked = outcomes.reduce((n, o) => n + o.ackedSec, 0);
    console.log(
      `reliability: ${outcomes.length} SIGKILLs (seed ${SEED}), ${acked.toFixed(1)} s acknowledged, ` +
        `${lost.toFixed(1)} s of it lost; per kill (acknowledged/stored): ${outcomes
          .map((o) => `${o.mode} ${o.ackedSec.toFixed(2)}/${o.storedSec.toFixed(2)} s`)
          .join(', ')}`,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    expect(lost).toBe(0);
  }, 150_000);
});
