/**
 * The desktop app's helper-process launcher (core/launcher/launcher.ts) over Electron's `utilityProcess`: with the
 * `runAsNode` fuse off the app binary cannot be forked as Node, and a utility process is Chromium's own child
 * (sandboxed service process, ends with the app). The child side is core/launcher/child.ts (process.parentPort).
 */
import type { UtilityProcess } from 'electron';
import { HelperBase, type HelperLauncher, type HelperSpec } from '../../core/launcher/launcher.js';

/** The slice of Electron's `utilityProcess` module the launcher uses. */
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args?: string[],
    options?: Electron.ForkOptions,
  ): Pick<UtilityProcess, 'pid' | 'postMessage' | 'kill' | 'on'>;
}

/**
 * A working folder a process can enter: packaged, the app's folder is inside app.asar (a file), so the folder that
 * holds the archive is used instead.
 */
export function outsideAsar(dir: string): string {
  return dir.replace(/[\\/][^\\/]+\.asar(?:[\\/].*)?$/, '');
}

class UtilityHelper extends HelperBase {
  readonly mode = 'utility' as const;
  private readonly child;
  constructor(up: UtilityProcessModule, spec: HelperSpec) {
    super();
    this.child = up.fork(spec.entry, spec.args ?? [], {
      serviceName: `Bedside ${spec.name}`,
      stdio: 'ignore',
      ...(spec.cwd ? { cwd: outsideAsar(spec.cwd) } : {}),
      env: { ...(spec.env ?? process.env), BEDSIDE_HELPER: spec.name } as Record<string, string>,
    });
    this.child.on('message', (m: unknown) => this.emit('message', m));
    this.child.on('exit', (code: number) => this.exited({ code, signal: null }));
    this.child.on('error', (type: string) => this.emit('error', new Error(`helper ${spec.name}: ${type}`)));
  }
  get pid() {
    return this.child.pid;
  }
  send(message: unknown) {
    if (this.running) this.child.postMessage(message);
  }
  kill() {
    if (this.running) this.child.kill();
  }
}

export function utilityProcessLauncher(up: UtilityProcessModule): HelperLauncher {
  return { mode: 'utility', launch: (spec) => new UtilityHelper(up, spec) };
}
