/**
 * A fastText-style classifier trained in plain TypeScript, deterministically: hashed feature ids → mean of their
 * embedding rows (an embedding bag) → optional ReLU hidden layer → linear layer → softmax. Plain SGD, one example at
 * a time in an order drawn from a seeded generator, learning rate decaying linearly to zero (as fastText does).
 * Arithmetic is float64 rounded into Float32Array weights, in a fixed order: the same data and config give the same
 * bytes on every run.
 */

export interface TrainConfig {
  /** Hash buckets (a power of two): rows of the embedding table. */
  buckets: number;
  /** Embedding width. */
  dim: number;
  /** Hidden ReLU units; 0 = linear (fastText). */
  hidden: number;
  epochs: number;
  /** Initial learning rate. */
  lr: number;
  seed: number;
  /** Class weight = (N / (C · n_c))^power: 0 = unweighted, 1 = fully balanced. */
  classWeightPower: number;
}

export interface Example {
  ids: number[];
  label: number;
  /** Extra weight of this example (a second data set can count for less). */
  weight?: number;
}

/** fp32 weights of a trained model. Matrices are row-major, one row per output unit (ONNX Gemm with transB). */
export interface Weights {
  config: TrainConfig;
  labels: string[];
  /** [buckets, dim] */
  emb: Float32Array;
  /** [hidden, dim] and [hidden] when hidden > 0. */
  hidW?: Float32Array;
  hidB?: Float32Array;
  /** [labels, hidden || dim] and [labels]. */
  outW: Float32Array;
  outB: Float32Array;
}

/** mulberry32: a small seeded generator, floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(n: number, scale: number, next: () => number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (next() * 2 - 1) * scale;
  return a;
}

/** Forward pass in float64: returns the intermediate vectors the backward pass needs. */
function forward(w: Weights, ids: number[]): { bag: Float64Array; h: Float64Array; logits: Float64Array } {
  const { dim, hidden } = w.config;
  const bag = new Float64Array(dim);
  if (ids.length) {
    for (const id of ids) {
      const o = id * dim;
      for (let d = 0; d < dim; d++) bag[d]! += w.emb[o + d]!;
    }
    const inv = 1 / ids.length;
    for (let d = 0; d < dim; d++) bag[d]! *= inv;
  }
  let h = bag;
  if (hidden > 0) {
    h = new Float64Array(hidden);
    for (let j = 0; j < hidden; j++) {
      let z = w.hidB![j]!;
      const o = j * dim;
      for (let d = 0; d < dim; d++) z += w.hidW![o + d]! * bag[d]!;
      h[j] = z > 0 ? z : 0;
    }
  }
  const k = h.length;
  const c = w.labels.length;
  const logits = new Float64Array(c);
  for (let i = 0; i < c; i++) {
    let z = w.outB[i]!;
    const o = i * k;
    for (let d = 0; d < k; d++) z += w.outW[o + d]! * h[d]!;
    logits[i] = z;
  }
  return { bag, h, logits };
}

/** Class scores of one example (float64 reference forward pass, used to select configs on a train slice). */
export function predictLogits(w: Weights, ids: number[]): Float64Array {
  return forward(w, ids).logits;
}

export function argmax(a: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[b]!) b = i;
  return b;
}

export function train(examples: Example[], labels: readonly string[], config: TrainConfig): Weights {
  const { buckets, dim, hidden, epochs, seed } = config;
  if (buckets & (buckets - 1)) throw new Error('buckets must be a power of two');
  const next = rng(seed);
  const k = hidden > 0 ? hidden : dim;
  const c = labels.length;
  const w: Weights = {
    config,
    labels: [...labels],
    // Rows of features never seen stay exactly zero: they add nothing at run time and quantise exactly.
    emb: new Float32Array(buckets * dim),
    outW: uniform(c * k, 1 / Math.sqrt(k), next),
    outB: new Float32Array(c),
  };
  if (hidden > 0) {
    w.hidW = uniform(hidden * dim, 1 / Math.sqrt(dim), next);
    w.hidB = new Float32Array(hidden);
    // The bag starts at zero: with zero embeddings a ReLU layer would pass nothing, so embeddings start small.
    w.emb = uniform(buckets * dim, 1 / dim, next);
  }
  const counts = new Array<number>(c).fill(0);
  for (const e of examples) counts[e.label]!++;
  const classW = counts.map((n) => (n ? Math.pow(examples.length / (c * n), config.classWeightPower) : 0));
  const order = examples.map((_, i) => i);
  const total = epochs * examples.length;
  let step = 0;
  const dh = new Float64Array(k);
  const dbag = new Float64Array(dim);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const idx of order) {
      const e = examples[idx]!;
      const lr = config.lr * (1 - step++ / total);
      if (!e.ids.length) continue;
      const { bag, h, logits } = forward(w, e.ids);
      let max = -Infinity;
      for (const z of logits) max = Math.max(max, z);
      let sum = 0;
      for (let i = 0; i < c; i++) sum += Math.exp(logits[i]! - max);
      const scale = lr * classW[e.label]! * (e.weight ?? 1);
      dh.fill(0);
      for (let i = 0; i < c; i++) {
        const g = (Math.exp(logits[i]! - max) / sum - (i === e.label ? 1 : 0)) * scale;
        if (g === 0) continue;
        const o = i * k;
        for (let d = 0; d < k; d++) {
          dh[d]! += g * w.outW[o + d]!;
          w.outW[o + d] = w.outW[o + d]! - g * h[d]!;
        }
        w.outB[i] = w.outB[i]! - g;
      }
      if (hidden > 0) {
        dbag.fill(0);
        for (let j = 0; j < hidden; j++) {
          if (h[j]! <= 0) continue;
          const g = dh[j]!;
          const o = j * dim;
          for (let d = 0; d < dim; d++) {
            dbag[d]! += g * w.hidW![o + d]!;
            w.hidW![o + d] = w.hidW![o + d]! - g * bag[d]!;
          }
          w.hidB![j] = w.hidB![j]! - g;
        }
      } else dbag.set(dh);
      const inv = 1 / e.ids.length;
      for (const id of e.ids) {
        const o = id * dim;
        for (let d = 0; d < dim; d++) w.emb[o + d] = w.emb[o + d]! - dbag[d]! * inv;
      }
    }
  }
  return w;
}

/** Symmetric int8 with one scale per row: q = round(x / s), s = max|row| / 127 (1 for an all-zero row). */
export function quantizeRows(m: Float32Array, rows: number): { q: Int8Array; scale: Float32Array } {
  const cols = m.length / rows;
  const q = new Int8Array(m.length);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) max = Math.max(max, Math.abs(m[i]!));
    const s = max > 0 ? Math.fround(max / 127) : 1;
    scale[r] = s;
    for (let i = r * cols; i < (r + 1) * cols; i++) q[i] = Math.max(-127, Math.min(127, Math.round(m[i]! / s)));
  }
  return { q, scale };
}

/** Per-class and overall scores of predictions against labels. */
export interface Scores {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

/** Accuracy and macro-F1 over the classes present in the gold labels. */
export function score(gold: number[], pred: number[], labels: readonly string[]): Scores {
  let ok = 0;
  const tp = new Array<number>(labels.length).fill(0);
  const fp = [...tp];
  const fn = [...tp];
  gold.forEach((g, i) => {
    const p = pred[i]!;
    if (p === g) {
      ok++;
      tp[g]!++;
    } else {
      fp[p]!++;
      fn[g]!++;
    }
  });
  const perClass: Scores['perClass'] = {};
  let f1Sum = 0;
  let present = 0;
  labels.forEach((l, i) => {
    const support = tp[i]! + fn[i]!;
    const precision = tp[i]! + fp[i]! ? tp[i]! / (tp[i]! + fp[i]!) : 0;
    const recall = support ? tp[i]! / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support };
    if (support) {
      f1Sum += f1;
      present++;
    }
  });
  return { accuracy: gold.length ? ok / gold.length : 0, macroF1: present ? f1Sum / present : 0, perClass };
}
