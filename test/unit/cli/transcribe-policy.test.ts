/**
 * `bedside transcribe` on this computer applies the machine policy's allowedModels through the API's own gate for
 * transcribe.file (core/policy/gate.ts applyPolicy): a speech model the organisation does not allow is refused in
 * words, exit 1, before any audio is read or transcribed; an allowed model passes the gate (and here, with no model
 * installed, fails later for that reason instead).
 */
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../../core/policy/schema.js';
import { runCli } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';
import { FIXTURE_MODEL, JFK_WAV } from '../../integration/models/fixtures.js';

const tmp = useTempDirs({ models: 'bedside-cli-asr-policy-models-', data: 'bedside-cli-asr-policy-data-' });

const cli = (argv: string[], policy: Policy) =>
  runCli(argv, { env: { BEDSIDE_MODEL_DIR: tmp.models, BEDSIDE_DATA_DIR: tmp.data }, policy });

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
