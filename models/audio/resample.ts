/**
 * Band-limited resampling by windowed-sinc interpolation (Kaiser window), polyphase when the rate ratio is a small
 * fraction. The low-pass cutoff sits below the Nyquist frequency of the lower of the two rates, so downsampling
 * (e.g. 44.1 kHz -> 16 kHz) does not fold high frequencies back into the speech band.
 */

export const TARGET_RATE = 16_000;

export interface ResampleOptions {
  /** Zero crossings of the sinc on each side (filter quality). Default 24. */
  zeroCrossings?: number;
  /** Passband edge as a fraction of the lower Nyquist frequency. Default 0.91. */
  rolloff?: number;
  /** Kaiser window shape. Default 8.6 (about 85 dB stopband). */
  beta?: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window. */
function bessel0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/** Maximum number of distinct filter phases kept in the table; finer ratios are quantised to this many. */
const MAX_PHASES = 2048;

export function resample(
  input: Float32Array,
  fromRate: number,
  toRate: number,
  opts: ResampleOptions = {},
): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError('sample rates must be positive');
  if (fromRate === toRate) return input.slice();
  if (input.length === 0) return new Float32Array(0);
  const zc = opts.zeroCrossings ?? 24;
  const rolloff = opts.rolloff ?? 0.91;
  const beta = opts.beta ?? 8.6;
  const g = gcd(fromRate, toRate);
  const up = toRate / g; // L
  const down = fromRate / g; // M
  // Cutoff relative to the input Nyquist frequency.
  const cutoff = Math.min(1, toRate / fromRate) * rolloff;
  const half = Math.ceil(zc / cutoff); // filter half-length in input samples
  const taps = 2 * half;
  const phases = Math.min(up, MAX_PHASES);
  const i0beta = bessel0(beta);
  // table[p * taps + k] = weight of input sample (base - half + 1 + k) for fractional position p / phases.
  const table = new Float32Array(phases * taps);
  for (let p = 0; p < phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const x = k - half + 1 - frac; // distance from the output instant, in input samples
      const r = x / (half + 1);
      const w = Math.abs(r) >= 1 ? 0 : bessel0(beta * Math.sqrt(1 - r * r)) / i0beta;
      const s = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const v = cutoff * s * w;
      table[p * taps + k] = v;
      sum += v;
    }
    // Normalise each phase to unit DC gain so quantised phases do not add ripple.
    for (let k = 0; k < taps; k++) table[p * taps + k]! /= sum;
  }
  const outLen = Math.floor((input.length * up) / down);
  const out = new Float32Array(outLen);
  const n = input.length;
  for (let j = 0; j < outLen; j++) {
    // Position of output j in input samples: j * M / L = base + frac.
    const num = j * down;
    const base = Math.floor(num / up);
    const rem = num - base * up;
    const p = phases === up ? rem : Math.floor((rem * phases) / up);
    const row = p * taps;
    const start = base - half + 1;
    let acc = 0;
    if (start >= 0 && start + taps <= n) {
      for (let k = 0; k < taps; k++) acc += input[start + k]! * table[row + k]!;
    } else {
      for (let k = 0; k < taps; k++) {
        const idx = start + k;
        if (idx >= 0 && idx < n) acc += input[idx]! * table[row + k]!;
      }
    }
    out[j] = acc;
  }
  return out;
}

/** Resamples to the 16 kHz that Whisper and the VAD expect. */
export function to16k(input: Float32Array, fromRate: number): Float32Array {
  return resample(input, fromRate, TARGET_RATE);
}
