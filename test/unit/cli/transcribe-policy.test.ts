/**
 * `bedside transcribe` on this computer applies the machine policy's allowedModels through the API's own gate for
 * transcribe.file (core/policy/gate.ts applyPolicy): a speech model the organisation does not allow is refused in
 * words, exit 1, before any audio is read or transcribed; an allowed model passes the gate (and here, with no model
 * installed, fails later for that reason instead).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../core/cli/main.js';
import type { Policy } from '../../../core/policy/schema.js';
import { FIXTURE_MODEL, JFK_WAV } from '../../integration/models/fixtures.js';

let modelDir: string;
let dataDir: string;
beforeAll(() => {
  modelDir = mkdtempSync(join(tmpdir(), 'bedside-cli-asr-policy-models-'));
  dataDir = mkdtempSync(join(tmpdir(), 'bedside-cli-asr-policy-data-'));
});
afterAll(() => {
  rmSync(modelDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(argv: string[], policy: Policy) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
    env: { ...process.env, BEDSIDE_MODEL_DIR: modelDir, BEDSIDE_DATA_DIR: dataDir },
    cwd: process.cwd(),
    signal: new AbortController().signal,
    policy: () => ({ values: policy, origin: {}, sources: [], problems: [] }),
  });
  return { code, stdout, stderr };
}

describe('bedside transcribe on this computer: allowedModels', () => {
  it('refuses a speech model the organisation does not allow: in words, exit 1, nothing transcribed', async () => {
    for (const engine of [['--engine', 'local'], []]) {
      const r = await cli(['transcribe', JFK_WAV, '--model', 'tiny.en', ...engine], {
        allowedModels: ['base.en', 'small.en'],
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Your organisation does not allow the model tiny.en.');
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/segments,/);
    }
  });

  it('refuses a model file the organisation has not listed, though the file is a working model', async () => {
    const r = await cli(['transcribe', JFK_WAV, '--model', FIXTURE_MODEL, '--engine', 'local', '--json'], {
      allowedModels: ['tiny.en'],
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Your organisation does not allow the model ${FIXTURE_MODEL}.`);
    expect(r.stdout).toBe('');
  });

  it('lets an allowed model through the gate (it then fails only because it is not installed)', async () => {
    const r = await cli(['transcribe', JFK_WAV, '--model', 'tiny.en', '--engine', 'local'], {
      allowedModels: ['tiny.en'],
    });
    expect(r.stderr).not.toContain('does not allow');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not installed/);
  });
});
