/**
 * The utterance-section model as the drafter's hosts use it: classify every sentence of a visit in one batched,
 * asynchronous call before drafting, and hand the labels to the (synchronous) drafter through
 * `DraftOptions.utterances`. Off unless `BEDSIDE_TEXT_MODELS=1` (or `on`): then the bundled model is loaded once per
 * process; if it is missing, corrupt or onnxruntime cannot run, the reason is logged once (model name and an error
 * code, never text) and drafts use the rules alone, exactly as without the switch.
 */
import { join } from 'node:path';
import { log } from '../../core/platform/log.js';
import {
  SECTION_LABELS,
  UTTERANCE_MODEL,
  sentenceKey,
  visitUtterances,
  type SectionLabel,
} from '../../core/clinical/learned/features.js';
import { rulesSections } from '../../core/clinical/learned/rules-sections.js';
import type { UtteranceSections } from '../../core/clinical/learned/hook.js';
import type { Transcript } from '../../core/clinical/types.js';
import { TextModel, TextModelError, textModelsRoot } from './loader.js';

/** Whether the learned text models are switched on (`BEDSIDE_TEXT_MODELS=1|on|true`). */
export function textModelsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(?:1|on|true|yes)$/i.test(env.BEDSIDE_TEXT_MODELS ?? '');
}

const loaded = new Map<string, Promise<TextModel | null>>();

/** The model in `dir` (default: the bundled one), loaded once; null, with the reason logged, when it cannot be. */
export function utteranceModel(dir = join(textModelsRoot(), UTTERANCE_MODEL)): Promise<TextModel | null> {
  let p = loaded.get(dir);
  if (!p) {
    p = TextModel.load(dir).then(
      (m) => {
        log.info('models.text_loaded', { model: m.card.name, ms: Math.round(m.loadMs), bytes: m.card.size });
        return m;
      },
      (err: unknown) => {
        log.warn('models.text_fallback', {
          model: UTTERANCE_MODEL,
          code: err instanceof TextModelError ? err.code : 'runtime',
          fallback: 'rules',
        });
        return null;
      },
    );
    loaded.set(dir, p);
  }
  return p;
}

/** Forgets loaded models (tests; a host that replaced the files). */
export async function resetTextModels(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  for (const p of all) await (await p)?.release();
}

export interface SectionsResult {
  labels: UtteranceSections;
  source: 'model' | 'rules';
}

/**
 * The note section of every sentence of a visit, from the model when one is given (or loaded) and from the rules
 * otherwise: one interface for both.
 */
export async function classifySections(transcript: Transcript, model: TextModel | null): Promise<SectionsResult> {
  const { sentences, inputs } = visitUtterances(transcript);
  const labels = new Map<string, SectionLabel>();
  if (model) {
    const out = await model.classify(inputs);
    sentences.forEach((s, i) => labels.set(sentenceKey(s), asLabel(out[i]!)));
    return { labels, source: 'model' };
  }
  const rules = rulesSections(transcript, sentences);
  sentences.forEach((s, i) => labels.set(sentenceKey(s), rules[i]!));
  return { labels, source: 'rules' };
}

function asLabel(l: string): SectionLabel {
  return (SECTION_LABELS as readonly string[]).includes(l) ? (l as SectionLabel) : 'none';
}

/**
 * What a host passes as `DraftOptions.utterances`: the model's labels when the switch is on and the model loads,
 * otherwise undefined (the drafter then runs on the rules alone, as it always has).
 */
export async function learnedSectionsFor(
  transcript: Transcript,
  env: NodeJS.ProcessEnv = process.env,
  dir?: string,
): Promise<UtteranceSections | undefined> {
  if (!textModelsEnabled(env)) return undefined;
  const model = await utteranceModel(dir);
  if (!model) return undefined;
  try {
    return (await classifySections(transcript, model)).labels;
  } catch {
    log.warn('models.text_fallback', { model: UTTERANCE_MODEL, code: 'run_failed', fallback: 'rules' });
    return undefined;
  }
}
