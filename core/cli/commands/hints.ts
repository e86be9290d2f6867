import { ContextError, parseContextText, summarize, type Hint, type PatientContext } from '../../hints/index.js';
import { MAX_TRANSCRIPT_CHARS } from '../../api/limits.js';
import { checkTranscriptChars, readInput } from '../files.js';
import { runTextJob } from './draft.js';
import { CliError, EXIT, HelpRequested, UsageError, parseFlags, type CliIO, type Command } from '../cli.js';

async function readText(file: string | undefined, io: CliIO, what: string): Promise<string> {
  const buf = await readInput(file, io, { what });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new CliError(`${what} is not valid UTF-8 text`, EXIT.usage);
  }
}

function render(hints: Hint[]): string {
  if (!hints.length) return 'No hints for this visit.\n';
  const lines: string[] = [];
  for (const h of hints) {
    lines.push(`[${h.severity.toUpperCase()}] ${h.kind}: ${h.title}`);
    lines.push(`  ${h.basis}`);
    lines.push(`  Source: ${h.source}`);
    lines.push(
      `  Evidence: ${h.evidence.length ? `turn${h.evidence.length > 1 ? 's' : ''} ${h.evidence.map((e) => e + 1).join(', ')}` : 'patient record (context)'}`,
    );
    lines.push('');
  }
  const s = summarize(hints);
  lines.push(
    `${s.total} hint${s.total === 1 ? '' : 's'} (${['critical', 'warning', 'info']
      .filter((k) => s.bySeverity[k])
      .map((k) => `${s.bySeverity[k]} ${k}`)
      .join(', ')}). Hints are advisory: check each basis before acting.`,
  );
  return lines.join('\n') + '\n';
}

export const hints: Command = {
  name: 'hints',
  summary: 'Decision-support hints with their basis (interactions, allergies, vitals, renal dosing, red flags, codes).',
  usage: `Usage: bedside hints [FILE|-] [--context FILE] [--json]

Reads a visit transcript (FILE, or standard input when FILE is '-' or absent) and prints decision-support hints:
drug interactions, allergy conflicts, abnormal vital signs, kidney-function dosing, dose ranges, duplicate therapy,
red-flag symptoms, documentation gaps and ICD-10-CM codes. Each hint shows what was found, the transcript turns it
rests on, why it matters and the published source. Hints are advisory; the clinician decides.

Options:
  --context FILE   patient context from the record, JSON:
                   {"allergies": ["penicillin" | {"substance", "reaction"?, "status"?: "active"|"inactive"|"refuted"}],
                    "medications": ["warfarin" | {"name", "dose"?, "unit"?: "mg"|"mcg"|"g", "perDay"?, "status"?}],
                    "conditions": ["ckd" | {"name", "code"?}],
                    "labs": {"egfr"?, "crcl"?, "creatinine"?, "potassium"?, "a1c"?, "inr"?},
                    "age"?, "sex"?: "male"|"female"}
  --json           print {"hints": [...]} as JSON (objects: id, kind, severity, title, basis, source, evidence,
                   drugs?, codes?)

Invalid context JSON stops with an error naming the field and exit code 2. Limits: a transcript or context file
up to 8 MiB, a transcript up to ${MAX_TRANSCRIPT_CHARS.toLocaleString('en-US')} characters.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { context: { type: 'string' }, json: { type: 'boolean' } },
      { positionals: [0, 1] },
    );
    if (values.help) throw new HelpRequested();
    if (values.context === '') throw new UsageError('--context needs a file name');
    if ((positionals[0] === undefined || positionals[0] === '-') && values.context === '-')
      throw new UsageError('the transcript and --context cannot both be read from standard input');
    let context: PatientContext | undefined;
    if (values.context !== undefined) {
      const text = await readText(values.context, io, 'context');
      try {
        context = parseContextText(text);
      } catch (err) {
        if (err instanceof ContextError) throw new CliError(`invalid context: ${err.message}`, EXIT.usage);
        throw err;
      }
    }
    if ((positionals[0] === undefined || positionals[0] === '-') && io.stdin.isTTY)
      throw new UsageError("give a transcript FILE, or pipe one on standard input ('-')");
    const text = await readText(positionals[0], io, 'transcript');
    if (!/[A-Za-z0-9]/.test(text)) throw new CliError('transcript is empty', EXIT.usage);
    checkTranscriptChars(text);
    // A long transcript is read in a worker thread, so Ctrl-C and SIGTERM stop it at once.
    const result = (await runTextJob(
      { op: 'hints.compute', transcript: text, ...(context ? { context } : {}) },
      io,
    )) as Hint[];
    io.stdout.write(values.json ? JSON.stringify({ hints: result }, null, 2) + '\n' : render(result));
    return EXIT.ok;
  },
};
