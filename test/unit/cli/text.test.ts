import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { printable, printableJson, printableLine } from '../../../core/cli/text.js';

describe('printable text', () => {
  it('shows C0/C1 controls, DEL and bidi overrides as escapes; keeps ordinary text and non-Latin letters', () => {
    expect(printableLine('Zoë 李 \u001b[2J\u009b1m\u007f\u202e x\ty\nz')).toBe(
      'Zoë 李 \\x1b[2J\\x9b1m\\x7f\\u202e x\\x09y\\x0az',
    );
    expect(printable('a\tb\nc\u001b]0;t\u0007')).toBe('a\tb\nc\\x1b]0;t\\x07');
  });

  it('JSON stays valid and parses back to the same value', () => {
    const value = { label: 'Bed\u009b2J\u202e\u001b[0m', n: 1 };
    const text = printableJson(value);
    // eslint-disable-next-line no-control-regex -- the point: no raw control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('scripts/complete-lock.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bedside-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = fileURLToPath(new URL('../../../scripts/complete-lock.mjs', import.meta.url));

  it('adds inert placeholders for unpublished optional packages, in npm order, once', () => {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(script, join(dir, 'scripts', 'complete-lock.mjs'));
    const lock = {
      name: 'x',
      lockfileVersion: 3,
      packages: {
        '': { name: 'x', dependencies: { w: '1.0.0' } },
        'node_modules/w': {
          version: '1.0.0',
          optionalDependencies: { 'w-linux-x64': '1.0.0', 'w-win32-arm64-vulkan': '1.0.0', 'w-wasm': '^1.0.0' },
        },
        'node_modules/w-linux-x64': { version: '1.0.0', optional: true, os: ['linux'], cpu: ['x64'] },
        'node_modules/z': { version: '2.0.0' },
      },
    };
    const path = join(dir, 'package-lock.json');
    writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
    const run = (...args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync(process.execPath, [join(dir, 'scripts', 'complete-lock.mjs'), ...args]).toString(),
        };
      } catch (err) {
        const e = err as { status: number; stdout: Buffer };
        return { code: e.status, out: e.stdout.toString() };
      }
    };
    const check = run();
    expect(check.code).toBe(1);
    expect(check.out).toContain('missing node_modules/w-win32-arm64-vulkan');
    expect(check.out).not.toContain('w-wasm'); // a range cannot be written without the registry
    expect(run('--write').code).toBe(0);
    const written = readFileSync(path, 'utf8');
    const parsed = JSON.parse(written) as { packages: Record<string, unknown> };
    expect(Object.keys(parsed.packages)).toEqual([
      '',
      'node_modules/w',
      'node_modules/w-linux-x64',
      'node_modules/w-win32-arm64-vulkan',
      'node_modules/z',
    ]);
    expect(parsed.packages['node_modules/w-win32-arm64-vulkan']).toEqual({
      version: '1.0.0',
      cpu: ['arm64'],
      optional: true,
      os: ['win32'],
    });
    expect(run().code).toBe(0);
    expect(run('--write').code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(written);
  });
});
