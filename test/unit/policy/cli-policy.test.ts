/** `bedside policy show`: each effective value with its source; malformed values listed in words, never a crash. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_KEY_NAMES } from '../../../core/policy/schema.js';
import { runCli } from '../../helpers/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/policy/${name}`, import.meta.url));

describe('bedside policy show', () => {
  it('prints every key with its value and where it came from', async () => {
    const r = await runCli(['policy', 'show', '--file', fixture('policy.json')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('updateMode'))).toMatch(
      /^updateMode +auto +\(set by your organisation: .*policy\.json\)$/,
    );
    expect(lines.find((l) => l.startsWith('requireKeychain'))).toMatch(/^requireKeychain +false +\(default\)$/);
    expect(lines.find((l) => l.startsWith('allowedModels'))).toMatch(/whisper-base\.en/);
    expect(r.stdout).toMatch(/3 problem\(s\), each ignored:\n {2}.*fhirIssuers/);
  });

  it('--json gives value, source and lock for each key, and the problems', async () => {
    const r = await runCli(['policy', 'show', '--json', '--file', fixture('hklm.txt')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      settings: { key: string; value: unknown; source: string; locked: boolean }[];
      problems: string[];
    };
    expect(out.settings.map((s) => s.key)).toEqual(POLICY_KEY_NAMES);
    expect(out.settings.find((s) => s.key === 'autoLockMaxMinutes')).toMatchObject({
      value: 30,
      source: 'policy',
      locked: true,
    });
    expect(out.problems).toHaveLength(3);
  });

  it('a malformed document is reported and the defaults shown; a missing file or sub-command is an error in words', async () => {
    const r = await runCli(['policy', 'show', '--file', fixture('broken.plist')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/the property list cannot be read .*ignored/);
    expect(r.stdout).toMatch(/^updateMode +notify +\(default\)$/m);
    const missing = await runCli(['policy', 'show', '--file', '/nonexistent/policy.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/policy\.json/);
    expect((await runCli(['policy', 'templates'])).code).toBe(2);
    // A device that never ends is refused before it is read, not read until memory runs out.
    const device = await runCli(['policy', 'show', '--file', '/dev/zero']);
    expect(device.code).not.toBe(0);
    expect(device.stderr).toMatch(/at most 1 MiB/);
    expect((await runCli(['policy'])).code).toBe(2);
  });

  it("without --file it reads this computer's policy (none here) and says which sources it looked at", async () => {
    const r = await runCli(['policy', 'show']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sources: /);
  });
});
