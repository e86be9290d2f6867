import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { decodeUtf8, draftText, InputError, parseJsonlVisits, toJsonl } from '../../clinical/io.js';
import { draftNote, extractFacts, parseTranscript } from '../../clinical/index.js';
import { computeHints } from '../../hints/index.js';
import { loadTemplate, templateIds, TemplateError } from '../../clinical/templates.js';
import { CliError, EXIT, HelpRequested, UsageError, parseFlags, type CliIO, type Command } from '../cli.js';

export async function readInput(file: string | undefined, io: CliIO): Promise<Buffer> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c as Uint8Array));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `input file '${file}' does not exist`
        : `cannot read input file '${file}' (${code ?? 'error'})`,
      EXIT.usage,
    );
  }
}

/** Writes `text` to `path` atomically: a temp file beside it, then a rename. No partial file is left on failure. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write output file '${path}' (${code ?? 'error'})`);
  }
}

/** Writes a command's output to --out FILE (atomically, relative to the working folder) or to standard output. */
export async function emit(out: string | undefined, text: string, io: CliIO): Promise<void> {
  if (out) await writeAtomic(resolve(io.cwd, out), text);
  else io.stdout.write(text);
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
  --out FILE        write the output to FILE (atomically) instead of standard output

Bad input (empty, not UTF-8, a malformed JSON line) stops with an error naming the line and exit code 2;
no output file is written.`,
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
    const buf = await readInput(positionals[0], io);
    let output: string;
    try {
      const text = decodeUtf8(buf);
      if (values.jsonl)
        output = parseJsonlVisits(text)
          .map(({ id, dialogue }) => {
            // One parse and one extraction per visit serve both the draft and its hints.
            const transcript = parseTranscript(dialogue);
            const facts = extractFacts(transcript);
            const draft = toJsonl(id, draftNote(transcript, { template, facts }));
            return JSON.stringify({ ...draft, hints: computeHints(transcript, { facts }) }) + '\n';
          })
          .join('');
      else output = draftText(text, template).note + '\n';
    } catch (err) {
      if (err instanceof InputError) throw new CliError(err.message, EXIT.usage);
      throw err;
    }
    await emit(values.out, output, io);
    return EXIT.ok;
  },
};
