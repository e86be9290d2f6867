/**
 * Trains the doctor-vs-patient lexical model (resources/clinical/role-model.json) from tagged transcripts.
 * Run: `npx tsx core/clinical/train-roles.ts ../shared/data/aci-bench/train.csv` (train split only).
 * Deterministic: full-batch AdaGrad on L2-regularised logistic loss, fixed epochs, features seen in ≥ 3 turns.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseCsvObjects } from './csv.js';
import { fitLogistic, indexFeatures } from './logistic.js';
import { parseTranscript } from './parse.js';
import { roleFeatures, type RoleModelFile } from './role-model.js';
import { resourcePath } from '../platform/paths.js';

export interface LabelledTurn {
  text: string;
  doctor: boolean;
}

export function trainRoleModel(
  dialogues: LabelledTurn[][],
  opts: { minCount?: number; epochs?: number; l2?: number; rate?: number } = {},
): Omit<RoleModelFile, 'description' | 'source' | 'licence'> {
  const minCount = opts.minCount ?? 3;
  const epochs = opts.epochs ?? 60;
  const l2 = opts.l2 ?? 0.002;
  const rate = opts.rate ?? 0.5;
  const turns = dialogues.flat();
  const { vocab, xs } = indexFeatures(
    turns.map((t) => [...roleFeatures(t.text)]),
    minCount,
  );
  const ys = turns.map((t) => (t.doctor ? 1 : 0));
  const { w, b } = fitLogistic(xs, ys, vocab.length, { epochs, l2, rate });
  let switches = 0;
  let pairs = 0;
  let firstDoctor = 0;
  for (const d of dialogues) {
    if (d[0]?.doctor) firstDoctor++;
    for (let i = 1; i < d.length; i++) {
      pairs++;
      if (d[i]!.doctor !== d[i - 1]!.doctor) switches++;
    }
  }
  const weights: Record<string, number> = {};
  vocab.forEach((f, i) => {
    if (Math.abs(w[i]!) >= 0.01) weights[f] = Number(w[i]!.toFixed(3));
  });
  return {
    bias: Number(b.toFixed(3)),
    switchProb: Number(((switches + 1) / (pairs + 2)).toFixed(4)),
    firstDoctorProb: Number(((firstDoctor + 1) / (dialogues.length + 2)).toFixed(4)),
    weights,
  };
}

/**
 * Some ACI-BENCH dialogues have their speaker tags swapped throughout (ASR diarization errors kept in the data).
 * Train once, leave out every dialogue where the model disagrees with half or more of its tags (swapped wholly or
 * in part), and train again.
 */
export function trainCleaned(dialogues: LabelledTurn[][]): ReturnType<typeof trainRoleModel> {
  let data = dialogues;
  let model = trainRoleModel(data);
  for (let round = 0; round < 2; round++) {
    const weights = new Map(Object.entries(model.weights));
    data = dialogues.filter((d) => {
      let agree = 0;
      for (const t of d) {
        let z = model.bias;
        for (const f of roleFeatures(t.text)) z += weights.get(f) ?? 0;
        if (z > 0 === t.doctor) agree++;
      }
      return agree >= d.length * 0.5;
    });
    model = trainRoleModel(data);
  }
  return model;
}

/** Gold-labelled turns of an ACI-BENCH CSV ('other' speakers count as the patient side). */
export function labelledDialogues(csvText: string): LabelledTurn[][] {
  return parseCsvObjects(csvText).map((row) =>
    parseTranscript(row.dialogue ?? '').turns.map((t) => ({ text: t.text, doctor: t.speaker === 'doctor' })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx core/clinical/train-roles.ts TRAIN.csv\n');
    process.exit(2);
  }
  const model = trainCleaned(labelledDialogues(readFileSync(file, 'utf8')));
  const out: RoleModelFile = {
    description:
      'Doctor-vs-patient logistic regression over word/bigram features of a turn (see core/clinical/role-model.ts).',
    source: 'Trained by core/clinical/train-roles.ts on the ACI-BENCH train split (67 visits).',
    licence: 'Weights derived from ACI-BENCH (CC BY 4.0, Yim et al. 2023); see resources/clinical/SOURCES.md.',
    ...model,
  };
  writeFileSync(resourcePath('clinical', 'role-model.json'), JSON.stringify(out, null, 0) + '\n');
  process.stdout.write(`wrote ${Object.keys(model.weights).length} weights\n`);
}
