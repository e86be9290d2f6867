/**
 * The contract of `transcribe.live.push` into an encounter, in process: a push is answered only once its audio is
 * committed to the store; audio waiting to be committed is bounded (a push beyond it is refused with words saying
 * to wait, and takes nothing in, so it can be sent again); a chunk the store refuses fails that push and every later
 * one, so what is stored stays a gap-free prefix of what was acknowledged.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../core/api/index.js';
import { directStore, type AsyncStore } from '../../core/store/client.js';
import { newStore } from '../unit/store/helpers.js';
import { useFastModel } from '../integration/models/fixtures.js';

const fast = useFastModel('bedside-live-push-');
const ctx = { transport: 'cli' as const };
const RATE = 16_000;

function pcm(seconds: number, fill: number): string {
  const b = Buffer.alloc(Math.round(seconds * RATE) * 2);
  for (let i = 0; i < b.length / 2; i++) b.writeInt16LE(((fill + i) % 200) - 100, i * 2);
  return b.toString('base64');
}

/** The store with appendAudioChunk held until `release()` (or failed from `failFrom` on); counts commits. */
function gatedStore(store: AsyncStore) {
  const held: (() => void)[] = [];
  const state = { gate: true, commits: 0, failFrom: Infinity, calls: 0 };
  const proxy = new Proxy(store, {
    get(target, op: keyof AsyncStore) {
      if (op !== 'appendAudioChunk') return target[op];
      return async (...args: Parameters<AsyncStore['appendAudioChunk']>) => {
        const n = state.calls++;
        if (state.gate) await new Promise<void>((r) => held.push(r));
        if (n >= state.failFrom) throw new Error('disk full');
        await target.appendAudioChunk(...args);
        state.commits++;
      };
    },
  });
  return {
    proxy,
    state,
    /** Lets every held chunk through, and the ones after. */
    release() {
      state.gate = false;
      for (const r of held.splice(0)) r();
    },
    /** Resolves once `n` chunks are waiting at the gate. */
    async waiting(n: number) {
      while (held.length < n) await new Promise((r) => setImmediate(r));
    },
  };
}

async function setup() {
  const { engine } = await newStore();
  const core = createCore();
  const gated = gatedStore(directStore(engine));
  core.services.store = gated.proxy;
  const encounterId = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
  const start = await core.dispatch('transcribe.live.start', { model: fast.model, encounterId }, ctx);
  expect(start.ok).toBe(true);
  const { sessionId } = (start as { ok: true; result: { sessionId: string } }).result;
  const push = (seconds: number, fill = 7) =>
    core.dispatch('transcribe.live.push', { sessionId, pcm: pcm(seconds, fill) }, ctx);
  return { engine, core, gated, encounterId, sessionId, push };
}

describe('transcribe.live.push into an encounter', () => {
  it('answers only once the audio is committed', async () => {
    const { engine, core, gated, encounterId, push } = await setup();
    let answered = false;
    const reply = push(1.5).then((r) => ((answered = true), r));
    await gated.waiting(1);
    expect(answered).toBe(false);
    gated.release();
    expect(await reply).toMatchObject({ ok: true, result: { audioSec: 1.5 } });
    // both pieces (1 s + 0.5 s) were committed before the answer
    expect(gated.state.commits).toBe(2);
    expect(engine.readAudio(encounterId).pcm.length).toBe(1.5 * RATE * 2);
    await core.close();
    engine.close();
  }, 60_000);

  it('refuses, in words, a push beyond 20 s of audio waiting to be saved; it can be sent again', async () => {
    const { engine, core, gated, encounterId, push } = await setup();
    const accepted = Array.from({ length: 10 }, (_, i) => push(2, i));
    await gated.waiting(1);
    const refused = await push(2, 99);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/^Busy/) },
    });
    expect((refused as { error: { message: string } }).error.message).toMatch(/wait for the reply/i);
    gated.release();
    expect((await Promise.all(accepted)).every((r) => r.ok)).toBe(true);
    expect(await push(2, 99)).toMatchObject({ ok: true, result: { audioSec: 22 } });
    const stored = engine.readAudio(encounterId);
    expect(stored.missing).toEqual([]);
    expect(stored.pcm.length).toBe(22 * RATE * 2);
    await core.close();
    engine.close();
  }, 60_000);

  it('fails the push whose audio was not saved, and every later one; the saved audio stays gap-free', async () => {
    const { engine, core, gated, encounterId, push } = await setup();
    gated.release();
    expect((await push(1)).ok).toBe(true);
    gated.state.failFrom = gated.state.calls; // the store refuses from the next chunk on
    const failed = await push(1, 3);
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/saved/) },
    });
    expect(await push(1, 4)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const stored = engine.readAudio(encounterId);
    expect(stored.missing).toEqual([]);
    expect(stored.pcm.length).toBe(RATE * 2);
    await core.close();
    engine.close();
  }, 60_000);
});
