/** `bedside audit ...`: verify the hash-chained audit trail and export it. Audit rows hold ids and actions only. */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditRow } from '../../store/index.js';
import { CliError, EXIT, HelpRequested, UsageError, parseFlags, subcommands, type Command } from '../cli.js';
import { withStore } from './db.js';

const COLUMNS = ['seq', 'at', 'actor', 'action', 'entity', 'entityId', 'prevHash', 'hash'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(rows: AuditRow[]): string {
  const header = COLUMNS.map((c) => (c === 'entityId' ? 'entity_id' : c === 'prevHash' ? 'prev_hash' : c)).join(',');
  return [header, ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export const audit: Command = {
  name: 'audit',
  summary: 'Verify the tamper-evident audit trail, or export it as CSV or JSON.',
  usage: `Usage: bedside audit <sub-command> [--data-dir DIR] [options]

Every access to patient data (open, view, create, edit, sign, copy, export, send, delete, purge, unlock...) is
recorded with who, what, which record id and when; rows are hash-chained so edits, deletions and reordering show.

Sub-commands:
  verify                         check the chain; exit 4 and name the first bad row when it is broken
  export [--format csv|json] [--output FILE]
                                 write every row (default CSV on stdout)

Options:
  --data-dir DIR   the Bedside data folder (default: BEDSIDE_DATA_DIR or the OS user-data folder)`,
  run: subcommands('audit', {
    async verify(argv, io) {
      const { values } = parseFlags(argv, { 'data-dir': { type: 'string' } });
      if (values.help) throw new HelpRequested();
      // Read-only: the file is checked page by page first, so a damaged file exits 4 and is never written.
      return withStore(
        values,
        io,
        (engine) => {
          const r = engine.verifyAudit();
          if (!r.ok) throw new CliError(`audit trail broken at row ${r.firstBadSeq}: ${r.problem}`, EXIT.integrity);
          io.stdout.write(`Audit trail ok: ${r.rows} rows, chain intact.\n`);
          return EXIT.ok;
        },
        { read: true },
      );
    },

    async export(argv, io) {
      const { values } = parseFlags(argv, {
        'data-dir': { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
      });
      if (values.help) throw new HelpRequested();
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, got '${format}'`);
      const file = values.output !== undefined ? resolve(io.cwd, values.output) : undefined;
      if (file && existsSync(file)) throw new CliError('the output file already exists; choose a new file name');
      return withStore(values, io, (engine) => {
        engine.audit('export', 'audit', null);
        const rows = engine.auditRows();
        const text = format === 'csv' ? auditCsv(rows) : JSON.stringify(rows, null, 2) + '\n';
        if (file) {
          writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
          io.stdout.write(`${rows.length} audit rows written to ${file}.\n`);
        } else io.stdout.write(text);
        return EXIT.ok;
      });
    },
  }),
};
