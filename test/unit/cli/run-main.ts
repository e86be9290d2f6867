// Runs the CLI from its TypeScript sources as a real process (signal tests): node --import tsx run-main.ts ARGS...
import { main } from '../../../core/cli/main.js';

await main();
