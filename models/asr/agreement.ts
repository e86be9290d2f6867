/**
 * Local-agreement commit policy for live transcription (LocalAgreement-2): a word is committed once two successive
 * hypotheses over the growing audio agree on it (same prefix). Committed words never change afterwards, so the
 * live view never flickers; the rest is shown as tentative.
 */
export interface AgreementState {
  committed: string[];
  tentative: string[];
}

function key(w: string): string {
  return w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
}

export class LocalAgreement {
  private committed: string[] = [];
  private previous: string[] | undefined;

  /** Feeds a new hypothesis for the whole current segment (words from its start). */
  update(hypothesis: string[]): AgreementState {
    const hyp = hypothesis.filter((w) => w.length > 0);
    const c = this.committed.length;
    if (this.previous) {
      // Extend the committed prefix while both hypotheses agree beyond it.
      let i = c;
      while (i < hyp.length && i < this.previous.length && key(hyp[i]!) === key(this.previous[i]!)) i++;
      // Only commit when the already committed part is still what this hypothesis says.
      let consistent = true;
      for (let k = 0; k < c && k < hyp.length; k++) if (key(hyp[k]!) !== key(this.committed[k]!)) consistent = false;
      if (consistent && i > c) this.committed.push(...hyp.slice(c, i));
    }
    this.previous = hyp;
    return this.state(hyp);
  }

  /** Final pass over the segment: everything the final hypothesis says beyond the committed words is committed. */
  finish(finalHypothesis: string[]): string[] {
    const hyp = finalHypothesis.filter((w) => w.length > 0);
    const out = [...this.committed, ...hyp.slice(this.committed.length)];
    this.reset();
    return out;
  }

  reset(): void {
    this.committed = [];
    this.previous = undefined;
  }

  private state(hyp: string[]): AgreementState {
    return { committed: [...this.committed], tentative: hyp.slice(this.committed.length) };
  }

  get committedWords(): readonly string[] {
    return this.committed;
  }
}
