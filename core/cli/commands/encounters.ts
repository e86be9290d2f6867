/**
 * `bedside encounters ...`: list, show, search and import encounters. Output holds PHI (it is what the user asked
 * to see); error messages and the audit trail hold ids only.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { storeVisit } from '../../encounters/store-visit.js';
import { draftNote, parseTranscript } from '../../clinical/index.js';
import type { EncounterDetail, EncounterSummary } from '../../store/index.js';
import { CliError, HelpRequested, UsageError, intFlag, parseFlags, subcommands, type Command } from '../cli.js';
import { withStore } from './db.js';

function line(e: EncounterSummary): string {
  const note = e.signed ? 'signed' : e.latestNoteVersion ? `draft v${e.latestNoteVersion}` : '-';
  return [
    String(e.id).padStart(5),
    e.startedAt.slice(0, 16).replace('T', ' '),
    e.status.padEnd(9),
    `${String(e.segments).padStart(4)} seg`,
    `${e.audioSeconds.toFixed(0).padStart(5)} s`,
    note.padEnd(9),
    e.mrn ? `${e.patientLabel} (MRN ${e.mrn})` : e.patientLabel,
  ].join('  ');
}

function showText(e: EncounterDetail): string {
  const out = [
    `Encounter ${e.id}  (${e.status})`,
    `Patient     ${e.patientLabel}${e.mrn ? `  MRN ${e.mrn}` : ''}${e.dateOfBirth ? `  (born ${e.dateOfBirth})` : ''}`,
    `Started     ${e.startedAt}${e.endedAt ? `   ended ${e.endedAt}` : ''}`,
    `Consent     ${e.consent ? `yes (${e.consentAt})` : 'no'}`,
    `Audio       ${e.audioSeconds} s`,
    '',
    `Transcript (${e.transcript.length} segments)`,
    ...e.transcript.map((s) => `  ${String(s.seq).padStart(3)} ${s.speaker.padEnd(8)} ${s.text}`),
  ];
  const latest = e.notes[e.notes.length - 1];
  if (latest) {
    const body = latest.body as { note?: unknown };
    out.push(
      '',
      `Note v${latest.version} (${latest.kind}${latest.signedBy ? `, signed by ${latest.signedBy} at ${latest.signedAt}` : ''}, template ${latest.templateId})`,
    );
    if (typeof body?.note === 'string') out.push(body.note);
  }
  if (e.hints.length) {
    out.push('', `Hints (${e.hints.length})`);
    for (const h of e.hints)
      out.push(`  ${h.id} ${h.kind} ${h.status}${h.dismissReason ? ` (${h.dismissReason})` : ''}`);
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

export const encounters: Command = {
  name: 'encounters',
  summary: 'List, show, search and import encounters in the encrypted store.',
  usage: `Usage: bedside encounters <sub-command> [--data-dir DIR] [options]

Sub-commands:
  list [--json] [--limit N]                     newest first
  show ID [--json]                              one encounter: patient, consent, transcript, note, hints
  search TEXT [--json] [--limit N]              full-text search over transcripts
  import --patient LABEL [--dob YYYY-MM-DD] [--started ISO-TIME] FILE
                                                create an encounter from a transcript file ("[doctor] ..." or
                                                "Doctor: ..." lines) and store the drafted note with its evidence

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
      return withStore(values, io, (engine) => {
        const rows = engine.listEncounters({ limit });
        if (values.json) io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else if (rows.length === 0) io.stdout.write('No encounters.\n');
        else io.stdout.write(rows.map(line).join('\n') + '\n');
        return 0;
      });
    },

    async show(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
        { positionals: 1 },
      );
      if (values.help) throw new HelpRequested();
      const id = encounterId(positionals[0]);
      return withStore(values, io, (engine) => {
        const e = engine.getEncounter(id);
        if (!e) throw new CliError(`no encounter with id ${id}`);
        io.stdout.write(values.json ? JSON.stringify(e, null, 2) + '\n' : showText(e));
        return 0;
      });
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
      return withStore(values, io, (engine) => {
        const hits = engine.searchTranscripts(text, limit);
        if (values.json) io.stdout.write(JSON.stringify(hits, null, 2) + '\n');
        else if (hits.length === 0) io.stdout.write('No matches.\n');
        else
          io.stdout.write(
            hits.map((h) => `${String(h.encounterId).padStart(5)}  #${h.seq}  ${h.snippet}`).join('\n') + '\n',
          );
        return 0;
      });
    },

    async import(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        {
          'data-dir': { type: 'string' },
          patient: { type: 'string' },
          dob: { type: 'string' },
          started: { type: 'string' },
        },
        { positionals: 1 },
      );
      if (values.help) throw new HelpRequested();
      const label = values.patient?.trim();
      if (!label) throw new UsageError('--patient LABEL is required');
      if (values.dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.dob))
        throw new UsageError('--dob must be YYYY-MM-DD');
      if (values.started !== undefined && Number.isNaN(Date.parse(values.started)))
        throw new UsageError('--started must be an ISO time (e.g. 2026-01-31T09:30:00Z)');
      const file = resolve(io.cwd, positionals[0]!);
      let text: string;
      try {
        if (statSync(file).size > MAX_TRANSCRIPT_BYTES) throw new CliError('the transcript file is larger than 5 MiB');
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if (err instanceof CliError) throw err;
        // The file name is not echoed: transcripts are often named after the patient.
        throw new CliError(`cannot read the transcript file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
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
      return withStore(values, io, (engine) => {
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
