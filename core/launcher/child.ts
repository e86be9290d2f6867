/**
 * The child side of a helper process (core/launcher/launcher.ts), the same code in both modes:
 *   - Electron utilityProcess: messages through `process.parentPort` (events carry `.data`);
 *   - Node child process: `process.send` and 'message', exiting when the IPC channel closes.
 *
 * A helper must die with its parent, at once. Two ways, because either alone fails:
 *   - when the Node IPC channel closes the helper kills itself (SIGKILL, not process.exit: exiting waits for native
 *     addons' cleanup hooks, and whisper.cpp's waits for a running transcription — ~11-15 s);
 *   - a watchdog thread checks the parent every `watchMs` and kills this process as soon as the parent is gone (its
 *     pid no longer exists, or this process was re-parented), even while the main thread is busy in native code and
 *     cannot see the channel close, and for utility processes, which have no Node IPC channel.
 */
import { Worker } from 'node:worker_threads';

export interface ParentChannel {
  /** 'utility' or 'node': how this helper was started. */
  readonly mode: 'utility' | 'node';
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const { ppid, watchMs } = workerData;
setInterval(() => {
  let gone = process.ppid !== ppid;
  if (!gone) {
    try { process.kill(ppid, 0); } catch (err) { gone = err && err.code === 'ESRCH'; }
  }
  if (gone) process.kill(process.pid, 'SIGKILL');
}, watchMs);
`;

/** Starts the watchdog thread (idempotent). */
let watching = false;
export function dieWithParent(watchMs = 250): void {
  if (watching) return;
  watching = true;
  const ppid = process.ppid;
  if (!ppid) return; // no parent to watch
  const w = new Worker(WATCHDOG, { eval: true, workerData: { ppid, watchMs }, execArgv: [] });
  w.unref();
}

/** Connects this helper to its parent, whichever launcher started it, and ties its life to the parent's. */
export function connectToParent(opts: { watchMs?: number } = {}): ParentChannel {
  dieWithParent(opts.watchMs);
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      mode: 'utility',
      send: (m) => port.postMessage(m),
      onMessage: (listener) => void port.on('message', (e) => listener(e.data)),
    };
  }
  if (!process.send) throw new Error('This module runs only as a helper process started by the Bedside launcher.');
  // Not process.exit(): exiting runs native addons' cleanup hooks, and whisper.cpp's waits for a running
  // transcription to finish (the worker of a dead host lingered ~11-15 s that way). Nothing here needs saving.
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  return {
    mode: 'node',
    send: (m) => {
      if (process.connected) process.send?.(m);
    },
    onMessage: (listener) => void process.on('message', listener),
  };
}
