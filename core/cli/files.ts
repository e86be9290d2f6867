/**
 * Reading a command's input and writing its --out file.
 *
 * Input is read with a size limit (a transcript, note or context file larger than the limit, or an endless device
 * such as /dev/zero, stops with exit 2 instead of filling memory) and stops when the command is cancelled.
 *
 * Output to a regular file (or a new one) is atomic: a temp file beside it, then a rename, so a reader never sees
 * half a note and an interrupted command leaves nothing behind (temp files still pending when Ctrl-C or SIGTERM
 * arrives are removed before the process exits, see removePendingTempFiles). A special file (/dev/null, /dev/stdout,
 * a FIFO, a terminal) is written through, never replaced; a folder or a socket is refused. Write errors (a full
 * disk, /dev/full, no permission) are named in words and exit non-zero.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, unlinkSync } from 'node:fs';
import { open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_TRANSCRIPT_CHARS } from '../api/limits.js';
import { CliError, EXIT, type CliIO } from './cli.js';

const MiB = 1024 * 1024;

/**
 * Largest single text input (a transcript, a note, a patient context): 8 MiB. A one-hour visit is about 60-100 KB of
 * text; the API accepts transcripts of up to 2,000,000 characters (core/api/limits.ts).
 */
export const MAX_TEXT_INPUT_BYTES = 8 * MiB;
/** Largest JSON-lines batch (many visits, one per line; each visit's text within the API's limits): 64 MiB. */
export const MAX_BATCH_INPUT_BYTES = 64 * MiB;

/** Refuses a transcript over the API's limit, in words (`what`: "the transcript", "visit 3: the dialogue"). */
export function checkTranscriptChars(text: string, what = 'the transcript'): void {
  if (text.length > MAX_TRANSCRIPT_CHARS)
    throw new CliError(`${what} is longer than ${MAX_TRANSCRIPT_CHARS.toLocaleString('en-US')} characters`, EXIT.usage);
}

/** The command was stopped by Ctrl-C or SIGTERM (io.signal); main() exits 130 / 143. */
export class CancelledError extends CliError {
  constructor() {
    super('stopped', EXIT.failure);
    this.name = 'CancelledError';
  }
}

/** Throws CancelledError once the command's signal is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function mib(bytes: number): string {
  return `${Math.round(bytes / MiB)} MiB`;
}

async function readStream(
  stream: AsyncIterable<unknown>,
  limit: number,
  what: string,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    throwIfCancelled(signal);
    const b = typeof c === 'string' ? Buffer.from(c) : Buffer.from(c as Uint8Array);
    size += b.length;
    if (size > limit)
      throw new CliError(
        `${what} is larger than ${mib(limit)} (the limit for one input); nothing was written`,
        EXIT.usage,
      );
    chunks.push(b);
  }
  throwIfCancelled(signal);
  return Buffer.concat(chunks);
}

export interface ReadOptions {
  /** Bytes accepted (default MAX_TEXT_INPUT_BYTES). */
  maxBytes?: number;
  /** What the input is, for messages ("input", "context", "note"). */
  what?: string;
}

/** Reads FILE (relative to the working folder) or standard input ('-' or absent), up to a size limit. */
export async function readInput(file: string | undefined, io: CliIO, opts: ReadOptions = {}): Promise<Buffer> {
  const limit = opts.maxBytes ?? MAX_TEXT_INPUT_BYTES;
  const what = opts.what ?? 'input';
  if (file === undefined || file === '-') return readStream(io.stdin, limit, what, io.signal);
  const path = resolve(io.cwd, file);
  const label = what === 'input' ? 'input file' : `${what} file`;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CliError(`${label} '${file}' is a folder`, EXIT.usage);
    if (st.isFile() && st.size > limit)
      throw new CliError(`${label} '${file}' is larger than ${mib(limit)} (the limit for one input)`, EXIT.usage);
    // Devices and pipes have no size up front: read them as a stream with the same limit.
    return await readStream(createReadStream(path), limit, `${label} '${file}'`, io.signal);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `${label} '${file}' does not exist` : `cannot read ${label} '${file}' (${code ?? 'error'})`,
      EXIT.usage,
    );
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EFBIG: 'the file is too large for the file system',
  EIO: 'input/output error',
  ENXIO: 'nothing is reading from it',
  EPIPE: 'nothing is reading from it',
};

function writeError(path: string, err: unknown): CliError {
  if (err instanceof CliError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const words = WRITE_ERRORS[code];
  return new CliError(`cannot write output file '${path}': ${words ? `${words} (${code})` : code}`);
}

/** Temp files of atomic writes in progress; removed if the process is stopped by a signal before the rename. */
const pendingTemps = new Set<string>();

/** Removes the temp files of unfinished atomic writes (synchronously: called just before a signal exit). */
export function removePendingTempFiles(): void {
  for (const tmp of pendingTemps) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already renamed or removed.
    }
  }
  pendingTemps.clear();
}

/**
 * Writes `text` to `path`: atomically (temp file + rename) when `path` is a regular file or does not exist yet;
 * written through when it is a character device or a FIFO (/dev/null, /dev/stdout, a pipe); refused when it is a
 * folder, a socket or a block device. A symbolic link to a regular file keeps its link: its target is replaced.
 */
async function writeAtomic(path: string, text: string, signal?: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  let target = path;
  let mode: number | undefined;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CliError(`cannot write output file '${path}': it is a folder`);
    if (st.isCharacterDevice() || st.isFIFO()) return await writeThrough(path, text);
    if (!st.isFile()) throw new CliError(`cannot write output file '${path}': it is not a regular file`);
    target = await realpath(path);
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw writeError(path, err);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pendingTemps.add(tmp);
  try {
    await writeFile(tmp, text, { flag: 'wx', ...(mode !== undefined ? { mode } : {}) });
    throwIfCancelled(signal);
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err instanceof CliError ? err : writeError(path, err);
  } finally {
    pendingTemps.delete(tmp);
  }
}

/** Writes to a device or FIFO as it is (no temp file, no rename); errors such as ENOSPC from /dev/full are named. */
async function writeThrough(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'w');
    await handle.writeFile(text);
  } catch (err) {
    throw writeError(path, err);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes a command's output to --out FILE (relative to the working folder) or to standard output. */
export async function emit(out: string | undefined, text: string, io: CliIO): Promise<void> {
  throwIfCancelled(io.signal);
  if (out) await writeAtomic(resolve(io.cwd, out), text, io.signal);
  else io.stdout.write(text);
}
