/**
 * The local text engine, parent side: a {@link TextGenerator} over a causal language model installed on this
 * computer, run in a helper process (local-worker.ts) started by the one helper launcher (core/launcher: an
 * Electron utilityProcess in the app, a Node child process in the CLI and dev host).
 *
 * - Loads lazily on the first request, after checking that free memory can hold the weights (refused in words,
 *   EngineError 'out-of-memory', before anything is started).
 * - Requests run one at a time; text pieces stream to `onToken` in order: the first at once, then what was written
 *   meanwhile every `streamFlushMs` (one IPC message per interval, not per token). Logs llm.first_token and
 *   llm.generated (counts and times, never text) at info level.
 * - Cancel (AbortSignal) answers the caller at once with 'cancelled'; the worker stops after its current token, and
 *   is killed if it has not stopped within `cancelGraceMs`.
 * - The process killed or crashed mid-generation: the pending call rejects with 'unavailable' and the next call
 *   starts a fresh process. Idle for `idleMs`: the process ends and its memory is returned.
 * - Never blocks the caller's event loop: all inference happens in the helper process.
 */
import { freemem } from 'node:os';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { helperLauncher, siblingEntry, type HelperLauncher, type HelperProcess } from '../../core/launcher/launcher.js';
import { packageRoot } from '../../core/platform/paths.js';
import { log } from '../../core/platform/log.js';
import {
  EngineError,
  type GenerateRequest,
  type GenerateResult,
  type TextGenerator,
} from '../../core/engines/types.js';
import {
  LocalModelError,
  STREAM_FLUSH_MS,
  chooseDtype,
  deviceCandidates,
  gb,
  memoryNeeded,
  onnxSubfolder,
  weightBytes,
  type LocalDevice,
  type LocalDtype,
  type LocalReply,
  type LocalRequest,
} from './local-protocol.js';

export interface LocalGeneratorOptions {
  /** Folder of the installed model (config.json, tokenizer.json, model*.onnx, flat or under onnx/). */
  modelDir: string;
  /** Model id reported in results; default the folder's name. */
  id?: string;
  /** Launcher; default the process-wide one (utilityProcess in the app, fork elsewhere). */
  launcher?: HelperLauncher;
  /** 'auto' (default) tries the platform's accelerator first, CPU always last. */
  device?: LocalDevice | 'auto';
  /** Weight format; default the model's own choice, else the smallest present for the device. */
  dtype?: LocalDtype;
  /** End the helper process after this long without a request. Default 5 minutes; 0 = never. */
  idleMs?: number;
  /** Free memory the load needs; default estimated from the weights (see memoryNeeded). */
  minFreeBytes?: number;
  /** Free memory now (os.freemem); injectable for tests. */
  freemem?: () => number;
  /** Time allowed for starting the process and loading the model. Default 3 minutes. */
  loadTimeoutMs?: number;
  /** After a cancel, time the worker has to stop before it is killed. Default 2 s. */
  cancelGraceMs?: number;
  /** Streamed pieces are sent at most this often, ms (the first at once); 0 sends every token. Default
   * STREAM_FLUSH_MS (25 ms): one IPC message per interval instead of one per token. */
  streamFlushMs?: number;
  /** ONNX Runtime threads for the model; default the runtime's (one per physical core). Fewer leaves cores free for
   * the app on a small workstation, at the cost of a slower answer. */
  threads?: number;
}

export interface LocalStatus {
  running: boolean;
  pid: number | undefined;
  device: LocalDevice | null;
  dtype: LocalDtype | null;
  /** Why the preferred device was not used (words), or null. */
  fallback: string | null;
  loadMs: number | null;
  /** Processes started so far (1 + restarts). */
  starts: number;
  /** Network calls the worker refused (always 0 unless something tried to reach the network). */
  networkAttempts: number;
  /** Tokens of the last prompt after the chat template (null before the first answer). */
  lastPromptTokens: number | null;
}

type Pending = {
  resolve: (r: GenerateResult) => void;
  reject: (e: Error) => void;
  onToken: ((text: string) => void) | undefined;
  /** Resolves when the worker is free again (done, error, cancelled, or killed). */
  settled: () => void;
  /** The process serving it (an old process's exit must not fail a request a newer one serves). */
  child: HelperProcess;
  cancelled: boolean;
  /** When the request was sent to the process, and when its first piece came back (ms, performance.now). */
  sentAt: number;
  firstAt: number | null;
};

function workerEntry(): string {
  return siblingEntry(fileURLToPath(import.meta.url), /local\.(ts|js)$/, 'local-worker');
}

export class LocalGenerator implements TextGenerator {
  readonly kind = 'local' as const;
  readonly model: string;
  private readonly dir: string;
  private child: HelperProcess | undefined;
  private loading: Promise<HelperProcess> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private info: Omit<LocalStatus, 'running' | 'pid' | 'starts'> = {
    device: null,
    dtype: null,
    fallback: null,
    loadMs: null,
    networkAttempts: 0,
    lastPromptTokens: null,
  };
  private starts = 0;

  constructor(private readonly opts: LocalGeneratorOptions) {
    this.dir = resolve(opts.modelDir);
    this.model = opts.id ?? basename(this.dir);
  }

  status(): LocalStatus {
    return { ...this.info, running: !!this.child?.running, pid: this.child?.pid, starts: this.starts };
  }

  /** Checks memory, starts the helper and loads the model (done lazily by `generate`). */
  load(): Promise<HelperProcess> {
    if (this.closed) return Promise.reject(new EngineError('unavailable', 'the local engine is closed'));
    if (this.child?.running && this.loading) return this.loading;
    const devices = deviceCandidates(this.opts.device ?? 'auto');
    let dtype: LocalDtype;
    let need: number;
    try {
      if (!existsSync(resolve(this.dir, 'config.json')))
        throw new LocalModelError(`no model is installed at this location (config.json is missing)`);
      dtype = chooseDtype(this.dir, devices[0]!, this.opts.dtype);
      need = this.opts.minFreeBytes ?? memoryNeeded(weightBytes(this.dir, dtype));
    } catch (err) {
      const why = err instanceof LocalModelError ? err.message : 'the model folder could not be read';
      return Promise.reject(new EngineError('unavailable', `The local model '${this.model}' cannot be used: ${why}.`));
    }
    const free = (this.opts.freemem ?? freemem)();
    if (free < need)
      return Promise.reject(
        new EngineError(
          'out-of-memory',
          `Not enough free memory to load the local model '${this.model}': it needs about ${gb(need)} and ` +
            `${gb(free)} is free. Close other programs, choose a smaller model, or use the clinic server.`,
        ),
      );
    const launcher = this.opts.launcher ?? helperLauncher();
    const child = launcher.launch({ entry: workerEntry(), name: 'llm', cwd: packageRoot() });
    this.child = child;
    this.starts++;
    const loading = new Promise<HelperProcess>((resolveLoad, rejectLoad) => {
      let done = false;
      const settle = (err?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err) rejectLoad(err);
        else resolveLoad(child);
      };
      const timer = setTimeout(() => {
        settle(new EngineError('timeout', `the local model '${this.model}' took too long to load`));
        this.kill(child);
      }, this.opts.loadTimeoutMs ?? 180_000);
      child.on('message', (m) => {
        const msg = m as LocalReply;
        if ('network' in msg) this.info.networkAttempts = Math.max(this.info.networkAttempts, msg.network);
        if (msg.type === 'ready') {
          const req: LocalRequest = {
            type: 'load',
            modelDir: this.dir,
            subfolder: onnxSubfolder(this.dir),
            dtype,
            devices,
            ...(this.opts.threads ? { threads: this.opts.threads } : {}),
          };
          child.send(req);
        } else if (msg.type === 'loaded') {
          this.info = { ...this.info, device: msg.device, dtype: msg.dtype, fallback: msg.fallback, loadMs: msg.ms };
          log.info('llm.loaded', {
            device: msg.device,
            dtype: msg.dtype,
            fallback: !!msg.fallback,
            ms: Math.round(msg.ms),
          });
          settle();
        } else if (msg.type === 'error' && msg.id === undefined) {
          settle(
            new EngineError('unavailable', `The local model '${this.model}' could not be loaded: ${msg.message}.`),
          );
          this.kill(child);
        } else this.onReply(msg);
      });
      child.on('exit', ({ code, signal }) => {
        if (this.child === child) {
          this.child = undefined;
          this.loading = undefined;
        }
        const err = this.closed
          ? new EngineError('unavailable', 'the local engine was closed')
          : new EngineError(
              'unavailable',
              `the local engine process stopped unexpectedly (${signal ?? `exit code ${code}`}); it restarts on the next request`,
            );
        settle(err);
        for (const [id, p] of this.pending) {
          if (p.child !== child) continue;
          this.pending.delete(id);
          p.reject(err);
          p.settled();
        }
      });
      child.on('error', () => settle(new EngineError('unavailable', 'the local engine process could not start')));
    });
    this.loading = loading;
    loading.catch(() => undefined);
    return loading;
  }

  private onReply(msg: LocalReply): void {
    if (msg.type === 'token') {
      const p = this.pending.get(msg.id);
      if (p && p.firstAt === null) {
        p.firstAt = performance.now();
        // Time to the first token (prompt processing): counts only, never text.
        log.info('llm.first_token', { ms: Math.round(p.firstAt - p.sentAt) });
      }
      if (p && !p.cancelled) p.onToken?.(msg.text);
      return;
    }
    if (msg.type !== 'done' && msg.type !== 'cancelled' && msg.type !== 'error') return;
    if (msg.id === undefined) return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'done') {
      this.info.lastPromptTokens = msg.promptTokens;
      log.info('llm.generated', {
        tokens: msg.tokens,
        promptTokens: msg.promptTokens,
        ms: Math.round(msg.ms),
        firstTokenMs: p.firstAt === null ? null : Math.round(p.firstAt - p.sentAt),
      });
      p.resolve({ text: msg.text, tokens: msg.tokens, finish: msg.finish, ms: msg.ms });
    } else if (msg.type === 'cancelled') p.reject(new EngineError('cancelled', 'generation was cancelled'));
    else p.reject(new EngineError(msg.code, msg.message));
    p.settled();
  }

  private kill(child = this.child): void {
    if (!child) return;
    if (this.child === child) {
      this.child = undefined;
      this.loading = undefined;
    }
    child.kill();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    const ms = this.opts.idleMs ?? 300_000;
    if (ms <= 0 || this.closed) return;
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0 && this.child) {
        log.info('llm.unloaded', { reason: 'idle' });
        this.kill();
      }
    }, ms);
    this.idleTimer.unref();
  }

  generate(req: GenerateRequest): Promise<GenerateResult> {
    const { signal } = req;
    const cancelled = () => new EngineError('cancelled', 'generation was cancelled');
    let answer!: { resolve: (r: GenerateResult) => void; reject: (e: Error) => void };
    const result = new Promise<GenerateResult>((res, rej) => (answer = { resolve: res, reject: rej }));
    let answered = false;
    const reply = {
      resolve: (r: GenerateResult) => {
        if (answered) return;
        answered = true;
        answer.resolve(r);
      },
      reject: (e: Error) => {
        if (answered) return;
        answered = true;
        answer.reject(e);
      },
    };
    let sendCancel: (() => void) | undefined;
    const onAbort = () => {
      reply.reject(cancelled());
      sendCancel?.();
    };
    if (signal?.aborted) return Promise.reject(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });

    const run = async (): Promise<void> => {
      clearTimeout(this.idleTimer);
      if (answered) return; // cancelled while queued
      const started = performance.now();
      const child = await this.load();
      if (answered) return; // cancelled while loading: the model stays loaded for the next request
      const id = this.nextId++;
      await new Promise<void>((settled) => {
        const p: Pending = {
          resolve: (r) => reply.resolve({ ...r, ms: performance.now() - started }),
          reject: (e) => reply.reject(e),
          onToken: req.onToken,
          settled,
          cancelled: false,
          child,
          sentAt: performance.now(),
          firstAt: null,
        };
        this.pending.set(id, p);
        sendCancel = () => {
          p.cancelled = true;
          child.send({ type: 'cancel', id } satisfies LocalRequest);
          // The worker stops after its current token; if it does not answer in time it is killed (the exit handler
          // settles this entry) and the next request starts a fresh one.
          const grace = setTimeout(() => {
            if (this.pending.has(id)) {
              log.warn('llm.cancel_kill', {});
              this.kill(child);
            }
          }, this.opts.cancelGraceMs ?? 2000);
          grace.unref();
        };
        const gen: LocalRequest = {
          type: 'generate',
          id,
          messages: req.messages,
          maxTokens: req.maxTokens,
          temperature: req.temperature,
          stream: !!req.onToken,
          flushMs: this.opts.streamFlushMs ?? STREAM_FLUSH_MS,
        };
        child.send(gen);
        if (signal?.aborted) sendCancel();
      });
    };
    const work = this.queue.then(run, run).then(
      () => undefined,
      (err: unknown) =>
        reply.reject(err instanceof Error ? err : new EngineError('unavailable', 'the local engine failed')),
    );
    this.queue = work.finally(() => {
      signal?.removeEventListener('abort', onAbort);
      if (this.pending.size === 0) this.armIdle();
    });
    return result;
  }

  /** Ends the helper process; a pending request rejects with 'unavailable'. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    this.kill(child);
    if (child.running) await exited;
  }
}

/** A local generator over the model installed in `modelDir` (see {@link LocalGeneratorOptions}). */
export function createLocalGenerator(opts: LocalGeneratorOptions): LocalGenerator {
  return new LocalGenerator(opts);
}
