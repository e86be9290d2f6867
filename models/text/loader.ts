/**
 * The one loader of Bedside's bundled text models (resources/models/<name>/): reads the model card (card.json),
 * checks the ONNX file against it (size, sha256, feature version), and opens an onnxruntime-node session on the
 * CPU with one intra-op thread and full graph optimisation. Anything wrong is a `TextModelError` with a code and a
 * message that names no patient data; callers fall back to the rules (see utterances.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as OrtModule from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-node';
import { z } from 'zod';
import { resourcePath } from '../../core/platform/paths.js';
import { FEATURES_VERSION, featureIds, type UtteranceInput } from '../../core/clinical/learned/features.js';

type Ort = typeof OrtModule;

/** The machine-readable model card every bundled text model has next to its ONNX file. */
export const TextModelCard = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  task: z.string(),
  file: z.string().regex(/^[A-Za-z0-9._-]+\.onnx$/),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  labels: z.array(z.string()).min(2),
  featuresVersion: z.number().int(),
  buckets: z.number().int().positive(),
  quantisation: z.string(),
  opset: z.number().int(),
  license: z.string(),
  data: z.array(z.object({ name: z.string(), split: z.string(), license: z.string(), source: z.string() })),
  config: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), z.unknown()),
  retrain: z.string(),
});
export type TextModelCard = z.infer<typeof TextModelCard>;

export type TextModelErrorCode = 'card_missing' | 'card_invalid' | 'model_missing' | 'model_corrupt' | 'runtime';

export class TextModelError extends Error {
  constructor(
    message: string,
    readonly code: TextModelErrorCode,
  ) {
    super(message);
    this.name = 'TextModelError';
  }
}

/** Folder holding the bundled models: each text model is a sub-folder with a card.json. */
export function textModelsRoot(): string {
  return resourcePath('models');
}

/** The bundled text models' folders (sub-folders of `root` with a card.json), sorted by name. */
export function textModelDirs(root = textModelsRoot()): string[] {
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return [];
  }
  return names.filter((n) => existsSync(join(root, n, 'card.json'))).map((n) => join(root, n));
}

/** Reads and validates `<dir>/card.json`. */
export function readCard(dir: string): TextModelCard {
  let text: string;
  try {
    text = readFileSync(join(dir, 'card.json'), 'utf8');
  } catch {
    throw new TextModelError('the text model card (card.json) is missing', 'card_missing');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TextModelError('the text model card is not valid JSON', 'card_invalid');
  }
  const r = TextModelCard.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new TextModelError(
      `the text model card is invalid at ${i.path.join('.') || '(root)'}: ${i.message}`,
      'card_invalid',
    );
  }
  return r.data;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let ortPromise: Promise<Ort> | undefined;
async function loadOrt(): Promise<Ort> {
  ortPromise ??= import('onnxruntime-node').then((m) => ((m as Ort & { default?: Ort }).default ?? m) as Ort);
  try {
    return await ortPromise;
  } catch {
    ortPromise = undefined;
    throw new TextModelError('onnxruntime-node could not be loaded on this platform', 'runtime');
  }
}

/** Session options every text model runs with. */
export const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
};

/** Sentences per onnxruntime run. */
const BATCH = 32;

/** A loaded classifier: hashed features in, one probability per label out. */
export class TextModel {
  private constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    readonly card: TextModelCard,
    /** Milliseconds spent reading, checking and opening the model. */
    readonly loadMs: number,
  ) {}

  /**
   * Opens the model in `dir` (card.json + the ONNX file it names). `bytes` replaces the file's contents (the
   * agreement test and eval:models open an fp32 twin this way; its hash is not checked against the card).
   */
  static async load(dir: string, bytes?: Uint8Array): Promise<TextModel> {
    const t0 = performance.now();
    const card = readCard(dir);
    if (card.featuresVersion !== FEATURES_VERSION)
      throw new TextModelError(
        `the text model '${card.name}' was trained with features v${card.featuresVersion}, this build computes v${FEATURES_VERSION}`,
        'card_invalid',
      );
    let data = bytes;
    if (!data) {
      try {
        data = readFileSync(join(dir, card.file));
      } catch {
        throw new TextModelError(`the text model file of '${card.name}' is missing`, 'model_missing');
      }
      if (data.byteLength !== card.size || sha256(data) !== card.sha256)
        throw new TextModelError(
          `the text model file of '${card.name}' does not match its card (size or sha256)`,
          'model_corrupt',
        );
    }
    const ort = await loadOrt();
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(data, SESSION_OPTIONS);
    } catch {
      throw new TextModelError(`onnxruntime could not open the text model '${card.name}'`, 'model_corrupt');
    }
    if (!['ids', 'weights'].every((n) => session.inputNames.includes(n)) || !session.outputNames.includes('probs')) {
      await session.release();
      throw new TextModelError(
        `the text model '${card.name}' does not have the classifier's inputs and outputs`,
        'model_corrupt',
      );
    }
    return new TextModel(ort, session, card, performance.now() - t0);
  }

  /**
   * Probabilities per label for each input. Inputs are run in batches of similar length (sorted by feature count,
   * `BATCH` at a time) so that little of each batch is padding.
   */
  async probabilities(inputs: UtteranceInput[]): Promise<Float32Array[]> {
    const rows = inputs.map((u) => featureIds(u, this.card.buckets));
    const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.length - rows[b]!.length || a - b);
    const c = this.card.labels.length;
    const out = new Array<Float32Array>(inputs.length);
    for (let start = 0; start < order.length; start += BATCH) {
      const batch = order.slice(start, start + BATCH);
      let n = 1;
      for (const i of batch) n = Math.max(n, rows[i]!.length);
      const ids = new Int32Array(batch.length * n);
      const weights = new Float32Array(batch.length * n);
      batch.forEach((i, b) => {
        const r = rows[i]!;
        const inv = r.length ? 1 / r.length : 0;
        ids.set(r, b * n);
        weights.fill(inv, b * n, b * n + r.length);
      });
      const res = await this.session.run({
        ids: new this.ort.Tensor('int32', ids, [batch.length, n]),
        weights: new this.ort.Tensor('float32', weights, [batch.length, n]),
      });
      const probs = res.probs!.data as Float32Array;
      batch.forEach((i, b) => (out[i] = probs.slice(b * c, (b + 1) * c)));
    }
    return out;
  }

  /** The most probable label of each input. */
  async classify(inputs: UtteranceInput[]): Promise<string[]> {
    const probs = await this.probabilities(inputs);
    return probs.map((p) => {
      let b = 0;
      for (let i = 1; i < p.length; i++) if (p[i]! > p[b]!) b = i;
      return this.card.labels[b]!;
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
