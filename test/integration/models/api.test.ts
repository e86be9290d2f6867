/** The speech and model API methods through the real dispatcher (the same path IPC and the dev host use). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { espeakAvailable, synthDialogue } from '../../helpers/speech.js';
import { useFastModel } from './fixtures.js';

const fast = useFastModel('bedside-speech-api-');

const ctx = { transport: 'cli' as const };

describe('speech API', () => {
  it('lists models with a recommendation, and refuses unknown ids and bad files with typed errors', async () => {
    const core = createCore();
    const list = await core.dispatch('models.list', {}, ctx);
    expect(list.ok).toBe(true);
    const install = await core.dispatch('models.install', { id: 'nope' }, ctx);
    expect(install).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const txt = join(fast.dir, 'x.txt');
    writeFileSync(txt, 'this is a text file and not a recording at all');
    const bad = await core.dispatch('transcribe.file', { path: txt, model: fast.model }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(!bad.ok && bad.error.message).toMatch(/not a WAV file/);
    const push = await core.dispatch('transcribe.live.push', { sessionId: 'nope', pcm: '' }, ctx);
    expect(push).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it.skipIf(!espeakAvailable())(
    'runs a live session: base64 PCM16 in, partial events out, cancel through stop',
    async () => {
      const core = createCore();
      const events: { name: string; payload: unknown }[] = [];
      core.events.subscribe((name, payload) => events.push({ name, payload }));
      const d = synthDialogue([{ speaker: 'doctor', text: 'How are you feeling today' }]);
      const start = await core.dispatch(
        'transcribe.live.start',
        { model: fast.model, medications: ['metformin'] },
        ctx,
      );
      expect(start.ok).toBe(true);
      const { sessionId } = (start as { ok: true; result: { sessionId: string } }).result;
      const pcm = Buffer.alloc(d.mono.length * 2);
      d.mono.forEach((v, i) => pcm.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2));
      for (let off = 0; off < pcm.length; off += 8000) {
        const r = await core.dispatch(
          'transcribe.live.push',
          { sessionId, pcm: pcm.subarray(off, off + 8000).toString('base64') },
          ctx,
        );
        expect(r.ok).toBe(true);
      }
      // The final pass over the real worker is covered in asr.test.ts; here stop with cancel drops it at once.
      const stop = await core.dispatch('transcribe.live.stop', { sessionId, cancel: true }, ctx);
      expect(stop).toEqual({ ok: true, result: { segments: [] } });
      expect(events.filter((e) => e.name === 'transcribe.partial').length).toBeGreaterThanOrEqual(
        Math.floor(d.durationSec),
      );
      const partial = events.find((e) => e.name === 'transcribe.partial')!.payload as Record<string, unknown>;
      expect(Object.keys(partial).sort()).toEqual(['audioSec', 'committed', 'segmentStart', 'sessionId', 'tentative']);
      const again = await core.dispatch('transcribe.live.stop', { sessionId }, ctx);
      expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
    },
    120_000,
  );
});
