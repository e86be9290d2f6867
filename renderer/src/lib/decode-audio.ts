/**
 * Audio files chosen in the page (no host path reaches the core): decoded by the browser's own decoder into
 * 16 kHz mono PCM16, the format the core stores and transcribes. `OfflineAudioContext` at 16 kHz resamples inside
 * `decodeAudioData`; channels are averaged into one.
 */

export const IMPORT_RATE = 16_000;
/** Largest file read into the page (about 1 h 40 min of 44.1 kHz stereo 16-bit WAV). */
export const MAX_IMPORT_BYTES = 1024 ** 3;

export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Averages the channels and converts to little-endian-ready Int16 samples (clipped). */
export function downmixToPcm16(channels: Float32Array[]): Int16Array {
  const n = channels[0]?.length ?? 0;
  const out = new Int16Array(n);
  const k = channels.length;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += channels[c]![i] ?? 0;
    const v = Math.max(-1, Math.min(1, sum / k));
    out[i] = Math.round(v < 0 ? v * 32768 : v * 32767);
  }
  return out;
}

export interface DecodedAudio {
  pcm: Int16Array;
  /** Seconds at 16 kHz. */
  durationSec: number;
  /** Channels in the file before downmixing. */
  channels: number;
}

export type AudioDecoder = (data: ArrayBuffer) => Promise<DecodedAudio>;

/** The browser's decoder (WAV, and whatever else Chromium reads: MP3, Ogg, FLAC...). */
export const browserDecoder: AudioDecoder = async (data) => {
  const Ctx = globalThis.OfflineAudioContext;
  if (!Ctx) throw new DecodeError('This window cannot read audio files. Paste a transcript instead.');
  const ctx = new Ctx(1, 1, IMPORT_RATE);
  let buf: AudioBuffer;
  try {
    buf = await ctx.decodeAudioData(data);
  } catch {
    throw new DecodeError('This file is not audio Bedside can read. Choose a WAV recording.');
  }
  const channels = Array.from({ length: buf.numberOfChannels }, (_, c) => buf.getChannelData(c));
  const pcm = downmixToPcm16(channels);
  return { pcm, durationSec: pcm.length / IMPORT_RATE, channels: buf.numberOfChannels };
};

function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(new DecodeError('The file could not be read. Choose it again.'));
    reader.readAsArrayBuffer(file);
  });
}

/** Reads and decodes a chosen file, with the size and emptiness checks a clinician can act on. */
export async function decodeFile(file: Blob, decode: AudioDecoder = browserDecoder): Promise<DecodedAudio> {
  if (file.size === 0) throw new DecodeError('This file is empty. Choose a WAV recording.');
  if (file.size > MAX_IMPORT_BYTES)
    throw new DecodeError('This file is too large to import (the limit is 1 GB). Split the recording and try again.');
  const audio = await decode(await readBytes(file));
  if (audio.pcm.length < IMPORT_RATE / 10) throw new DecodeError('This recording holds no audio. Choose another file.');
  return audio;
}
