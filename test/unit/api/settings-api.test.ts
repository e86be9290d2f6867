/** settings.get / settings.set through the real dispatcher over a real encrypted store. */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };

describe('settings API', () => {
  it('is refused while the store is locked', async () => {
    expect(await createCore().dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    const r = await createCore().dispatch('settings.set', { alwaysOnTop: true }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('reads defaults, stores partial changes (retention through the store) and validates ranges', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    const got = await core.dispatch('settings.get', {}, ctx);
    expect(got).toMatchObject({ ok: true, result: { autoLockMinutes: 10, alwaysOnTop: false } });
    const before = engine.retention();

    const set = await core.dispatch('settings.set', { autoLockMinutes: 5, retention: { audioDays: 7 } }, ctx);
    expect(set).toEqual({
      ok: true,
      result: {
        autoLockMinutes: 5,
        retention: { audioDays: 7, encounterDays: before.encounterDays },
        alwaysOnTop: false,
      },
    });
    expect(engine.retention().audioDays).toBe(7);
    await core.dispatch('settings.set', { alwaysOnTop: true, retention: { encounterDays: 365 } }, ctx);
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { autoLockMinutes: 5, retention: { audioDays: 7, encounterDays: 365 }, alwaysOnTop: true },
    });

    for (const bad of [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 241 },
      { retention: { audioDays: 0 } },
      { retention: { encounterDays: 3651 } },
      { autoLockMinutes: 1.5 },
    ]) {
      expect(await core.dispatch('settings.set', bad, ctx)).toMatchObject({
        ok: false,
        error: { code: 'invalid_params' },
      });
    }
    expect(engine.retention()).toEqual({ audioDays: 7, encounterDays: 365 });
  });
});
