import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EhrService } from '../../../core/ehr/service.js';
import { StoreEhrState } from '../../../core/ehr/state.js';
import { computeHints } from '../../../core/hints/index.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { patientRecord } from './fixtures.js';
import { encounterWithNote, newStore } from './helpers.js';
import { followRedirects, startServers, type TestServers } from './servers.js';

let srv: TestServers;
let engine: StoreEngine;

beforeAll(async () => {
  srv = await startServers({ pageSize: 3 });
  srv.seed(patientRecord('pat-1'));
  engine = (await newStore()).engine;
});
afterAll(async () => {
  engine?.close();
  await srv?.close();
});

describe('EHR context changes the hints of an encounter', () => {
  it('adds the allergy conflict and renal dosing hints the transcript alone cannot give, then the note goes out once', async () => {
    const ehr = new EhrService(engine, new StoreEhrState(engine));
    await ehr.launch({
      iss: srv.fhirBase,
      clientId: 'bedside-test',
      openUrl: async (u) => void (await followRedirects(u)),
    });
    const encounterId = encounterWithNote(engine);
    await ehr.loadContext(encounterId);

    const transcript = engine
      .getEncounter(encounterId)!
      .transcript.map((s) => `[${s.speaker}] ${s.text}`)
      .join('\n');
    const stored = (await ehr.contextFor(encounterId))!;
    const without = computeHints(transcript);
    const withContext = computeHints(transcript, { context: stored.context });

    const kinds = (hs: typeof without) => hs.map((h) => `${h.kind}:${(h.drugs ?? []).join(',')}`);
    expect(kinds(without)).not.toContain('allergy-conflict:amoxicillin');
    expect(kinds(without).some((k) => k.startsWith('renal-dose'))).toBe(false);
    expect(kinds(withContext)).toContain('allergy-conflict:amoxicillin');
    expect(kinds(withContext)).toContain('renal-dose:metformin');
    expect(withContext.find((h) => h.kind === 'renal-dose' && h.drugs?.includes('metformin'))!.title).toMatch(
      /eGFR 25/,
    );

    const before = srv.db.get('DocumentReference')!.length;
    expect((await ehr.send(encounterId)).state).toBe('sent');
    expect((await ehr.send(encounterId)).state).toBe('sent');
    expect(srv.db.get('DocumentReference')!.length).toBe(before + 1);
  });
});
