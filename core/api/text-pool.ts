/**
 * Heavy text work off the thread that serves the API. Drafting, verifying, parsing or computing hints for a long
 * transcript takes seconds of CPU; run on the event loop of a host it would hold up every other client (an audio push,
 * an echo) for that long. Jobs above INLINE_MAX_CHARS run in a small pool of worker threads instead; small ones (an
 * ordinary visit, tens of milliseconds) run inline, where a worker's start would cost more than the job.
 *
 * A job whose signal aborts (app.cancel, the caller went away, Ctrl-C) ends at once: its worker is terminated (the
 * work is synchronous, it cannot be interrupted otherwise) and the job fails with ApiError('cancelled'). Idle workers
 * do not keep a process alive and are ended after a while.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../clinical/io.js';
import { log } from '../platform/log.js';
import { ApiError } from './errors.js';
import type { ApiErrorCode } from './types.js';
import { jobSize, runTextJob, type TextJob } from './text-work.js';
import type { TextWorkerReply } from './text-worker.js';

/** Jobs with more characters than this run in a worker thread (an ordinary visit is 5-20 thousand characters). */
export const INLINE_MAX_CHARS = 20_000;

const IDLE_MS = 30_000;

/** Starts the worker from compiled JS (dist/) or, when running from TypeScript sources (tsx, vitest), through tsx. */
function startWorker(): Worker {
  const js = new URL('./text-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js') && existsSync(fileURLToPath(js))) return new Worker(js);
  const ts = new URL('./text-worker.ts', import.meta.url).href;
  const boot = `const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((m) => { m.register(); return import(workerData.entry); });`;
  return new Worker(boot, { eval: true, workerData: { entry: ts } });
}

function errorFromWorker(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'ApiError' && e.code) return new ApiError(e.code as ApiErrorCode, e.message);
  if (e.name === 'InputError') return new InputError(e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void };
  idleTimer?: NodeJS.Timeout;
}

interface Queued {
  job: TextJob;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class TextPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Queued[] = [];
  private nextId = 1;

  constructor(
    private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1)),
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Runs `job` in a worker thread; rejects with ApiError('cancelled') as soon as `signal` aborts. */
  run(job: TextJob, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const q: Queued = {
        job,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.queue.indexOf(q);
          if (at >= 0) this.queue.splice(at, 1);
          reject(cancelled());
        },
      };
      signal?.addEventListener('abort', q.onAbort, { once: true });
      this.queue.push(q);
      this.pump();
    });
  }

  /** Workers running now (tests). */
  get workers(): number {
    return this.slots.size;
  }

  /** Ends every worker; queued and running jobs fail as cancelled. */
  async close(): Promise<void> {
    for (const q of this.queue.splice(0)) {
      q.signal?.removeEventListener('abort', q.onAbort);
      q.reject(cancelled());
    }
    await Promise.all([...this.slots].map((s) => this.retire(s)));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.busy);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      const q = this.queue.shift()!;
      this.start(slot, q);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker() };
    this.slots.add(slot);
    slot.worker.on('message', (m: TextWorkerReply) => {
      const busy = slot.busy;
      if (!busy || m.id !== busy.id) return;
      slot.busy = undefined;
      if (m.ok) busy.resolve(m.result);
      else busy.reject(errorFromWorker(m.error));
      this.idle(slot);
      this.pump();
    });
    const fail = (why: string) => {
      if (!this.slots.delete(slot)) return;
      clearTimeout(slot.idleTimer);
      if (slot.busy) {
        log.error('text_pool.worker_failed', { why });
        slot.busy.reject(new Error('the text worker stopped'));
        slot.busy = undefined;
      }
      this.pump();
    };
    slot.worker.on('error', (e) => fail(e.name));
    slot.worker.on('exit', () => fail('exit'));
    return slot;
  }

  private start(slot: Slot, q: Queued): void {
    clearTimeout(slot.idleTimer);
    const id = this.nextId++;
    const onAbort = () => {
      // Synchronous work cannot be interrupted: the worker goes, a fresh one serves the next job.
      if (slot.busy?.id !== id) return;
      slot.busy = undefined;
      void this.retire(slot);
      q.reject(cancelled());
      this.pump();
    };
    q.signal?.removeEventListener('abort', q.onAbort);
    q.signal?.addEventListener('abort', onAbort, { once: true });
    slot.busy = {
      id,
      resolve: (v) => {
        q.signal?.removeEventListener('abort', onAbort);
        q.resolve(v);
      },
      reject: (e) => {
        q.signal?.removeEventListener('abort', onAbort);
        q.reject(e);
      },
    };
    slot.worker.ref();
    slot.worker.postMessage({ id, job: q.job });
    log.debug('text_pool.job_started', { op: q.job.op, chars: jobSize(q.job) });
  }

  private idle(slot: Slot): void {
    // An idle worker does not keep the process alive, and goes after a while without work.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  private async retire(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    clearTimeout(slot.idleTimer);
    await slot.worker.terminate().catch(() => undefined);
  }
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'The operation was cancelled.');
}

let shared: TextPool | undefined;

/** The process's pool, started on first use. */
export function textPool(): TextPool {
  return (shared ??= new TextPool());
}

/**
 * Runs a text job: inline when small, otherwise in the shared worker pool (which frees the event loop for other
 * requests and lets `signal` stop it at once).
 */
export async function runText(
  job: TextJob,
  signal?: AbortSignal,
  opts: { inlineMaxChars?: number } = {},
): Promise<unknown> {
  if (signal?.aborted) throw cancelled();
  if (jobSize(job) <= (opts.inlineMaxChars ?? INLINE_MAX_CHARS)) return runTextJob(job);
  return textPool().run(job, signal);
}
