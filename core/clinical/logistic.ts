/**
 * The one logistic-regression fit the repo's small text models share (the speaker-role model, the register model):
 * full-batch AdaGrad on L2-regularised logistic loss, fixed epochs, optional per-example weights. Deterministic.
 */
export interface LogisticFit {
  w: Float64Array;
  b: number;
}

/**
 * The features seen at least `minCount` times, sorted (the weight order), and each example as the indices of its
 * features in that list.
 */
export function indexFeatures(
  feats: ReadonlyArray<readonly string[]>,
  minCount: number,
): { vocab: string[]; xs: number[][] } {
  const counts = new Map<string, number>();
  for (const fs of feats) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts.entries()].filter(([, c]) => c >= minCount).map(([f]) => f);
  vocab.sort();
  const id = new Map(vocab.map((f, i) => [f, i]));
  const xs = feats.map((fs) => fs.map((f) => id.get(f)).filter((i): i is number => i !== undefined));
  return { vocab, xs };
}

export function fitLogistic(
  xs: ReadonlyArray<readonly number[]>,
  ys: readonly number[],
  features: number,
  opts: { epochs: number; l2: number; rate: number; weights?: readonly number[] },
): LogisticFit {
  const w = new Float64Array(features);
  const g2 = new Float64Array(features).fill(1e-8);
  let b = 0;
  let gb2 = 1e-8;
  for (let e = 0; e < opts.epochs; e++) {
    const grad = new Float64Array(features);
    let gb = 0;
    for (let k = 0; k < xs.length; k++) {
      let z = b;
      for (const i of xs[k]!) z += w[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const d = opts.weights ? (p - ys[k]!) * opts.weights[k]! : p - ys[k]!;
      gb += d;
      for (const i of xs[k]!) grad[i]! += d;
    }
    const n = xs.length;
    for (let i = 0; i < features; i++) {
      const g = grad[i]! / n + opts.l2 * w[i]!;
      g2[i]! += g * g;
      w[i]! -= (opts.rate * g) / Math.sqrt(g2[i]!);
    }
    gb /= n;
    gb2 += gb * gb;
    b -= (opts.rate * gb) / Math.sqrt(gb2);
  }
  return { w, b };
}
