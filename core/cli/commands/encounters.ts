/**
 * `bedside encounters ...`: list, show, search and import encounters. Output holds PHI (it is what the user asked
 * to see); error messages and the audit trail hold ids only.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { storeVisit } from '../../encounters/store-visit.js';
import { draftNote, parseTranscript } from '../../clinical/index.js';
import { InputError, decodeUtf8 } from '../../clinical/io.js';
import type { EncounterDetail, EncounterSummary } from '../../store/index.js';
import { CliError, HelpRequested, UsageError, intFlag, parseFlags, subcommands, type Command } from '../cli.js';
import { printable, printableJson, printableLine } from '../text.js';
import { readLine, withStore } from './db.js';

function line(e: EncounterSummary): string {
  const note = e.signed ? 'signed' : e.latestNoteVersion ? `draft v${e.latestNoteVersion}` : '-';
  return [
    String(e.id).padStart(5),
    e.startedAt.slice(0, 16).replace('T', ' '),
    e.status.padEnd(9),
    `${String(e.segments).padStart(4)} seg`,
    `${e.audioSeconds.toFixed(0).padStart(5)} s`,
    note.padEnd(9),
    printableLine(e.mrn ? `${e.patientLabel} (MRN ${e.mrn})` : e.patientLabel),
  ].join('  ');
}

function showText(e: EncounterDetail): string {
  const out = [
    `Encounter ${e.id}  (${e.status})`,
    `Patient     ${printableLine(e.patientLabel)}${e.mrn ? `  MRN ${e.mrn}` : ''}${e.dateOfBirth ? `  (born ${e.dateOfBirth})` : ''}`,
    `Started     ${e.startedAt}${e.endedAt ? `   ended ${e.endedAt}` : ''}`,
    `Consent     ${e.consent ? `yes (${e.consentAt})` : 'no'}`,
    `Audio       ${e.audioSeconds} s`,
    '',
    `Transcript (${e.transcript.length} segments)`,
    ...e.transcript.map(
      (s) => `  ${String(s.seq).padStart(3)} ${printableLine(s.speaker).padEnd(8)} ${printableLine(s.text)}`,
    ),
  ];
  const latest = e.notes[e.notes.length - 1];
  if (latest) {
    const body = latest.body as { note?: unknown };
    out.push(
      '',
      `Note v${latest.version} (${latest.kind}${latest.signedBy ? `, signed by ${latest.signedBy} at ${latest.signedAt}` : ''}, template ${latest.templateId})`,
    );
    if (typeof body?.note === 'string') out.push(printable(body.note));
  }
  if (e.hints.length) {
    out.push('', `Hints (${e.hints.length})`);
    for (const h of e.hints)
      out.push(`  ${h.id} ${h.kind} ${h.status}${h.dismissReason ? ` (${printableLine(h.dismissReason)})` : ''}`);
  }
  return out.join('\n') + '\n';
}

/** An encounter id argument (also used by `bedside fhir`): a positive whole number, else a usage error. */
export function encounterId(arg: string | undefined): number {
  if (arg === undefined || !/^\d+$/.test(arg) || Number(arg) < 1 || !Number.isSafeInteger(Number(arg)))
    throw new UsageError(`encounter id must be a positive whole number, got '${arg ?? ''}'`);
  return Number(arg);
}

const MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024;

/** Reads a text file: at most 5 MiB of UTF-8 text (no NUL bytes). Errors never echo the name or content. */
function readTextFile(file: string, what = 'transcript'): string {
  let buf: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new CliError(`the ${what} file must be a regular file`);
      if (st.size > MAX_TRANSCRIPT_BYTES) throw new CliError(`the ${what} file is larger than 5 MiB`);
      buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < buf.length) {
        const n = readSync(fd, buf, off, buf.length - off, off);
        if (n === 0) break;
        off += n;
      }
      buf = buf.subarray(0, off);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    // The file name is not echoed: transcripts are often named after the patient.
    throw new CliError(`cannot read the ${what} file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (buf.includes(0)) throw new UsageError(`the ${what} file is binary (it holds NUL bytes), not text`);
  try {
    return decodeUtf8(buf).replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`the ${what} file is not UTF-8 text (${err.message})`);
    throw err;
  }
}

/**
 * The patient label for an import. `--patient-file FILE` (its first line) or a line on stdin keep the name out of the
 * process list, which every user of the computer can read; `--patient LABEL` still works, with a warning.
 */
async function patientLabel(
  values: { patient?: string; 'patient-file'?: string },
  io: Parameters<Command['run']>[1],
): Promise<string> {
  let label: string | null;
  if (values['patient-file'] !== undefined) {
    const text = readTextFile(resolve(io.cwd, values['patient-file']), 'patient');
    label = text.split(/\r?\n/)[0] ?? '';
  } else if (values.patient !== undefined) {
    io.stderr.write(
      'warning: --patient shows the patient label to every user of this computer (process list); ' +
        'use --patient-file FILE or give it on stdin\n',
    );
    label = values.patient;
  } else {
    label = await readLine(io, 'Patient label: ');
  }
  const trimmed = label?.trim() ?? '';
  if (!trimmed)
    throw new UsageError(
      'no patient label: give --patient-file FILE, pipe it on stdin (after the passphrase line when ' +
        'BEDSIDE_PASSPHRASE is unset), or run in a terminal to be asked (--patient LABEL also works, visibly)',
    );
  if ([...trimmed].length > 200) throw new UsageError('the patient label must be at most 200 characters');
  return trimmed;
}

export const encounters: Command = {
  name: 'encounters',
  summary: 'List, show, search and import encounters in the encrypted store.',
  usage: `Usage: bedside encounters <sub-command> [--data-dir DIR] [options]

Sub-commands:
  list [--json] [--limit N]                     newest first
  show ID [--json]                              one encounter: patient, consent, transcript, note, hints
  search TEXT [--json] [--limit N]              full-text search over transcripts
  import [--patient-file F] [--dob YYYY-MM-DD] [--started ISO-TIME] FILE
                                                create an encounter from a transcript file (UTF-8 text,
                                                "[doctor] ..." or "Doctor: ..." lines) and store the drafted note
                                                with its evidence. The patient label is the first line of
                                                --patient-file, or asked for on the terminal, or the next line of
                                                stdin (after the passphrase when BEDSIDE_PASSPHRASE is unset).
                                                --patient LABEL still works but shows the label in the process list.

list, show and search open the database read-only (a damaged file exits 4 and is not written); text from the store
is printed with control characters escaped (\x1b), so a label or transcript cannot drive the terminal.

Options:
  --data-dir DIR   the Bedside data folder (default: BEDSIDE_DATA_DIR or the OS user-data folder)`,
  run: subcommands('encounters', {
    async list(argv, io) {
      const { values } = parseFlags(argv, {
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
      });
      if (values.help) throw new HelpRequested();
      const limit = intFlag('limit', values.limit, 100, 1, 10_000);
      return withStore(
        values,
        io,
        (engine) => {
          const rows = engine.listEncounters({ limit });
          if (values.json) io.stdout.write(printableJson(rows) + '\n');
          else if (rows.length === 0) io.stdout.write('No encounters.\n');
          else io.stdout.write(rows.map(line).join('\n') + '\n');
          return 0;
        },
        { read: true, audit: true },
      );
    },

    async show(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
        { positionals: 1 },
      );
      if (values.help) throw new HelpRequested();
      const id = encounterId(positionals[0]);
      return withStore(
        values,
        io,
        (engine) => {
          const e = engine.getEncounter(id);
          if (!e) throw new CliError(`no encounter with id ${id}`);
          io.stdout.write(values.json ? printableJson(e) + '\n' : showText(e));
          return 0;
        },
        { read: true, audit: true },
      );
    },

    async search(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } },
        { positionals: 1 },
      );
      if (values.help) throw new HelpRequested();
      const limit = intFlag('limit', values.limit, 20, 1, 1000);
      const text = positionals[0]!;
      if (!/[\p{L}\p{N}]/u.test(text)) throw new UsageError('the search text needs at least one letter or digit');
      return withStore(
        values,
        io,
        (engine) => {
          const hits = engine.searchTranscripts(text, limit);
          if (values.json) io.stdout.write(printableJson(hits) + '\n');
          else if (hits.length === 0) io.stdout.write('No matches.\n');
          else
            io.stdout.write(
              hits
                .map((h) => `${String(h.encounterId).padStart(5)}  #${h.seq}  ${printableLine(h.snippet)}`)
                .join('\n') + '\n',
            );
          return 0;
        },
        { read: true, audit: true },
      );
    },

    async import(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        {
          'data-dir': { type: 'string' },
          patient: { type: 'string' },
          'patient-file': { type: 'string' },
          dob: { type: 'string' },
          started: { type: 'string' },
        },
        { positionals: 1 },
      );
      if (values.help) throw new HelpRequested();
      if (values.patient !== undefined && values['patient-file'] !== undefined)
        throw new UsageError('give --patient or --patient-file, not both');
      if (values.dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.dob))
        throw new UsageError('--dob must be YYYY-MM-DD');
      if (values.started !== undefined && Number.isNaN(Date.parse(values.started)))
        throw new UsageError('--started must be an ISO time (e.g. 2026-01-31T09:30:00Z)');
      const file = resolve(io.cwd, positionals[0]!);
      const text = readTextFile(file);
      let transcript;
      try {
        transcript = parseTranscript(text);
      } catch {
        throw new CliError('the transcript file holds no dialogue turns');
      }
      const turns = transcript.turns;
      if (turns.length === 0) throw new CliError('the transcript file holds no dialogue turns');
      // The drafted note keeps its evidence as turn indices, which are the segments' seq numbers (both from 0).
      const draft = draftNote(transcript);
      // The label is read before the store is opened, except when both it and the passphrase come from piped stdin
      // (the passphrase line comes first there).
      const pipedPassphrase = !io.env.BEDSIDE_PASSPHRASE && !io.stdin.isTTY;
      const early =
        values.patient !== undefined || values['patient-file'] !== undefined || !pipedPassphrase
          ? await patientLabel(values, io)
          : undefined;
      return withStore(values, io, async (engine) => {
        const label = early ?? (await patientLabel(values, io));
        const id = storeVisit(engine, {
          patientLabel: label,
          dateOfBirth: values.dob ?? null,
          ...(values.started ? { startedAt: new Date(values.started).toISOString() } : {}),
          transcript,
          draft,
        });
        io.stdout.write(`Encounter ${id} created: ${turns.length} transcript segments, draft note v1 stored.\n`);
        return 0;
      });
    },
  }),
};
