import { decodeUtf8, InputError, parseJsonlVisits } from '../../clinical/io.js';
import { loadTemplate, templateIds, TemplateError } from '../../clinical/templates.js';
import { ApiError } from '../../api/errors.js';
import { MAX_TRANSCRIPT_CHARS } from '../../api/limits.js';
import { runText } from '../../api/text-pool.js';
import type { TextJob } from '../../api/text-work.js';
import { CliError, EXIT, HelpRequested, UsageError, parseFlags, type CliIO, type Command } from '../cli.js';
import {
  CancelledError,
  checkTranscriptChars,
  emit,
  MAX_BATCH_INPUT_BYTES,
  MAX_TEXT_INPUT_BYTES,
  readInput,
  throwIfCancelled,
} from '../files.js';

/**
 * Runs a text job (inline when small, in a worker thread when large, so that Ctrl-C and SIGTERM are handled at
 * once) and turns its failures into CLI errors: bad input exit 2, a cancelled job CancelledError.
 */
export async function runTextJob(job: TextJob, io: CliIO): Promise<unknown> {
  try {
    return await runText(job, io.signal);
  } catch (err) {
    if (err instanceof InputError) throw new CliError(err.message, EXIT.usage);
    if (err instanceof ApiError && err.code === 'cancelled') throw new CancelledError();
    if (err instanceof ApiError && err.code === 'invalid_params') throw new CliError(err.message, EXIT.usage);
    throw err;
  }
}

/** Lets a signal in between two pieces of synchronous work. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export const draft: Command = {
  name: 'draft',
  summary: 'Draft a clinical note (with evidence links) from a visit transcript.',
  usage: `Usage: bedside draft [FILE|-] [--template NAME] [--jsonl] [--out FILE]

Drafts a note from a visit transcript, offline, with no model. Transcripts may use [doctor]/[patient] tags,
Doctor:/Patient: prefixes, or no tags at all (speaker roles are then inferred). Reads FILE, or standard input
when FILE is '-' or absent.

Options:
  --template NAME   note template (default outpatient): ${templateIds().join(', ')}
  --jsonl           input is JSON lines {"id": ..., "dialogue": "..."}; prints one JSON object per line:
                    {"id", "template", "note", "sections": [{"title", "sentences": [{"text", "evidence", "supported"}]}],
                     "hints": [{"id", "kind", "severity", "title", "basis", "source", "evidence", ...}]}
  --out FILE        write the output to FILE (atomically) instead of standard output; a device or pipe
                    (/dev/null, a FIFO) is written through, never replaced

Limits: one transcript up to ${MAX_TEXT_INPUT_BYTES / 1024 / 1024} MiB and ${MAX_TRANSCRIPT_CHARS.toLocaleString('en-US')} characters; a --jsonl file up to
${MAX_BATCH_INPUT_BYTES / 1024 / 1024} MiB, each visit within the same character limit.
Bad input (empty, not UTF-8, a malformed JSON line, too large) stops with an error naming the line and exit code 2;
no output file is written. Ctrl-C or SIGTERM stops the command at once, leaving no output file.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { template: { type: 'string' }, jsonl: { type: 'boolean' }, out: { type: 'string' } },
      { positionals: [0, 1] },
    );
    if (values.help) throw new HelpRequested();
    const template = values.template ?? 'outpatient';
    try {
      loadTemplate(template);
    } catch (err) {
      if (err instanceof TemplateError) throw new UsageError(err.message);
      throw err;
    }
    const buf = await readInput(positionals[0], io, {
      maxBytes: values.jsonl ? MAX_BATCH_INPUT_BYTES : MAX_TEXT_INPUT_BYTES,
    });
    let output: string;
    try {
      const text = decodeUtf8(buf);
      if (values.jsonl) {
        const parts: string[] = [];
        for (const [i, { id, dialogue }] of parseJsonlVisits(text).entries()) {
          checkTranscriptChars(dialogue, `visit ${i + 1}: the dialogue`);
          throwIfCancelled(io.signal);
          parts.push((await runTextJob({ op: 'draft.visit', id, dialogue, template, env: io.env }, io)) as string);
          await nextTurn();
        }
        output = parts.join('');
      } else {
        checkTranscriptChars(text);
        output = ((await runTextJob({ op: 'draft.text', text, template, env: io.env }, io)) as string) + '\n';
      }
    } catch (err) {
      if (err instanceof InputError) throw new CliError(err.message, EXIT.usage);
      throw err;
    }
    await emit(values.out, output, io);
    return EXIT.ok;
  },
};
