/**
 * Child process for the concurrency test: runs one kind of store work in a loop against the store in argv[3] and
 * prints one JSON line: how many runs, and the first lines of any failure. Kinds: `import` (bedside encounters
 * import), `verify` (bedside audit verify), `unlock` (unlock + close, each writing an unlock audit row).
 */
import { Readable } from 'node:stream';
import { run } from '../../../core/cli/main.js';
import { PassphraseProtector, unlockStore } from '../../../core/store/index.js';

const [kind, dir, countArg, transcript, patientFile] = process.argv.slice(2);
const pass = process.env.BEDSIDE_PASSPHRASE!;
const count = Number(countArg);
const failures: string[] = [];

async function cli(argv: string[]): Promise<void> {
  let err = '';
  const code = await run(argv, {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from([]),
    env: { ...process.env, BEDSIDE_PASSPHRASE: pass },
    cwd: process.cwd(),
    signal: new AbortController().signal,
  });
  if (code !== 0) failures.push(`${argv[0]} ${argv[1]} exit ${code}: ${err.trim().slice(0, 200)}`);
}

for (let i = 0; i < count; i++) {
  try {
    if (kind === 'import')
      await cli(['encounters', 'import', '--patient-file', patientFile!, '--data-dir', dir!, transcript!]);
    else if (kind === 'verify') await cli(['audit', 'verify', '--data-dir', dir!]);
    else {
      const { engine } = await unlockStore(dir!, [new PassphraseProtector(pass, 'passphrase')], { actor: 'test:loop' });
      engine.close();
    }
  } catch (err) {
    failures.push(`${kind}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`.slice(0, 200));
  }
}
process.stdout.write(JSON.stringify({ kind, runs: count, failures }) + '\n');
