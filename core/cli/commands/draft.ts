import { decodeUtf8, InputError, parseJsonlVisits, toJsonl } from '../../clinical/io.js';
import { loadTemplate, templateIds, TemplateError } from '../../clinical/templates.js';
import { ApiError } from '../../api/errors.js';
import { MAX_TRANSCRIPT_CHARS } from '../../api/limits.js';
import { runText } from '../../api/text-pool.js';
import type { TextJob } from '../../api/text-work.js';
import { CliError, EXIT, HelpRequested, UsageError, cliPolicy, parseFlags, type CliIO, type Command } from '../cli.js';
import {
  CancelledError,
  checkTranscriptChars,
  emit,
  MAX_BATCH_INPUT_BYTES,
  MAX_TEXT_INPUT_BYTES,
  readInput,
  throwIfCancelled,
} from '../files.js';
import { draftWithEngine } from '../../engines/note-draft.js';
import { createEngineProvider } from '../../engines/providers.js';
import { DEFAULT_NOTE_ENGINE, ENGINE_KINDS, serverUrlProblem, type EngineProvider } from '../../engines/select.js';
import type { EngineDraft } from '../../engines/generative.js';
import type { EngineKind } from '../../engines/types.js';
import type { Policy } from '../../policy/schema.js';
import type { NoteTemplate } from '../../clinical/types.js';

/**
 * The engine provider of `bedside draft --engine local|server` (core/engines/providers.ts); tests replace it with
 * scripted generators. The clinic server's API key comes from BEDSIDE_SERVER_API_KEY (never logged).
 */
export const cliEngines: { make: (env: NodeJS.ProcessEnv, caFile?: string) => EngineProvider } = {
  make: (env, caFile) =>
    createEngineProvider({ env, apiKey: () => env.BEDSIDE_SERVER_API_KEY || undefined, ...(caFile ? { caFile } : {}) }),
};

/** One visit drafted with a generative engine; the fallback and notices go to standard error (no note text). */
async function draftGenerativeCli(
  text: string,
  template: NoteTemplate,
  opts: {
    engine: EngineKind;
    model?: string | undefined;
    url?: string | undefined;
    provider: EngineProvider;
    policy: Policy;
  },
  io: CliIO,
  label = '',
): Promise<EngineDraft> {
  let d: EngineDraft;
  try {
    d = await draftWithEngine(
      { transcript: text, template, engine: opts.engine, model: opts.model, url: opts.url },
      {
        policy: () => opts.policy,
        settings: async () => ({ ...DEFAULT_NOTE_ENGINE }),
        engines: () => opts.provider,
        progress: () => undefined,
      },
      io.signal,
    );
  } catch (err) {
    if (err instanceof ApiError && err.code === 'forbidden') throw new CliError(err.message, EXIT.failure);
    if (err instanceof ApiError && err.code === 'cancelled') throw new CancelledError();
    if (err instanceof ApiError && err.code === 'invalid_params') throw new CliError(err.message, EXIT.usage);
    throw err;
  }
  if (d.engine.fallback) io.stderr.write(`bedside draft: ${label}${d.engine.fallback}\n`);
  for (const n of d.engine.notices ?? []) io.stderr.write(`bedside draft: ${label}${n}\n`);
  return d;
}

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
                    [--engine embedded|local|server] [--model ID|DIR] [--url URL]

Drafts a note from a visit transcript, offline, with no model (the built-in drafter), or with a generative engine. Transcripts may use [doctor]/[patient] tags,
Doctor:/Patient: prefixes, or no tags at all (speaker roles are then inferred). Reads FILE, or standard input
when FILE is '-' or absent.

Options:
  --template NAME   note template (default outpatient): ${templateIds().join(', ')}
  --jsonl           input is JSON lines {"id": ..., "dialogue": "..."}; prints one JSON object per line:
                    {"id", "template", "note", "sections": [{"title", "sentences": [{"text", "evidence", "supported"}]}],
                     "hints": [{"id", "kind", "severity", "title", "basis", "source", "evidence", ...}]}
  --out FILE        write the output to FILE (atomically) instead of standard output; a device or pipe
                    (/dev/null, a FIFO) is written through, never replaced
  --engine KIND     embedded (default): the built-in drafter; local: a model on this computer (--model: an
                    installed catalogue id or a model folder); server: the clinic's OpenAI-compatible inference
                    server (--url, --model: the server's model name; API key from BEDSIDE_SERVER_API_KEY).
                    Every sentence a model writes cites its turns and is checked by the verifier; one it cannot
                    back is replaced by the built-in drafter's sentence for the same fact, or left out. If the
                    engine fails, the built-in drafter writes the note and the reason is printed on stderr.
                    The machine policy (allowedNoteEngines, inferenceServers) may refuse an engine (exit code 1).

Limits: one transcript up to ${MAX_TEXT_INPUT_BYTES / 1024 / 1024} MiB and ${MAX_TRANSCRIPT_CHARS.toLocaleString('en-US')} characters; a --jsonl file up to
${MAX_BATCH_INPUT_BYTES / 1024 / 1024} MiB, each visit within the same character limit.
Bad input (empty, not UTF-8, a malformed JSON line, too large) stops with an error naming the line and exit code 2;
no output file is written. Ctrl-C or SIGTERM stops the command at once, leaving no output file.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        template: { type: 'string' },
        jsonl: { type: 'boolean' },
        out: { type: 'string' },
        engine: { type: 'string' },
        model: { type: 'string' },
        url: { type: 'string' },
      },
      { positionals: [0, 1] },
    );
    if (values.help) throw new HelpRequested();
    const template = values.template ?? 'outpatient';
    let tpl: NoteTemplate;
    try {
      tpl = loadTemplate(template);
    } catch (err) {
      if (err instanceof TemplateError) throw new UsageError(err.message);
      throw err;
    }
    const engine = (values.engine ?? 'embedded') as EngineKind;
    if (!(ENGINE_KINDS as readonly string[]).includes(engine))
      throw new UsageError(`unknown engine '${values.engine}' (embedded, local or server)`);
    if (engine === 'local' && !values.model)
      throw new UsageError('--engine local needs --model (an installed model id or a model folder)');
    if (engine === 'server') {
      if (!values.url) throw new UsageError("--engine server needs --url (the clinic server's address)");
      if (!values.model) throw new UsageError("--engine server needs --model (the model's name on the server)");
      const problem = serverUrlProblem(values.url);
      if (problem) throw new UsageError(problem);
    }
    if (engine === 'embedded' && (values.model || values.url))
      throw new UsageError('--model and --url go with --engine local or --engine server');
    // The machine policy, read once for this process: the CA for the provider and the gate of every visit's draft.
    const policy = engine === 'embedded' ? undefined : cliPolicy(io).values;
    const provider = policy ? cliEngines.make(io.env, policy.inferenceCaFile) : undefined;
    const generative = (text: string, label?: string) =>
      draftGenerativeCli(
        text,
        tpl,
        { engine, model: values.model, url: values.url, provider: provider!, policy: policy! },
        io,
        label,
      );
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
          if (provider) {
            const d = await generative(dialogue, `visit ${i + 1}: `);
            const hints = await runTextJob({ op: 'hints.compute', transcript: dialogue }, io);
            parts.push(JSON.stringify({ ...toJsonl(id, d), engine: d.engine, hints }) + '\n');
            continue;
          }
          parts.push((await runTextJob({ op: 'draft.visit', id, dialogue, template, env: io.env }, io)) as string);
          await nextTurn();
        }
        output = parts.join('');
      } else {
        checkTranscriptChars(text);
        if (provider) {
          if (!/[A-Za-z0-9]/.test(text)) throw new CliError('input is empty (no transcript text)', EXIT.usage);
          output = (await generative(text)).note + '\n';
        } else output = ((await runTextJob({ op: 'draft.text', text, template, env: io.env }, io)) as string) + '\n';
      }
    } catch (err) {
      if (err instanceof InputError) throw new CliError(err.message, EXIT.usage);
      throw err;
    } finally {
      // A local model's helper process ends with the command.
      await provider?.close?.();
    }
    await emit(values.out, output, io);
    return EXIT.ok;
  },
};
