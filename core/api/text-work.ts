/**
 * The heavy text operations of the API (drafting, verifying, parsing, hints) as plain functions of plain data, so
 * that they run the same inline or in a worker thread (text-pool.ts). The handlers resolve what needs the store
 * (the clinician's own template) first and hand over only text and plain objects.
 */
import { draftNote, extractFacts, parseTranscript, verifyNote } from '../clinical/index.js';
import { extractionContext } from '../clinical/extract.js';
import { missingFromNote } from '../clinical/coverage.js';
import { InputError, toJsonl } from '../clinical/io.js';
import type { NoteTemplate } from '../clinical/types.js';
import { computeHints, type PatientContext } from '../hints/index.js';
import { learnedSectionsFor } from '../../models/text/utterances.js';
import { ApiError } from './errors.js';

export type TextJob =
  | { op: 'note.draft'; transcript: string; template?: NoteTemplate }
  /** A generative draft's heavy part (core/engines/note-draft.ts): the visit's facts and the embedded draft. */
  | { op: 'engine.prepare'; transcript: string; template?: NoteTemplate }
  | { op: 'note.verify'; transcript: string; note: string }
  | { op: 'transcript.parse'; transcript: string }
  | { op: 'hints.compute'; transcript: string; context?: PatientContext }
  /** The CLI's `bedside draft FILE`: the note text of a plain transcript (InputError when it holds no words). */
  | { op: 'draft.text'; text: string; template?: string; env?: Record<string, string | undefined> }
  /** One visit of `bedside draft --jsonl`: its output line, the draft with its hints. */
  | {
      op: 'draft.visit';
      id: string | number;
      dialogue: string;
      template?: string;
      env?: Record<string, string | undefined>;
    };

/** Characters of text a job carries (the pool runs small jobs inline). */
export function jobSize(job: TextJob): number {
  switch (job.op) {
    case 'note.verify':
      return job.transcript.length + job.note.length;
    case 'draft.text':
      return job.text.length;
    case 'draft.visit':
      return job.dialogue.length;
    default:
      return job.transcript.length;
  }
}

export async function runTextJob(job: TextJob): Promise<unknown> {
  switch (job.op) {
    case 'note.draft': {
      const parsed = parseTranscript(job.transcript);
      if (parsed.turns.length === 0) throw new ApiError('invalid_params', 'The transcript has no text.');
      // Learned utterance sections when BEDSIDE_TEXT_MODELS is on and the model loads; otherwise the rules alone.
      const utterances = await learnedSectionsFor(parsed);
      return draftNote(parsed, {
        ...(job.template ? { template: job.template } : {}),
        ...(utterances ? { utterances } : {}),
      });
    }
    case 'engine.prepare': {
      const parsed = parseTranscript(job.transcript);
      if (parsed.turns.length === 0) throw new ApiError('invalid_params', 'The transcript has no text.');
      const utterances = await learnedSectionsFor(parsed);
      const facts = extractFacts(parsed);
      const embedded = draftNote(parsed, {
        ...(job.template ? { template: job.template } : {}),
        facts,
        ...(utterances ? { utterances } : {}),
      });
      return { facts, embedded };
    }
    case 'note.verify': {
      const parsed = parseTranscript(job.transcript);
      if (parsed.turns.length === 0) throw new ApiError('invalid_params', 'The transcript has no text.');
      // The visit is read once for both checks.
      const ex = extractionContext(parsed);
      return {
        sentences: verifyNote(parsed, job.note, extractFacts(parsed, ex)),
        missing: missingFromNote(parsed, job.note, ex),
      };
    }
    case 'transcript.parse': {
      const parsed = parseTranscript(job.transcript);
      return {
        format: parsed.format,
        turns: parsed.turns.map((t) => ({
          index: t.index,
          speaker: t.speaker,
          text: t.text,
          ...(t.label !== undefined ? { label: t.label } : {}),
          ...(t.start !== undefined ? { start: t.start } : {}),
          ...(t.end !== undefined ? { end: t.end } : {}),
        })),
      };
    }
    case 'hints.compute':
      return computeHints(job.transcript, { context: job.context });
    case 'draft.text': {
      // One parse serves the learned utterance sections (on with BEDSIDE_TEXT_MODELS; models/text/utterances.ts) and
      // the draft.
      if (!/[A-Za-z0-9]/.test(job.text)) throw new InputError('input is empty (no transcript text)');
      const transcript = parseTranscript(job.text);
      if (transcript.turns.length === 0) throw new InputError('input is empty (no transcript text)');
      const utterances = await learnedSectionsFor(transcript, job.env ?? process.env);
      return draftNote(transcript, {
        ...(job.template ? { template: job.template } : {}),
        ...(utterances ? { utterances } : {}),
      }).note;
    }
    case 'draft.visit': {
      // One parse and one extraction per visit serve both the draft and its hints.
      const transcript = parseTranscript(job.dialogue);
      const facts = extractFacts(transcript);
      const utterances = await learnedSectionsFor(transcript, job.env ?? process.env);
      const draft = toJsonl(
        job.id,
        draftNote(transcript, {
          ...(job.template ? { template: job.template } : {}),
          facts,
          ...(utterances ? { utterances } : {}),
        }),
      );
      return JSON.stringify({ ...draft, hints: computeHints(transcript, { facts }) }) + '\n';
    }
  }
}
