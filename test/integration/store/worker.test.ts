import { describe, expect, it } from 'vitest';
import { SchemaTooNewError, StoreClient, StoreInputError, WrongKeyError } from '../../../core/store/index.js';
import { LATEST_SCHEMA_VERSION } from '../../../core/store/migrations/index.js';
import { newStore, pcm, protector, rawOpen } from '../../unit/store/helpers.js';

describe('StoreClient (worker thread, single writer)', () => {
  it('runs store operations in a worker and returns their results', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const client = await StoreClient.open(dir, [protector()], { actor: 'test:worker' });
    try {
      const s = client.store;
      const pid = await s.createPatient({ label: 'Worker Patient' });
      const eid = await s.createEncounter({ patientId: pid, consent: true });
      await s.beginRecording(eid);
      // Many writes posted at once are applied in order by the one connection.
      await Promise.all([0, 1, 2, 3].map((seq) => s.appendAudioChunk(eid, seq, pcm(8000, seq), 16000)));
      await s.addTranscriptSegments(eid, [{ speaker: 'doctor', text: 'how is the ankle' }]);
      await s.finishRecording(eid);
      const audio = await s.readAudio(eid);
      expect(audio.chunks).toBe(4);
      expect(audio.pcm).toBeInstanceOf(Uint8Array);
      expect(audio.pcm.byteLength).toBe(4 * 16000);
      expect((await s.searchTranscripts('ankle')).map((h) => h.encounterId)).toEqual([eid]);
      expect((await s.getEncounter(eid))!.patientLabel).toBe('Worker Patient');
      expect((await s.status()).encounters).toBe(1);
      expect((await s.verifyAudit()).ok).toBe(true);
      await expect(s.createEncounter({ patientId: 999 })).rejects.toBeInstanceOf(StoreInputError);
      await expect(s.createEncounter({ patientId: 999 })).rejects.toThrow('no patient with id 999');
    } finally {
      await client.close();
    }
    await expect(client.store.status()).rejects.toThrow(/closed/);
  });

  it('reports a wrong passphrase and a too-new schema as their own errors', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    await expect(StoreClient.open(dir, [protector('wrong one')])).rejects.toBeInstanceOf(WrongKeyError);
    const raw = await rawOpen(dir);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    await expect(StoreClient.open(dir, [protector()])).rejects.toBeInstanceOf(SchemaTooNewError);
  });
});
