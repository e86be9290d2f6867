import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { run } from '../../../core/cli/main.js';
import { Readable } from 'node:stream';

const sample = readFileSync('resources/samples/demo-visit.txt', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'bedside-draft-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runBytes(argv: string[], bytes: Buffer) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([bytes]),
    env: process.env,
    cwd: process.cwd(),
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

describe('bedside draft', () => {
  it('prints the note for a transcript on stdin', async () => {
    const r = await runCli(['draft'], { stdin: sample });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('CHIEF COMPLAINT\n')).toBe(true);
    expect(r.stdout).toContain('\n\nASSESSMENT AND PLAN\n');
  });

  it('reads a file and honours --template', async () => {
    const f = join(dir, 'visit.txt');
    writeFileSync(f, sample);
    const r = await runCli(['draft', f, '--template', 'soap']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('SUBJECTIVE\n')).toBe(true);
  });

  it('--jsonl: one object per input line, exact field names, input order', async () => {
    const lines = [
      JSON.stringify({ id: 'b', dialogue: sample }),
      JSON.stringify({ id: 7, dialogue: 'Doctor: any chest pain?\nPatient: no, none at all.' }),
    ];
    const r = await runCli(['draft', '--jsonl'], { stdin: lines.join('\n') + '\n' });
    expect(r.code).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['b', 7]);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['id', 'template', 'note', 'sections', 'hints']);
      expect(Array.isArray(o.hints)).toBe(true);
      expect(o.template).toBe('outpatient');
      for (const s of o.sections as Array<Record<string, unknown>>) {
        expect(Object.keys(s)).toEqual(['title', 'sentences']);
        for (const x of s.sentences as Array<Record<string, unknown>>) {
          // "problems" appears only on a sentence the verifier did not support.
          expect(Object.keys(x)).toEqual(
            x.supported ? ['text', 'evidence', 'supported'] : ['text', 'evidence', 'supported', 'problems'],
          );
        }
      }
    }
  });

  it('names the malformed JSON line, exits 2 and writes no output file', async () => {
    const out = join(dir, 'out.jsonl');
    const input = [JSON.stringify({ id: 1, dialogue: sample }), '{"id": 2, "dialogue": ', ''].join('\n');
    const r = await runCli(['draft', '--jsonl', '--out', out], { stdin: input });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: malformed JSON/);
    expect(r.stderr).not.toContain('dialogue":');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('out.jsonl'))).toEqual([]);
  });

  it('rejects lines without a dialogue string', async () => {
    const r = await runCli(['draft', '--jsonl'], { stdin: '{"id": 1, "dialogue": "hi"}\n{"id": 2}\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: "dialogue" must be a string/);
    expect(r.stdout).toBe('');
  });

  it('rejects empty input', async () => {
    const r = await runCli(['draft'], { stdin: '  \n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/input is empty/);
  });

  it('rejects input that is not UTF-8, naming the line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('[doctor] hello\n[patient] caf'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    const r = await runBytes(['draft'], bytes);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 2: not valid UTF-8/);
  });

  it('writes --out atomically', async () => {
    const out = join(dir, 'note.txt');
    writeFileSync(out, 'old');
    const r = await runCli(['draft', '--out', out], { stdin: sample });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('CHIEF COMPLAINT')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects an unknown template and a missing file with exit 2', async () => {
    const a = await runCli(['draft', '--template', 'nope'], { stdin: sample });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown template 'nope'/);
    const b = await runCli(['draft', join(dir, 'missing.txt')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/does not exist/);
  });
});

describe('bedside demo', () => {
  it('drafts the sample visit with evidence, shows hints with their basis, and saves it encrypted', async () => {
    const r = await runCli(['demo'], { env: { BEDSIDE_PASSPHRASE: '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CHIEF COMPLAINT');
    expect(r.stdout).toMatch(/\. \[T\d+(,T\d+)*\]\n/);
    expect(r.stdout).toMatch(/backed by their evidence turns .* drafted offline with no model/);
    // A note from elsewhere goes through note.verify, and its wrong sentences are flagged with their reason.
    expect(r.stdout).toMatch(/✗ He reports chest pain.*\n {4}polarity: chest pain was denied in the visit/);
    expect(r.stdout).toMatch(/✗ Crackles at the left lower base\.\n {4}side: /);
    // Generative drafting, grounded: the planted dose is replaced by the built-in drafter's sentence.
    expect(r.stdout).toMatch(/The model wrote: ".*doxycycline 300 mg/);
    expect(r.stdout).toMatch(/Verifier: \d+ of \d+ model sentences backed by their turns; 1 replaced/);
    expect(r.stdout).toMatch(/Start doxycycline 100 mg twice a day for 7 days\. \[T\d+\]/);
    expect(r.stdout).toMatch(/== Decision-support hints \(\d+;/);
    expect(r.stdout).toMatch(/basis: .+\n {4}source: .+/);
    expect(r.stdout).toMatch(
      /Saved encounter 1 \(filed under the patient's MRN\): 34 transcript turns, draft note v1, \d+ hints, consent recorded/,
    );
    // the clinician's review through the API: a turn corrected, their own template, sign-off, then no more changes
    expect(r.stdout).toMatch(/Corrected turn \d+ \("at work" -> "at home"\): 1 turn changed in the store/);
    expect(r.stdout).toContain('"Short SOAP (demo)"');
    expect(r.stdout).toMatch(/: WHAT THE PATIENT SAID \| OBJECTIVE \| ASSESSMENT \| PLAN\n/);
    expect(r.stdout).toMatch(/Signed note v3 after "I have reviewed this draft" \(draft v2\)/);
    expect(r.stdout).toMatch(/A later transcript change is refused: conflict/);
    expect(r.stdout).toContain('Audit trail verified');
    expect(r.stdout).toMatch(/surname and MRN appear in 0 of [12] database files/);
    expect(r.stdout).toContain('throw-away store that has now been deleted');
  });

  it('keeps the encounter in --data-dir, and refuses a wrong passphrase for an existing store', async () => {
    const data = join(dir, 'demo-data');
    const env = { BEDSIDE_PASSPHRASE: 'demo passphrase 1' };
    const first = await runCli(['demo', '--data-dir', data], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Kept in ${data}`);
    const list = await runCli(['encounters', 'list', '--json', '--data-dir', data], { env });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    // a second run on the kept store works too (its own template is replaced, not refused as taken)
    const again = await runCli(['demo', '--data-dir', data], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Signed note v3/);
    const wrong = await runCli(['demo', '--data-dir', data], { env: { BEDSIDE_PASSPHRASE: 'not the passphrase' } });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/wrong passphrase/i);
  });
});

describe('note.draft API', () => {
  it('drafts through the dispatcher and lists templates', async () => {
    const { createCore } = await import('../../../core/api/index.js');
    const core = createCore();
    const reply = await core.dispatch('note.draft', { transcript: sample, template: 'hp' }, { transport: 'cli' });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect((reply.result as { template: string }).template).toBe('hp');
    const bad = await core.dispatch('note.draft', { transcript: sample, template: 'zzz' }, { transport: 'cli' });
    expect(bad.ok).toBe(false);
    const list = await core.dispatch('note.templates', {}, { transport: 'cli' });
    expect(list.ok && (list.result as unknown[]).length).toBe(8);
  });
});
