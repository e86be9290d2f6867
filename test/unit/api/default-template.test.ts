/**
 * Issue 17: the default note template is a setting in the encrypted store (settings.set / settings.get), refused in
 * words when no such template exists, and back to Bedside's default (null) once the clinician's own template is gone.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };

describe('default note template setting', () => {
  it('is stored, read back, validated, cleared, and falls back when its template is deleted', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({ ok: true, result: { defaultTemplate: null } });

    expect(await core.dispatch('settings.set', { defaultTemplate: 'soap' }, ctx)).toMatchObject({
      ok: true,
      result: { defaultTemplate: 'soap' },
    });
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { defaultTemplate: 'soap' },
    });

    // No such template: refused in words, the stored default unchanged.
    const refused = await core.dispatch('settings.set', { defaultTemplate: 'no-such-template' }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/template/i);
    // Not a template id at all: refused by the contract.
    const malformed = await core.dispatch('settings.set', { defaultTemplate: 'Bad Id' }, ctx);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { defaultTemplate: 'soap' },
    });

    // The clinician's own template as the default; deleting it brings back Bedside's default.
    const own = {
      id: 'my-clinic',
      name: 'My clinic',
      description: '',
      style: 'note' as const,
      sections: [{ id: 'plan', title: 'Plan', source: 'plan' }],
    };
    expect(await core.dispatch('note.templates.save', { template: own, create: true }, ctx)).toMatchObject({
      ok: true,
    });
    expect(await core.dispatch('settings.set', { defaultTemplate: 'my-clinic' }, ctx)).toMatchObject({
      ok: true,
      result: { defaultTemplate: 'my-clinic' },
    });
    await core.dispatch('note.templates.delete', { id: 'my-clinic' }, ctx);
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({ ok: true, result: { defaultTemplate: null } });

    await core.dispatch('settings.set', { defaultTemplate: 'soap' }, ctx);
    expect(await core.dispatch('settings.set', { defaultTemplate: null }, ctx)).toMatchObject({
      ok: true,
      result: { defaultTemplate: null },
    });
  });
});
