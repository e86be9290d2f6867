/**
 * The store as the UI-serving process uses it: every operation is posted to a worker thread that owns the single
 * SQLCipher connection, so SQLite never blocks this event loop. The data key is unwrapped here (the OS keychain is
 * only reachable from the main process), handed to the worker once, and wiped from this side.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoreEngine, StoreOp } from './engine.js';
import {
  DamagedDatabaseError,
  SchemaTooNewError,
  StoreBusyError,
  StoreInputError,
  StoreInUseError,
  WrongKeyError,
} from './errors.js';
import type { KeyProtector, SlotName } from './keys.js';
import { unwrapDataKey, type UnlockOptions } from './open.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';

type Ops = Pick<StoreEngine, StoreOp>;
/** Every store operation, asynchronous. Buffers come back as Uint8Array. */
export type AsyncStore = {
  [K in StoreOp]: (...args: Parameters<Ops[K]>) => Promise<ReturnType<Ops[K]>>;
};

function rebuildError(e: { name: string; message: string; found?: number; supported?: number }): Error {
  switch (e.name) {
    case 'WrongKeyError':
      return new WrongKeyError(e.message);
    case 'StoreInputError':
      return new StoreInputError(e.message);
    case 'SchemaTooNewError':
      return new SchemaTooNewError(e.found ?? 0, e.supported ?? 0);
    case 'StoreInUseError':
      return new StoreInUseError(e.message);
    case 'StoreBusyError':
      return new StoreBusyError(e.message);
    case 'DamagedDatabaseError':
      return new DamagedDatabaseError(undefined, e.message);
    default: {
      const err = new Error(e.message);
      err.name = e.name;
      return err;
    }
  }
}

/** Starts the worker from compiled JS (dist/) or, when running from TypeScript sources (tsx, vitest), through tsx. */
function startWorker(init: WorkerInit): Worker {
  const js = new URL('./worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js') && existsSync(fileURLToPath(js))) return new Worker(js, { workerData: { init } });
  const ts = new URL('./worker.ts', import.meta.url).href;
  const boot = `const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((m) => { m.register(); return import(workerData.entry); });`;
  return new Worker(boot, { eval: true, workerData: { init, entry: ts } });
}

export class StoreClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private exited: Error | null = null;
  readonly store: AsyncStore;

  private constructor(
    private readonly worker: Worker,
    public readonly databaseId: string,
    public readonly slot: SlotName,
  ) {
    worker.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(rebuildError(m.error));
    });
    const fail = (err: Error) => {
      this.exited = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(new Error(`store worker failed: ${e.name}`)));
    worker.on('exit', () => fail(new Error('the store is closed')));
    this.store = new Proxy({} as AsyncStore, {
      get:
        (_t, op: string) =>
        (...args: unknown[]) =>
          this.call(op as StoreOp, args),
    });
  }

  /** Unwraps the data key with the first protector that opens it and opens the database in a new worker. */
  static async open(dir: string, protectors: KeyProtector[], opts: UnlockOptions = {}): Promise<StoreClient> {
    const { dataKey, slot, keyFile, dbPath } = await unwrapDataKey(dir, protectors);
    const shared = new Uint8Array(dataKey);
    dataKey.fill(0);
    const worker = startWorker({ dbPath, dataKey: shared, databaseId: keyFile.databaseId, opts });
    shared.fill(0);
    const ready = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!ready.ok) {
      await worker.terminate();
      throw rebuildError(ready.error);
    }
    return new StoreClient(worker, keyFile.databaseId, slot);
  }

  private call(op: StoreOp | 'close', args: unknown[]): Promise<never> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, args } satisfies WorkerRequest);
    });
  }

  /** Closes the connection (checkpointing the WAL) and stops the worker. */
  async close(): Promise<void> {
    if (this.exited) return;
    await this.call('close', []);
    await new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
  }
}

/**
 * The same asynchronous API over an engine in this thread, for processes that serve no UI (CLI, tests). The desktop
 * app and the dev host use `StoreClient` instead.
 */
export function directStore(engine: StoreEngine): AsyncStore {
  return new Proxy({} as AsyncStore, {
    get:
      (_t, op: string) =>
      async (...args: unknown[]) =>
        (engine[op as StoreOp] as (...a: unknown[]) => unknown)(...args),
  });
}
