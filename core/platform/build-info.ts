import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildInfo } from '../api/types.js';
import type { Transport } from '../api/dispatcher.js';
import { packageRoot } from './paths.js';

interface Stamp {
  commit: string | null;
  builtAt: string | null;
}

let cached: { name: string; version: string; stamp: Stamp } | undefined;

function load() {
  if (cached) return cached;
  const rootDir = packageRoot();
  const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { name: string; version: string };
  // dist/build-info.json is written by scripts/stamp-build.mjs at build time (commit and date); absent in a source run.
  const stampFile = join(rootDir, 'dist', 'build-info.json');
  const stamp: Stamp = existsSync(stampFile)
    ? (JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp)
    : { commit: null, builtAt: null };
  return (cached = { name: pkg.name, version: pkg.version, stamp });
}

export function appVersion(): string {
  return load().version;
}

export function buildInfo(transport: Transport): BuildInfo {
  const { name, version, stamp } = load();
  return {
    name,
    version,
    commit: stamp.commit,
    builtAt: stamp.builtAt,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    platform: process.platform,
    arch: process.arch,
    transport,
  };
}
