import { Readable } from 'node:stream';
import { run } from '../../core/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (and optional stdin text). */
export async function runCli(
  argv: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : []),
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
