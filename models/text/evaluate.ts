/**
 * Scores of the utterance-section model on labelled sentences, next to the rules': accuracy and macro-F1 for the
 * rules, the fp32 twin and the shipped int8 model, and how often int8 and fp32 name the same label.
 */
import type { LabelledUtterance } from '../../core/clinical/learned/align.js';
import { SECTION_LABELS } from '../../core/clinical/learned/features.js';
import { argmax, score, type Scores } from '../../core/clinical/learned/train.js';
import type { TextModel } from './loader.js';

export interface SideBySide {
  sentences: number;
  rules: Scores;
  fp32: Scores;
  int8: Scores;
  /** Share of sentences where int8 and fp32 agree. */
  agreement: number;
  /**
   * Which section, on the sentences the reference note states (label ≠ none): the rules', the int8 model's, and the
   * int8 model's best label other than none (what it says when told the sentence is in the note).
   */
  stated: { sentences: number; rules: number; int8: number; int8NotNone: number };
}

const idx = (l: string) => (SECTION_LABELS as readonly string[]).indexOf(l);

export async function sideBySide(data: LabelledUtterance[], int8: TextModel, fp32: TextModel): Promise<SideBySide> {
  const gold = data.map((u) => idx(u.label));
  const inputs = data.map((u) => u.input);
  const probs = await int8.probabilities(inputs);
  const a = probs.map((p) => SECTION_LABELS[argmax(p)]!);
  const b = await fp32.classify(inputs);
  let same = 0;
  a.forEach((l, i) => (same += l === b[i] ? 1 : 0));
  const stated = data.map((u, i) => ({ u, p: probs[i]! })).filter((x) => x.u.label !== 'none');
  const share = (f: (x: (typeof stated)[number]) => boolean) =>
    stated.length ? stated.filter(f).length / stated.length : 0;
  return {
    sentences: data.length,
    rules: score(
      gold,
      data.map((u) => idx(u.rules)),
      SECTION_LABELS,
    ),
    fp32: score(gold, b.map(idx), SECTION_LABELS),
    int8: score(gold, a.map(idx), SECTION_LABELS),
    agreement: data.length ? same / data.length : 1,
    stated: {
      sentences: stated.length,
      rules: share((x) => x.u.rules === x.u.label),
      int8: share((x) => argmax(x.p) === idx(x.u.label)),
      int8NotNone: share((x) => 1 + argmax(x.p.subarray(1)) === idx(x.u.label)),
    },
  };
}

/** Rounded figures for a card or a report. */
export function summary(s: SideBySide): Record<string, unknown> {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const pick = (x: Scores) => ({ accuracy: r(x.accuracy), macroF1: r(x.macroF1) });
  return {
    sentences: s.sentences,
    rules: pick(s.rules),
    fp32: pick(s.fp32),
    int8: pick(s.int8),
    int8VsFp32Agreement: r(s.agreement),
    statedSection: {
      sentences: s.stated.sentences,
      rules: r(s.stated.rules),
      int8: r(s.stated.int8),
      int8NotNone: r(s.stated.int8NotNone),
    },
    int8PerClassF1: Object.fromEntries(Object.entries(s.int8.perClass).map(([k, v]) => [k, r(v.f1)])),
  };
}
