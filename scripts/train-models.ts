/**
 * Trains Bedside's learned text models from the shared data and writes them, with their model cards, under
 * resources/models/<name>/:
 *   npm run train:models [-- --data ../shared/data] [--out resources/models]
 *
 * Today: utterance-section (which note section a sentence of the visit belongs in, or none). Training reads the
 * ACI-BENCH and MTS-Dialog train splits only; valid is read after training, only for the card's figures.
 * Deterministic: the same commit and data give byte-identical files (fixed seed, fixed order, no timestamps).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FEATURES_VERSION, SECTION_LABELS } from '../core/clinical/learned/features.js';
import {
  DEFAULT_CONFIG,
  MTS_WEIGHT,
  ONNX_OPSET,
  UTTERANCE_MODEL,
  loadSplit,
  trainUtterance,
} from '../core/clinical/learned/pipeline.js';
import { TextModel, sha256, type TextModelCard } from '../models/text/loader.js';
import { sideBySide, summary } from '../models/text/evaluate.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'resources/models' },
  },
});
const dataDir = values.data!;
for (const f of ['aci-bench/train.csv', 'aci-bench/valid.csv', 'mts-dialog/train.csv', 'mts-dialog/valid.csv'])
  if (!existsSync(join(dataDir, f))) {
    process.stderr.write(
      `${join(dataDir, f)} not found: pass --data DIR (the folder holding aci-bench/ and mts-dialog/)\n`,
    );
    process.exit(2);
  }
const dir = join(values.out!, UTTERANCE_MODEL);

const t0 = performance.now();
const trainSplit = loadSplit(dataDir, 'train');
const trained = trainUtterance(trainSplit);
const trainS = ((performance.now() - t0) / 1000).toFixed(1);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'model.onnx'), trained.int8);

const card: TextModelCard = {
  name: UTTERANCE_MODEL,
  task: 'Utterance classifier: the note section a sentence of the visit belongs in (none = small talk, commands, talk no note section states)',
  file: 'model.onnx',
  size: trained.int8.byteLength,
  sha256: sha256(trained.int8),
  labels: [...SECTION_LABELS],
  featuresVersion: FEATURES_VERSION,
  buckets: DEFAULT_CONFIG.buckets,
  quantisation: 'int8 weights, one fp32 scale per row (DequantizeLinear → Gather / Gemm)',
  opset: ONNX_OPSET,
  license: 'Apache-2.0 (weights trained by Bedside from CC BY 4.0 data; attribution below)',
  data: [
    {
      name: 'ACI-BENCH (Yim et al., Scientific Data 2023)',
      split: 'train (67 visits); sentences weakly labelled by aligning them to the reference note sections',
      license: 'CC BY 4.0',
      source: 'https://github.com/wyim/aci-bench',
    },
    {
      name: 'MTS-Dialog (Ben Abacha et al., EACL 2023)',
      split: `train (1,201 conversations); sentences sharing content with the section text take its section, weight ${MTS_WEIGHT}`,
      license: 'CC BY 4.0',
      source: 'https://github.com/abachaa/MTS-Dialog',
    },
  ],
  config: { ...DEFAULT_CONFIG, mtsWeight: MTS_WEIGHT, examples: trained.examples },
  metrics: {},
  retrain: 'npm run train:models (needs ../shared/data); npm run eval:models re-checks the figures and the bytes',
};
writeFileSync(join(dir, 'card.json'), JSON.stringify(card, null, 2) + '\n');

// Valid figures for the card: the shipped file and its fp32 twin (kept in memory only).
const valid = loadSplit(dataDir, 'valid');
const int8 = await TextModel.load(dir);
const fp32 = await TextModel.load(dir, trained.fp32);
card.metrics = {
  'aci-bench valid': summary(await sideBySide(valid.aci, int8, fp32)),
  'mts-dialog valid': summary(await sideBySide(valid.mts, int8, fp32)),
};
writeFileSync(join(dir, 'card.json'), JSON.stringify(card, null, 2) + '\n');
writeFileSync(join(dir, 'README.md'), modelCardText(card));
await int8.release();
await fp32.release();
process.stdout.write(`${UTTERANCE_MODEL}: ${card.size} bytes, sha256 ${card.sha256}, trained in ${trainS}s\n`);
process.stdout.write(JSON.stringify(card.metrics, null, 2) + '\n');

function modelCardText(c: TextModelCard): string {
  const rows = Object.entries(c.metrics).map(([set, m]) => {
    const x = m as Record<string, { accuracy: number; macroF1: number } | number>;
    const f = (k: string) => {
      const v = x[k] as { accuracy: number; macroF1: number };
      return `${(v.accuracy * 100).toFixed(1)} / ${(v.macroF1 * 100).toFixed(1)}`;
    };
    return `| ${set} (${x.sentences} sentences) | ${f('rules')} | ${f('fp32')} | ${f('int8')} | ${((x.int8VsFp32Agreement as number) * 100).toFixed(1)} % |`;
  });
  const stated = Object.entries(c.metrics).map(([set, m]) => {
    const s = (m as { statedSection: { sentences: number; rules: number; int8: number; int8NotNone: number } })
      .statedSection;
    const p = (v: number) => `${(v * 100).toFixed(1)} %`;
    return `- ${set}, the ${s.sentences} sentences the reference note states: rules ${p(s.rules)}, int8 ${p(s.int8)}, int8's best label other than none ${p(s.int8NotNone)}.`;
  });
  return `# Model card: ${c.name}

Generated by \`npm run train:models\`; the machine-readable card is \`card.json\` (CI checks the file against it).

- **Task**: ${c.task}.
- **Labels**: ${c.labels.join(', ')}. hpi = chief complaint and history of present illness; history = past medical,
  surgical, family and social history, medications, allergies; ros = review of systems; exam = physical exam and
  vitals; results = labs and imaging; plan = assessment and plan, instructions.
- **Model**: fastText-style: hashed word unigrams and bigrams, character 3-grams, the previous sentence's words, speaker,
  question mark and position in the visit (${c.buckets} buckets) → mean of ${DEFAULT_CONFIG.dim}-wide embeddings → linear → softmax.
- **File**: \`${c.file}\`, ${c.size} bytes, sha256 \`${c.sha256}\`; ONNX opset ${c.opset}; ${c.quantisation}.
- **Runtime**: onnxruntime-node, CPU, one intra-op thread (models/text/loader.ts); rules fallback when missing or corrupt.
- **Licence**: ${c.license}.

## Data

${c.data.map((d) => `- ${d.name}, ${d.split}. Licence ${d.license}. ${d.source}`).join('\n')}

Labels are weak (aligned, not annotated): a sentence takes the section of the note sentence that covers most of its
content words, or none. The figures below compare predictions with these weak labels on the valid splits.

## Metrics on valid (accuracy / macro-F1, %)

| set | rules | fp32 | int8 | int8 = fp32 |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Rules = what the drafter does today (dialogue acts, then the discourse phase of the sentence;
core/clinical/learned/rules-sections.ts). The rules never answer history or ros for a single sentence and answer none
only for small talk and voice commands, which the macro-F1 counts against them. Which section, when the sentence is
in the note:

${stated.join('\n')}

Where the model is better: telling note content from talk no note states (F1 of none), and on MTS-Dialog. Where it is
not: picking the section of a sentence that is in the note, on ACI-BENCH (about as good as the rules).

## Retrain

${c.retrain}. Config: ${JSON.stringify(c.config)}.
`;
}
