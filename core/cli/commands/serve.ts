import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../api/index.js';
import { NotLoopbackError, startDevHost } from '../../devhost/server.js';
import { packageRoot } from '../../platform/paths.js';
import { CliError, HelpRequested, UsageError, cliPolicy, intFlag, parseFlags, type Command } from '../cli.js';
import { dataDirOf } from './db.js';
import { createEngineProvider } from '../../engines/providers.js';
import { hostServerKey } from '../../engines/server-api.js';

export const serve: Command = {
  name: 'serve',
  summary: 'Run the browser dev host (loopback HTTP + WebSocket API) for UI work and end-to-end tests.',
  usage: `Usage: bedside serve [--port N] [--host ADDR] [--data-dir DIR]

Serves the built renderer (dist/renderer) and the Bedside API over a WebSocket, on the loopback interface only.
A random token is generated for each run; open the printed URL, which carries it.

Options:
  --port N      port to listen on (default 0: any free port)
  --host ADDR   loopback address to bind (default 127.0.0.1; non-loopback addresses are refused)
  --data-dir DIR  the encrypted store the UI unlocks (default: the Bedside data folder; BEDSIDE_DATA_DIR)`,
  // Ctrl-C or SIGTERM closes the host properly (recordings committed, store locked); a second signal forces it.
  graceful: true,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (values.help) throw new HelpRequested();
    const port = intFlag('port', values.port, 0, 0, 65535);
    const staticDir = join(packageRoot(), 'dist', 'renderer');
    if (!existsSync(join(staticDir, 'index.html')))
      throw new CliError("the renderer is not built (dist/renderer is missing): run 'npm run build' first");
    // Note engines (issue 15): the local model in a child process, the clinic server (API key: the one stored in
    // Settings, else BEDSIDE_SERVER_API_KEY).
    // The machine policy, read once for this process: the engines' CA and the core's gate use the same report.
    const policy = cliPolicy(io);
    const caFile = policy.values.inferenceCaFile;
    const engines = createEngineProvider({
      env: io.env,
      apiKey: hostServerKey(
        () => core.services.store ?? core.services.storeSession?.store,
        io.env.BEDSIDE_SERVER_API_KEY,
      ),
      ...(caFile ? { caFile } : {}),
    });
    const core = createCore({ storeDir: dataDirOf(values, io), engines, policy });
    let host;
    try {
      host = await startDevHost({ core, staticDir, host: values.host ?? '127.0.0.1', port });
    } catch (err) {
      if (err instanceof NotLoopbackError) throw new UsageError(err.message);
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new CliError(`port ${port} is already in use; choose another with --port`);
      throw err;
    }
    io.stdout.write(`Bedside dev host listening on ${host.url}\n`);
    io.stdout.write('Press Ctrl-C to stop.\n');
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    // Close the core first: a live session's Whisper process or the store's worker thread would keep the process
    // alive; the audio of a recording in progress is committed and locking checkpoints the WAL.
    await core.close();
    await host.close();
    return 0;
  },
};
