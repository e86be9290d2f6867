/**
 * Audio uploaded into an encounter (audio.import.append/finish) and transcription of an encounter's stored audio
 * (transcribe.encounter), through the real dispatcher over a real encrypted store, with the fast fixture model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../core/api/events.js';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { unlockStore, type StoreEngine } from '../../../core/store/index.js';
import { createSpeechHandlers } from '../../../models/api.js';
import type { AsrEngine } from '../../../models/asr/whisper-worker.js';
import { decodeWav, toPcm16 } from '../../../models/audio/wav.js';
import { ModelManager } from '../../../models/manager/manager.js';
import { newStore, protector } from '../../unit/store/helpers.js';
import { JFK_WAV, useFastModel } from './fixtures.js';

const fast = useFastModel('bedside-encounter-audio-');
const ctx = { transport: 'cli' as const };

/** jfk.wav (16 kHz mono) as little-endian PCM16 bytes. */
function jfkPcm(): Buffer {
  const wav = decodeWav(readFileSync(JFK_WAV));
  expect(wav.sampleRate).toBe(16_000);
  const s = toPcm16(wav.channels[0]!);
  return Buffer.from(s.buffer, s.byteOffset, s.byteLength);
}

type Core = ReturnType<typeof createCore>;

async function withStore(engine: StoreEngine): Promise<Core> {
  const core = createCore();
  core.services.store = directStore(engine);
  return core;
}

/** Uploads the PCM in 2 s calls; returns the last reply. */
async function upload(core: Core, encounterId: number, pcm: Buffer, bytesPerCall = 64_000) {
  let last: unknown;
  let seq = 0;
  for (let off = 0; off < pcm.length; off += bytesPerCall) {
    last = await core.dispatch(
      'audio.import.append',
      { encounterId, seq: seq++, pcm: pcm.subarray(off, off + bytesPerCall).toString('base64') },
      ctx,
    );
    expect(last).toMatchObject({ ok: true });
  }
  return last;
}

describe('audio import into an encounter', () => {
  it('needs the unlocked store, an existing encounter, consent, and chunks in order', async () => {
    const locked = await createCore().dispatch('audio.import.append', { encounterId: 1, seq: 0, pcm: 'AAAAAA==' }, ctx);
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });

    const { engine } = await newStore();
    const core = await withStore(engine);
    const patientId = engine.createPatient({ label: 'Import Patient' });
    const id = engine.createEncounter({ patientId, consent: true });
    const noConsent = engine.createEncounter({ patientId, consent: false });
    const pcm = jfkPcm();
    const chunk = (from: number) => pcm.subarray(from, from + 64_000).toString('base64');

    expect(await core.dispatch('audio.import.append', { encounterId: 999, seq: 0, pcm: chunk(0) }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const refused = await core.dispatch('audio.import.append', { encounterId: noConsent, seq: 0, pcm: chunk(0) }, ctx);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/consent/) },
    });
    expect(engine.readAudio(noConsent).chunks).toBe(0);
    const notStarted = await core.dispatch('audio.import.append', { encounterId: id, seq: 1, pcm: chunk(0) }, ctx);
    expect(notStarted).toMatchObject({ ok: false, error: { code: 'invalid_params', message: /chunk 0 first/ } });
    const tooBig = await core.dispatch(
      'audio.import.append',
      { encounterId: id, seq: 0, pcm: pcm.subarray(0, 64_002).toString('base64') },
      ctx,
    );
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid_params' } });

    expect(await core.dispatch('audio.import.append', { encounterId: id, seq: 0, pcm: chunk(0) }, ctx)).toEqual({
      ok: true,
      result: { audioSec: 2 },
    });
    const skipped = await core.dispatch('audio.import.append', { encounterId: id, seq: 2, pcm: chunk(64_000) }, ctx);
    expect(skipped).toMatchObject({ ok: false, error: { code: 'invalid_params', message: /Expected audio chunk 1/ } });
    let seq = 1;
    for (let off = 64_000; off < pcm.length; off += 64_000) {
      const r = await core.dispatch('audio.import.append', { encounterId: id, seq: seq++, pcm: chunk(off) }, ctx);
      expect(r.ok).toBe(true);
    }
    // Not transcribable before the import is finished.
    const early = await core.dispatch('transcribe.encounter', { encounterId: id, model: fast.model }, ctx);
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', message: /not finished/ } });
    const done = await core.dispatch('audio.import.finish', { encounterId: id }, ctx);
    expect(done).toEqual({ ok: true, result: { audioSec: pcm.length / 32_000, discarded: false } });

    const audio = engine.readAudio(id);
    expect(Buffer.from(audio.pcm).equals(pcm)).toBe(true);
    expect(audio.missing).toEqual([]);
    expect(audio.chunks).toBe(Math.ceil(pcm.length / 32_000)); // stored in pieces of at most 1 s
    expect(engine.getEncounter(id)).toMatchObject({ status: 'recorded', audioSeconds: pcm.length / 32_000 });

    const again = await core.dispatch('audio.import.append', { encounterId: id, seq: 0, pcm: chunk(0) }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: /already has a recording/ } });
    expect(await core.dispatch('audio.import.finish', { encounterId: id }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    engine.close();
  });

  it('cancel deletes a partial import; a new chunk 0 restarts an unfinished one', async () => {
    const { engine } = await newStore();
    const core = await withStore(engine);
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    const pcm = jfkPcm().subarray(0, 96_000);
    await upload(core, id, pcm, 32_000);
    expect(engine.readAudio(id).chunks).toBe(3);
    // the page reloaded: the upload starts over, replacing what was sent
    await upload(core, id, pcm.subarray(0, 64_000));
    expect(engine.readAudio(id).chunks).toBe(2);
    expect(await core.dispatch('audio.import.finish', { encounterId: id, cancel: true }, ctx)).toEqual({
      ok: true,
      result: { audioSec: 0, discarded: true },
    });
    expect(engine.readAudio(id).chunks).toBe(0);
    expect(engine.getEncounter(id)).toMatchObject({ status: 'new', audioSeconds: 0 });
    expect(engine.findInterruptedRecordings()).toEqual([]);
    // and the encounter can take an import again
    await upload(core, id, pcm);
    expect((await core.dispatch('audio.import.finish', { encounterId: id }, ctx)).ok).toBe(true);
    expect(engine.getEncounter(id)?.status).toBe('recorded');
    engine.close();
  });
});

describe('transcribe.encounter', () => {
  it('transcribes imported audio with progress events and stores the transcript once', async () => {
    const { engine } = await newStore();
    const core = await withStore(engine);
    const events: { name: string; payload: Record<string, unknown> }[] = [];
    core.events.subscribe((name, payload) => events.push({ name, payload: payload as Record<string, unknown> }));
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    const empty = await core.dispatch('transcribe.encounter', { encounterId: id, model: fast.model }, ctx);
    expect(empty).toMatchObject({ ok: false, error: { code: 'conflict', message: /no stored audio/ } });
    const pcm = jfkPcm();
    await upload(core, id, pcm);
    expect((await core.dispatch('audio.import.finish', { encounterId: id }, ctx)).ok).toBe(true);

    const operationId = 'encounter-transcribe-1';
    const r = await core.dispatch('transcribe.encounter', { encounterId: id, model: fast.model, operationId }, ctx);
    expect(r.ok).toBe(true);
    const t = (r as { ok: true; result: { segments: { text: string; start: number; end: number }[] } }).result;
    expect(t).toMatchObject({ durationSec: 11, model: 'fast-test-model.bin' });
    expect((t as unknown as { rtf: number }).rtf).toBeGreaterThan(0);
    const progress = events.filter((e) => e.name === 'transcribe.progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.encounterId === id && p.operationId === operationId)).toBe(true);
    const last = progress[progress.length - 1]!;
    expect(last.doneSec).toBeCloseTo(last.totalSec as number, 3);
    expect(last.totalSec as number).toBeGreaterThan(8); // jfk.wav holds about 10 s of speech

    // Stored: exactly the returned segments (only ones with words), in order.
    const stored = engine.getEncounter(id)!;
    expect(stored.transcript.map((s) => s.text)).toEqual(t.segments.map((s) => s.text));
    expect(t.segments.every((s) => s.text.trim().length > 0)).toBe(true);
    engine.close();
  }, 120_000);

  it('app.cancel stops it: cancelled, nothing stored', async () => {
    const { engine } = await newStore();
    const core = await withStore(engine);
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    await upload(core, id, jfkPcm());
    await core.dispatch('audio.import.finish', { encounterId: id }, ctx);
    const operationId = 'encounter-transcribe-cancel';
    const pending = core.dispatch('transcribe.encounter', { encounterId: id, model: fast.model, operationId }, ctx);
    await new Promise((r) => setTimeout(r, 50));
    expect(await core.dispatch('app.cancel', { operationId }, ctx)).toEqual({ ok: true, result: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(engine.getEncounter(id)!.transcript).toEqual([]);
    engine.close();
  }, 60_000);

  it('transcribes a recovered interrupted recording; without a model says so in words', async () => {
    const { dir, engine } = await newStore();
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    engine.beginRecording(id);
    const pcm = jfkPcm();
    for (let off = 0, seq = 0; off < pcm.length; off += 32_000, seq++)
      engine.appendAudioChunk(id, seq, new Uint8Array(pcm.subarray(off, off + 32_000)), 16_000);
    engine.close(); // the app stopped mid-recording
    const { engine: next } = await unlockStore(dir, [protector()]);
    const core = await withStore(next);
    const interrupted = await core.dispatch('transcribe.encounter', { encounterId: id, model: fast.model }, ctx);
    expect(interrupted).toMatchObject({ ok: false, error: { code: 'conflict', message: /recover it first/ } });
    // an interrupted recording is never discarded as an abandoned import would be
    expect(() => next.discardRecording(id)).toThrow(/no recording in progress in this session/);
    expect((await core.dispatch('encounters.recoverRecording', { id }, ctx)).ok).toBe(true);

    const before = process.env.BEDSIDE_MODEL_DIR;
    process.env.BEDSIDE_MODEL_DIR = join(fast.dir, 'no-models-here');
    try {
      const none = await core.dispatch('transcribe.encounter', { encounterId: id }, ctx);
      expect(none).toMatchObject({
        ok: false,
        error: { code: 'unavailable', message: /no speech model is installed/ },
      });
    } finally {
      process.env.BEDSIDE_MODEL_DIR = before;
    }
    const r = await core.dispatch('transcribe.encounter', { encounterId: id, model: fast.model }, ctx);
    expect(r).toMatchObject({ ok: true, result: { durationSec: 11 } });
    const segs = (r as { ok: true; result: { segments: unknown[] } }).result.segments;
    expect(next.getEncounter(id)!.transcript).toHaveLength(segs.length);
    next.close();
  }, 120_000);
});

describe('transcribe.encounter storing words', () => {
  it('stores the recognised segments (with roles) as the transcript, then refuses a second run', async () => {
    const { engine } = await newStore();
    const store = directStore(engine);
    // A scripted engine: every chunk it is given is "heard" as one sentence over the chunk's whole span.
    const calls: number[] = [];
    const scripted = (): AsrEngine => ({
      async transcribe(pcm) {
        calls.push(pcm.length);
        return {
          segments: [{ text: ' What brings you in today?', t0: 0, t1: Math.round((pcm.length / 16_000) * 1000) }],
          language: 'en',
          ms: 1,
        };
      },
      async close() {},
    });
    const h = createSpeechHandlers({ events: new EventBus(), store: () => store }, () => new ModelManager(), scripted);
    const id = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    const pcm = jfkPcm();
    for (let off = 0, seq = 0; off < pcm.length; off += 64_000, seq++)
      await h['audio.import.append'](
        { encounterId: id, seq, pcm: pcm.subarray(off, off + 64_000).toString('base64') },
        ctx,
      );
    await h['audio.import.finish']({ encounterId: id }, ctx);
    const r = await h['transcribe.encounter']({ encounterId: id, model: fast.model }, ctx);
    expect(calls.length).toBeGreaterThan(0);
    expect(r.segments.length).toBeGreaterThan(0);
    expect(r.segments[0]!.text).toBe('What brings you in today?');
    expect(r.segments[0]!.speaker).toBe('doctor'); // a question about the visit: the clinical role reader's call
    const stored = engine.getEncounter(id)!.transcript;
    expect(stored.map((s) => [s.speaker, s.text, s.startMs])).toEqual(
      r.segments.map((s) => [s.speaker, s.text, Math.round(s.start * 1000)]),
    );
    await expect(h['transcribe.encounter']({ encounterId: id, model: fast.model }, ctx)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already has a transcript/),
    });
    engine.close();
  }, 60_000);
});
