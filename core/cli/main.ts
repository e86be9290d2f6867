/**
 * Entry point of the `bedside` command line. `run` is pure (IO injected) so tests call it directly;
 * `bin/bedside.mjs` wires it to the real process.
 */
import { appVersion } from '../platform/build-info.js';
import { CliError, EXIT, HelpRequested, UsageError, policyOnce, type CliIO, type Command } from './cli.js';
import { commands } from './commands/index.js';
import { removePendingTempFiles } from './files.js';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Bedside ${appVersion()}: on-device clinical copilot (records, transcribes, drafts notes with evidence).

Usage: bedside <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help       show this help (or 'bedside <command> --help' for one command)
  -v, --version    print the version

Exit codes: 0 ok, 1 failure, 2 usage error, 3 wrong passphrase or not a Bedside database, 4 integrity check failed.
`;
}

function find(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

export async function run(argv: string[], cliIo: CliIO): Promise<number> {
  // The machine policy is read once for the whole command, when first needed, and passed down from here.
  const io: CliIO = { ...cliIo, policy: cliIo.policy ?? policyOnce() };
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(mainHelp());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${appVersion()}\n`);
    return EXIT.ok;
  }
  if (first === 'help') {
    const target = rest[0] ? find(rest[0]) : undefined;
    if (rest[0] && !target) return usageError(io, `unknown command '${rest[0]}'`);
    io.stdout.write(target ? target.usage + '\n' : mainHelp());
    return EXIT.ok;
  }
  if (first.startsWith('-')) return usageError(io, `unknown option '${first}'`);
  const command = find(first);
  if (!command) return usageError(io, `unknown command '${first}'`);
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof HelpRequested) {
      io.stdout.write(command.usage + '\n');
      return EXIT.ok;
    }
    if (err instanceof UsageError) return usageError(io, `${command.name}: ${err.message}`, command.name);
    if (err instanceof CliError) {
      io.stderr.write(`bedside ${command.name}: ${err.message}\n`);
      return err.exitCode;
    }
    // Unexpected: say what kind of failure without echoing data that may hold PHI.
    const kind = err instanceof Error ? err.name : 'Error';
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    io.stderr.write(`bedside ${command.name}: ${kind}: ${msg}\n`);
    return EXIT.failure;
  }
}

function usageError(io: CliIO, message: string, command?: string): number {
  io.stderr.write(`bedside: ${message}. Run 'bedside ${command ? `${command} ` : ''}--help' for usage.\n`);
  return EXIT.usage;
}

/** How long a command has to stop on its own after Ctrl-C or SIGTERM before the process ends anyway. */
const GRACE_MS = 500;

/**
 * Wires `run` to the real process. Ctrl-C (SIGINT) and SIGTERM abort io.signal; a command that has not returned
 * GRACE_MS later (synchronous work, a blocked write) is ended: the temp files of unfinished --out writes are removed
 * and the process exits 130 (SIGINT) or 143 (SIGTERM). A graceful command (serve) gets the time it needs; a second
 * signal ends it too.
 */
export async function main(): Promise<void> {
  const controller = new AbortController();
  const graceful = find(process.argv[2] ?? '')?.graceful === true;
  let stopped: number | undefined;
  const end = (code: number) => {
    removePendingTempFiles();
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (stopped !== undefined) return end(code);
    stopped = code;
    controller.abort();
    if (!graceful) setTimeout(() => end(code), GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
  process.exitCode = stopped !== undefined && !graceful ? stopped : code;
}
