/**
 * Ctrl-C and SIGTERM stop a long command within a second and leave no output file. The CLI runs as a real process
 * (from the TypeScript sources); the signal is sent once the draft is under way (the text pool logs the job's start
 * at debug level), not after a fixed sleep.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let input: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedside-signals-'));
  // About 1.9 MB of visit: seconds of drafting, long enough to be interrupted.
  const demo = readFileSync('resources/samples/demo-visit.txt', 'utf8');
  input = join(dir, 'long-visit.txt');
  writeFileSync(input, (demo + '\n').repeat(Math.ceil(1_900_000 / (demo.length + 1))).slice(0, 1_900_000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runUntilStarted(args: string[], signal: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/unit/cli/run-main.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, BEDSIDE_LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let sentAt = 0;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterSignalMs: number }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig, afterSignalMs: performance.now() - sentAt })),
  );
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sentAt && stderr.includes('text_pool.job_started')) {
      sentAt = performance.now();
      child.kill(signal);
    }
  });
  return { exited, stderr: () => stderr };
}

describe('the CLI stops on Ctrl-C and SIGTERM', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    'draft stops within 1 s on %s, exits %i and writes no output file',
    async (signal, exitCode) => {
      const out = join(dir, `note-${signal}.txt`);
      const run = runUntilStarted(['draft', input, '--out', out], signal);
      const result = await run.exited;
      expect(run.stderr()).toContain('text_pool.job_started');
      expect(result.afterSignalMs).toBeLessThan(1_000);
      expect(result.code).toBe(exitCode);
      // Neither the note nor a temp file beside it.
      expect(readdirSync(dir).filter((f) => f.includes(`note-${signal}`))).toEqual([]);
    },
    60_000,
  );

  it('hints stops within 1 s on SIGTERM', async () => {
    const run = runUntilStarted(['hints', input], 'SIGTERM');
    const result = await run.exited;
    expect(result.afterSignalMs).toBeLessThan(1_000);
    expect(result.code).toBe(143);
  }, 60_000);
});
