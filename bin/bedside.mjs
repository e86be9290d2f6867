#!/usr/bin/env node
// The `bedside` command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/core/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write("bedside: not built yet. Run 'npm install' (or 'npm run build') in the Bedside folder first.\n");
  process.exit(1);
}
const { main } = await import(entry);
await main();
