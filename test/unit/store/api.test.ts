import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/index.js';
import { LATEST_SCHEMA_VERSION } from '../../../core/store/migrations/index.js';
import { PASS, newStore } from './helpers.js';

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
      expect(status).toMatchObject({
        ok: true,
        result: { unlocked: true, encounters: 1, schemaVersion: LATEST_SCHEMA_VERSION },
      });
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

describe('store.unlock / store.lock (StoreSession, worker thread)', () => {
  it('refuses a wrong passphrase, unlocks with the right one, audits the failure, and locks', async () => {
    const { StoreSession } = await import('../../../core/store/index.js');
    const { dir, engine } = await newStore();
    engine.close();
    const none = await createCore().dispatch('store.unlock', { passphrase: 'x' }, ctx);
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const core = createCore({ storeDir: dir });
    expect(core.services.storeSession).toBeInstanceOf(StoreSession);
    const wrong = await core.dispatch('store.unlock', { passphrase: 'not it' }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.stringify(wrong)).not.toContain('not it');
    const ok = await core.dispatch('store.unlock', { passphrase: PASS }, ctx);
    expect(ok).toMatchObject({ ok: true, result: { unlocked: true, schemaVersion: LATEST_SCHEMA_VERSION } });
    const rows = await core.services.storeSession!.store!.auditRows();
    expect(rows.slice(-2).map((r) => r.action)).toEqual(['failed_unlock', 'unlock']);
    expect(await core.dispatch('encounters.list', {}, ctx)).toMatchObject({ ok: true, result: [] });
    const locked = await core.dispatch('store.lock', {}, ctx);
    expect(locked).toMatchObject({ ok: true, result: { unlocked: false } });
    expect(await core.dispatch('encounters.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
