/**
 * A dev host process for the reliability suite: the same wiring as `bedside serve` (createCore on a data folder,
 * startDevHost on the loopback interface) and the same "listening on URL" line, built from the sources in the tree
 * by `buildHost` (host.ts), so the suite never tests a stale dist/.
 *
 * Usage: node host-main.js DATA_DIR STATIC_DIR
 */
import { createCore } from '../../core/api/index.js';
import { startDevHost } from '../../core/devhost/server.js';

const [dataDir, staticDir] = process.argv.slice(2);
if (!dataDir || !staticDir) {
  process.stderr.write('usage: host-main.js DATA_DIR STATIC_DIR\n');
  process.exit(2);
}
const core = createCore({ storeDir: dataDir });
const host = await startDevHost({ core, staticDir, host: '127.0.0.1', port: 0 });
process.stdout.write(`Bedside dev host listening on ${host.url}\n`);
process.once('SIGTERM', () => {
  void core
    .close()
    .then(() => host.close())
    .then(() => process.exit(0));
});
