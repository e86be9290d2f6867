/**
 * The learned text models: the shipped files match their model cards, training is deterministic, the int8 export
 * agrees with its fp32 twin and with the TypeScript forward pass, and the loader falls back to the rules (reason
 * logged, no text) when a model is missing or corrupt. Training here is a tiny config on synthetic sentences, so the
 * test needs no shared data and takes a second or two.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { extractionContext } from '../../../core/clinical/extract.js';
import {
  FEATURES_VERSION,
  SECTION_LABELS,
  featureIds,
  sentenceKey,
  type UtteranceInput,
} from '../../../core/clinical/learned/features.js';
import { applyLearnedSections } from '../../../core/clinical/learned/hook.js';
import { exportOnnx } from '../../../core/clinical/learned/onnx-export.js';
import {
  argmax,
  predictLogits,
  train,
  type Example,
  type TrainConfig,
  type Weights,
} from '../../../core/clinical/learned/train.js';
import { log } from '../../../core/platform/log.js';
import { TextModel, TextModelError, readCard, sha256, textModelDirs } from '../../../models/text/loader.js';
import {
  classifySections,
  learnedSectionsFor,
  resetTextModels,
  utteranceModel,
} from '../../../models/text/utterances.js';
import { bundledTextModels } from '../../../models/text/catalogue.js';
import { runCli } from '../../helpers/cli.js';

const TINY: TrainConfig = { buckets: 1 << 12, dim: 8, hidden: 0, epochs: 8, lr: 0.3, seed: 7, classWeightPower: 0.5 };

/** Synthetic visit sentences, one template family per label, varied deterministically. */
const FAMILIES: Record<string, string[]> = {
  none: ['hi there how are you', 'nice weather today', 'thank you so much', 'see you next time', 'okay sounds good'],
  hpi: ['my knee has been hurting for two weeks', 'the pain started after i fell', 'it hurts when i climb stairs'],
  history: ['my father had a heart attack', 'i smoke a pack a day', 'i take lisinopril every morning'],
  ros: ['any fever or chills', 'any chest pain or shortness of breath', 'no nausea or vomiting'],
  exam: [
    'on exam there is tenderness to palpation',
    'lungs are clear to auscultation',
    'heart regular rate and rhythm',
  ],
  results: ['your x-ray shows no fracture', 'the labs came back normal', 'your a1c was seven point two'],
  plan: ['i am going to order an mri', 'we will start you on meloxicam', 'follow up in four weeks'],
};
const SPEAKERS = ['doctor', 'patient'];
function synthetic(n: number, offset = 0): Array<{ input: UtteranceInput; label: number }> {
  const out: Array<{ input: UtteranceInput; label: number }> = [];
  for (let i = 0; i < n; i++) {
    const label = (i + offset) % SECTION_LABELS.length;
    const fam = FAMILIES[SECTION_LABELS[label]!]!;
    const text = `${fam[(i * 7 + offset) % fam.length]} ${['', 'okay', 'you know', 'right'][i % 4]}`.trim();
    out.push({
      input: { text, speaker: SPEAKERS[i % 2]!, previous: '', position: label / SECTION_LABELS.length },
      label,
    });
  }
  return out;
}
const examples = (data: ReturnType<typeof synthetic>, buckets: number): Example[] =>
  data.map((d) => ({ ids: featureIds(d.input, buckets), label: d.label }));

let dir: string;
let weights: Weights;
let int8: Uint8Array;
let fp32: Uint8Array;

function writeCard(to: string, bytes: Uint8Array, over: Record<string, unknown> = {}): void {
  mkdirSync(to, { recursive: true });
  writeFileSync(join(to, 'model.onnx'), bytes);
  const card = {
    name: 'tiny-test',
    task: 'test',
    file: 'model.onnx',
    size: bytes.byteLength,
    sha256: sha256(bytes),
    labels: [...SECTION_LABELS],
    featuresVersion: FEATURES_VERSION,
    buckets: TINY.buckets,
    quantisation: 'int8',
    opset: 13,
    license: 'test',
    data: [],
    config: {},
    metrics: {},
    retrain: 'test',
    ...over,
  };
  writeFileSync(join(to, 'card.json'), JSON.stringify(card));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedside-text-models-'));
  weights = train(examples(synthetic(420), TINY.buckets), SECTION_LABELS, TINY);
  int8 = exportOnnx(weights, 'int8');
  fp32 = exportOnnx(weights, 'fp32');
  writeCard(join(dir, 'good'), int8);
});
afterEach(async () => {
  await resetTextModels();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('shipped text models', () => {
  const dirs = textModelDirs();
  it('ships the utterance-section model', () => {
    expect(dirs.map((d) => readCard(d).name)).toContain('utterance-section');
  });
  it.each(dirs)('%s matches its model card (size, sha256, int8, opset, README)', (d) => {
    const card = readCard(d);
    const bytes = readFileSync(join(d, card.file));
    expect(bytes.byteLength).toBe(card.size);
    expect(sha256(bytes)).toBe(card.sha256);
    expect(card.featuresVersion).toBe(FEATURES_VERSION);
    const model = onnxProto.onnx.ModelProto.decode(bytes);
    expect(model.opsetImport.map((o) => Number(o.version))).toEqual([card.opset]);
    const types = new Map((model.graph?.initializer ?? []).map((t) => [t.name, t.dataType]));
    expect(types.get('emb_q')).toBe(onnxProto.onnx.TensorProto.DataType.INT8);
    expect(types.has('emb')).toBe(false); // no fp32 embedding table shipped
    const readme = readFileSync(join(d, 'README.md'), 'utf8');
    expect(readme).toContain(card.sha256);
    expect(readme).toContain(String(card.size));
    expect(readme).toMatch(/CC BY 4\.0/);
  });
  it('keeps all text models together within 5 MB', () => {
    const total = dirs.reduce((a, d) => a + readCard(d).size, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(5 * 1024 * 1024);
  });
  it('bedside models list shows them with size and sha256', async () => {
    const r = await runCli(['models', 'list', '--json']);
    expect(r.code).toBe(0);
    const listed = (
      JSON.parse(r.stdout) as { textModels: Array<{ name: string; size: number; sha256: string; ok: boolean }> }
    ).textModels;
    const card = readCard(dirs.find((d) => d.endsWith('utterance-section'))!);
    expect(listed).toContainEqual(
      expect.objectContaining({ name: card.name, size: card.size, sha256: card.sha256, ok: true }),
    );
  });
});

describe('training and export', () => {
  it('is deterministic: the same data and config give the same bytes; another seed does not', () => {
    const again = train(examples(synthetic(420), TINY.buckets), SECTION_LABELS, TINY);
    expect(sha256(exportOnnx(again, 'int8'))).toBe(sha256(int8));
    expect(sha256(exportOnnx(again, 'fp32'))).toBe(sha256(fp32));
    const other = train(examples(synthetic(420), TINY.buckets), SECTION_LABELS, { ...TINY, seed: 8 });
    expect(sha256(exportOnnx(other, 'int8'))).not.toBe(sha256(int8));
  });

  it('learns the synthetic task, and onnxruntime fp32 equals the TypeScript forward pass', async () => {
    const held = synthetic(140, 3);
    const model = await TextModel.load(join(dir, 'good'), fp32);
    const probs = await model.probabilities(held.map((h) => h.input));
    let right = 0;
    held.forEach((h, i) => {
      const logits = predictLogits(weights, featureIds(h.input, TINY.buckets));
      const max = Math.max(...logits);
      const z = [...logits].reduce((a, l) => a + Math.exp(l - max), 0);
      logits.forEach((l, k) => expect(probs[i]![k]!).toBeCloseTo(Math.exp(l - max) / z, 4));
      if (argmax(probs[i]!) === h.label) right++;
    });
    expect(right / held.length).toBeGreaterThan(0.9);
    await model.release();
  });

  it('int8 agrees with the fp32 twin on at least 99 % of sentences', async () => {
    const held = synthetic(280, 5).map((h) => h.input);
    const a = await TextModel.load(join(dir, 'good'));
    const b = await TextModel.load(join(dir, 'good'), fp32);
    const [la, lb] = [await a.classify(held), await b.classify(held)];
    const same = la.filter((l, i) => l === lb[i]).length;
    expect(same / held.length).toBeGreaterThanOrEqual(0.99);
    expect(int8.byteLength).toBeLessThan(fp32.byteLength / 2); // 1 byte a weight + a 4-byte scale per 8-wide row
    await a.release();
    await b.release();
  });
});

describe('loader and rules fallback', () => {
  const visit = parseTranscript(
    [
      '[doctor] hi, how are you today?',
      '[patient] my knee has been hurting for two weeks since i fell.',
      '[doctor] on exam there is tenderness to palpation of the right knee.',
      '[doctor] your x-ray shows no fracture.',
      "[doctor] i'm going to order an mri and start you on meloxicam 15 mg once a day.",
    ].join('\n'),
  );

  async function expectCode(d: string, code: string): Promise<void> {
    const err = await TextModel.load(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TextModelError);
    expect((err as TextModelError).code).toBe(code);
  }

  it('says why a model cannot be used', async () => {
    await expectCode(join(dir, 'absent'), 'card_missing');
    writeCard(join(dir, 'no-file'), int8);
    rmSync(join(dir, 'no-file', 'model.onnx'));
    await expectCode(join(dir, 'no-file'), 'model_missing');
    writeCard(join(dir, 'flipped'), int8);
    const bad = Buffer.from(int8);
    bad[bad.length - 9]! ^= 0xff;
    writeFileSync(join(dir, 'flipped', 'model.onnx'), bad);
    await expectCode(join(dir, 'flipped'), 'model_corrupt');
    writeCard(join(dir, 'garbage'), new TextEncoder().encode('not an onnx model at all'));
    await expectCode(join(dir, 'garbage'), 'model_corrupt');
    writeCard(join(dir, 'old-features'), int8, { featuresVersion: FEATURES_VERSION + 1 });
    await expectCode(join(dir, 'old-features'), 'card_invalid');
  });

  it('models list flags a bundled file that does not match its card', () => {
    const root = join(dir, 'listing');
    writeCard(join(root, 'fine'), int8);
    writeCard(join(root, 'tampered'), int8);
    writeFileSync(join(root, 'tampered', 'model.onnx'), Buffer.from(int8).subarray(1));
    const rows = bundledTextModels(root);
    expect(rows.map((r) => [r.ok, r.problem])).toEqual([
      [true, undefined],
      [false, 'file does not match its card'],
    ]);
  });

  it('falls back to the rules with the reason logged and no text, and drafts exactly as without a model', async () => {
    const lines: string[] = [];
    const restore = log.setSink((l) => lines.push(l));
    try {
      writeCard(join(dir, 'broken'), int8);
      writeFileSync(join(dir, 'broken', 'model.onnx'), Buffer.from(int8).subarray(0, 100));
      expect(await utteranceModel(join(dir, 'broken'))).toBeNull();
      const labels = await learnedSectionsFor(visit, { BEDSIDE_TEXT_MODELS: '1' }, join(dir, 'broken'));
      expect(labels).toBeUndefined();
      expect(draftNote(visit, labels ? { utterances: labels } : {})).toEqual(draftNote(visit));
      const rules = await classifySections(visit, null);
      expect(rules.source).toBe('rules');
      expect(rules.labels.get('2:0')).toBe('exam');
    } finally {
      restore();
    }
    const warn = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'models.text_fallback');
    expect(warn).toMatchObject({ code: 'model_corrupt', fallback: 'rules' });
    expect(lines.join('\n')).not.toMatch(/knee|fracture|meloxicam/);
  });

  it('is off unless BEDSIDE_TEXT_MODELS is set; on, the shipped model labels every sentence', async () => {
    expect(await learnedSectionsFor(visit, {})).toBeUndefined();
    const labels = await learnedSectionsFor(visit, { BEDSIDE_TEXT_MODELS: '1' });
    const keys = extractionContext(visit).sentences.map(sentenceKey);
    expect([...labels!.keys()].sort()).toEqual([...keys].sort());
    for (const l of labels!.values()) expect(SECTION_LABELS).toContain(l);
    const draft = draftNote(visit, { utterances: labels! });
    expect(draft.sections.length).toBeGreaterThan(0);
  });

  it('bedside draft runs with the switch on and off', async () => {
    const text = visit.turns.map((t) => `[${t.speaker}] ${t.text}`).join('\n');
    const off = await runCli(['draft', '-'], { stdin: text, env: { BEDSIDE_TEXT_MODELS: '' } });
    const on = await runCli(['draft', '-'], { stdin: text, env: { BEDSIDE_TEXT_MODELS: '1' } });
    expect(off.code).toBe(0);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/meloxicam/i);
    expect(off.stdout).toBe(draftNote(visit).note + '\n');
  });

  it('the drafter hook moves a sentence to the phase of its learned section, and only that', () => {
    const ex = extractionContext(visit);
    const before = ex.sentences.map((s) => s.phase);
    const knee = ex.sentences.find((s) => s.turn === 1)!;
    expect(
      applyLearnedSections(
        ex,
        new Map([
          [sentenceKey(knee), 'plan'],
          ['0:0', 'none'],
        ]),
      ),
    ).toBe(1);
    expect(knee.phase).toBe('plan');
    ex.sentences.forEach((s, i) => s !== knee && expect(s.phase).toBe(before[i]));
    expect(applyLearnedSections(ex, undefined)).toBe(0);
  });
});
