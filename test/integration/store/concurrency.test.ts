/**
 * "database is locked" never reaches the user (issue 18, item 4): processes importing, verifying the audit trail and
 * unlocking in a tight loop, all at once on one store. Writes take IMMEDIATE transactions with a bounded busy
 * timeout (the unlock audit row included), so every run succeeds and the audit trail stays one intact chain.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unlockStore } from '../../../core/store/index.js';
import { PASS, newStore, protector } from '../../unit/store/helpers.js';

const CHILD = fileURLToPath(new URL('./concurrency-child.ts', import.meta.url));
const TRANSCRIPT = `[doctor] What brings you in today?
[patient] A cough for a week, and a mild fever.
[doctor] Any shortness of breath?
[patient] No.
[doctor] Let's get a chest x-ray.
`;

interface Report {
  kind: string;
  runs: number;
  failures: string[];
}

function child(args: string[]): Promise<Report> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      env: { ...process.env, BEDSIDE_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`child ${args[0]} exited ${code}: ${err.slice(0, 400)}`));
      else resolve(JSON.parse(line) as Report);
    });
  });
}

describe('concurrent store use', () => {
  it('parallel imports, audit verifies and an unlock loop: 0 SQLITE_BUSY, every run succeeds', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const transcript = join(dir, 'visit.txt');
    const patient = join(dir, 'patient.txt');
    writeFileSync(transcript, TRANSCRIPT);
    writeFileSync(patient, 'Concurrent Patient\n');
    const IMPORTS = 6;
    const VERIFIES = 8;
    const UNLOCKS = 100;
    const reports = await Promise.all([
      child(['import', dir, String(IMPORTS), transcript, patient]),
      child(['import', dir, String(IMPORTS), transcript, patient]),
      child(['verify', dir, String(VERIFIES)]),
      child(['unlock', dir, String(UNLOCKS)]),
      child(['unlock', dir, String(UNLOCKS)]),
    ]);
    const failures = reports.flatMap((r) => r.failures);
    expect(
      failures.filter((f) => /locked|busy/i.test(f)),
      'SQLITE_BUSY surfaced',
    ).toEqual([]);
    expect(failures).toEqual([]);

    const { engine: check } = await unlockStore(dir, [protector()]);
    try {
      expect(check.listEncounters({ limit: 100 })).toHaveLength(2 * IMPORTS);
      expect(check.verifyAudit()).toMatchObject({ ok: true });
      const unlocks = check.auditRows().filter((r) => r.action === 'unlock' && r.actor === 'test:loop');
      expect(unlocks).toHaveLength(2 * UNLOCKS);
    } finally {
      check.close();
    }
  }, 120_000);
});
