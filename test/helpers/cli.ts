import { Readable } from 'node:stream';
import { run } from '../../core/cli/main.js';
import type { Policy } from '../../core/policy/schema.js';
import { policyReport } from './policy.js';

export { policyReport };

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** How many times the CLI read the machine policy (only when `policy` was given). */
  policyReads?: number;
}

/**
 * Runs the CLI in-process with captured output (and optional stdin text or bytes). With `policy`, the machine policy
 * is that one (counted in `policyReads`) instead of the one read from this computer.
 */
export async function runCli(
  argv: string[],
  opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; policy?: Policy } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let policyReads = 0;
  const policy = opts.policy;
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : []),
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    signal: new AbortController().signal,
    ...(policy
      ? {
          policy: () => {
            policyReads++;
            return policyReport(policy);
          },
        }
      : {}),
  });
  return { code, stdout, stderr, ...(policy ? { policyReads } : {}) };
}
