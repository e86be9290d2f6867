/**
 * Worker-thread side of the store: owns the single SQLCipher connection and answers requests posted by
 * `StoreClient` one at a time (the single writer). Started only through `StoreClient.open`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { log } from '../platform/log.js';
import type { StoreEngine } from './engine.js';
import { STORE_OPS, type StoreOp } from './engine.js';
import { openUnlocked, type UnlockOptions } from './open.js';

export interface WorkerInit {
  dbPath: string;
  dataKey: Uint8Array;
  databaseId: string;
  opts: UnlockOptions;
}

export type WorkerRequest = { id: number; op: StoreOp | 'close'; args: unknown[] };
export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string; found?: number; supported?: number } };

function errorOf(err: unknown): { name: string; message: string } {
  if (err instanceof Error) {
    const e: { name: string; message: string; found?: number; supported?: number } = {
      name: err.name,
      message: err.message.split('\n')[0]!,
    };
    const extra = err as unknown as { found?: unknown; supported?: unknown };
    if (typeof extra.found === 'number') e.found = extra.found;
    if (typeof extra.supported === 'number') e.supported = extra.supported;
    return e;
  }
  return { name: 'Error', message: String(err) };
}

const port = parentPort;
if (!port) throw new Error('store worker must run in a worker thread');
const init = (workerData as { init: WorkerInit }).init;
let engine: StoreEngine | undefined;
const key = Buffer.from(init.dataKey);
try {
  engine = openUnlocked(init.dbPath, key, init.databaseId, init.opts);
  port.postMessage({ id: 0, ok: true, result: { databaseId: engine.databaseId, session: engine.session } });
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: errorOf(err) } satisfies WorkerReply);
} finally {
  key.fill(0);
  init.dataKey.fill(0);
}

const allowed = new Set<string>(STORE_OPS);
port.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (!engine) throw new Error('the store is not open');
    if (req.op === 'close') {
      engine.close();
      engine = undefined;
      reply = { id: req.id, ok: true, result: null };
      port.postMessage(reply);
      port.close();
      return;
    }
    if (!allowed.has(req.op)) throw new Error('unknown store operation');
    const fn = engine[req.op] as (...a: unknown[]) => unknown;
    reply = { id: req.id, ok: true, result: fn(...req.args) };
  } catch (err) {
    if (!(err instanceof Error) || !/Error$/.test(err.name) || err.name === 'Error' || err.name === 'SqliteError')
      log.error('store.worker_error', { op: req.op, kind: err instanceof Error ? err.name : 'unknown' });
    reply = { id: req.id, ok: false, error: errorOf(err) };
  }
  port.postMessage(reply);
});
