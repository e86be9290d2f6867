/**
 * The local text engine's pieces shared by the parent (local.ts) and its helper process (local-worker.ts): the
 * messages they exchange, the pure decisions made before a model is loaded (which weights file — dtype — and
 * which devices to try, how much memory the load needs), and how the worker cuts the generated tokens into streamed
 * pieces. Nothing here imports transformers.js or onnxruntime.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ChatMessage } from '../../core/engines/types.js';

/** Execution devices transformers.js offers in Node, in the order of preference on each platform. */
export type LocalDevice = 'cpu' | 'cuda' | 'dml' | 'coreml';

/** Weight formats (transformers.js file suffixes: model.onnx, model_q4.onnx, model_quantized.onnx…). */
export const DTYPE_SUFFIX = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;
export type LocalDtype = keyof typeof DTYPE_SUFFIX;

export type LocalRequest =
  | {
      type: 'load';
      modelDir: string;
      subfolder: string;
      dtype: LocalDtype;
      devices: LocalDevice[];
      /** ONNX Runtime intra-op threads; absent: the runtime's default (one per physical core). */
      threads?: number;
    }
  | {
      type: 'generate';
      id: number;
      messages: ChatMessage[];
      maxTokens: number;
      temperature: number;
      stream: boolean;
      /** Streamed pieces are sent at most this often (ms; the first at once); 0 sends every token. */
      flushMs?: number;
    }
  | { type: 'cancel'; id: number };

export type LocalReply =
  | { type: 'ready' }
  | { type: 'loaded'; device: LocalDevice; dtype: LocalDtype; fallback: string | null; ms: number; network: number }
  | { type: 'token'; id: number; text: string }
  | {
      type: 'done';
      id: number;
      text: string;
      tokens: number;
      promptTokens: number;
      finish: 'stop' | 'length';
      ms: number;
      network: number;
    }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id?: number; code: 'unavailable' | 'bad-output'; message: string; network: number };

/**
 * Default interval between streamed pieces, ms: about two frames, far below what a reader notices, while a model
 * writing hundreds of tokens a second costs a few dozen IPC messages a second instead of one per token.
 */
export const STREAM_FLUSH_MS = 25;

/** The tokenizer call the streamer needs (transformers.js' tokenizer.decode). */
export interface PieceDecoder {
  decode(ids: bigint[], options: { skip_special_tokens: boolean }): string;
}

/**
 * Streams the generated text in pieces with incremental detokenisation, coalesced in time: the first piece goes out
 * at once (the UI shows the first words as soon as they exist), later tokens are collected and sent together at most
 * every `flushMs` (and at the end), so a fast model costs one IPC message per interval instead of one per token.
 * Each flush decodes the new tokens with the previous piece's tokens before them as context and sends only the new
 * characters (held back while they end in an incomplete character). transformers.js' TextStreamer re-decodes
 * everything since the last newline at every token, which grows with the answer (a 3000-token JSON answer without
 * newlines costs O(n²) decoding); this stays O(1) per token, and decodes once per flush rather than per token.
 */
export class PieceStreamer {
  private readonly ids: bigint[] = [];
  private prefix = 0;
  private read = 0;
  private prompt = true;
  /** Time of the last piece sent; -Infinity before the first, so the first token is sent at once. */
  private last = -Infinity;
  constructor(
    private readonly tok: PieceDecoder,
    private readonly emit: (text: string) => void,
    private readonly flushMs = STREAM_FLUSH_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}
  private decode(ids: bigint[]): string {
    return ids.length ? this.tok.decode(ids, { skip_special_tokens: true }) : '';
  }
  /** Sends the text of the tokens not sent yet; false when there was none (or it ends in a split character). */
  private flush(final: boolean): boolean {
    if (this.ids.length === this.read) return false;
    const before = this.decode(this.ids.slice(this.prefix, this.read));
    const now = this.decode(this.ids.slice(this.prefix));
    if (now.length > before.length && (final || !now.endsWith('\uFFFD'))) {
      this.emit(now.slice(before.length));
      // The tokens of this piece are the context of the next decode (a token's leading space depends on it).
      this.prefix = this.read;
      this.read = this.ids.length;
      return true;
    }
    return false;
  }
  /** Called by generate(): first with the prompt (skipped), then with each new token. */
  put(value: bigint[][]): void {
    if (this.prompt) {
      this.prompt = false;
      return;
    }
    this.ids.push(...value[0]!);
    const t = this.now();
    if (t - this.last >= this.flushMs && this.flush(false)) this.last = t;
  }
  end(): void {
    this.flush(true);
  }
}

/** Where the ONNX files of a model folder are: `onnx/` (the Hugging Face layout) or the folder itself (installed
 * by the model manager, which keeps files flat). */
export function onnxSubfolder(modelDir: string): string {
  return existsSync(join(modelDir, 'onnx')) && statSync(join(modelDir, 'onnx')).isDirectory() ? 'onnx' : '';
}

function modelFiles(modelDir: string, subfolder: string): string[] {
  try {
    return readdirSync(join(modelDir, subfolder)).filter((f) => /^model.*\.onnx(_data(_\d+)?)?$/.test(f));
  } catch {
    return [];
  }
}

/** The dtypes whose weights the folder holds. */
export function availableDtypes(modelDir: string, subfolder = onnxSubfolder(modelDir)): LocalDtype[] {
  const files = new Set(modelFiles(modelDir, subfolder));
  return (Object.keys(DTYPE_SUFFIX) as LocalDtype[]).filter((d) => files.has(`model${DTYPE_SUFFIX[d]}.onnx`));
}

function configDtype(modelDir: string): string | undefined {
  try {
    const cfg = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    const tj = cfg['transformers.js_config'] as { dtype?: unknown } | undefined;
    return typeof tj?.dtype === 'string' ? tj.dtype : undefined;
  } catch {
    return undefined;
  }
}

/** Preference when the caller names no dtype: 4-bit weights first (smallest, what the catalogue installs), fp16
 * activations only on a GPU. */
const PREFER_CPU: LocalDtype[] = ['q4', 'q8', 'int8', 'uint8', 'bnb4', 'q4f16', 'fp32', 'fp16'];
const PREFER_GPU: LocalDtype[] = ['q4f16', 'fp16', 'q4', 'q8', 'int8', 'uint8', 'bnb4', 'fp32'];

export class LocalModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalModelError';
  }
}

/**
 * The dtype to load: the one asked for (which must be present), else config.json's transformers.js dtype if its
 * file is present, else the first present in order of preference for the device.
 */
export function chooseDtype(modelDir: string, device: LocalDevice, requested?: string): LocalDtype {
  const sub = onnxSubfolder(modelDir);
  const have = availableDtypes(modelDir, sub);
  if (have.length === 0)
    throw new LocalModelError('the model folder holds no ONNX weights (model*.onnx): install the model again');
  if (requested) {
    if (!(requested in DTYPE_SUFFIX)) throw new LocalModelError(`unknown weight format '${requested}'`);
    const d = requested as LocalDtype;
    if (!have.includes(d))
      throw new LocalModelError(
        `the model has no ${d} weights (model${DTYPE_SUFFIX[d]}.onnx); it has ${have.join(', ')}`,
      );
    return d;
  }
  const fromConfig = configDtype(modelDir);
  if (fromConfig && have.includes(fromConfig as LocalDtype)) return fromConfig as LocalDtype;
  const order = device === 'cpu' ? PREFER_CPU : PREFER_GPU;
  return order.find((d) => have.includes(d))!;
}

/** Bytes of the weights of one dtype (the graph file and its external data files). */
export function weightBytes(modelDir: string, dtype: LocalDtype): number {
  const sub = onnxSubfolder(modelDir);
  const base = `model${DTYPE_SUFFIX[dtype]}.onnx`;
  let total = 0;
  for (const f of modelFiles(modelDir, sub))
    if (f === base || f.startsWith(`${base}_data`)) total += statSync(join(modelDir, sub, f)).size;
  return total;
}

/** Free memory a load needs: the weights once in the session plus working memory (KV cache, activations, the
 * runtime itself). An estimate with a margin, not measured on the catalogue's models (none can be downloaded where
 * this was written); IT can set the requirement instead (LocalGeneratorOptions.minFreeBytes). */
export function memoryNeeded(bytes: number): number {
  return Math.ceil(bytes * 1.3 + 384 * 1024 ** 2);
}

/** True when onnxruntime-node's CUDA provider libraries are installed (they are downloaded separately). */
export function cudaProviderInstalled(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('onnxruntime-node/package.json');
    return existsSync(join(dirname(pkg), 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}

/**
 * Devices to try, best first; CPU is always last (the fallback). 'auto' picks the platform's accelerator:
 * DirectML on Windows, Core ML on macOS, CUDA on Linux x64 when its provider libraries are installed.
 */
export function deviceCandidates(
  requested: LocalDevice | 'auto' = 'auto',
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  cuda: () => boolean = cudaProviderInstalled,
): LocalDevice[] {
  if (requested === 'cpu') return ['cpu'];
  if (requested !== 'auto') return [requested, 'cpu'];
  if (platform === 'win32') return ['dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  if (platform === 'linux' && arch === 'x64' && cuda()) return ['cuda', 'cpu'];
  return ['cpu'];
}

/** Gigabytes with one decimal, for messages. */
export function gb(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
