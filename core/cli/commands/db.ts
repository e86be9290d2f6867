/**
 * `bedside db ...`: create, verify, back up, re-key and purge the encrypted store. Also exports the helpers the
 * `audit` and `encounters` commands use to unlock the store from the command line.
 */
import { constants as fsConstants, copyFileSync, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { defaultDataDir } from '../../platform/paths.js';
import {
  DamagedDatabaseError,
  KeyProtectionError,
  MIN_PASSPHRASE_CHARS,
  NoDatabaseError,
  PassphraseProtector,
  SchemaTooNewError,
  StoreBusyError,
  StoreInputError,
  StoreInUseError,
  WrongKeyError,
  initStore,
  rewrapKey,
  storePaths,
  unlockStore,
  type StoreEngine,
} from '../../store/index.js';
import { translateSqliteError } from '../../store/errors.js';
import { salvageStore } from '../../store/salvage.js';
import {
  CliError,
  EXIT,
  HelpRequested,
  UsageError,
  intFlag,
  parseFlags,
  subcommands,
  type CliIO,
  type Command,
} from '../cli.js';

/** The audit actor for command-line use: the OS account name, reduced to id characters. */
export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (containers): keep 'unknown'.
  }
  return `cli:${name.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 60) || 'unknown'}`;
}

export function dataDirOf(values: { 'data-dir'?: string }, io: CliIO): string {
  return values['data-dir'] !== undefined ? resolve(io.cwd, values['data-dir']) : defaultDataDir(io.env);
}

/** Reads lines from a piped stdin, one per call (for passphrases given as `printf 'old\nnew\n' | bedside ...`). */
class LineReader {
  private buf = '';
  private ended = false;
  private readonly iter: AsyncIterator<Buffer | string>;
  constructor(stream: NodeJS.ReadableStream) {
    this.iter = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  }
  async next(): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) {
        const line = this.buf.slice(0, nl).replace(/\r$/, '');
        this.buf = this.buf.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        const rest = this.buf;
        this.buf = '';
        return rest.length ? rest : null;
      }
      const r = await this.iter.next();
      if (r.done) this.ended = true;
      else this.buf += r.value.toString();
    }
  }
}

const readers = new WeakMap<object, LineReader>();

/** Prompts on a terminal without echo. */
async function promptHidden(io: CliIO, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolvePromise, reject) => {
      let text = '';
      const onData = (chunk: Buffer | string) => {
        for (const ch of chunk.toString()) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            io.stderr.write('\n');
            resolvePromise(text);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new CliError('cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
          else text += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
  }
}

/**
 * A passphrase from the environment variable, a hidden terminal prompt, or the next line of piped stdin.
 * Never echoed, never logged.
 */
export async function readPassphrase(io: CliIO, envName: string, prompt: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (io.stdin.isTTY) return promptHidden(io, prompt);
  let reader = readers.get(io.stdin);
  if (!reader) readers.set(io.stdin, (reader = new LineReader(io.stdin)));
  const line = await reader.next();
  if (line === null || line === '')
    throw new UsageError(`no passphrase: set ${envName}, pipe it on stdin, or run in a terminal to be asked`);
  return line;
}

/**
 * One line of text that must stay out of the process list (e.g. a patient label): asked for on a terminal (shown as
 * typed), or the next line of piped stdin (after the passphrase line when that is read from stdin too).
 * Returns null when stdin has no more lines.
 */
export async function readLine(io: CliIO, prompt: string): Promise<string | null> {
  if (io.stdin.isTTY) {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream, terminal: true });
    try {
      return await rl.question(prompt, { signal: io.signal });
    } catch {
      throw new CliError('cancelled');
    } finally {
      rl.close();
    }
  }
  let reader = readers.get(io.stdin);
  if (!reader) readers.set(io.stdin, (reader = new LineReader(io.stdin)));
  return reader.next();
}

/** A new passphrase (asked twice on a terminal), at least MIN_PASSPHRASE_CHARS characters. */
export async function readNewPassphrase(io: CliIO, envName: string, what: string): Promise<string> {
  const first = await readPassphrase(io, envName, `New ${what}: `);
  if (io.stdin.isTTY && !io.env[envName]) {
    const again = await readPassphrase(io, envName, `Repeat the ${what}: `);
    if (again !== first) throw new UsageError(`the two ${what}s differ`);
  }
  if ([...first].length < MIN_PASSPHRASE_CHARS)
    throw new UsageError(`the ${what} must be at least ${MIN_PASSPHRASE_CHARS} characters`);
  return first;
}

/** Maps store errors to CLI errors with the documented exit codes. */
export function cliErrorOf(err: unknown): unknown {
  err = translateSqliteError(err);
  if (err instanceof WrongKeyError) return new CliError(err.message, EXIT.wrongKey);
  if (err instanceof DamagedDatabaseError) return new CliError(err.message, EXIT.integrity);
  if (
    err instanceof SchemaTooNewError ||
    err instanceof NoDatabaseError ||
    err instanceof StoreInputError ||
    err instanceof KeyProtectionError ||
    err instanceof StoreInUseError ||
    err instanceof StoreBusyError
  )
    return new CliError(err.message, EXIT.failure);
  return err;
}

function passphraseProtectors(passphrase: string): PassphraseProtector[] {
  return [new PassphraseProtector(passphrase, 'passphrase'), new PassphraseProtector(passphrase, 'recovery')];
}

/** Opens the store in `dir` with the passphrase (BEDSIDE_PASSPHRASE, a prompt or stdin), or the recovery passphrase. */
export async function openWithPassphrase(
  dir: string,
  io: CliIO,
  opts: { readonly?: boolean } = {},
): ReturnType<typeof unlockStore> {
  const passphrase = await readPassphrase(io, 'BEDSIDE_PASSPHRASE', 'Passphrase: ');
  return unlockStore(dir, passphraseProtectors(passphrase), { actor: cliActor(), readonly: opts.readonly ?? false });
}

/**
 * Unlocks the store in `--data-dir` with the passphrase (or recovery passphrase), runs `fn`, and closes it.
 *
 * With `read`, the command only reads: the file is opened read-only and checked page by page (SQLite's quick check)
 * before `fn` runs, so a damaged file is named (exit 4, restore from a backup) and never written. `read: 'no-check'`
 * skips that check for commands that read every page themselves (db verify, db backup). A read command writes
 * nothing, unless `audit` asks for its audit rows (the unlock, views of patient data, a backup) to be recorded: then
 * they are appended in one short write once `fn` has succeeded on the checked file.
 */
export async function withStore<T>(
  values: { 'data-dir'?: string },
  io: CliIO,
  fn: (engine: StoreEngine, slot: string) => T | Promise<T>,
  opts: { read?: boolean | 'no-check'; audit?: boolean } = {},
): Promise<T> {
  const dir = dataDirOf(values, io);
  let engine: StoreEngine | undefined;
  try {
    const opened = await openWithPassphrase(dir, io, { readonly: !!opts.read });
    engine = opened.engine;
    if (opts.read === true) engine.checkReadable();
    const result = await fn(engine, opened.slot);
    if (opts.read && opts.audit) engine.recordPendingAudit();
    return result;
  } catch (err) {
    throw cliErrorOf(err);
  } finally {
    engine?.close();
  }
}

const dataDirFlag = { 'data-dir': { type: 'string' } } as const;

const USAGE = `Usage: bedside db <sub-command> [--data-dir DIR] [options]

The encrypted database (SQLCipher) holding every encounter, recording, transcript, note and the audit trail.
The passphrase is read from BEDSIDE_PASSPHRASE, or asked for on the terminal, or read from the first line of stdin.

Sub-commands:
  init                  create a new encrypted database protected by a passphrase (at least ${MIN_PASSPHRASE_CHARS} characters)
  verify                run SQLite's integrity and foreign-key checks (exit 4 when they fail)
  backup FILE           write an encrypted, verified copy of the database to FILE while it stays in use, and its
                        wrapped key beside it as FILE.keys.json (the copy opens with today's passphrase)
  rekey                 change the passphrase (new one from BEDSIDE_NEW_PASSPHRASE, the prompt, or stdin's next
                        line); the data key is re-wrapped, the database is not rewritten
  purge [--dry-run]     delete audio and encounters past the retention periods (recorded in the audit trail)
  retention [--audio-days N] [--encounter-days N]
                        show or change the retention periods (0 = keep forever)
  status [--json]       counts, schema version and retention
  salvage FILE          copy every row that can still be read from a damaged database into a new encrypted file
                        (FILE, with FILE.keys.json; exit 4 when rows were lost). Restore it by moving both into place

Options:
  --data-dir DIR        the Bedside data folder (default: BEDSIDE_DATA_DIR or the OS user-data folder)

verify, status, backup and the read commands of 'audit' and 'encounters' open the database read-only and check it
first (about 15 ms per MB); a damaged file is named (exit 4) and never written. Only views of patient data and
backups are then recorded in the audit trail.

Exit codes: 0 ok, 1 failure (also: the database stayed busy past the wait), 2 usage error, 3 wrong passphrase or not a Bedside database, 4 integrity check failed or the database file
is damaged (restore from a backup).`;

export const db: Command = {
  name: 'db',
  summary: 'Create, verify, back up, re-key and purge the encrypted database.',
  usage: USAGE,
  run: subcommands('db', {
    async init(argv, io) {
      const { values } = parseFlags(argv, { ...dataDirFlag });
      if (values.help) throw new HelpRequested();
      const dir = dataDirOf(values, io);
      const passphrase = await readNewPassphrase(io, 'BEDSIDE_PASSPHRASE', 'passphrase');
      try {
        const engine = await initStore(dir, [new PassphraseProtector(passphrase, 'passphrase')], { actor: cliActor() });
        const id = engine.databaseId;
        engine.close();
        io.stdout.write(`Created an encrypted Bedside database in ${dir} (id ${id}).\n`);
        io.stdout.write('Keep the passphrase safe: without it the data cannot be recovered.\n');
      } catch (err) {
        throw cliErrorOf(err);
      }
      return EXIT.ok;
    },

    async verify(argv, io) {
      const { values } = parseFlags(argv, { ...dataDirFlag });
      if (values.help) throw new HelpRequested();
      return withStore(
        values,
        io,
        (engine) => {
          const r = engine.integrityCheck();
          if (!r.ok) {
            const first = r.integrity[0] ?? `${r.foreignKeyViolations} foreign-key violation(s)`;
            const damaged = r.integrity.length > 0;
            throw new CliError(
              `integrity check failed: ${first}` +
                (damaged ? '; the database file is damaged: restore from a backup (bedside db salvage FILE)' : ''),
              EXIT.integrity,
            );
          }
          io.stdout.write('Integrity check ok; foreign keys ok.\n');
          return EXIT.ok;
        },
        { read: 'no-check' },
      );
    },

    async backup(argv, io) {
      const { values, positionals } = parseFlags(argv, { ...dataDirFlag }, { positionals: 1 });
      if (values.help) throw new HelpRequested();
      const dest = resolve(io.cwd, positionals[0]!);
      const keysDest = `${dest}.keys.json`;
      if (existsSync(keysDest))
        throw new CliError('the backup key file (FILE.keys.json) already exists; choose a new backup name');
      // Read-only: a damaged file fails the copy (exit 4, pointing at salvage) and is never written.
      return withStore(
        values,
        io,
        (engine) => {
          const { bytes } = engine.backup(dest);
          copyFileSync(storePaths(dataDirOf(values, io)).keys, keysDest, fsConstants.COPYFILE_EXCL);
          io.stdout.write(
            `Encrypted backup written to ${dest} (${bytes} bytes, verified) with its key file ${keysDest}.\n`,
          );
          return EXIT.ok;
        },
        { read: 'no-check', audit: true },
      );
    },

    async salvage(argv, io) {
      const { values, positionals } = parseFlags(argv, { ...dataDirFlag }, { positionals: 1 });
      if (values.help) throw new HelpRequested();
      const dest = resolve(io.cwd, positionals[0]!);
      if (existsSync(dest) || existsSync(`${dest}.keys.json`))
        throw new CliError('the salvage file (or FILE.keys.json) already exists; choose a new name');
      const dir = dataDirOf(values, io);
      const passphrase = await readPassphrase(io, 'BEDSIDE_PASSPHRASE', 'Passphrase: ');
      try {
        const r = await salvageStore(dir, passphraseProtectors(passphrase), dest);
        for (const t of r.tables)
          io.stdout.write(
            `${t.table.padEnd(20)} ${String(t.copied).padStart(8)} rows copied` +
              (t.unreadable ? `, ${t.unreadable} unreadable range(s) skipped` : '') +
              '\n',
          );
        io.stdout.write(
          `Salvaged copy written to ${dest} with its key file ${dest}.keys.json (opens with today's passphrase). ` +
            (r.complete
              ? 'Every row was readable.\n'
              : 'Some rows could not be read; check the copy (bedside db verify, audit verify) before using it.\n'),
        );
        return r.complete ? EXIT.ok : EXIT.integrity;
      } catch (err) {
        throw cliErrorOf(err);
      }
    },

    async rekey(argv, io) {
      const { values } = parseFlags(argv, { ...dataDirFlag });
      if (values.help) throw new HelpRequested();
      const dir = dataDirOf(values, io);
      const current = await readPassphrase(io, 'BEDSIDE_PASSPHRASE', 'Current passphrase: ');
      const next = await readNewPassphrase(io, 'BEDSIDE_NEW_PASSPHRASE', 'passphrase');
      try {
        const protectors = [
          new PassphraseProtector(current, 'passphrase'),
          new PassphraseProtector(current, 'recovery'),
        ];
        // The slot the current passphrase opens (passphrase or recovery) is the one that gets the new passphrase.
        const { changed: slot } = await rewrapKey(
          dir,
          protectors,
          (unlocked) => new PassphraseProtector(next, unlocked === 'recovery' ? 'recovery' : 'passphrase'),
          { actor: cliActor() },
        );
        io.stdout.write(`The ${slot === 'recovery' ? 'recovery passphrase' : 'passphrase'} was changed.\n`);
      } catch (err) {
        throw cliErrorOf(err);
      }
      return EXIT.ok;
    },

    async purge(argv, io) {
      const { values } = parseFlags(argv, { ...dataDirFlag, 'dry-run': { type: 'boolean' } });
      if (values.help) throw new HelpRequested();
      return withStore(values, io, (engine) => {
        const r = engine.purge({ dryRun: values['dry-run'] ?? false });
        const { audioDays, encounterDays } = engine.retention();
        io.stdout.write(
          `${r.dryRun ? 'Would purge' : 'Purged'}: audio of ${r.audioEncounters} encounter(s) (${r.audioChunks} chunks), ` +
            `${r.encounters} encounter(s), ${r.patients} patient(s). ` +
            `Retention: audio ${audioDays || 'forever'} day(s), encounters ${encounterDays || 'forever'} day(s).\n`,
        );
        return EXIT.ok;
      });
    },

    async retention(argv, io) {
      const { values } = parseFlags(argv, {
        ...dataDirFlag,
        'audio-days': { type: 'string' },
        'encounter-days': { type: 'string' },
      });
      if (values.help) throw new HelpRequested();
      const audio = values['audio-days'];
      const enc = values['encounter-days'];
      const change = {
        ...(audio !== undefined ? { audioDays: intFlag('audio-days', audio, 0, 0, 36_500) } : {}),
        ...(enc !== undefined ? { encounterDays: intFlag('encounter-days', enc, 0, 0, 36_500) } : {}),
      };
      return withStore(values, io, (engine) => {
        const r = Object.keys(change).length ? engine.setRetention(change) : engine.retention();
        io.stdout.write(`audio-days ${r.audioDays}\nencounter-days ${r.encounterDays}\n`);
        return EXIT.ok;
      });
    },

    async status(argv, io) {
      const { values } = parseFlags(argv, { ...dataDirFlag, json: { type: 'boolean' } });
      if (values.help) throw new HelpRequested();
      return withStore(
        values,
        io,
        (engine) => {
          const s = engine.status();
          if (values.json) io.stdout.write(JSON.stringify(s, null, 2) + '\n');
          else
            io.stdout.write(
              Object.entries(s)
                .map(([k, v]) => `${k.padEnd(22)} ${typeof v === 'object' ? JSON.stringify(v) : v}`)
                .join('\n') + '\n',
            );
          return EXIT.ok;
        },
        { read: true },
      );
    },
  }),
};
