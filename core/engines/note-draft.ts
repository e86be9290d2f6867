/**
 * note.draft across the engines (wired in core/api/handlers.ts). The engine is the request's `engine`, else the
 * clinician's setting, else the built-in drafter. The machine policy is checked first (forbidden, in words). The
 * built-in drafter runs as before (a worker thread for a long transcript); a generative engine comes from the host's
 * EngineProvider and drafts through generative.ts, streaming note.draftProgress events. Whatever goes wrong with a
 * generative engine but a cancel — no provider on this host, no model or server set, not installed, unreachable, bad
 * output — the built-in draft is returned with the reason in `engine.fallback`.
 */
import { parseTranscript } from '../clinical/parse.js';
import type { ClinicalFacts, Draft, NoteTemplate } from '../clinical/types.js';
import { ApiError } from '../api/errors.js';
import { runText } from '../api/text-pool.js';
import type { Policy } from '../policy/schema.js';
import { log } from '../platform/log.js';
import { draftGenerative, fallbackMessage, type DraftProgress, type EngineDraft } from './generative.js';
import { policyRefusal, withOverrides, type EngineProvider, type NoteEngineSettings } from './select.js';
import { EngineError, type EngineKind } from './types.js';

/** A longer visit is drafted by the built-in drafter: it would not fit a small model's context (about 16k tokens). */
export const GENERATIVE_MAX_CHARS = 60_000;

export interface NoteDraftDeps {
  policy: () => Policy;
  settings: () => Promise<NoteEngineSettings>;
  engines: () => EngineProvider | undefined;
  /** Each section as it is grounded, and the end (done). */
  progress: (p: DraftProgress & { operationId?: string }) => void;
  /** Longest answer in tokens (default: generative.ts's 3000). */
  maxTokens?: number;
}

export interface NoteDraftRequest {
  transcript: string;
  template?: NoteTemplate | undefined;
  engine?: EngineKind | undefined;
  model?: string | undefined;
  /** The server URL for this draft (the CLI's --url); the API takes it from the settings. */
  url?: string | undefined;
  operationId?: string | undefined;
}

export async function draftWithEngine(
  req: NoteDraftRequest,
  deps: NoteDraftDeps,
  signal: AbortSignal | undefined,
): Promise<EngineDraft> {
  const stored = await deps.settings();
  const kind = req.engine ?? stored.kind;
  const settings = withOverrides(stored, kind, { model: req.model, url: req.url });
  const refusal = policyRefusal(kind, settings, deps.policy());
  if (refusal) throw new ApiError('forbidden', refusal);

  const embedded = async (why?: string): Promise<EngineDraft> => {
    const d = (await runText(
      { op: 'note.draft', transcript: req.transcript, ...(req.template ? { template: req.template } : {}) },
      signal,
    )) as Draft;
    if (why !== undefined) {
      log.info('engine.fallback_before_start', { kind });
      deps.progress({ ...opId(req), section: '', title: '', sentences: [], done: true });
    }
    return { ...d, engine: { requested: kind, used: 'embedded', ...(why !== undefined ? { fallback: why } : {}) } };
  };
  if (kind === 'embedded') return embedded();

  const words = kind === 'local' ? 'The model on this computer' : "The clinic's inference server";
  const notSet =
    kind === 'local' && !settings.localModel
      ? 'no model is chosen (Settings → Note engine).'
      : kind === 'server' && !settings.serverUrl
        ? 'no clinic server address is set (Settings → Note engine).'
        : null;
  if (notSet) return embedded(`${words} could not write the note: ${notSet} The built-in drafter wrote it instead.`);
  if (req.transcript.length > GENERATIVE_MAX_CHARS)
    return embedded(
      `${words} could not write the note: the visit is longer than ${GENERATIVE_MAX_CHARS.toLocaleString('en-US')} characters. The built-in drafter wrote it instead.`,
    );
  const provider = deps.engines();
  if (!provider)
    return embedded(
      `${words} could not write the note: it is not available in this program. The built-in drafter wrote it instead.`,
    );

  const parsed = parseTranscript(req.transcript);
  if (parsed.turns.length === 0) throw new ApiError('invalid_params', 'The transcript has no text.');
  let generator;
  try {
    generator = await provider.getGenerator(kind, settings);
  } catch (err) {
    if ((err instanceof EngineError && err.code === 'cancelled') || signal?.aborted)
      throw new ApiError('cancelled', 'Drafting was cancelled.');
    if (!(err instanceof EngineError))
      log.warn('engine.start_failed', { kind, error: err instanceof Error ? err.name : typeof err });
    return embedded(fallbackMessage(kind, err));
  }
  // The visit's facts and the embedded draft: CPU work, in a worker thread for a long visit (core/api/text-pool.ts).
  const prepared = (await runText(
    { op: 'engine.prepare', transcript: req.transcript, ...(req.template ? { template: req.template } : {}) },
    signal,
  )) as { facts: ClinicalFacts; embedded: Draft };
  return draftGenerative(parsed, {
    generator,
    ...(req.template ? { template: req.template } : {}),
    replaceUnsupported: settings.replaceUnsupported,
    ...(signal ? { signal } : {}),
    prepared,
    onProgress: (p) => deps.progress({ ...opId(req), ...p }),
    ...(deps.maxTokens ? { maxTokens: deps.maxTokens } : {}),
  });
}

const opId = (req: NoteDraftRequest) => (req.operationId ? { operationId: req.operationId } : {});
