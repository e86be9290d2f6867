/**
 * A stand-in for Electron's `utilityProcess` module (no Electron binary here): fork() starts a real Node process with
 * process.parentPort (test/helpers/parent-port-shim.mjs) and returns an object with UtilityProcess's surface:
 * pid, postMessage, kill, and 'spawn' / 'message' / 'exit' (code) events. Each fork's options are recorded.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { UtilityProcessModule } from '../../electron/main/launcher.js';

const SHIM = fileURLToPath(new URL('./parent-port-shim.mjs', import.meta.url));

export function fakeUtilityProcess() {
  const forks: { modulePath: string; args: string[]; options: Record<string, unknown> }[] = [];
  const module: UtilityProcessModule = {
    fork(modulePath, args = [], options = {}) {
      forks.push({ modulePath, args, options: options as Record<string, unknown> });
      const child = fork(modulePath, args, {
        execArgv: ['--import', 'tsx', '--import', SHIM],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        env: options.env as NodeJS.ProcessEnv,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      const proc = Object.assign(new EventEmitter(), {
        pid: child.pid as number | undefined,
        postMessage: (m: unknown) => void (child.connected && child.send(m as never)),
        kill: () => child.kill('SIGKILL'),
      });
      child.on('spawn', () => proc.emit('spawn'));
      child.on('message', (m) => proc.emit('message', m));
      // Electron reports an exit code only (a killed process: a non-zero code).
      child.on('exit', (code) => proc.emit('exit', code ?? 1));
      return proc as unknown as ReturnType<UtilityProcessModule['fork']>;
    },
  };
  return { module, forks };
}
