/**
 * Retries the outbox in the background of a long-running host (the desktop app): every `intervalMs` the queued
 * sends whose backoff has passed are tried again. One run at a time; the timer never keeps the process alive.
 */
import { log } from '../platform/log.js';

export interface Flushable {
  flush(): Promise<Array<{ state: string }>>;
}

export class OutboxRetrier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly service: () => Flushable | undefined,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass (also callable directly, e.g. when the network comes back). */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const svc = this.service();
      if (!svc) return;
      try {
        const results = await svc.flush();
        if (results.length)
          log.info('ehr.outbox_retried', {
            tried: results.length,
            sent: results.filter((r) => r.state === 'sent').length,
          });
      } catch (err) {
        log.warn('ehr.outbox_retry_failed', { kind: err instanceof Error ? err.name : 'error' });
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
