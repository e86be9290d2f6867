/**
 * Patients found by label and MRN, and transcript corrections replacing stored segments (search index in step,
 * times kept, refused once signed). MRNs and transcript text are PHI: never in the audit trail or error messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreInputError, type StoreEngine } from '../../../core/store/index.js';
import { newStore, pcm } from './helpers.js';

const open: StoreEngine[] = [];
afterEach(() => {
  for (const e of open.splice(0)) e.close();
});
async function store() {
  const s = await newStore();
  open.push(s.engine);
  return s.engine;
}

describe('patients by label and MRN', () => {
  it('stores the MRN and returns it with the encounter summary and detail', async () => {
    const engine = await store();
    const pid = engine.findOrCreatePatient({ label: 'Bed 4', mrn: ' MRN-0042/7 ' });
    const eid = engine.createEncounter({ patientId: pid });
    const bare = engine.createEncounter({ patientId: engine.findOrCreatePatient({ label: 'Bed 5' }) });
    expect(engine.getEncounter(eid)).toMatchObject({ patientLabel: 'Bed 4', mrn: 'MRN-0042/7' });
    expect(engine.listEncounters().map((e) => [e.id, e.mrn])).toEqual(
      expect.arrayContaining([
        [eid, 'MRN-0042/7'],
        [bare, null],
      ]),
    );
  });

  it('same MRN: same patient; same label with another MRN or none: another patient', async () => {
    const engine = await store();
    const a = engine.findOrCreatePatient({ label: 'Bed 4', mrn: 'A1' });
    expect(engine.findOrCreatePatient({ label: 'Bed 4', mrn: 'A1' })).toBe(a);
    // The MRN identifies the patient even when the clinician typed another label this time.
    expect(engine.findOrCreatePatient({ label: 'Maria', mrn: 'A1' })).toBe(a);
    const b = engine.findOrCreatePatient({ label: 'Bed 4', mrn: 'B2' });
    expect(b).not.toBe(a);
    const none = engine.findOrCreatePatient({ label: 'Bed 4' });
    expect([a, b]).not.toContain(none);
    expect(engine.findOrCreatePatient({ label: 'Bed 4', mrn: null })).toBe(none);
    expect(engine.status().patients).toBe(3);
    // The old label-only lookup still finds the first patient with that label.
    expect(engine.findPatientByLabel('Bed 4')).toBe(a);
  });

  it('refuses a malformed MRN without echoing it, and audits patients by id only', async () => {
    const engine = await store();
    for (const bad of ['', '   ', 'has space', 'x'.repeat(33), 'MRN#1', 'ñ1'])
      expect(() => engine.findOrCreatePatient({ label: 'P', mrn: bad })).toThrow(StoreInputError);
    try {
      engine.createPatient({ label: 'P', mrn: 'SECRET MRN 9' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('the MRN must be 1 to 32 letters, digits, "-", "/" or "."');
    }
    expect(() => engine.createPatient({ label: 'P', mrn: 7 as unknown as string })).toThrow(StoreInputError);
    expect(engine.status().patients).toBe(0);
    engine.findOrCreatePatient({ label: 'Ada', mrn: 'Z-99.1' });
    expect(JSON.stringify(engine.auditRows())).not.toMatch(/Z-99|Ada/);
  });
});

describe('transcript corrections', () => {
  async function visit() {
    const engine = await store();
    const eid = engine.createEncounter({ patientId: engine.createPatient({ label: 'P' }) });
    engine.addTranscriptSegments(eid, [
      { speaker: 'doctor', text: 'What brings you in?', startMs: 0, endMs: 1500 },
      { speaker: 'doctor', text: 'A cough for three weeks.', startMs: 1500, endMs: 4000 },
      { speaker: 'doctor', text: 'Any fever?', startMs: 4000, endMs: 5000 },
    ]);
    return { engine, eid };
  }
  const rows = (engine: StoreEngine, eid: number) =>
    engine.getEncounter(eid)!.transcript.map((s) => [s.seq, s.speaker, s.text, s.startMs, s.endMs]);

  it('corrects speakers and text in place, keeping ids and times, and the search index follows', async () => {
    const { engine, eid } = await visit();
    const ids = engine.getEncounter(eid)!.transcript.map((s) => s.id);
    const changed = engine.replaceTranscript(eid, [
      { speaker: 'doctor', text: 'What brings you in?' },
      { speaker: 'patient', text: 'A cough for three weeks.' },
      { speaker: 'doctor', text: 'Any wheezing?' },
    ]);
    expect(changed).toBe(2);
    expect(rows(engine, eid)).toEqual([
      [0, 'doctor', 'What brings you in?', 0, 1500],
      [1, 'patient', 'A cough for three weeks.', 1500, 4000],
      [2, 'doctor', 'Any wheezing?', 4000, 5000],
    ]);
    expect(engine.getEncounter(eid)!.transcript.map((s) => s.id)).toEqual(ids);
    expect(engine.searchTranscripts('wheezing').map((h) => [h.encounterId, h.seq])).toEqual([[eid, 2]]);
    expect(engine.searchTranscripts('fever')).toEqual([]);
    // Nothing to change: no write, no audit row.
    const audited = engine.auditRows().length;
    expect(engine.replaceTranscript(eid, engine.getEncounter(eid)!.transcript)).toBe(0);
    expect(engine.auditRows().length).toBe(audited + 1); // only the getEncounter view above
  });

  it('with another number of turns replaces the segments (times as given), renumbered from 0', async () => {
    const { engine, eid } = await visit();
    expect(
      engine.replaceTranscript(eid, [
        { speaker: 'doctor', text: 'What brings you in today?' },
        { speaker: 'patient', text: 'Night sweats.', startMs: 10, endMs: 20 },
      ]),
    ).toBe(3);
    expect(rows(engine, eid)).toEqual([
      [0, 'doctor', 'What brings you in today?', null, null],
      [1, 'patient', 'Night sweats.', 10, 20],
    ]);
    expect(engine.searchTranscripts('cough')).toEqual([]);
    expect(engine.searchTranscripts('sweats').map((h) => h.seq)).toEqual([1]);
    const fts = engine.db.prepare('SELECT count(*) FROM transcript_fts').pluck().get();
    expect(fts).toBe(2);
    expect(engine.integrityCheck().ok).toBe(true);
  });

  it('is audited as an edit of the transcript by encounter id, with no text', async () => {
    const { engine, eid } = await visit();
    engine.replaceTranscript(eid, [
      { speaker: 'doctor', text: 'Secret words one' },
      { speaker: 'patient', text: 'x' },
      { speaker: 'doctor', text: 'y' },
    ]);
    const last = engine.auditRows().at(-1)!;
    expect(last).toMatchObject({ action: 'edit', entity: 'transcript', entityId: String(eid) });
    expect(JSON.stringify(engine.auditRows())).not.toMatch(/Secret/);
  });

  it('is refused once the note is signed, while recording, and for bad input', async () => {
    const { engine, eid } = await visit();
    const turns = [{ speaker: 'doctor', text: 'changed' }];
    expect(() => engine.replaceTranscript(eid, [{ speaker: '', text: 'x' }])).toThrow(StoreInputError);
    expect(() => engine.replaceTranscript(eid, [{ speaker: 'doctor', text: 'x', startMs: -1 }])).toThrow(
      /whole milliseconds/,
    );
    expect(() => engine.replaceTranscript(999, turns)).toThrow(/no encounter with id 999/);
    engine.saveDraft(eid, { templateId: 'outpatient', body: {} });
    engine.signNote(eid, 'clinician:1');
    expect(() => engine.replaceTranscript(eid, turns)).toThrow(/already signed/);
    expect(rows(engine, eid)).toHaveLength(3);

    const rec = engine.createEncounter({ patientId: engine.createPatient({ label: 'Q' }), consent: true });
    engine.beginRecording(rec);
    engine.appendAudioChunk(rec, 0, pcm(160), 16000);
    expect(() => engine.replaceTranscript(rec, turns)).toThrow(/is recording/);
  });
});
