/**
 * Worker-thread side of the text pool (text-pool.ts): runs one text job at a time and posts its result. Pure
 * JavaScript over plain data; a job that must stop (cancelled, the caller went away) ends with the worker.
 */
import { parentPort } from 'node:worker_threads';
import { runTextJob, type TextJob } from './text-work.js';

export type TextWorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

const port = parentPort;
if (!port) throw new Error('the text worker must run in a worker thread');

port.on('message', (req: { id: number; job: TextJob }) => {
  void runTextJob(req.job).then(
    (result) => port.postMessage({ id: req.id, ok: true, result } satisfies TextWorkerReply),
    (err: unknown) => {
      // Only the error class, its code and first line travel back; messages of the text code never quote the input.
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (err as { code?: unknown }).code;
      port.postMessage({
        id: req.id,
        ok: false,
        error: {
          name: e.name,
          message: e.message.split('\n')[0]!,
          ...(typeof code === 'string' ? { code } : {}),
        },
      } satisfies TextWorkerReply);
    },
  );
});
