/**
 * --out writes atomically to regular files only: devices and FIFOs are written through and stay what they are;
 * write errors (/dev/full) are named with a non-zero exit. Inputs are read with a size limit (exit 2).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const VISIT =
  '[doctor] any chest pain?\n[patient] no, just a cough for two weeks.\n[doctor] we will get a chest x-ray.\n';
let dir: string;
let visit: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedside-out-'));
  visit = join(dir, 'visit.txt');
  writeFileSync(visit, VISIT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unix = process.platform !== 'win32';

describe('draft --out', () => {
  it('replaces a regular file atomically, keeping its permissions, and leaves no temp file', async () => {
    const out = join(dir, 'note.txt');
    writeFileSync(out, 'old');
    if (unix) chmodSync(out, 0o600);
    const r = await runCli(['draft', visit, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/cough/i);
    if (unix) expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.runIf(unix)('writes through a symbolic link, keeping the link', async () => {
    const target = join(dir, 'target.txt');
    const link = join(dir, 'link.txt');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    expect((await runCli(['draft', visit, '--out', link])).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/cough/i);
  });

  it.runIf(existsSync('/dev/null'))('writes through /dev/null, which stays a device', async () => {
    const r = await runCli(['draft', visit, '--out', '/dev/null']);
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(existsSync('/dev/full'))('names a full disk (/dev/full) and exits 1', async () => {
    const r = await runCli(['draft', visit, '--out', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no space left on the device (ENOSPC)');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it.runIf(unix)('writes into a FIFO for its reader, which stays a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo)
        .on('data', (d) => (text += d.toString()))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const r = await runCli(['draft', visit, '--out', fifo]);
    expect(r.code).toBe(0);
    expect(await received).toMatch(/cough/i);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a folder and names it', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const r = await runCli(['draft', visit, '--out', folder]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it is a folder');
  });

  it('names a missing folder', async () => {
    const r = await runCli(['draft', visit, '--out', join(dir, 'missing', 'note.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the folder does not exist (ENOENT)');
  });
});

describe('input limits', () => {
  it.runIf(existsSync('/dev/zero'))('stops reading an endless device (/dev/zero) at the limit, exit 2', async () => {
    const r = await runCli(['draft', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is larger than 8 MiB');
  });

  it('refuses a file over the limit before reading it, exit 2', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 9 * 1024 * 1024);
    for (const args of [
      ['draft', big],
      ['hints', big],
      ['verify', '--transcript', big, '--note', visit],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is larger than 8 MiB');
    }
  });

  it('refuses standard input over the limit, exit 2', async () => {
    const r = await runCli(['draft', '-'], { stdin: 'a'.repeat(8 * 1024 * 1024 + 1) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('input is larger than 8 MiB');
  });

  it('refuses a transcript over 2,000,000 characters, exit 2', async () => {
    const long = join(dir, 'long.txt');
    writeFileSync(long, 'é'.repeat(2_000_001));
    const r = await runCli(['draft', long]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('longer than 2,000,000 characters');
  });
});
