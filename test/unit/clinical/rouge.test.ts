import { describe, expect, it } from 'vitest';
import { lcsIndices, rougeAll, rougeLsum, rougeN, rougeTokens } from '../../../core/clinical/rouge.js';

describe('ROUGE (rouge_score without stemming)', () => {
  it('tokenizes like rouge_score: lowercase, non-alphanumerics to spaces', () => {
    expect(rougeTokens('Blood-pressure: 120/80! Ca\u00f1on')).toEqual(['blood', 'pressure', '120', '80', 'ca', 'on']);
  });

  it('ROUGE-1 and ROUGE-2 on a hand-computed pair', () => {
    // ref: the cat sat on the mat (6 tokens), pred: the cat on the mat (5 tokens)
    const r1 = rougeN('the cat sat on the mat', 'the cat on the mat', 1);
    expect(r1.precision).toBeCloseTo(1, 10);
    expect(r1.recall).toBeCloseTo(5 / 6, 10);
    expect(r1.fmeasure).toBeCloseTo(10 / 11, 10);
    // bigrams: ref 5, pred 4, shared: "the cat", "on the", "the mat"
    const r2 = rougeN('the cat sat on the mat', 'the cat on the mat', 2);
    expect(r2.precision).toBeCloseTo(3 / 4, 10);
    expect(r2.recall).toBeCloseTo(3 / 5, 10);
    expect(r2.fmeasure).toBeCloseTo(2 / 3, 10);
  });

  it('clips repeated n-grams to the reference count', () => {
    const r = rougeN('a b', 'a a a a', 1);
    expect(r.precision).toBeCloseTo(1 / 4, 10);
    expect(r.recall).toBeCloseTo(1 / 2, 10);
  });

  it('LCS backtracking returns reference indices', () => {
    expect(lcsIndices(['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toEqual([0, 2, 3]);
    expect(lcsIndices(['a'], ['b'])).toEqual([]);
  });

  it('rougeLsum uses the union LCS over newline-split sentences', () => {
    // ref [a b c] [d e]; cand [a c] [d x e] → hits 2 + 2 of 5 and 5 tokens
    const r = rougeLsum('a b c\nd e', 'a c\nd x e');
    expect(r.precision).toBeCloseTo(4 / 5, 10);
    expect(r.recall).toBeCloseTo(4 / 5, 10);
    // one reference sentence matched across two candidate sentences
    expect(rougeLsum('a b c d', 'a b\nc d').fmeasure).toBeCloseTo(1, 10);
    // the union counts a reference token once, and clipping limits hits to token counts
    const u = rougeLsum('a a', 'a\na');
    expect(u.precision).toBeCloseTo(1 / 2, 10);
    expect(u.recall).toBeCloseTo(1 / 2, 10);
  });

  it('single-line rougeLsum equals the LCS F-measure', () => {
    expect(rougeLsum('the cat sat on the mat', 'the cat on the mat').fmeasure).toBeCloseTo(10 / 11, 10);
  });

  it('is zero for empty or disjoint texts', () => {
    expect(rougeAll('', 'anything').rouge1.fmeasure).toBe(0);
    expect(rougeAll('a b', 'c d').rougeLsum.fmeasure).toBe(0);
    expect(rougeAll('a b', '').rouge2.fmeasure).toBe(0);
  });
});
