/**
 * The CLI's building blocks. Each command lives in its own file under `commands/` and is registered in
 * `commands/index.ts`. Exit codes: 0 ok, 1 failure, 2 usage error; later commands add 3 (wrong passphrase or not a
 * Bedside database) and 4 (integrity or audit check failed).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadMachinePolicy, type PolicyReport } from '../policy/policy.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, wrongKey: 3, integrity: 4 } as const;

export interface CliIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM so long commands can stop cleanly. */
  signal: AbortSignal;
  /**
   * The machine policy, read once per process on first use (`run` fills it; tests may inject one). Commands take it
   * through `cliPolicy(io)` and hand it down (createCore, the engine checks), never reading the sources again.
   */
  policy?: () => PolicyReport;
}

/** Reads the machine policy at the first call, then returns the same report (the policy is read once per process). */
export function policyOnce(load: () => PolicyReport = loadMachinePolicy): () => PolicyReport {
  let report: PolicyReport | undefined;
  return () => (report ??= load());
}

/** The machine policy of this CLI run (read once; see CliIO.policy). */
export function cliPolicy(io: CliIO): PolicyReport {
  return (io.policy ??= policyOnce())();
}

export interface Command {
  /** First word on the command line. */
  name: string;
  /** One line for `bedside --help`. */
  summary: string;
  /** Full help, printed by `bedside help NAME` and `bedside NAME --help`. */
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
  /**
   * The command stops on its own when io.signal aborts and needs the time to do it well (a host committing
   * recordings and locking the store): Ctrl-C or SIGTERM does not force it out; a second one does. Other commands
   * are ended after a short grace period (main.ts) if they have not stopped by then.
   */
  graceful?: boolean;
}

/** A mistake in how the command was called: printed as one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure with a clear message and a chosen exit code. Messages are shown to users: never put PHI in them. */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict flag parsing: unknown flags, missing values and stray positionals become a UsageError naming the culprit.
 * Every command gets `--help`/`-h` for free.
 */
type FlagValue<T> = T extends { type: 'boolean'; multiple: true }
  ? boolean[]
  : T extends { type: 'boolean' }
    ? boolean
    : T extends { multiple: true }
      ? string[]
      : string;

export interface ParsedFlags<O extends Options> {
  values: { [K in keyof O]?: FlagValue<O[K]> } & { help?: boolean };
  positionals: string[];
}

export function parseFlags<O extends Options>(
  argv: string[],
  options: O,
  opts: { positionals?: number | [number, number] } = {},
): ParsedFlags<O> {
  const all: Options = { ...options, help: { type: 'boolean', short: 'h' } };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: all, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(cleanParseError(err));
  }
  const [min, max] = Array.isArray(opts.positionals)
    ? opts.positionals
    : [opts.positionals ?? 0, opts.positionals ?? 0];
  const n = parsed.positionals.length;
  if (!parsed.values.help) {
    if (n > max) throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`);
    if (n < min) throw new UsageError(`missing argument (expected ${min === max ? min : `at least ${min}`})`);
  }
  return parsed as ParsedFlags<O>;
}

function cleanParseError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const missing = /Option '([^']+)' argument missing/.exec(msg);
  if (missing) return `option '${missing[1]!.replace(/^-\w, /, '')}' needs a value`;
  return msg.split('\n')[0]!.replace(/\. To specify.*$/, '');
}

/** Parses an integer flag within bounds, or throws a UsageError naming the flag. */
export function intFlag(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Dispatches `bedside GROUP SUB ...` to sub-command functions, with a clear error for an unknown one. */
export function subcommands(
  group: string,
  subs: Record<string, (argv: string[], io: CliIO) => Promise<number>>,
): (argv: string[], io: CliIO) => Promise<number> {
  return async (argv, io) => {
    const [sub, ...rest] = argv;
    if (sub === undefined) throw new UsageError(`'${group}' needs a sub-command: ${Object.keys(subs).join(', ')}`);
    const fn = Object.prototype.hasOwnProperty.call(subs, sub) ? subs[sub] : undefined;
    if (!fn) {
      if (sub === '--help' || sub === '-h' || sub === 'help') throw new HelpRequested();
      throw new UsageError(
        `unknown '${group}' sub-command '${sub}' (expected one of: ${Object.keys(subs).join(', ')})`,
      );
    }
    return fn(rest, io);
  };
}

/** Thrown by a command that was asked for help; the runner prints the command's usage and exits 0. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
    this.name = 'HelpRequested';
  }
}
