import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { initStore, PassphraseProtector, unlockStore, type StoreEngine } from '../../../core/store/index.js';

export const PASS = 'ehr test passphrase';
/** Lowest scrypt cost the key file accepts, so tests stay fast (production uses 2^17). */
export const protector = () => new PassphraseProtector(PASS, 'passphrase', { scryptLog2N: 10 });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export function tmpDir(prefix = 'bedside-ehr-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export async function newStore(): Promise<{ dir: string; engine: StoreEngine }> {
  const dir = tmpDir();
  return { dir, engine: await initStore(dir, [protector()], { actor: 'test:ehr' }) };
}

export async function reopen(dir: string): Promise<StoreEngine> {
  return (await unlockStore(dir, [protector()], { actor: 'test:ehr' })).engine;
}

export const VISIT = `[doctor] What brings you in today?
[patient] I have had a sinus infection for ten days, with facial pain and fever.
[doctor] I will start amoxicillin 500 mg three times a day for ten days.
[doctor] Keep taking your metformin 1000 mg twice a day.
[patient] Okay, thank you.`;

/** An encounter with a drafted note (template `template`), signed unless `sign` is false. */
export function encounterWithNote(
  engine: StoreEngine,
  opts: { template?: string; sign?: boolean; transcript?: string } = {},
): number {
  const transcript = opts.transcript ?? VISIT;
  const patientId = engine.createPatient({ label: 'Ada Lovelace', dateOfBirth: '1950-03-04' });
  const id = engine.createEncounter({ patientId, consent: true });
  const parsed = parseTranscript(transcript);
  engine.addTranscriptSegments(
    id,
    parsed.turns.map((t) => ({ speaker: t.speaker, text: t.text })),
  );
  const draft = draftNote(parsed, { template: opts.template ?? 'progress' });
  engine.saveDraft(id, { templateId: draft.template, body: draft });
  if (opts.sign !== false) engine.signNote(id, 'clinician:7');
  return id;
}
