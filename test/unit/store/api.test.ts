import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/index.js';
import { newStore } from './helpers.js';

const ctx = { transport: 'cli' as const, signal: new AbortController().signal };

describe('store API methods', () => {
  it('answer locked until a store is attached, then list and get encounters', async () => {
    const core = createCore();
    const locked = await core.dispatch('store.status', {}, ctx);
    expect(locked).toMatchObject({ ok: true, result: { unlocked: false, databaseId: null } });
    const refused = await core.dispatch('encounters.list', {}, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });

    const { engine } = await newStore();
    try {
      const pid = engine.createPatient({ label: 'Api Patient' });
      const eid = engine.createEncounter({ patientId: pid });
      engine.addTranscriptSegments(eid, [{ speaker: 'doctor', text: 'hello' }]);
      core.services.store = directStore(engine);
      const status = await core.dispatch('store.status', {}, ctx);
      expect(status).toMatchObject({ ok: true, result: { unlocked: true, encounters: 1, schemaVersion: 2 } });
      const list = await core.dispatch('encounters.list', { limit: 10 }, ctx);
      expect(list).toMatchObject({ ok: true, result: [{ id: eid, patientLabel: 'Api Patient', segments: 1 }] });
      const one = await core.dispatch('encounters.get', { id: eid }, ctx);
      expect(one).toMatchObject({ ok: true, result: { id: eid, transcript: [{ seq: 0, text: 'hello' }] } });
      const missing = await core.dispatch('encounters.get', { id: 999 }, ctx);
      expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const bad = await core.dispatch('encounters.get', { id: 'x' }, ctx);
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    } finally {
      engine.close();
    }
  });
});
