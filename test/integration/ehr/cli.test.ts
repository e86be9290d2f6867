import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../core/cli/main.js';
import { runCli } from '../../helpers/cli.js';
import { encounterWithNote, newStore, PASS, tmpDir } from './helpers.js';
import { patientRecord } from './fixtures.js';
import { followRedirects, startServers, type TestServers } from './servers.js';

let srv: TestServers;
let dir: string;
let encounterId: number;
let draftOnly: number;
const env = { BEDSIDE_PASSPHRASE: PASS };

beforeAll(async () => {
  srv = await startServers({ pageSize: 4 });
  srv.seed(patientRecord('pat-1'));
  const store = await newStore();
  dir = store.dir;
  encounterId = encounterWithNote(store.engine, { template: 'discharge' });
  draftOnly = encounterWithNote(store.engine, { sign: false });
  store.engine.close();
});
afterAll(async () => {
  await srv?.close();
});

/** Runs `bedside fhir launch --no-browser` and plays the browser as soon as the address is printed. */
async function cliLaunch(args: string[]) {
  let stdout = '';
  let stderr = '';
  let browsing: Promise<number> | null = null;
  const code = await run(['fhir', 'launch', '--data-dir', dir, '--no-browser', ...args], {
    stdout: {
      write: (s: string) => {
        stdout += s;
        const m = /^(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(stdout);
        if (m && !browsing) browsing = followRedirects(m[1]!);
      },
    },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
    env: { ...process.env, ...env },
    cwd: process.cwd(),
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr, browserStatus: browsing ? await browsing : null };
}

describe('bedside fhir', () => {
  it('launch → context → send → queue → export, end to end through the CLI', async () => {
    const l = await cliLaunch(['--iss', srv.fhirBase, '--client-id', 'bedside-cli']);
    expect(l.stderr).toBe('');
    expect(l.code).toBe(0);
    expect(l.browserStatus).toBe(200);
    expect(l.stdout).toMatch(/Signed in to 127\.0\.0\.1:\d+: patient pat-1; \d+ scopes granted, refresh allowed\./);
    expect(srv.authorizeRequests.at(-1)!.client_id).toBe('bedside-cli');
    // The tokens are in the encrypted store only: no file in the data folder holds them in clear.
    const tokens = srv.issuedTokens.slice(-2);
    expect(tokens).toHaveLength(2);
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      for (const t of tokens) expect(bytes.includes(Buffer.from(t.slice(-24)))).toBe(false);
    }
    expect(l.stdout + l.stderr).not.toContain(tokens[0]!.slice(-24));

    const status = await runCli(['fhir', 'status', '--json', '--data-dir', dir], { env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ signedIn: true, patient: 'pat-1' });
    expect(status.stdout).not.toMatch(/accessToken|refreshToken|eyJ/);

    const ctx = await runCli(['fhir', 'context', '--encounter', String(encounterId), '--data-dir', dir], { env });
    expect(ctx.stderr).toBe('');
    expect(ctx.code).toBe(0);
    expect(ctx.stdout).toContain('Patient     Ada Lovelace  (EHR id pat-1)');
    expect(ctx.stdout).toMatch(/penicillin \(hives\)/);
    expect(ctx.stdout).toMatch(/metformin 1000 mg x2\/day/);
    expect(ctx.stdout).toMatch(/egfr\s+25/);
    expect(ctx.stdout).toContain(`Encounter ${encounterId} is linked to EHR patient pat-1.`);

    const json = await runCli(['fhir', 'context', '--json', '--data-dir', dir], { env });
    expect(JSON.parse(json.stdout).context.labs).toEqual({ egfr: 25, creatinine: 2.5, potassium: 5.4, a1c: 8 });

    const before = srv.db.get('DocumentReference')!.length;
    const sent = await runCli(['fhir', 'send', String(encounterId), '--data-dir', dir], { env });
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/the signed note is on 127\.0\.0\.1:\d+ as DocumentReference\/[0-9a-f-]+\./);
    const again = await runCli(['fhir', 'send', String(encounterId), '--data-dir', dir], { env });
    expect(again.code).toBe(0);
    expect(srv.db.get('DocumentReference')!.length).toBe(before + 1);
    const doc = srv.db.get('DocumentReference')!.at(-1) as { type: { coding: Array<{ code: string }> } };
    expect(doc.type.coding[0]!.code).toBe('18842-5');

    const queue = await runCli(['fhir', 'queue', '--data-dir', dir], { env });
    expect(queue.stdout).toMatch(
      new RegExp(`^\\s+${encounterId}  note \\d+  sent\\s+1 tries  DocumentReference/`, 'm'),
    );

    const out = join(tmpDir(), 'bundle.json');
    const exp = await runCli(['fhir', 'export', String(encounterId), '--out', out, '--data-dir', dir], { env });
    expect(exp.code).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as {
      type: string;
      entry: Array<{ resource: { resourceType: string } }>;
    };
    expect(bundle.type).toBe('document');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Composition', 'Patient', 'DocumentReference']);
  });

  it('clear one-line errors and exit codes', async () => {
    const noIss = await runCli(['fhir', 'launch', '--data-dir', dir], { env });
    expect(noIss.code).toBe(2);
    expect(noIss.stderr).toMatch(/--iss URL/);
    const plain = await runCli(['fhir', 'launch', '--iss', 'http://ehr.example.org/fhir', '--data-dir', dir], { env });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/must use https/);
    const badId = await runCli(['fhir', 'send', 'abc', '--data-dir', dir], { env });
    expect(badId.code).toBe(2);
    const draft = await runCli(['fhir', 'send', String(draftOnly), '--data-dir', dir], { env });
    expect(draft.code).toBe(1);
    expect(draft.stderr).toMatch(/has no signed note/);
    const noOut = await runCli(['fhir', 'export', String(encounterId), '--data-dir', dir], { env });
    expect(noOut.code).toBe(2);
    const badLink = await runCli(['fhir', 'launch', '--link', 'https://x/?iss=a', '--data-dir', dir], { env });
    expect(badLink.code).toBe(2);
    for (const r of [noIss, plain, badId, draft, noOut, badLink]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('logout removes the session; then context asks to launch', async () => {
    expect((await runCli(['fhir', 'logout', '--data-dir', dir], { env })).code).toBe(0);
    const ctx = await runCli(['fhir', 'context', '--data-dir', dir], { env });
    expect(ctx.code).toBe(1);
    expect(ctx.stderr).toMatch(/not signed in to an EHR: run bedside fhir launch/);
  });
});
