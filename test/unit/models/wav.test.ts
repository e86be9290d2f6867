import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16, readWavInfo, WavError } from '../../../models/audio/wav.js';
import { resample, to16k } from '../../../models/audio/resample.js';

/** Builds a WAV file by hand: any format code, bit depth, channels and rate, with raw sample bytes. */
function wav(o: {
  format?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  data: Buffer;
  extensible?: boolean;
}): Buffer {
  const channels = o.channels ?? 1;
  const bits = o.bits ?? 16;
  const rate = o.rate ?? 16000;
  const fmtLen = o.extensible ? 40 : 16;
  const fmt = Buffer.alloc(fmtLen);
  fmt.writeUInt16LE(o.extensible ? 0xfffe : (o.format ?? 1), 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(((rate * channels * bits) / 8) >>> 0, 8);
  fmt.writeUInt16LE(((channels * bits) / 8) & 0xffff, 12);
  fmt.writeUInt16LE(bits, 14);
  if (o.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(o.format ?? 1, 24);
  }
  const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
  const chunks = Buffer.concat([
    Buffer.from('fmt '),
    u32(fmtLen),
    fmt,
    list,
    Buffer.from('data'),
    u32(o.data.length),
    o.data,
  ]);
  return Buffer.concat([Buffer.from('RIFF'), u32(4 + chunks.length), Buffer.from('WAVE'), chunks]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

const FIXTURE = '../shared/fixtures/jfk.wav';

describe('WAV reader', () => {
  it('reads the 16 kHz mono fixture', () => {
    const a = decodeWav(readFileSync(FIXTURE));
    expect(a.sampleRate).toBe(16000);
    expect(a.channels).toHaveLength(1);
    expect(a.durationSec).toBeCloseTo(11, 0);
    expect(a.bitsPerSample).toBe(16);
  });

  it('decodes every accepted sample encoding to the same values', () => {
    const values = [0, 0.5, -0.5, 0.25, -1];
    const enc = (bits: number, float: boolean) => {
      const b = Buffer.alloc(values.length * (bits / 8));
      values.forEach((v, i) => {
        const o = i * (bits / 8);
        if (float && bits === 32) b.writeFloatLE(v, o);
        else if (float) b.writeDoubleLE(v, o);
        else if (bits === 8) b.writeUInt8(Math.round(v * 128 + 128) & 0xff, o);
        else if (bits === 16) b.writeInt16LE(Math.max(-32768, Math.round(v * 32768)), o);
        else if (bits === 24) b.writeIntLE(Math.max(-8388608, Math.round(v * 8388608)), o, 3);
        else b.writeInt32LE(Math.max(-2147483648, Math.round(v * 2147483648)), o);
      });
      return b;
    };
    for (const [bits, float] of [
      [8, false],
      [16, false],
      [24, false],
      [32, false],
      [32, true],
      [64, true],
    ] as const) {
      const a = decodeWav(wav({ bits, format: float ? 3 : 1, data: enc(bits, float) }));
      expect(a.encoding).toBe(float ? 'float' : 'int');
      expect(Array.from(a.channels[0]!)).toEqual(values.map((v) => expect.closeTo(v, 2)));
    }
  });

  it('accepts WAVE_FORMAT_EXTENSIBLE and keeps stereo channels apart', () => {
    const data = Buffer.alloc(8);
    data.writeInt16LE(16384, 0); // L
    data.writeInt16LE(-16384, 2); // R
    data.writeInt16LE(8192, 4);
    data.writeInt16LE(0, 6);
    const a = decodeWav(wav({ channels: 2, rate: 44100, data, extensible: true }));
    expect(a.sampleRate).toBe(44100);
    expect(Array.from(a.channels[0]!)).toEqual([0.5, 0.25]);
    expect(Array.from(a.channels[1]!)).toEqual([-0.5, 0]);
  });

  it('round-trips through encodeWav16', () => {
    const ch = [new Float32Array([0, 0.5, -0.5]), new Float32Array([0.1, 0.2, 0.3])];
    const a = decodeWav(encodeWav16(ch, 22050));
    expect(a.sampleRate).toBe(22050);
    expect(a.channels[1]![2]).toBeCloseTo(0.3, 3);
  });

  const bad: [string, Buffer, RegExp][] = [
    ['empty file', Buffer.alloc(0), /empty/],
    ['short file', Buffer.from('RIFF'), /too short/],
    ['MP3', Buffer.concat([Buffer.from('ID3'), Buffer.alloc(100)]), /not a WAV file.*compressed/],
    ['text', Buffer.from('hello world, this is not audio at all'), /not a WAV file/],
    ['RF64', Buffer.concat([Buffer.from('RF64'), Buffer.alloc(100)]), /RF64/],
    ['no data chunk', wav({ data: Buffer.alloc(0) }).subarray(0, 12 + 8 + 16), /no 'data' chunk/],
    ['zero-length data', wav({ data: Buffer.alloc(0) }), /empty: no audio/],
    ['three channels', wav({ channels: 3, data: Buffer.alloc(12) }), /only mono or stereo/],
    ['zero channels', wav({ channels: 0, data: Buffer.alloc(12) }), /0 channels/],
    ['12-bit', wav({ bits: 12, data: Buffer.alloc(12) }), /12 bits/],
    ['ADPCM', wav({ format: 2, bits: 4, data: Buffer.alloc(12) }), /format code 2/],
    ['absurd rate', wav({ rate: 4_000_000_000, data: Buffer.alloc(12) }), /out of range/],
    ['zero rate', wav({ rate: 0, data: Buffer.alloc(12) }), /out of range/],
  ];
  for (const [name, buf, re] of bad)
    it(`rejects ${name} with a clear WavError`, () => {
      expect(() => decodeWav(buf)).toThrowError(WavError);
      expect(() => decodeWav(buf)).toThrowError(re);
      expect(() => decodeWav(buf)).toThrowError(/accepted: WAV/);
    });

  it('rejects a truncated data chunk and an absurd declared size', () => {
    const good = wav({ data: Buffer.alloc(3200) });
    expect(() => decodeWav(good.subarray(0, good.length - 100))).toThrowError(/truncated/);
    const absurd = Buffer.from(good);
    absurd.writeUInt32LE(0x7fffffff, good.length - 3200 - 4);
    expect(() => decodeWav(absurd)).toThrowError(/truncated/);
  });

  it('treats a 0xFFFFFFFF data size (streaming writer) as "to the end of the file"', () => {
    const b = Buffer.from(wav({ data: Buffer.alloc(320) }));
    b.writeUInt32LE(0xffffffff, b.length - 320 - 4);
    expect(readWavInfo(b).frames).toBe(160);
  });

  it('fuzzed headers always end in a WavError or valid audio, never another error or a hang', () => {
    const base = wav({ channels: 2, rate: 44100, bits: 16, data: Buffer.alloc(4000) });
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let errors = 0;
    let ok = 0;
    for (let i = 0; i < 3000; i++) {
      const b = Buffer.from(base);
      const flips = 1 + Math.floor(rnd() * 6);
      for (let k = 0; k < flips; k++) b[Math.floor(rnd() * 80)] = Math.floor(rnd() * 256);
      const cut = rnd() < 0.3 ? Math.floor(rnd() * b.length) : b.length;
      try {
        const a = decodeWav(b.subarray(0, cut));
        expect(a.channels[0]!.length).toBeGreaterThan(0);
        ok++;
      } catch (err) {
        expect(err).toBeInstanceOf(WavError);
        expect((err as Error).message.split('\n')).toHaveLength(1);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(100);
    expect(ok).toBeGreaterThan(10);
  });
});

function sine(freq: number, rate: number, sec: number, amp = 0.5): Float32Array {
  const n = Math.round(rate * sec);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate);
  return x;
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
}

describe('resampler', () => {
  it('keeps the length ratio and a passband tone at full level (44.1 kHz, 48 kHz, 8 kHz, 22.05 kHz)', () => {
    for (const rate of [44100, 48000, 8000, 22050, 11025]) {
      const y = to16k(sine(1000, rate, 1), rate);
      expect(Math.abs(y.length - 16000)).toBeLessThanOrEqual(1);
      // Middle of the signal, away from the edges: a 0.5-amplitude sine has RMS 0.354.
      expect(rms(y, 2000, 14000)).toBeCloseTo(0.354, 2);
    }
  });

  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    // 12 kHz at 48 kHz would alias to 4 kHz at 16 kHz without the anti-aliasing filter.
    const y = to16k(sine(12000, 48000, 1), 48000);
    expect(rms(y, 2000, 14000)).toBeLessThan(0.354 * 0.001); // better than -60 dB
    const z = to16k(sine(9000, 44100, 1), 44100);
    expect(rms(z, 2000, 14000)).toBeLessThan(0.354 * 0.001);
  });

  it('handles an odd rate ratio (phase quantisation) and empty input', () => {
    const y = resample(sine(500, 44101, 0.5), 44101, 16000);
    expect(rms(y, 1000, 7000)).toBeCloseTo(0.354, 2);
    expect(resample(new Float32Array(0), 44100, 16000)).toHaveLength(0);
  });
});
