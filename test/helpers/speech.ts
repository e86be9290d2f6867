/**
 * Synthetic clinical dialogue for speech tests: each turn is spoken by espeak-ng (two voices) at test time, into a
 * temp dir, trimmed to its voiced part and placed at a known time, so VAD boundaries can be checked against truth.
 * Needs the Debian package espeak-ng.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../../models/audio/wav.js';
import { to16k } from '../../models/audio/resample.js';
import { levelDb } from '../../models/audio/vad.js';

export const DOCTOR_VOICE = 'en-us+m3';
export const PATIENT_VOICE = 'en-gb+f3';

export interface DialogueTurn {
  speaker: 'doctor' | 'patient';
  text: string;
}

export interface Dialogue {
  /** 16 kHz mono mix (both voices on one channel). */
  mono: Float32Array;
  /** 16 kHz, doctor on channel 0 and patient on channel 1. */
  stereo: [Float32Array, Float32Array];
  /** Where each turn's voiced audio starts and ends (s). */
  turns: { speaker: DialogueTurn['speaker']; start: number; end: number }[];
  durationSec: number;
}

export function espeakAvailable(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Speaks one line with espeak-ng and returns it at 16 kHz. */
export function speak(text: string, voice: string, dir: string): Float32Array {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-s', '160', '-w', file, text], { stdio: 'ignore' });
  const wav = decodeWav(readFileSync(file));
  return to16k(wav.channels[0]!, wav.sampleRate);
}

/** Cuts leading and trailing quiet (10 ms frames below -45 dBFS). */
export function trimSilence(x: Float32Array): Float32Array {
  const frame = 160;
  let first = -1;
  let last = -1;
  for (let i = 0; i + frame <= x.length; i += frame) {
    if (levelDb(x, i, i + frame) > -45) {
      if (first < 0) first = i;
      last = i + frame;
    }
  }
  return first < 0 ? new Float32Array(0) : x.slice(first, last);
}

/** Deterministic low-level noise (so the VAD sees a realistic floor rather than digital silence). */
export function noise(n: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (((s >>> 0) / 4294967296) * 2 - 1) * amplitude;
  }
  return out;
}

export function synthDialogue(
  turns: DialogueTurn[],
  opts: { gapSec?: number; leadSec?: number; noiseAmp?: number } = {},
): Dialogue {
  const gap = opts.gapSec ?? 1.0;
  const lead = opts.leadSec ?? 0.8;
  const dir = mkdtempSync(join(tmpdir(), 'bedside-speech-'));
  try {
    const clips = turns.map((t) =>
      trimSilence(speak(t.text, t.speaker === 'doctor' ? DOCTOR_VOICE : PATIENT_VOICE, dir)),
    );
    const rate = 16_000;
    const total = Math.ceil((lead + clips.reduce((s, c) => s + c.length / rate + gap, 0) + 0.5) * rate);
    const amp = opts.noiseAmp ?? 0.002;
    const mono = noise(total, amp, 7);
    const stereo: [Float32Array, Float32Array] = [noise(total, amp, 11), noise(total, amp, 13)];
    const out: Dialogue['turns'] = [];
    let pos = Math.round(lead * rate);
    clips.forEach((clip, i) => {
      const ch = turns[i]!.speaker === 'doctor' ? 0 : 1;
      for (let k = 0; k < clip.length; k++) {
        mono[pos + k]! += clip[k]!;
        stereo[ch][pos + k]! += clip[k]!;
      }
      out.push({ speaker: turns[i]!.speaker, start: pos / rate, end: (pos + clip.length) / rate });
      pos += clip.length + Math.round(gap * rate);
    });
    return { mono, stereo, turns: out, durationSec: total / rate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A short doctor/patient exchange without commas (espeak pauses at commas). */
export const SAMPLE_DIALOGUE: DialogueTurn[] = [
  { speaker: 'doctor', text: 'Good morning what brings you in today' },
  { speaker: 'patient', text: 'I have had a cough and a fever for three days' },
  { speaker: 'doctor', text: 'Are you taking any medicines for it' },
  { speaker: 'patient', text: 'Only paracetamol twice a day' },
];
