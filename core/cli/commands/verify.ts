import { createCore } from '../../api/index.js';
import { decodeUtf8, InputError, parseJsonlNotes } from '../../clinical/io.js';
import type { VerifiedSentence } from '../../clinical/index.js';
import { CliError, EXIT, HelpRequested, UsageError, parseFlags, type Command } from '../cli.js';
import { CancelledError, emit, MAX_BATCH_INPUT_BYTES, readInput, throwIfCancelled } from '../files.js';

export const verify: Command = {
  name: 'verify',
  summary: 'Check each sentence of a note against the visit transcript (the note.verify API call).',
  usage: `Usage: bedside verify [FILE|-] --jsonl [--out FILE]
       bedside verify --transcript FILE --note FILE [--json]

Checks every sentence of a note — drafted here, by a local model, by a clinic server or pasted from elsewhere —
against what was said in the visit. A sentence is supported only when its evidence turns back its numbers, drugs
and doses, side, polarity and person; otherwise its problems are listed (kinds: no-evidence, number, drug, dose,
side, polarity, experiencer, time, transcript-artefact).

Options:
  --jsonl             input lines {"id", "dialogue", "note"} (FILE, or standard input when FILE is '-' or absent);
                      output lines {"id", "sentences": [{"text", "section", "supported", "evidence", "problems"}],
                      "missing": [{"kind", "detail", "evidence"}]} (the visit's plan items the note leaves out)
  --transcript FILE   one visit transcript (with --note): prints each sentence, '✓' or '✗' and its problems
  --note FILE         the note text to check
  --json              with --transcript/--note: print {"sentences": [...]} as JSON
  --out FILE          write the output to FILE (atomically) instead of standard output

Evidence turn numbers are 0-based indices in the JSON output and 1-based ("turn 3") in the text output.
Bad input (empty, not UTF-8, a malformed JSON line, a missing field, too large) stops with an error naming the line and exit
code 2; no output file is written. Exit 0 also when sentences are unsupported (the output says which).`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        jsonl: { type: 'boolean' },
        json: { type: 'boolean' },
        transcript: { type: 'string' },
        note: { type: 'string' },
        out: { type: 'string' },
      },
      { positionals: [0, 1] },
    );
    if (values.help) throw new HelpRequested();
    const single = values.transcript !== undefined || values.note !== undefined;
    if (single && (values.transcript === undefined || values.note === undefined))
      throw new UsageError('--transcript and --note go together');
    if (single && (values.jsonl || positionals.length))
      throw new UsageError('give either --jsonl input or --transcript with --note, not both');
    if (!single && !values.jsonl) throw new UsageError('give --jsonl input, or --transcript FILE --note FILE');
    const core = createCore();
    type Verified = {
      sentences: VerifiedSentence[];
      missing: Array<{ kind: string; detail: string; evidence: number[] }>;
    };
    const check = async (transcript: string, note: string, where: string): Promise<Verified> => {
      const reply = await core.dispatch('note.verify', { transcript, note }, { transport: 'cli', signal: io.signal });
      if (!reply.ok && reply.error.code === 'cancelled') throw new CancelledError();
      if (!reply.ok) throw new CliError(`${where}: ${reply.error.message}`, EXIT.usage);
      return reply.result as Verified;
    };
    let output = '';
    try {
      if (single) {
        const transcript = decodeUtf8(await readInput(values.transcript, io, { what: 'transcript' }));
        const note = decodeUtf8(await readInput(values.note, io, { what: 'note' }));
        const { sentences, missing } = await check(transcript, note, 'input');
        if (values.json) output = JSON.stringify({ sentences, missing }, null, 2) + '\n';
        else {
          for (const s of sentences) {
            const turns = s.evidence.length ? ` [turn ${s.evidence.map((e) => e + 1).join(', ')}]` : '';
            output += `${s.supported ? '✓' : '✗'} ${s.text}${turns}\n`;
            for (const p of s.problems) output += `    ${p.kind}: ${p.detail}\n`;
          }
          for (const m of missing)
            output += `missing ${m.kind}: ${m.detail} [turn ${m.evidence.map((e) => e + 1).join(', ')}]\n`;
          const bad = sentences.filter((s) => !s.supported).length;
          output += `${sentences.length} sentences, ${bad} unsupported, ${missing.length} plan items not in the note\n`;
        }
      } else {
        const items = parseJsonlNotes(
          decodeUtf8(await readInput(positionals[0], io, { maxBytes: MAX_BATCH_INPUT_BYTES })),
        );
        for (const [i, it] of items.entries()) {
          throwIfCancelled(io.signal);
          const { sentences, missing } = await check(it.dialogue, it.note, `line ${i + 1}`);
          output += JSON.stringify({ id: it.id, sentences, missing }) + '\n';
        }
      }
    } catch (err) {
      if (err instanceof InputError) throw new CliError(err.message, EXIT.usage);
      throw err;
    }
    await emit(values.out, output, io);
    return EXIT.ok;
  },
};
