import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bedside-hints-'));
const transcript = '[patient] i take warfarin every day.\n[doctor] for your knee, take ibuprofen 400 mg.\n';
writeFileSync(join(dir, 'visit.txt'), transcript);
writeFileSync(join(dir, 'ctx.json'), JSON.stringify({ labs: { egfr: 22 } }));
writeFileSync(join(dir, 'bad.json'), JSON.stringify({ labs: { egfr: 'low' } }));

describe('bedside hints', () => {
  it('prints hints with their basis, source and evidence', async () => {
    const r = await runCli(['hints', join(dir, 'visit.txt')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[WARNING] drug-interaction: Ibuprofen + warfarin');
    expect(r.stdout).toContain('Source: FDA label: Coumadin');
    expect(r.stdout).toContain('Evidence: turns 1, 2');
  });

  it('reads standard input and prints JSON with --json, using --context', async () => {
    const r = await runCli(['hints', '-', '--json', '--context', join(dir, 'ctx.json')], { stdin: transcript });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { hints: Array<Record<string, unknown>> };
    const kinds = out.hints.map((h) => h.kind);
    expect(kinds).toContain('drug-interaction');
    expect(kinds).toContain('renal-dose');
    for (const h of out.hints)
      expect(Object.keys(h)).toEqual(
        expect.arrayContaining(['id', 'kind', 'severity', 'title', 'basis', 'source', 'evidence']),
      );
  });

  it('rejects invalid context naming the field, exit 2, one line', async () => {
    const r = await runCli(['hints', join(dir, 'visit.txt'), '--context', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('context.labs.egfr');
  });

  it('rejects a missing file, an empty transcript and unknown flags with exit 2', async () => {
    expect((await runCli(['hints', join(dir, 'nope.txt')])).code).toBe(2);
    expect((await runCli(['hints', '-'], { stdin: '  \n' })).stderr).toContain('transcript is empty');
    const bad = await runCli(['hints', '--frob']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--frob'");
    expect((await runCli(['hints', join(dir, 'visit.txt'), '--context', join(dir, 'none.json')])).stderr).toContain(
      'context file',
    );
  });

  it('prints help', async () => {
    const r = await runCli(['hints', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: bedside hints');
  });
});
