/**
 * WAV (RIFF) reader. Accepts PCM integer samples of 8, 16, 24 or 32 bits and IEEE float of 32 bits (64-bit float
 * too), WAVE_FORMAT_EXTENSIBLE wrappers of those, any sample rate from 1 kHz to 384 kHz, mono or stereo.
 *
 * Every malformed input ends in a `WavError` with a one-line message that says what is wrong and what is accepted:
 * never an exception of another kind, never a hang (the chunk walk always advances and is bounded by the buffer).
 * Messages carry sizes and codes only, never sample data.
 */

export const ACCEPTED_FORMATS =
  'WAV (RIFF) with 8/16/24/32-bit integer or 32/64-bit float samples, mono or stereo, 1-384 kHz';

export class WavError extends Error {
  constructor(message: string) {
    super(`${message} (accepted: ${ACCEPTED_FORMATS}; other formats can be converted in the desktop app)`);
    this.name = 'WavError';
  }
}

export type SampleEncoding = 'int' | 'float';

export interface WavAudio {
  sampleRate: number;
  /** One Float32Array per channel, samples in [-1, 1]. Stereo channels are kept apart. */
  channels: Float32Array[];
  encoding: SampleEncoding;
  bitsPerSample: number;
  durationSec: number;
}

export interface WavInfo {
  sampleRate: number;
  channelCount: number;
  encoding: SampleEncoding;
  bitsPerSample: number;
  /** Byte offset and length of the sample data inside the buffer. */
  dataOffset: number;
  dataBytes: number;
  frames: number;
}

const MIN_RATE = 1000;
const MAX_RATE = 384_000;
/** Refuse anything that decodes to more than this many frames per channel (about 6 h at 48 kHz). */
export const MAX_FRAMES = 1_100_000_000;

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

function tag(buf: Uint8Array, at: number): string {
  return String.fromCharCode(buf[at]!, buf[at + 1]!, buf[at + 2]!, buf[at + 3]!);
}

function printable(id: string): string {
  return /^[\x20-\x7e]{4}$/.test(id) ? `'${id}'` : 'unreadable bytes';
}

/** Parses the RIFF header and chunk list; does not decode samples. */
export function readWavInfo(input: Uint8Array): WavInfo {
  const buf = input;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength === 0) throw new WavError('the file is empty');
  if (buf.byteLength < 12) throw new WavError(`the file is too short to be a WAV file (${buf.byteLength} bytes)`);
  const riff = tag(buf, 0);
  if (riff === 'RF64' || riff === 'BW64') throw new WavError('RF64/BW64 (64-bit WAV) is not supported');
  if (riff === 'RIFX') throw new WavError('big-endian WAV (RIFX) is not supported');
  if (riff !== 'RIFF' || tag(buf, 8) !== 'WAVE') {
    const hint =
      /^(ID3|fLaC|OggS)/.test(riff) || (buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0)
        ? ' (looks like compressed audio)'
        : '';
    throw new WavError(`not a WAV file: no RIFF/WAVE header${hint}`);
  }

  let fmt: { format: number; channels: number; rate: number; blockAlign: number; bits: number } | undefined;
  let data: { offset: number; bytes: number } | undefined;
  let pos = 12;
  // Each iteration advances by at least 8 bytes, and stops at the end of the buffer: no hang on any input.
  while (pos + 8 <= buf.byteLength) {
    const id = tag(buf, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    const remaining = buf.byteLength - body;
    if (id === 'fmt ') {
      if (size < 16) throw new WavError(`the 'fmt ' chunk is too short (${size} bytes, need 16)`);
      if (size > remaining) throw new WavError('the file is truncated inside the format chunk');
      let format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const rate = view.getUint32(body + 4, true);
      const blockAlign = view.getUint16(body + 12, true);
      const bits = view.getUint16(body + 14, true);
      if (format === FORMAT_EXTENSIBLE) {
        if (size < 40) throw new WavError(`the extensible 'fmt ' chunk is too short (${size} bytes, need 40)`);
        format = view.getUint16(body + 24, true); // first two bytes of the sub-format GUID
      }
      fmt = { format, channels, rate, blockAlign, bits };
    } else if (id === 'data') {
      if (size > remaining) {
        // Streaming writers leave 0xFFFFFFFF (or 0) when they never came back to fix the size.
        if (size === 0xffffffff) data = { offset: body, bytes: remaining };
        else
          throw new WavError(
            `the file is truncated: the data chunk declares ${size} bytes but only ${remaining} are present`,
          );
      } else data = { offset: body, bytes: size };
      if (fmt) break; // samples found after the format: anything later (LIST, id3) is irrelevant
    } else if (!/^[\x20-\x7e]{4}$/.test(id)) {
      throw new WavError(`corrupt chunk list: ${printable(id)} at byte ${pos}`);
    }
    if (size > remaining) {
      if (data && fmt) break;
      throw new WavError(
        `the file is truncated: chunk ${printable(id)} declares ${size} bytes but only ${remaining} are present`,
      );
    }
    pos = body + size + (size & 1);
  }
  if (!fmt) throw new WavError("no 'fmt ' chunk: the header is missing or damaged");
  if (!data) throw new WavError("no 'data' chunk: the file holds no audio");

  const { format, channels, rate, blockAlign, bits } = fmt;
  let encoding: SampleEncoding;
  if (format === FORMAT_PCM) {
    if (![8, 16, 24, 32].includes(bits)) throw new WavError(`unsupported integer sample size: ${bits} bits`);
    encoding = 'int';
  } else if (format === FORMAT_FLOAT) {
    if (bits !== 32 && bits !== 64) throw new WavError(`unsupported float sample size: ${bits} bits`);
    encoding = 'float';
  } else {
    throw new WavError(`unsupported WAV encoding (format code ${format}; compressed WAV is not accepted)`);
  }
  if (channels === 0) throw new WavError('the header declares 0 channels');
  if (channels > 2) throw new WavError(`${channels} channels: only mono or stereo is accepted`);
  if (rate < MIN_RATE || rate > MAX_RATE) throw new WavError(`sample rate ${rate} Hz is out of range`);
  const frameBytes = channels * (bits / 8);
  if (blockAlign !== frameBytes)
    throw new WavError(`inconsistent header: block align ${blockAlign} but ${channels} x ${bits}-bit samples`);
  const frames = Math.floor(data.bytes / frameBytes);
  if (frames === 0) throw new WavError('the data chunk is empty: no audio samples');
  if (frames > MAX_FRAMES) throw new WavError(`the recording is too long (${frames} frames)`);
  return {
    sampleRate: rate,
    channelCount: channels,
    encoding,
    bitsPerSample: bits,
    dataOffset: data.offset,
    dataBytes: frames * frameBytes,
    frames,
  };
}

/** Decodes a WAV buffer into per-channel float samples. */
export function decodeWav(input: Uint8Array): WavAudio {
  const info = readWavInfo(input);
  const view = new DataView(input.buffer, input.byteOffset + info.dataOffset, info.dataBytes);
  const { channelCount: nc, frames, bitsPerSample: bits, encoding } = info;
  const channels = Array.from({ length: nc }, () => new Float32Array(frames));
  const bytes = bits / 8;
  let off = 0;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nc; c++) {
      let v: number;
      if (encoding === 'float') v = bits === 32 ? view.getFloat32(off, true) : view.getFloat64(off, true);
      else if (bits === 16) v = view.getInt16(off, true) / 32768;
      else if (bits === 8) v = (view.getUint8(off) - 128) / 128;
      else if (bits === 24) {
        const x = view.getUint8(off) | (view.getUint8(off + 1) << 8) | (view.getInt8(off + 2) << 16);
        v = x / 8388608;
      } else v = view.getInt32(off, true) / 2147483648;
      if (!Number.isFinite(v)) v = 0;
      channels[c]![i] = v > 1 ? 1 : v < -1 ? -1 : v;
      off += bytes;
    }
  }
  return {
    sampleRate: info.sampleRate,
    channels,
    encoding,
    bitsPerSample: bits,
    durationSec: frames / info.sampleRate,
  };
}

/** Encodes float channels as a 16-bit PCM WAV (used by tests, the bench and exports). */
export function encodeWav16(channels: Float32Array[], sampleRate: number): Buffer {
  const nc = channels.length;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * nc * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(nc, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * nc * 2, 28);
  out.writeUInt16LE(nc * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  let off = 44;
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < nc; c++) {
      out.writeInt16LE(floatToInt16(channels[c]![i]!), off);
      off += 2;
    }
  return out;
}

export function floatToInt16(v: number): number {
  const s = Math.round(v * 32767);
  return s > 32767 ? 32767 : s < -32768 ? -32768 : s;
}

/** Float samples to little-endian PCM16 bytes (what whisper.cpp's binding takes). */
export function toPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = floatToInt16(samples[i]!);
  return out;
}

export function fromPcm16(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! / 32768;
  return out;
}
