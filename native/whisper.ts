/**
 * Loading @fugood/whisper.node: which prebuilt binary variant to use (CPU, CUDA, Vulkan), with a clean fallback to
 * CPU, and native failures mapped to clear, PHI-free errors. Only the ASR worker process calls `openWhisper`; the
 * rest of the app uses `selectVariant` and `checkModelFile` (no native code).
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type Variant = 'cpu' | 'cuda' | 'vulkan';
export type BindingVariant = 'default' | 'cuda' | 'vulkan';

export class NativeError extends Error {
  constructor(
    message: string,
    public readonly code: 'binary_missing' | 'model_missing' | 'model_invalid' | 'load_failed' | 'run_failed',
  ) {
    super(message);
    this.name = 'NativeError';
  }
}

const require = createRequire(import.meta.url);

function packageFor(variant: Variant, platform = process.platform, arch = process.arch): string {
  return `@fugood/node-whisper-${platform}-${arch}${variant === 'cpu' ? '' : `-${variant}`}`;
}

/** True when the prebuilt binary for this variant is installed (does not load it). */
export function variantInstalled(variant: Variant): boolean {
  try {
    const pkg = require.resolve(`${packageFor(variant)}/package.json`);
    return existsSync(`${dirname(pkg)}/index.node`);
  } catch {
    return false;
  }
}

export interface VariantChoice {
  variant: Variant;
  /** Why this variant was chosen (for `models doctor`-style output and logs; no PHI). */
  reason: string;
}

/**
 * Picks the binary variant. `requested` comes from settings or BEDSIDE_WHISPER_VARIANT: 'auto' uses a GPU variant
 * only when its binary is installed and a matching device looks present; an explicit GPU variant that is missing
 * falls back to CPU with a reason.
 */
export function selectVariant(
  requested: string | undefined,
  probe: { cudaDevice: boolean; vulkanDevice: boolean } = gpuDevices(),
  installed: (v: Variant) => boolean = variantInstalled,
): VariantChoice {
  const want = (requested ?? 'cpu').toLowerCase();
  if (want !== 'auto' && want !== 'cpu' && want !== 'cuda' && want !== 'vulkan')
    throw new NativeError(`unknown whisper variant '${requested}' (expected auto, cpu, cuda or vulkan)`, 'load_failed');
  if (want === 'cpu') return { variant: 'cpu', reason: 'CPU requested' };
  if (want === 'auto') {
    if (probe.cudaDevice && installed('cuda'))
      return { variant: 'cuda', reason: 'NVIDIA device and CUDA binary found' };
    if (probe.vulkanDevice && installed('vulkan'))
      return { variant: 'vulkan', reason: 'Vulkan device and binary found' };
    return { variant: 'cpu', reason: 'no usable GPU variant: using CPU' };
  }
  if (!installed(want)) return { variant: 'cpu', reason: `${want} binary not installed: falling back to CPU` };
  const present = want === 'cuda' ? probe.cudaDevice : probe.vulkanDevice;
  if (!present) return { variant: 'cpu', reason: `no ${want} device found: falling back to CPU` };
  return { variant: want, reason: `${want} requested` };
}

/** Cheap device presence checks (no driver calls). */
export function gpuDevices(): { cudaDevice: boolean; vulkanDevice: boolean } {
  if (process.platform !== 'linux') return { cudaDevice: false, vulkanDevice: process.platform === 'win32' };
  const cudaDevice = existsSync('/dev/nvidia0') || existsSync('/proc/driver/nvidia/version');
  const vulkanDevice = existsSync('/dev/dri/renderD128') || cudaDevice;
  return { cudaDevice, vulkanDevice };
}

const GGML_MAGIC = 0x67676d6c; // "lmgg" little-endian, as whisper.cpp writes it
const GGUF_MAGIC = 0x46554747; // "GGUF"

/**
 * Checks a model file before handing it to native code, so a wrong file gives a clear error instead of a crash
 * inside whisper.cpp. Returns the file size.
 */
export function checkModelFile(path: string): number {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new NativeError('the model path is not a file', 'model_missing');
    size = st.size;
  } catch (err) {
    if (err instanceof NativeError) throw err;
    throw new NativeError('the model file does not exist or cannot be read', 'model_missing');
  }
  if (size < 1024)
    throw new NativeError(`the model file is too small to be a Whisper model (${size} bytes)`, 'model_invalid');
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const magic = head.readUInt32LE(0);
  if (magic === GGUF_MAGIC)
    throw new NativeError('the model file is GGUF (an LLM format?), not a whisper.cpp ggml model', 'model_invalid');
  if (magic !== GGML_MAGIC)
    throw new NativeError('the model file is not a whisper.cpp ggml model (bad magic)', 'model_invalid');
  return size;
}

/** Minimal surface of the binding used by the worker. */
export interface WhisperSegment {
  text: string;
  t0: number;
  t1: number;
}
export interface WhisperRunResult {
  result: string;
  segments: WhisperSegment[];
  isAborted: boolean;
  language?: string;
}
export interface WhisperRunOptions {
  language?: string;
  prompt?: string;
  maxThreads?: number;
  temperature?: number;
  beamSize?: number;
  onNewSegments?: (r: { segments: WhisperSegment[] }) => void;
}
export interface WhisperHandle {
  transcribeData(
    pcm16: ArrayBuffer,
    options: WhisperRunOptions,
  ): { stop(): Promise<void>; promise: Promise<WhisperRunResult> };
  release(): Promise<void>;
}

export interface OpenedWhisper {
  context: WhisperHandle;
  variant: Variant;
  reason: string;
}

/**
 * Loads the binding (chosen variant, CPU fallback if the GPU binary fails to load or to open the model) and opens
 * the model. Native messages are replaced by clear ones; the raw message is not shown (it may hold file paths).
 */
export async function openWhisper(modelPath: string, choice: VariantChoice): Promise<OpenedWhisper> {
  checkModelFile(modelPath);
  // A variable specifier keeps TypeScript from type-checking the package's shipped .ts sources.
  const specifier = '@fugood/whisper.node';
  const binding = (await import(specifier)) as unknown as {
    initWhisper(o: { filePath: string; useGpu: boolean }, v?: BindingVariant): Promise<WhisperHandle>;
    toggleNativeLog(enable: boolean): Promise<void>;
  };
  await binding.toggleNativeLog(false).catch(() => undefined);
  const attempt = async (variant: Variant) =>
    binding.initWhisper({ filePath: modelPath, useGpu: variant !== 'cpu' }, variant === 'cpu' ? 'default' : variant);
  if (choice.variant !== 'cpu') {
    try {
      return { context: await attempt(choice.variant), variant: choice.variant, reason: choice.reason };
    } catch {
      // GPU load failed (driver, memory): CPU below.
    }
  }
  try {
    const reason = choice.variant === 'cpu' ? choice.reason : `${choice.variant} failed to load: falling back to CPU`;
    return { context: await attempt('cpu'), variant: 'cpu', reason };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/Failed to load whisper\.node|Cannot find module|cannot open shared object/i.test(msg))
      throw new NativeError('the whisper native binary is missing or incompatible with this system', 'binary_missing');
    throw new NativeError('whisper.cpp could not load the model (corrupt or incompatible file)', 'load_failed');
  }
}
