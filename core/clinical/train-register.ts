/**
 * Trains the note-vs-speech register model (resources/clinical/register-model.json; see register-model.ts).
 * Run: `npx tsx core/clinical/train-register.ts ../shared/data/aci-bench/train.csv ../shared/data/mts-dialog/train.csv`
 * (train splits only). Note sentences come from the reference notes; speech sentences are the transcripts' sentences
 * after the drafter's clean-up and third-person rewrite, so the model learns what that rewrite leaves of speech, not
 * the pronouns it already fixes. Deterministic: full-batch AdaGrad on class-balanced, L2-regularised logistic loss.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseCsvObjects } from './csv.js';
import { fitLogistic, indexFeatures } from './logistic.js';
import { splitSentences } from './discourse.js';
import { parseTranscript } from './parse.js';
import { registerFeatures, type RegisterModelFile } from './register-model.js';
import { splitLabel } from './register.js';
import { cleanSpoken, finishSentence, toThirdPerson } from './rewrite.js';
import { resourcePath } from '../platform/paths.js';

export interface LabelledSentence {
  text: string;
  note: boolean;
  /** The visit it came from (held-out evaluation splits by visit). */
  visit: string;
}

/** Sentences of a reference note, without headings and bullet labels. */
export function noteSentences(note: string): string[] {
  return note
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^[A-Z0-9 &/,-]+:?$/.test(l))
    .flatMap((l) => splitSentences(splitLabel(l.replace(/^[-*•]\s*/, '')).body))
    .filter((s) => s.split(/\s+/).length >= 4);
}

/** A transcript's sentences as the drafter would copy them: cleaned and in the third person. */
export function speechSentences(dialogue: string): string[] {
  const out: string[] = [];
  for (const t of parseTranscript(dialogue).turns)
    for (const raw of splitSentences(t.text)) {
      const clean = cleanSpoken(raw);
      if (!clean || clean.split(/\s+/).length < 4 || clean.endsWith('?')) continue;
      const speaker = t.speaker === 'doctor' ? 'doctor' : 'patient';
      out.push(finishSentence(toThirdPerson(clean, speaker, null)));
    }
  return out;
}

/** Labelled sentences of a CSV with a dialogue and a note column ("note" or "section_text"). */
export function labelledSentences(csvText: string, prefix: string): LabelledSentence[] {
  return parseCsvObjects(csvText).flatMap((row, i) => {
    const visit = `${prefix}${row.encounter_id ?? row.ID ?? i}`;
    const note = row.note ?? row.section_text ?? '';
    return [
      ...noteSentences(note).map((text) => ({ text, note: true, visit })),
      ...speechSentences(row.dialogue ?? '').map((text) => ({ text, note: false, visit })),
    ];
  });
}

export function trainRegisterModel(
  data: LabelledSentence[],
  opts: { minCount?: number; epochs?: number; l2?: number; rate?: number } = {},
): { bias: number; weights: Record<string, number> } {
  const minCount = opts.minCount ?? 3;
  const epochs = opts.epochs ?? 80;
  const l2 = opts.l2 ?? 0.001;
  const rate = opts.rate ?? 0.5;
  const { vocab, xs } = indexFeatures(
    data.map((d) => registerFeatures(d.text)),
    minCount,
  );
  const ys = data.map((d) => (d.note ? 1 : 0));
  const pos = ys.filter((y) => y === 1).length;
  const neg = ys.length - pos;
  // Each class weighs the same in the loss, however many sentences it has.
  const cw = ys.map((y) => (y === 1 ? ys.length / (2 * Math.max(1, pos)) : ys.length / (2 * Math.max(1, neg))));
  const { w, b } = fitLogistic(xs, ys, vocab.length, { epochs, l2, rate, weights: cw });
  const weights: Record<string, number> = {};
  vocab.forEach((f, i) => {
    if (Math.abs(w[i]!) >= 0.02) weights[f] = Number(w[i]!.toFixed(3));
  });
  return { bias: Number(b.toFixed(3)), weights };
}

/** Accuracy of a trained model on labelled sentences, per class. */
export function registerAccuracy(
  model: { bias: number; weights: Record<string, number> },
  data: LabelledSentence[],
): { note: number; speech: number } {
  const w = new Map(Object.entries(model.weights));
  let noteOk = 0;
  let notes = 0;
  let speechOk = 0;
  let speech = 0;
  for (const d of data) {
    let z = model.bias;
    for (const f of registerFeatures(d.text)) z += w.get(f) ?? 0;
    if (d.note) {
      notes++;
      if (z > 0) noteOk++;
    } else {
      speech++;
      if (z <= 0) speechOk++;
    }
  }
  return { note: noteOk / Math.max(1, notes), speech: speechOk / Math.max(1, speech) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  // `--valid FILE` (repeatable): report accuracy there too; never trained on.
  const valid = args.flatMap((a, i) => (args[i - 1] === '--valid' ? [a] : []));
  const files = args.filter((a, i) => a !== '--valid' && args[i - 1] !== '--valid');
  if (!files.length) {
    process.stderr.write('usage: tsx core/clinical/train-register.ts TRAIN.csv [TRAIN2.csv…] [--valid VALID.csv]…\n');
    process.exit(2);
  }
  const data = files.flatMap((f, i) => labelledSentences(readFileSync(f, 'utf8'), `${i}:`));
  // Held-out check first: every fifth visit out.
  const visits = [...new Set(data.map((d) => d.visit))];
  const held = new Set(visits.filter((_, i) => i % 5 === 0));
  const check = trainRegisterModel(data.filter((d) => !held.has(d.visit)));
  const acc = registerAccuracy(
    check,
    data.filter((d) => held.has(d.visit)),
  );
  process.stdout.write(
    `held-out visits: note sentences ${(100 * acc.note).toFixed(1)} % / speech ${(100 * acc.speech).toFixed(1)} % right\n`,
  );
  const model = trainRegisterModel(data);
  const out: RegisterModelFile = {
    description:
      'Note-vs-speech logistic regression over word/bigram and shape features of a sentence (see core/clinical/register-model.ts).',
    source: `Trained by core/clinical/train-register.ts on the train splits of ACI-BENCH (67 visits) and MTS-Dialog (1,201 conversations): ${data.filter((d) => d.note).length} note sentences, ${data.filter((d) => !d.note).length} speech sentences.`,
    licence:
      'Weights derived from ACI-BENCH and MTS-Dialog (both CC BY 4.0); see resources/clinical/SOURCES.md. The code is Apache-2.0.',
    ...model,
  };
  for (const f of valid) {
    const v = registerAccuracy(model, labelledSentences(readFileSync(f, 'utf8'), 'valid:'));
    process.stdout.write(
      `${f}: note sentences ${(100 * v.note).toFixed(1)} % / speech ${(100 * v.speech).toFixed(1)} % right\n`,
    );
  }
  writeFileSync(resourcePath('clinical', 'register-model.json'), JSON.stringify(out, null, 0) + '\n');
  process.stdout.write(`wrote ${Object.keys(model.weights).length} weights\n`);
}
