/**
 * A scripted TextGenerator: answers with text it was given (optionally streamed in pieces), or fails the way it was
 * told to. For tests of grounding, fallback, cancel and progress, with no model. It records the requests it got.
 */
import {
  EngineError,
  type EngineErrorCode,
  type GenerateRequest,
  type GenerateResult,
  type TextGenerator,
} from './types.js';

export interface ScriptedOptions {
  kind?: 'local' | 'server';
  model?: string;
  /** The answer: fixed text, or made from the request (e.g. to read the turn numbers of the prompt). */
  answer: string | ((req: GenerateRequest) => string);
  /** Streams the answer in pieces of this many characters (default: one piece). */
  chunk?: number;
  /** Waits this long between pieces (ms; default 0: a macrotask turn only). */
  delayMs?: number;
  /** Fails instead: throws EngineError(code) after streaming `failAfter` characters (default 0). */
  fail?: { code: EngineErrorCode; message: string; failAfter?: number };
  /** Fails with a plain Error (an engine bug, not an EngineError). */
  crash?: boolean;
  finish?: 'stop' | 'length';
}

export class ScriptedGenerator implements TextGenerator {
  readonly kind: 'local' | 'server';
  readonly model: string;
  readonly requests: GenerateRequest[] = [];
  closed = 0;

  constructor(private readonly opts: ScriptedOptions) {
    this.kind = opts.kind ?? 'local';
    this.model = opts.model ?? 'scripted';
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(req);
    const t0 = performance.now();
    const text = typeof this.opts.answer === 'function' ? this.opts.answer(req) : this.opts.answer;
    const size = Math.max(1, this.opts.chunk ?? text.length);
    const stopAt = this.opts.fail ? Math.min(text.length, this.opts.fail.failAfter ?? 0) : text.length;
    let sent = 0;
    let tokens = 0;
    const wait = () =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          req.signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const timer = setTimeout(done, this.opts.delayMs ?? 0);
        const onAbort = () => {
          clearTimeout(timer);
          reject(new EngineError('cancelled', 'Generation was cancelled.'));
        };
        if (req.signal?.aborted) onAbort();
        else req.signal?.addEventListener('abort', onAbort, { once: true });
      });
    while (sent < stopAt) {
      await wait();
      const piece = text.slice(sent, Math.min(stopAt, sent + size));
      sent += piece.length;
      tokens++;
      req.onToken?.(piece);
    }
    await wait();
    if (this.opts.crash) throw new TypeError('scripted engine crashed');
    if (this.opts.fail) throw new EngineError(this.opts.fail.code, this.opts.fail.message);
    return { text, tokens, finish: this.opts.finish ?? 'stop', ms: performance.now() - t0 };
  }

  async close(): Promise<void> {
    this.closed++;
  }
}
