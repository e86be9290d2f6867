/**
 * The real Whisper worker (whisper.cpp on the shared fixture model) ends with its host: the host is SIGKILLed while
 * the worker transcribes, i.e. while its main thread is inside native code and cannot see its IPC channel close.
 * Before the launcher's watchdog the worker outlived its host by about 11.5 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_MODEL } from '../../integration/models/fixtures.js';

const HOST = fileURLToPath(new URL('../../helpers/whisper-host.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie holds nothing
  } catch {
    return process.platform !== 'linux';
  }
}

describe.each(['node', 'utility'])('Whisper worker and its host (%s helper)', (mode) => {
  it.skipIf(!existsSync(FIXTURE_MODEL))(
    'a transcribing worker is gone within 2 s of its host being SIGKILLed',
    async () => {
      const host = spawn(process.execPath, ['--import', 'tsx', HOST, FIXTURE_MODEL, mode], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          createInterface({ input: host.stdout! }).once('line', resolve);
          host.once('exit', (code) => reject(new Error(`the host ended early (${code})`)));
        });
        const pid = (JSON.parse(line) as { workerPid: number }).workerPid;
        expect(alive(pid)).toBe(true);
        const t0 = Date.now();
        host.kill('SIGKILL');
        while (alive(pid) && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 25));
        const ms = Date.now() - t0;
        process.stdout.write(`whisper worker (${mode}) gone ${ms} ms after its host was SIGKILLed\n`);
        expect(alive(pid)).toBe(false);
        expect(ms).toBeLessThan(2000);
      } finally {
        host.kill('SIGKILL');
      }
    },
    60_000,
  );
});
