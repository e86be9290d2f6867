/**
 * The ONE way Bedside starts a helper process (the Whisper worker now, the local text engine later).
 *
 * In the desktop app the Electron main process installs a launcher over `utilityProcess`
 * (electron/main/launcher.ts): with the `runAsNode` fuse off, `child_process.fork` of the app binary no longer
 * starts Node. In the CLI and the dev host (plain Node) the default launcher forks a Node child. Either way the
 * parent sees the same `HelperProcess` (messages, exit, kill) and the child uses core/launcher/child.ts, which also
 * makes it exit when its parent dies (even while its main thread is busy in native code).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { extname } from 'node:path';

export interface HelperSpec {
  /** Absolute path of the child's entry module (.js; .ts from sources, run through tsx in Node mode). */
  entry: string;
  /** A short name for logs and the OS process list (Electron's serviceName), e.g. 'whisper'. */
  name: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export type HelperExit = { code: number | null; signal: NodeJS.Signals | null };

/** One running helper, the same in both modes. Messages are structured-cloned (typed arrays travel as such). */
export interface HelperProcess {
  readonly pid: number | undefined;
  /** The mode it runs in: 'utility' (Electron utilityProcess) or 'node' (child_process.fork). */
  readonly mode: 'utility' | 'node';
  /** True until it exits. */
  readonly running: boolean;
  send(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (exit: HelperExit) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  once(event: 'exit', listener: (exit: HelperExit) => void): this;
  off(event: 'message', listener: (message: unknown) => void): this;
  /** Ends it at once (SIGKILL in Node mode; Electron's kill for a utility process). */
  kill(): void;
}

export interface HelperLauncher {
  readonly mode: 'utility' | 'node';
  launch(spec: HelperSpec): HelperProcess;
}

/** Shared bookkeeping of a helper: subclasses wire the underlying process to these events. */
export abstract class HelperBase extends EventEmitter implements HelperProcess {
  abstract readonly pid: number | undefined;
  abstract readonly mode: 'utility' | 'node';
  running = true;
  abstract send(message: unknown): void;
  abstract kill(): void;
  protected exited(exit: HelperExit): void {
    if (!this.running) return;
    this.running = false;
    this.emit('exit', exit);
  }
}

class NodeHelper extends HelperBase {
  readonly mode = 'node' as const;
  private readonly child;
  constructor(spec: HelperSpec) {
    super();
    const ts = extname(spec.entry) === '.ts';
    this.child = fork(spec.entry, spec.args ?? [], {
      ...(spec.cwd ? { cwd: spec.cwd } : {}),
      // From sources (tests, tsx) the child needs the TypeScript loader; the built app runs the compiled .js.
      execArgv: ts ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...(spec.env ?? process.env), BEDSIDE_HELPER: spec.name },
    });
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('exit', (code, signal) => this.exited({ code, signal }));
    this.child.on('error', (err) => {
      this.emit('error', err);
      // A process that never started emits no 'exit'.
      if (this.child.pid === undefined) this.exited({ code: null, signal: null });
    });
  }
  get pid() {
    return this.child.pid;
  }
  send(message: unknown) {
    if (this.running && this.child.connected) this.child.send(message as never);
  }
  kill() {
    if (this.running && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** The launcher of plain Node hosts (CLI, dev host, tests): `child_process.fork`. */
export const nodeLauncher: HelperLauncher = {
  mode: 'node',
  launch: (spec) => new NodeHelper(spec),
};

let current: HelperLauncher = nodeLauncher;

/** The launcher in use: the Electron main process installs its utilityProcess launcher at startup. */
export function helperLauncher(): HelperLauncher {
  return current;
}

export function setHelperLauncher(launcher: HelperLauncher): void {
  current = launcher;
}

/** A built helper's entry beside the calling module: `foo.ts` from sources, `foo.js` when built. */
export function siblingEntry(callerUrlPath: string, from: RegExp, name: string): string {
  const ts = extname(callerUrlPath) === '.ts';
  return callerUrlPath.replace(from, `${name}.${ts ? 'ts' : 'js'}`);
}
