/**
 * Live audio reaches the encrypted store as it arrives: a live session started for an encounter appends every chunk
 * (at most 1 s each, in order, nothing missing) and marks the recording finished at stop.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { newStore } from '../../unit/store/helpers.js';
import { useFastModel } from './fixtures.js';

const fast = useFastModel('bedside-live-store-');

const ctx = { transport: 'cli' as const };

/** 2.5 s of a 220 Hz tone as little-endian PCM16. */
function tone(seconds: number): Buffer {
  const n = Math.round(seconds * 16_000);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / 16_000) * 8000), i * 2);
  return pcm;
}

describe('live transcription into the encrypted store', () => {
  it('needs an unlocked store to record into an encounter', async () => {
    const core = createCore();
    const r = await core.dispatch('transcribe.live.start', { model: fast.model, encounterId: 1 }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('commits every chunk as it arrives and finishes the recording at stop', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    const patientId = engine.createPatient({ label: 'Test Patient' });
    const encounterId = engine.createEncounter({ patientId, consent: true });

    const missing = await core.dispatch(
      'transcribe.live.start',
      { model: fast.model, encounterId: encounterId + 99 },
      ctx,
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const noConsent = engine.createEncounter({ patientId, consent: false });
    const refused = await core.dispatch('transcribe.live.start', { model: fast.model, encounterId: noConsent }, ctx);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/consent/) },
    });
    expect(engine.readAudio(noConsent).chunks).toBe(0);

    const start = await core.dispatch('transcribe.live.start', { model: fast.model, encounterId }, ctx);
    expect(start.ok).toBe(true);
    const { sessionId } = (start as { ok: true; result: { sessionId: string } }).result;
    const pcm = tone(2.5);
    for (let off = 0; off < pcm.length; off += 6400) {
      const r = await core.dispatch(
        'transcribe.live.push',
        { sessionId, pcm: pcm.subarray(off, off + 6400).toString('base64') },
        ctx,
      );
      expect(r.ok).toBe(true);
    }
    const stop = await core.dispatch('transcribe.live.stop', { sessionId, cancel: true }, ctx);
    expect(stop.ok).toBe(true);

    const audio = engine.readAudio(encounterId);
    expect(audio.missing).toEqual([]);
    expect(audio.sampleRate).toBe(16_000);
    expect(Buffer.from(audio.pcm).equals(pcm)).toBe(true);
    expect(audio.chunks).toBeGreaterThanOrEqual(3);
    expect(engine.getEncounter(encounterId)?.status).toBe('recorded');
    expect(engine.findInterruptedRecordings()).toEqual([]);
    engine.close();
  }, 60_000);

  it('a host shutting down mid-recording commits the audio so far and leaves a recording to recover', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    const encounterId = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    const start = await core.dispatch('transcribe.live.start', { model: fast.model, encounterId }, ctx);
    const { sessionId } = (start as { ok: true; result: { sessionId: string } }).result;
    const pcm = tone(1.5);
    for (let off = 0; off < pcm.length; off += 6400)
      await core.dispatch(
        'transcribe.live.push',
        { sessionId, pcm: pcm.subarray(off, off + 6400).toString('base64') },
        ctx,
      );
    await core.close();
    // every chunk received is in the store, and the encounter is an interrupted recording (offered for recovery)
    expect(Buffer.from(engine.readAudio(encounterId).pcm).equals(pcm)).toBe(true);
    expect(engine.getEncounter(encounterId)?.status).toBe('recording'); // found as interrupted by the next session
    // the session is gone with its Whisper process
    const after = await core.dispatch('transcribe.live.stop', { sessionId }, ctx);
    expect(after).toMatchObject({ ok: false, error: { code: 'not_found' } });
    engine.close();
  }, 60_000);
});
