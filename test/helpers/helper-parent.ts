/**
 * A host process for the "helpers die with their parent" test: starts test/helpers/echo-helper.ts through the
 * launcher (argv[2]: 'node' or 'utility' with the fake utilityProcess), makes the helper's main thread busy, prints
 * the helper's pid as one JSON line and waits to be killed.
 */
import { fileURLToPath } from 'node:url';
import { nodeLauncher } from '../../core/launcher/launcher.js';
import { utilityProcessLauncher } from '../../electron/main/launcher.js';
import { fakeUtilityProcess } from './fake-utility-process.js';

const mode = process.argv[2] === 'utility' ? 'utility' : 'node';
const launcher = mode === 'utility' ? utilityProcessLauncher(fakeUtilityProcess().module) : nodeLauncher;
const helper = launcher.launch({ entry: fileURLToPath(new URL('./echo-helper.ts', import.meta.url)), name: 'echo' });
helper.on('message', (m) => {
  const msg = m as { type: string };
  if (msg.type === 'ready') helper.send({ type: 'block', ms: 60_000 });
  if (msg.type === 'blocking') process.stdout.write(JSON.stringify({ helperPid: helper.pid }) + '\n');
});
setInterval(() => undefined, 1000);
