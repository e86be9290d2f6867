/**
 * Parent side of the ASR worker process. One `WhisperWorker` owns one helper process holding one model; requests are
 * serialised (whisper.cpp runs one transcription per context at a time). `transcribe` takes an AbortSignal: on abort
 * the child is killed at once (whisper.cpp has no abort hook in this binding) and the next call starts a fresh one.
 *
 * The process is started by the one helper launcher (core/launcher): an Electron utilityProcess in the desktop app
 * (the runAsNode fuse is off there), a Node child process in the CLI and dev host. It dies with its parent.
 */
import { fileURLToPath } from 'node:url';
import { helperLauncher, siblingEntry, type HelperProcess } from '../../core/launcher/launcher.js';
import {
  NativeError,
  checkModelFile,
  selectVariant,
  type Variant,
  type VariantChoice,
  type WhisperSegment,
} from '../../native/whisper.js';
import { packageRoot } from '../../core/platform/paths.js';
import { log } from '../../core/platform/log.js';
import type { RunOptions, WorkerReply, WorkerRequest } from './protocol.js';

export class AsrCancelledError extends Error {
  constructor() {
    super('transcription cancelled');
    this.name = 'AsrCancelledError';
  }
}

export interface TranscribeChunkResult {
  segments: WhisperSegment[];
  language: string | null;
  /** Milliseconds whisper.cpp spent (inside the worker). */
  ms: number;
}

/** What the pipeline needs from an ASR engine; `WhisperWorker` is the real one. */
export interface AsrEngine {
  transcribe(
    pcm: Int16Array,
    options: RunOptions,
    signal?: AbortSignal,
    onSegments?: (segments: WhisperSegment[]) => void,
  ): Promise<TranscribeChunkResult>;
  close(): Promise<void>;
}

export interface WhisperWorkerOptions {
  modelPath: string;
  /** 'auto' | 'cpu' | 'cuda' | 'vulkan'; default from BEDSIDE_WHISPER_VARIANT, else 'cpu'. */
  variant?: string;
  /** Time allowed to load the model before giving up. Default 120 s. */
  loadTimeoutMs?: number;
}

/** worker-main beside this module (.ts from sources, .js when built). */
function workerEntry(): string {
  return siblingEntry(fileURLToPath(import.meta.url), /whisper-worker\.(ts|js)$/, 'worker-main');
}

type Pending = {
  resolve: (r: TranscribeChunkResult) => void;
  reject: (e: Error) => void;
  onSegments: ((s: WhisperSegment[]) => void) | undefined;
};

export class WhisperWorker implements AsrEngine {
  private child: HelperProcess | undefined;
  private loading: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly choice: VariantChoice;
  /** Variant actually running after load (a GPU variant may have fallen back to CPU). */
  loadedVariant: Variant | undefined;
  loadReason = '';

  constructor(private readonly opts: WhisperWorkerOptions) {
    checkModelFile(opts.modelPath);
    this.choice = selectVariant(opts.variant ?? process.env.BEDSIDE_WHISPER_VARIANT);
  }

  /** Starts the worker and loads the model (also done lazily by the first `transcribe`). */
  async load(): Promise<void> {
    if (this.closed) throw new NativeError('the ASR worker is closed', 'run_failed');
    if (this.child && this.loading) return this.loading;
    const child = helperLauncher().launch({ entry: workerEntry(), name: 'whisper', cwd: packageRoot() });
    this.child = child;
    this.loading = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new NativeError('the model took too long to load', 'load_failed'));
      }, this.opts.loadTimeoutMs ?? 120_000);
      const settle = (err?: Error) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      child.on('message', (m) => {
        const msg = m as WorkerReply;
        if (msg.type === 'ready') {
          const req: WorkerRequest = {
            type: 'load',
            modelPath: this.opts.modelPath,
            variant: this.choice.variant,
            reason: this.choice.reason,
          };
          child.send(req);
        } else if (msg.type === 'loaded') {
          this.loadedVariant = msg.variant as Variant;
          this.loadReason = msg.reason;
          log.info('asr.loaded', { variant: msg.variant });
          settle();
        } else if (msg.type === 'error' && msg.id === undefined) {
          this.kill();
          settle(new NativeError(msg.message, msg.code as NativeError['code']));
        } else this.onReply(msg);
      });
      child.on('exit', ({ code, signal }) => {
        if (this.child === child) {
          this.child = undefined;
          this.loading = undefined;
        }
        const err = new NativeError(
          `the ASR worker stopped unexpectedly (${signal ?? `exit code ${code}`})`,
          'run_failed',
        );
        settle(err);
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          p.reject(err);
        }
      });
      child.on('error', () => settle(new NativeError('the ASR worker could not start', 'load_failed')));
    });
    // Mark handled here; callers still receive the rejection through the returned promise.
    this.loading.catch(() => undefined);
    return this.loading;
  }

  private onReply(msg: WorkerReply): void {
    if (msg.type === 'segments') this.pending.get(msg.id)?.onSegments?.(msg.segments);
    else if (msg.type === 'result') {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.resolve({ segments: msg.segments, language: msg.language, ms: msg.ms });
    } else if (msg.type === 'error' && msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.reject(new NativeError(msg.message, msg.code as NativeError['code']));
    }
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    this.loading = undefined;
    child?.kill();
  }

  transcribe(
    pcm: Int16Array,
    options: RunOptions,
    signal?: AbortSignal,
    onSegments?: (segments: WhisperSegment[]) => void,
  ): Promise<TranscribeChunkResult> {
    const run = async (): Promise<TranscribeChunkResult> => {
      if (signal?.aborted) throw new AsrCancelledError();
      await this.load();
      if (signal?.aborted) throw new AsrCancelledError(); // cancelled while the model was loading
      const child = this.child;
      if (!child) throw new NativeError('the ASR worker is not running', 'run_failed');
      const id = this.nextId++;
      return new Promise<TranscribeChunkResult>((resolve, reject) => {
        const onAbort = () => {
          this.pending.delete(id);
          this.kill(); // immediate: the next request starts a fresh worker
          reject(new AsrCancelledError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const done =
          <T>(fn: (v: T) => void) =>
          (v: T) => {
            signal?.removeEventListener('abort', onAbort);
            fn(v);
          };
        this.pending.set(id, { resolve: done(resolve), reject: done(reject), onSegments });
        const req: WorkerRequest = { type: 'transcribe', id, pcm, options, wantSegments: !!onSegments };
        child.send(req);
      });
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    if (!signal) return p;
    // While queued or loading, an abort answers the caller at once; the queued run then sees the signal and skips.
    return Promise.race([
      p,
      new Promise<never>((_resolve, reject) => {
        if (signal.aborted) reject(new AsrCancelledError());
        signal.addEventListener('abort', () => reject(new AsrCancelledError()), { once: true });
      }),
    ]);
  }

  /** Worker process id (for tests and the bench: RSS of the child). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = undefined;
    this.loading = undefined;
    if (!child || !child.running) return;
    // The worker holds nothing but a read-only model: ending it outright is safe and never waits on a long run.
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    });
  }
}
