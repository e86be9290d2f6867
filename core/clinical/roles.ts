/**
 * Speaker-role inference for turns without tags (raw ASR, mono audio): doctor vs patient from the words alone.
 *
 * Each turn gets a doctor-vs-patient log-odds from a lexical model (weights under resources/clinical/), then a
 * two-state Viterbi pass over the turn sequence combines those scores with the strong alternation of dialogue.
 * Turns whose role is already known (tagged) are kept and anchor the sequence. Turns sharing a diarization label
 * ("Speaker 1") are given one role per label.
 */
import { roleFeatures, roleModel } from './role-model.js';
import type { SpeakerRole, Turn } from './types.js';

/** Log-odds that a turn was spoken by the doctor (positive) rather than the patient (negative). */
export function doctorLogOdds(text: string): number {
  const model = roleModel();
  let z = model.bias;
  for (const f of roleFeatures(text)) z += model.weights.get(f) ?? 0;
  return z;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Returns a copy of `turns` where every turn whose speaker is 'unknown' has an inferred role ('doctor' or
 * 'patient'), `roleSource: 'inferred'` and a `roleConfidence`. Known roles are left unchanged.
 */
export function inferSpeakerRoles(turns: readonly Turn[], options: { switchProb?: number } = {}): Turn[] {
  const out = turns.map((t) => ({ ...t }));
  const unknown = out.filter((t) => t.speaker === 'unknown');
  if (unknown.length === 0) return out;
  const scores = out.map((t) => (t.speaker === 'unknown' ? doctorLogOdds(t.text) : 0));

  // Diarized input: a few distinct labels on the unknown turns → decide per label.
  const labels = new Set(unknown.map((t) => t.label).filter((l): l is string => !!l));
  if (labels.size >= 2 && labels.size <= 4 && unknown.every((t) => t.label)) {
    const sum = new Map<string, number>();
    for (const t of unknown) sum.set(t.label!, (sum.get(t.label!) ?? 0) + Math.max(-4, Math.min(4, scores[t.index]!)));
    const doctorLabel = [...sum.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const t of unknown) {
      t.speaker = t.label === doctorLabel ? 'doctor' : 'patient';
      t.roleSource = 'inferred';
      t.roleConfidence = Number(sigmoid(Math.abs(sum.get(t.label!)!)).toFixed(3));
    }
    return out;
  }

  const model = roleModel();
  const pSwitch = options.switchProb ?? model.switchProb;
  const logSwitch = Math.log(pSwitch);
  const logStay = Math.log(1 - pSwitch);
  const n = out.length;
  // States: 0 = doctor, 1 = patient ('other' counts with the patient side).
  const emit = (i: number, s: number): number => {
    const t = out[i]!;
    if (t.speaker !== 'unknown') {
      const known = t.speaker === 'doctor' ? 0 : 1;
      return known === s ? 0 : -20;
    }
    const z = Math.max(-12, Math.min(12, scores[i]!));
    // log P(role | words) up to a constant, for a balanced prior.
    return s === 0 ? -Math.log1p(Math.exp(-z)) : -Math.log1p(Math.exp(z));
  };
  const v: number[][] = [];
  const back: number[][] = [];
  v.push([Math.log(model.firstDoctorProb) + emit(0, 0), Math.log(1 - model.firstDoctorProb) + emit(0, 1)]);
  back.push([0, 1]);
  for (let i = 1; i < n; i++) {
    const prev = v[i - 1]!;
    const row: number[] = [];
    const b: number[] = [];
    for (let s = 0; s < 2; s++) {
      const stay = prev[s]! + logStay;
      const sw = prev[1 - s]! + logSwitch;
      if (stay >= sw) {
        row.push(stay + emit(i, s));
        b.push(s);
      } else {
        row.push(sw + emit(i, s));
        b.push(1 - s);
      }
    }
    v.push(row);
    back.push(b);
  }
  const states = new Array<number>(n);
  let s = v[n - 1]![0]! >= v[n - 1]![1]! ? 0 : 1;
  for (let i = n - 1; i >= 0; i--) {
    states[i] = s;
    s = back[i]![s]!;
  }
  // Per-turn confidence from forward-backward would be costlier; the local posterior is a fair summary.
  for (let i = 0; i < n; i++) {
    const t = out[i]!;
    if (t.speaker !== 'unknown') continue;
    const role: SpeakerRole = states[i] === 0 ? 'doctor' : 'patient';
    t.speaker = role;
    t.roleSource = 'inferred';
    const p = sigmoid(scores[i]!);
    t.roleConfidence = Number((role === 'doctor' ? p : 1 - p).toFixed(3));
  }
  return out;
}
