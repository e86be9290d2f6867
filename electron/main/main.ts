// Electron entry point (package.json "main" → dist/electron/main/main.js). All logic lives in app.ts.
import * as electron from 'electron';
import { startApp } from './app.js';

startApp(electron);
