import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../../helpers/cli.js';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('bedside CLI', () => {
  it('prints help listing every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: bedside <command>');
    expect(r.stdout).toMatch(/\n {2}serve /);
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('rejects an unknown command with one line and exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('rejects an unknown top-level flag with exit 2', async () => {
    const r = await runCli(['--frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frob'");
  });

  it('rejects an unknown command flag with exit 2 and names it', async () => {
    const r = await runCli(['serve', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('rejects a bad port value', async () => {
    const r = await runCli(['serve', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be a whole number');
  });

  it('prints a command help with --help', async () => {
    const r = await runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: bedside serve');
  });

  it('answers app.info through the CLI transport', async () => {
    const r = await runCli(['info', '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ name: 'bedside', version, transport: 'cli' });
  });
});
