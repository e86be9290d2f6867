/**
 * Hints follow the encounter (issue 13): the full hint set saved with the draft is stored once per hint (open ones
 * included), comes back with the encounter, keeps decisions, and a later save adds only new hints.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };
const transcript = [
  '[patient] i take warfarin for my heart rhythm and my knee hurts.',
  '[doctor] okay, take ibuprofen 400 mg twice a day for the knee.',
  '[doctor] for your next problem, your hypertension, continue lisinopril.',
].join('\n');

describe('hint set saved with the encounter', () => {
  it('stores open hints with the draft, once each, and restores them with their decisions', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const r = await core.dispatch(method, params, ctx);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.result as T;
    };
    const { id } = await call<{ id: number }>('encounters.create', { patientLabel: 'A', consent: true, transcript });
    const draft = await call<unknown>('note.draft', { transcript });
    const hints = await call<Array<{ id: string; kind: string; severity: string }>>('hints.compute', { transcript });
    expect(hints.length).toBeGreaterThanOrEqual(2);
    await call('encounters.saveDraft', { id, draft, hints });
    const interaction = hints.find((h) => h.kind === 'drug-interaction')!;
    await call('hints.decide', { encounterId: id, hint: interaction, action: 'accept' });
    // Saved again (an edit, then sign-off): nothing is stored twice.
    await call('encounters.saveDraft', { id, draft, hints });

    const got = await call<{ hints: Array<{ status: string; body: { id: string } }> }>('encounters.get', { id });
    expect(got.hints.map((h) => h.body.id).sort()).toEqual(hints.map((h) => h.id).sort());
    expect(got.hints.find((h) => h.body.id === interaction.id)?.status).toBe('accepted');
    expect(got.hints.filter((h) => h.status === 'open')).toHaveLength(hints.length - 1);

    const bad = await core.dispatch('encounters.saveDraft', { id, draft, hints: [{ id: 1 }] }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    engine.close();
  });
});
