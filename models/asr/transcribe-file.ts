/**
 * File transcription as the CLI and the API expose it: read a WAV, resolve the model (catalogue id or path),
 * run the pipeline in the ASR worker (Silero VAD, or the energy VAD as fallback), return
 * `{segments, durationSec, model, rtf}`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createDefaultVad } from '../audio/silero.js';
import { decodeWav, WavError } from '../audio/wav.js';
import { ModelManager, ModelError } from '../manager/manager.js';
import { recommendModel, probeHardware } from '../manager/hardware.js';
import { transcribeAudio, type PipelineOptions, type TranscriptSegment } from './pipeline.js';
import { WhisperWorker } from './whisper-worker.js';

export interface FileTranscript {
  segments: TranscriptSegment[];
  durationSec: number;
  model: string;
  rtf: number;
}

/** Largest WAV accepted (a 3-hour stereo 48 kHz 24-bit recording is about 3.1 GB; this allows 2 GiB). */
export const MAX_WAV_BYTES = 2 * 1024 ** 3 - 1;

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface ResolvedModel {
  path: string;
  /** Catalogue id, or the file name for a path. */
  label: string;
}

/** `--model ID|PATH`; without one, an installed model (the recommended one first). */
export function resolveModel(
  spec: string | undefined,
  manager: () => ModelManager,
  cwd = process.cwd(),
): ResolvedModel {
  if (spec !== undefined) {
    const asPath = resolve(cwd, spec);
    if (/[/\\]/.test(spec) || spec.endsWith('.bin') || existsSync(asPath)) {
      if (!existsSync(asPath)) throw new InputError('the model file was not found (check the --model path)');
      return { path: asPath, label: basename(asPath) };
    }
    const m = manager();
    const model = m.model(spec);
    if (model.task !== 'asr') throw new InputError(`'${model.id}' is not a speech-recognition model`);
    return { path: m.path(model.id), label: model.id };
  }
  const m = manager();
  const installed = m.installedIds().filter((id) => m.model(id).task === 'asr');
  if (installed.length === 0)
    throw new ModelError(
      "no speech model is installed: run 'bedside models install tiny.en' (or pass --model PATH)",
      'not_installed',
    );
  const rec = recommendModel(probeHardware()).id;
  const id = installed.includes(rec) ? rec : installed[0]!;
  return { path: m.path(id), label: id };
}

export function readWavFile(path: string): ReturnType<typeof decodeWav> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError('the input is not a file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    // The file name is not echoed: recordings are often named after the patient.
    throw new InputError('the input file was not found or cannot be read');
  }
  if (size > MAX_WAV_BYTES) throw new WavError(`the file is too large (${size} bytes; the limit is 2 GiB)`);
  return decodeWav(readFileSync(path));
}

export async function transcribeFile(
  path: string,
  opts: PipelineOptions & { model?: string; cwd?: string; variant?: string; manager?: () => ModelManager } = {},
): Promise<FileTranscript> {
  const audio = readWavFile(resolve(opts.cwd ?? process.cwd(), path));
  const model = resolveModel(opts.model, opts.manager ?? (() => new ModelManager()), opts.cwd);
  const worker = new WhisperWorker({ modelPath: model.path, ...(opts.variant ? { variant: opts.variant } : {}) });
  try {
    // Silero VAD by default; the energy VAD when onnxruntime or the model cannot be loaded (logged once).
    const createVad = opts.createVad ?? (await createDefaultVad()).create;
    const r = await transcribeAudio(audio, worker, { ...opts, createVad });
    return {
      segments: r.segments,
      durationSec: r.durationSec,
      model: model.label,
      rtf: Math.round(r.rtf * 1000) / 1000,
    };
  } finally {
    await worker.close();
  }
}
