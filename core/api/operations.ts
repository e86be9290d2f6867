/**
 * The running cancellable operations of one core: operationId → AbortController. The dispatcher registers a call
 * whose params carry an `operationId` for as long as its handler runs; `app.cancel` aborts it. The signal also
 * follows the transport's own signal (window closed, socket dropped).
 */
import { ApiError } from './errors.js';

export class Operations {
  private readonly running = new Map<string, AbortController>();

  /** Runs `fn` with a signal that `cancel(id)` (or the caller's own signal) aborts. One operation per id at a time. */
  async run<T>(id: string, outer: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(id)) throw new ApiError('conflict', 'An operation with that id is already running.');
    const controller = new AbortController();
    const follow = () => controller.abort();
    if (outer?.aborted) controller.abort();
    else outer?.addEventListener('abort', follow, { once: true });
    this.running.set(id, controller);
    try {
      return await fn(controller.signal);
    } finally {
      this.running.delete(id);
      outer?.removeEventListener('abort', follow);
    }
  }

  /** Aborts a running operation; false when none has that id (already finished, or never started). */
  cancel(id: string): boolean {
    const c = this.running.get(id);
    if (!c) return false;
    c.abort();
    return true;
  }

  /** Aborts every running operation (the host is shutting down). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }

  get size(): number {
    return this.running.size;
  }
}
