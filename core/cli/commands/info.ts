import { createCore } from '../../api/index.js';
import { HelpRequested, parseFlags, type Command } from '../cli.js';

export const info: Command = {
  name: 'info',
  summary: 'Show the version and build information (the app.info API call).',
  usage: `Usage: bedside info [--json]

Prints the application version and build information, obtained through the same API the desktop app uses.

Options:
  --json    print the result as JSON`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { json: { type: 'boolean' } });
    if (values.help) throw new HelpRequested();
    const core = createCore();
    const reply = await core.dispatch('app.info', {}, { transport: 'cli', signal: io.signal });
    if (!reply.ok) throw new Error(reply.error.message);
    const r = reply.result as Record<string, unknown>;
    if (values.json) io.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else
      io.stdout.write(
        Object.entries(r)
          .map(([k, v]) => `${k.padEnd(10)} ${v ?? '-'}`)
          .join('\n') + '\n',
      );
    return 0;
  },
};
