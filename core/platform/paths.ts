import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding Bedside's package.json, found by walking up from this file (works from sources and dist/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'bedside') return (root = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Bedside package root (package.json named "bedside").');
    dir = parent;
  }
}

/** Path of a file shipped under resources/. */
export function resourcePath(...parts: string[]): string {
  return join(packageRoot(), 'resources', ...parts);
}

/**
 * Default data folder, the same one Electron's `app.getPath('userData')` uses for an app named "Bedside",
 * so the desktop app and the CLI see the same database. `BEDSIDE_DATA_DIR` overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.BEDSIDE_DATA_DIR) return resolve(env.BEDSIDE_DATA_DIR);
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Bedside');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Bedside');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Bedside');
}
