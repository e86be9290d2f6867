/**
 * Drafting with a generative engine (a local model or the clinic's server, behind a TextGenerator):
 *   prompt (data, with the fact model and numbered turns) → generate, streaming → sections read as they close →
 *   each section grounded by the verifier (grounding.ts) and reported as progress → the NoteDraft, recording the
 *   engine, the model and the prompt's id and version.
 * Any engine failure except a cancel (not installed, unreachable, process died, bad output, timeout…) gives the
 * EMBEDDED draft instead, with the reason in words in `engine.fallback`. A cancel throws ApiError 'cancelled'.
 */
import { draftNote } from '../clinical/drafter.js';
import { renderNote } from '../clinical/drafter.js';
import { extractionContext, extractFacts } from '../clinical/extract.js';
import { loadTemplate } from '../clinical/templates.js';
import { defaultOmitIfEmpty } from '../clinical/templates-sources.js';
import type { ClinicalFacts, Draft, DraftOptions, DraftSection, NoteTemplate, Transcript } from '../clinical/types.js';
import { ApiError } from '../api/errors.js';
import { log } from '../platform/log.js';
import { Grounder, parseAnswer, SectionScanner, type GroundingStats, type ModelSection } from './grounding.js';
import { buildPrompt } from './prompt.js';
import { EngineError, type EngineKind, type TextGenerator } from './types.js';

/** What a draft records of the engine that wrote it (NoteDraft.engine in the contract). */
export interface EngineRecord {
  requested: EngineKind;
  used: EngineKind;
  model?: string;
  prompt?: { id: string; version: number };
  /** Why the requested engine was not used, in words (the embedded drafter wrote the note instead). */
  fallback?: string;
  /** What grounding changed, in words without note text ("2 sentences the verifier could not back were replaced"). */
  notices?: string[];
  /** The grounding's counts (the model's sentences: supported, flagged, replaced, dropped). */
  grounding?: GroundingStats;
}

export interface EngineDraft extends Draft {
  engine: EngineRecord;
}

/** One grounded section, finished while the answer streams (`done` on the last event, after the whole draft). */
export interface DraftProgress {
  section: string;
  title: string;
  sentences: DraftSection['sentences'];
  done: boolean;
}

export interface GenerativeOptions {
  generator: TextGenerator;
  template?: string | NoteTemplate;
  /** Replace (or drop) the sentences the verifier does not back (default true); off keeps them, flagged. */
  replaceUnsupported?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: DraftProgress) => void;
  /** Longest answer in tokens (default 3000). */
  maxTokens?: number;
  /** Learned utterance sections for the embedded draft (the same as note.draft's). */
  utterances?: DraftOptions['utterances'];
  /** The visit's facts and embedded draft, made already (in a worker thread: core/api/text-work.ts 'engine.prepare'). */
  prepared?: { facts: ClinicalFacts; embedded: Draft };
}

const KIND_WORDS: Record<EngineKind, string> = {
  embedded: 'The built-in drafter',
  local: 'The model on this computer',
  server: "The clinic's inference server",
};

/** The fallback message: which engine, why (the EngineError's words, never note text), what was done instead. */
export function fallbackMessage(kind: EngineKind, err: unknown): string {
  const why =
    err instanceof EngineError
      ? err.message.replace(/\s+$/, '')
      : 'it failed unexpectedly (see the log for the error type)';
  const sentence = /[.!?]$/.test(why) ? why : `${why}.`;
  return `${KIND_WORDS[kind]} could not write the note: ${sentence} The built-in drafter wrote it instead.`;
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'Drafting was cancelled.');
}

function statsNotices(st: GroundingStats, truncated: boolean): string[] {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const out: string[] = [];
  if (st.replaced)
    out.push(
      `${n(st.replaced, 'sentence', 'sentences')} the verifier could not back ${st.replaced === 1 ? 'was' : 'were'} replaced by the built-in drafter's sentence for the same fact.`,
    );
  if (st.dropped)
    out.push(
      `${n(st.dropped, 'sentence', 'sentences')} the verifier could not back ${st.dropped === 1 ? 'was' : 'were'} left out (the built-in drafter had none for the same fact).`,
    );
  const kept = st.flagged - st.replaced - st.dropped;
  if (kept > 0)
    out.push(
      `${n(kept, 'sentence', 'sentences')} the verifier could not back ${kept === 1 ? 'is' : 'are'} kept and marked; check ${kept === 1 ? 'it' : 'them'} before signing.`,
    );
  if (st.unknownSections)
    out.push(`${n(st.unknownSections, 'section', 'sections')} the template does not have were left out.`);
  if (truncated) out.push('The model stopped at its length limit; the end of the note may be missing.');
  return out;
}

/**
 * Drafts a note with a generator. `transcript` is parsed already (it has turns). Returns the grounded draft, or the
 * embedded draft with `engine.fallback` when the engine failed; throws ApiError 'cancelled' when cancelled.
 */
export async function draftGenerative(transcript: Transcript, opts: GenerativeOptions): Promise<EngineDraft> {
  const { generator } = opts;
  const template: NoteTemplate =
    typeof opts.template === 'object' ? opts.template : loadTemplate(opts.template ?? 'outpatient');
  if (opts.signal?.aborted) throw cancelled();
  const facts = opts.prepared?.facts ?? extractFacts(transcript, extractionContext(transcript));
  // The embedded draft: the fallback, and where replacements for unsupported sentences come from.
  const embedded =
    opts.prepared?.embedded ??
    draftNote(transcript, {
      template,
      facts,
      ...(opts.utterances ? { utterances: opts.utterances } : {}),
    });
  const built = buildPrompt(template, transcript, facts);
  const base = { requested: generator.kind, model: generator.model, prompt: built.prompt } as const;
  const fallback = (err: unknown): EngineDraft => {
    if (!(err instanceof EngineError))
      log.warn('engine.unexpected_error', {
        kind: generator.kind,
        error: err instanceof Error ? err.name : typeof err,
      });
    else log.warn('engine.fallback', { kind: generator.kind, code: err.code });
    opts.onProgress?.({ section: '', title: '', sentences: [], done: true });
    return { ...embedded, engine: { ...base, used: 'embedded', fallback: fallbackMessage(generator.kind, err) } };
  };

  const grounder = new Grounder({
    template,
    transcript,
    facts,
    embedded,
    replaceUnsupported: opts.replaceUnsupported ?? true,
  });
  const scanner = new SectionScanner();
  let streamed = 0;
  const ground = (ms: ModelSection) => {
    const sec = grounder.section(ms);
    if (sec) opts.onProgress?.({ section: sec.id, title: sec.title, sentences: sec.sentences, done: false });
  };

  let text: string;
  let truncated: boolean;
  try {
    const result = await generator.generate({
      messages: built.messages,
      jsonSchema: built.jsonSchema,
      maxTokens: opts.maxTokens ?? 3000,
      temperature: 0,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onToken: (piece) => {
        for (const ms of scanner.feed(piece)) {
          streamed++;
          ground(ms);
        }
      },
    });
    if (opts.signal?.aborted) throw cancelled();
    text = result.text;
    truncated = result.finish === 'length';
    let answer: ModelSection[];
    try {
      answer = parseAnswer(text);
    } catch (err) {
      // Sections that closed while streaming are kept when the whole answer cannot be read (cut off, trailing junk).
      if (streamed > 0 && err instanceof EngineError) answer = [];
      else throw err;
    }
    // The sections already grounded while streaming come first in the answer; the rest are grounded now.
    for (const ms of answer.slice(streamed)) ground(ms);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'cancelled') throw err;
    if ((err instanceof EngineError && err.code === 'cancelled') || opts.signal?.aborted) throw cancelled();
    return fallback(err);
  }

  const sections = grounder.sections();
  const written = sections.reduce((a, s) => a + s.sentences.length, 0);
  if (written === 0)
    return fallback(
      new EngineError(
        'bad-output',
        grounder.stats.written ? 'none of its sentences could be backed by the visit' : 'it wrote no sentences',
      ),
    );
  // Sections the template keeps when empty ("Not discussed."), as the embedded drafter does.
  const keepEmpty = new Set(
    template.sections.filter((s) => !(s.omitIfEmpty ?? defaultOmitIfEmpty(s.source))).map((s) => s.id),
  );
  const all: DraftSection[] = template.sections.flatMap((spec) => {
    const got = sections.find((s) => s.id === spec.id);
    if (got && got.sentences.length) return [got];
    return keepEmpty.has(spec.id) ? [{ id: spec.id, title: spec.title, sentences: [] }] : [];
  });
  // A section's sentences read as one paragraph in prose sections; lists (medications, allergies…) one per line.
  const PROSE = /^(?:hpi|hpi_brief|letter_opening|prior_auth_opening|medical_necessity|pi_reason|pi_found)$/;
  const proseIds = new Set(template.sections.filter((s) => PROSE.test(s.source)).map((s) => s.id));
  const note = renderNote(
    all.map((s) => ({
      ...s,
      sentences: s.sentences.map((x) => (proseIds.has(s.id) ? Object.assign({ para: 0 }, x) : x)),
    })),
    template.style === 'note',
  );
  const notices = statsNotices(grounder.stats, truncated);
  opts.onProgress?.({ section: '', title: '', sentences: [], done: true });
  return {
    template: template.id,
    sections: all,
    note,
    engine: {
      ...base,
      used: generator.kind,
      ...(notices.length ? { notices } : {}),
      grounding: { ...grounder.stats },
    },
  };
}

/** The embedded draft with its engine record (the default engine, and what a refused or absent engine falls to). */
export function embeddedDraft(
  transcript: Transcript,
  template: string | NoteTemplate | undefined,
  record: Omit<EngineRecord, 'used'> = { requested: 'embedded' },
  utterances?: DraftOptions['utterances'],
): EngineDraft {
  const d = draftNote(transcript, {
    ...(template ? { template } : {}),
    ...(utterances ? { utterances } : {}),
  });
  return { ...d, engine: { ...record, used: 'embedded' } };
}
