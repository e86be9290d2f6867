/**
 * The encounter workflow through the real dispatcher over a real encrypted store: create with consent, draft,
 * sign after review, copy, and hint decisions — each stored and audited with ids only.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { unlockStore } from '../../../core/store/open.js';
import { newStore, pcm, protector } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };
const transcript = [
  '[doctor] what brings you in today?',
  '[patient] i take warfarin for my heart rhythm and my knee hurts.',
  '[doctor] okay, take ibuprofen 400 mg twice a day for the knee.',
].join('\n');

async function setup() {
  const { engine } = await newStore();
  const core = createCore();
  core.services.store = directStore(engine);
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const r = await core.dispatch(method, params, ctx);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.result as T;
  };
  return { engine, core, call };
}

describe('encounter workflow API', () => {
  it('is refused while the store is locked', async () => {
    const r = await createCore().dispatch('encounters.create', { patientLabel: 'A', consent: true }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('creates with consent and transcript, stores drafts, signs only after review, and audits without PHI', async () => {
    const { engine, core, call } = await setup();
    const { id, segments } = await call<{ id: number; segments: number }>('encounters.create', {
      patientLabel: 'Maria Example',
      consent: true,
      transcript,
    });
    expect(segments).toBe(3);
    const draft = await call<unknown>('note.draft', { transcript });
    expect(await call('encounters.saveDraft', { id, draft })).toEqual({ noteId: expect.any(Number), version: 1 });

    const notReviewed = await core.dispatch('encounters.sign', { id, reviewed: false }, ctx);
    expect(notReviewed).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    const copyFirst = await core.dispatch('encounters.recordCopy', { id, scope: 'note' }, ctx);
    expect(copyFirst).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const signed = await call<{ version: number; signedBy: string }>('encounters.sign', { id, reviewed: true });
    expect(signed.version).toBe(2);
    expect(signed.signedBy).toMatch(/^user:/);
    const again = await core.dispatch('encounters.saveDraft', { id, draft }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('encounters.recordCopy', { id, scope: 'section' })).toEqual({ recorded: true });

    const e = engine.getEncounter(id)!;
    expect(e.consent).toBe(true);
    expect(e.consentAt).not.toBeNull();
    expect(e.signed).toBe(true);
    const actions = engine.auditRows().map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'sign', 'copy']));
    const audit = JSON.stringify(engine.auditRows());
    expect(audit).not.toMatch(/Maria|warfarin|knee/i);
    engine.close();
  });

  it('keeps hint decisions with the encounter: one stored row per hint, dismissals need a reason', async () => {
    const { engine, core, call } = await setup();
    const { id } = await call<{ id: number }>('encounters.create', { patientLabel: 'P', consent: false, transcript });
    const hints = await call<Array<{ id: string; kind: string }>>('hints.compute', { transcript });
    const interaction = hints.find((h) => h.kind === 'drug-interaction')!;
    expect(interaction).toBeDefined();

    const noReason = await core.dispatch(
      'hints.decide',
      { encounterId: id, hint: interaction, action: 'dismiss' },
      ctx,
    );
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_params', issues: [{ path: 'reason' }] } });
    const badReason = await core.dispatch(
      'hints.decide',
      { encounterId: id, hint: interaction, action: 'dismiss', reason: 'because' },
      ctx,
    );
    expect(badReason).toMatchObject({ ok: false, error: { code: 'invalid_params' } });

    const first = await call<{ hintId: number }>('hints.decide', {
      encounterId: id,
      hint: interaction,
      action: 'accept',
    });
    const second = await call<{ hintId: number; status: string }>('hints.decide', {
      encounterId: id,
      hint: interaction,
      action: 'dismiss',
      reason: 'already-addressed',
    });
    expect(second).toEqual({ hintId: first.hintId, status: 'dismissed' });
    const stored = engine.getEncounter(id)!.hints;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'dismissed', dismissReason: 'already-addressed' });
    const missing = await core.dispatch('hints.decide', { encounterId: 999, hint: interaction, action: 'accept' }, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    engine.close();
  });

  it('stores the MRN with the patient: same MRN, same patient; same label with another MRN, another patient', async () => {
    const { engine, core, call } = await setup();
    const a = await call<{ id: number }>('encounters.create', {
      patientLabel: 'Bed 4',
      mrn: ' 12-34/5.6 ',
      consent: true,
    });
    const b = await call<{ id: number }>('encounters.create', {
      patientLabel: 'Bed 4',
      mrn: '12-34/5.6',
      consent: true,
    });
    const c = await call<{ id: number }>('encounters.create', { patientLabel: 'Bed 4', mrn: '99', consent: true });
    const d = await call<{ id: number }>('encounters.create', { patientLabel: 'Bed 4', consent: true });
    const got = await call<{ mrn: string | null; patientId: number }>('encounters.get', { id: a.id });
    expect(got.mrn).toBe('12-34/5.6');
    const list = await call<Array<{ id: number; mrn: string | null; patientId: number }>>('encounters.list', {});
    const by = new Map(list.map((e) => [e.id, e]));
    expect(by.get(b.id)).toMatchObject({ mrn: '12-34/5.6', patientId: got.patientId });
    expect(by.get(c.id)).toMatchObject({ mrn: '99' });
    expect(by.get(c.id)!.patientId).not.toBe(got.patientId);
    expect(by.get(d.id)!.mrn).toBeNull();
    expect(new Set(list.map((e) => e.patientId)).size).toBe(3);

    for (const mrn of ['', 'has space', 'x'.repeat(33), 'MRN#7']) {
      const r = await core.dispatch('encounters.create', { patientLabel: 'P', mrn, consent: false }, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_params', issues: [{ path: 'mrn' }] } });
      if (!r.ok) expect(r.error.message).toMatch(/an MRN is 1 to 32 letters, digits/);
      if (!r.ok && mrn) expect(r.error.message).not.toContain(mrn);
    }
    expect(JSON.stringify(engine.auditRows())).not.toMatch(/12-34|Bed 4/);
    engine.close();
  });

  it('saves corrected transcript turns (times kept), refuses after signing, audits by id only', async () => {
    const { engine, core, call } = await setup();
    const { id } = await call<{ id: number }>('encounters.create', { patientLabel: 'P', consent: true, transcript });
    const before = engine.getEncounter(id)!.transcript;
    const turns = before.map((s) => ({ speaker: s.speaker, text: s.text }));
    turns[1] = { speaker: 'doctor', text: 'I take apixaban for my heart rhythm.' };
    const r = await call<{ segments: number; changed: number }>('encounters.saveTranscript', { id, turns });
    expect(r).toEqual({ id, segments: 3, changed: 1 });
    const after = engine.getEncounter(id)!.transcript;
    expect(after.map((s) => [s.seq, s.speaker, s.text])).toEqual(turns.map((t, i) => [i, t.speaker, t.text]));
    expect(after.map((s) => [s.id, s.startMs, s.endMs])).toEqual(before.map((s) => [s.id, s.startMs, s.endMs]));
    expect(engine.searchTranscripts('apixaban').map((h) => h.seq)).toEqual([1]);
    expect(engine.searchTranscripts('warfarin')).toEqual([]);
    const edits = engine.auditRows().filter((a) => a.action === 'edit' && a.entity === 'transcript');
    expect(edits.map((a) => a.entityId)).toEqual([String(id), String(id)]); // stored at creation, then corrected

    const bad = [
      { id, turns: [] },
      { id, turns: [{ speaker: 'nurse', text: 'x' }] },
      { id, turns: [{ speaker: 'doctor', text: '   ' }] },
      { id, turns: [{ speaker: 'doctor', text: 'x', extra: 1 }] },
    ];
    for (const p of bad)
      expect(await core.dispatch('encounters.saveTranscript', p, ctx)).toMatchObject({
        ok: false,
        error: { code: 'invalid_params' },
      });
    expect(await core.dispatch('encounters.saveTranscript', { id: 999, turns }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const draft = await call<unknown>('note.draft', { transcript });
    await call('encounters.saveDraft', { id, draft });
    await call('encounters.sign', { id, reviewed: true });
    const signed = await core.dispatch('encounters.saveTranscript', { id, turns }, ctx);
    expect(signed).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/signed/) } });
    expect(engine.getEncounter(id)!.transcript.map((s) => s.text)).toEqual(turns.map((t) => t.text));
    expect(JSON.stringify(engine.auditRows())).not.toMatch(/apixaban|warfarin/);
    engine.close();
  });

  it('recovers a recording interrupted by a restart, and refuses one that is not interrupted', async () => {
    const { dir, engine } = await newStore();
    const eid = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }), consent: true });
    engine.beginRecording(eid);
    engine.appendAudioChunk(eid, 0, pcm(16000), 16000);
    engine.close();
    const { engine: next } = await unlockStore(dir, [protector()]);
    const core = createCore();
    core.services.store = directStore(next);
    const r = await core.dispatch('encounters.recoverRecording', { id: eid }, ctx);
    expect(r).toMatchObject({ ok: true, result: { id: eid, status: 'recorded', audioSeconds: 1, consent: true } });
    expect(next.findInterruptedRecordings()).toEqual([]);
    const again = await core.dispatch('encounters.recoverRecording', { id: eid }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const missing = await core.dispatch('encounters.recoverRecording', { id: 999 }, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    next.close();
  });
});
