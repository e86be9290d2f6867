/**
 * ROUGE as computed by Google's `rouge_score` package without stemming, the way the ACI-BENCH paper scored notes:
 * text is lowercased, every character outside [a-z0-9] becomes a space, tokens are the remaining runs.
 * ROUGE-N uses clipped n-gram overlap; ROUGE-Lsum splits both texts on newlines and uses the summary-level
 * union-LCS with token-count clipping. Scores are F-measures in [0, 1].
 */

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeLsum: RougeScore;
}

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
}

function score(hits: number, refCount: number, predCount: number): RougeScore {
  const precision = predCount > 0 ? hits / predCount : 0;
  const recall = refCount > 0 ? hits / refCount : 0;
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function rougeN(reference: string, prediction: string, n: number): RougeScore {
  const ref = ngramCounts(rougeTokens(reference), n);
  const pred = ngramCounts(rougeTokens(prediction), n);
  let hits = 0;
  for (const [g, c] of ref) hits += Math.min(c, pred.get(g) ?? 0);
  let refCount = 0;
  for (const c of ref.values()) refCount += c;
  let predCount = 0;
  for (const c of pred.values()) predCount += c;
  return score(hits, refCount, predCount);
}

/** Indices into `ref` of one LCS of ref and can, with rouge_score's backtracking tie-break. */
export function lcsIndices(ref: string[], can: string[]): number[] {
  const rows = ref.length + 1;
  const cols = can.length + 1;
  const t = new Uint16Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      t[i * cols + j] =
        ref[i - 1] === can[j - 1]
          ? t[(i - 1) * cols + j - 1]! + 1
          : Math.max(t[(i - 1) * cols + j]!, t[i * cols + j - 1]!);
    }
  }
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i * cols + j - 1]! > t[(i - 1) * cols + j]!) j--;
    else i--;
  }
  return out.reverse();
}

function sentences(text: string): string[][] {
  return text
    .split('\n')
    .filter((s) => s.length > 0)
    .map(rougeTokens);
}

export function rougeLsum(reference: string, prediction: string): RougeScore {
  const refSents = sentences(reference);
  const canSents = sentences(prediction);
  if (refSents.length === 0 || canSents.length === 0) return score(0, 0, 0);
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (m === 0 || n === 0) return score(0, 0, 0);
  const cntR = new Map<string, number>();
  const cntC = new Map<string, number>();
  for (const s of refSents) for (const t of s) cntR.set(t, (cntR.get(t) ?? 0) + 1);
  for (const s of canSents) for (const t of s) cntC.set(t, (cntC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const idx of lcsIndices(r, c)) union.add(idx);
    for (const idx of [...union].sort((a, b) => a - b)) {
      const tok = r[idx]!;
      if ((cntC.get(tok) ?? 0) > 0 && (cntR.get(tok) ?? 0) > 0) {
        hits++;
        cntC.set(tok, cntC.get(tok)! - 1);
        cntR.set(tok, cntR.get(tok)! - 1);
      }
    }
  }
  return score(hits, m, n);
}

export function rougeAll(reference: string, prediction: string): RougeScores {
  return {
    rouge1: rougeN(reference, prediction, 1),
    rouge2: rougeN(reference, prediction, 2),
    rougeLsum: rougeLsum(reference, prediction),
  };
}
