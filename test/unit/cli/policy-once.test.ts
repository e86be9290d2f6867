/**
 * The CLI reads the machine policy once per process and hands it down (core/cli/cli.ts cliPolicy): `bedside draft`
 * with a generative engine takes the CA and the gate of every visit's draft from that one report, and the report
 * given to `run` is the one the checks use.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { policyOnce } from '../../../core/cli/cli.js';
import { cliEngines } from '../../../core/cli/commands/draft.js';
import { ScriptedGenerator } from '../../../core/engines/scripted.js';
import type { Policy } from '../../../core/policy/schema.js';
import { policyReport, runCli } from '../../helpers/cli.js';
import { answer, VISIT } from '../engines/fixtures.js';

const realMake = cliEngines.make;
afterEach(() => {
  cliEngines.make = realMake;
});

const cli = (argv: string[], stdin: string, policy: Policy) => runCli(argv, { stdin, policy });

describe('the machine policy in the CLI', () => {
  it('policyOnce reads the sources at the first call only', () => {
    let loads = 0;
    const get = policyOnce(() => {
      loads++;
      return policyReport({ inferenceServers: ['https://llm.clinic.example'] });
    });
    expect(loads).toBe(0);
    const a = get();
    expect(get()).toBe(a);
    expect(get()).toBe(a);
    expect(loads).toBe(1);
  });

  it('bedside draft --engine server: one read for the CA and every visit, and that report decides', async () => {
    const cas: (string | undefined)[] = [];
    cliEngines.make = (_env, caFile) => {
      cas.push(caFile);
      return {
        getGenerator: async (kind) =>
          new ScriptedGenerator({
            kind,
            answer: answer([{ id: 'cc', sentences: [{ text: 'Left knee pain.', cites: [1] }] }]),
          }),
      };
    };
    const policy: Policy = { inferenceServers: ['https://llm.clinic.example'], inferenceCaFile: '/etc/bedside/ca.pem' };
    const visits = [1, 2, 3].map((i) => JSON.stringify({ id: `v${i}`, dialogue: VISIT })).join('\n');
    const argv = ['draft', '-', '--jsonl', '--engine', 'server', '--url', 'https://llm.clinic.example', '--model', 'm'];
    const ok = await cli(argv, visits, policy);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(3);
    expect(ok.policyReads).toBe(1);
    expect(cas).toEqual(['/etc/bedside/ca.pem']);

    // The same report refuses a server off its list.
    const off = await cli(
      ['draft', '-', '--engine', 'server', '--url', 'https://llm.elsewhere.example', '--model', 'm'],
      VISIT,
      policy,
    );
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/not one of the clinic inference servers/);
    expect(off.policyReads).toBe(1);
  });

  it('the built-in drafter needs no policy: none is read', async () => {
    const r = await cli(['draft', '-'], VISIT, {});
    expect(r.code).toBe(0);
    expect(r.policyReads).toBe(0);
  });
});
