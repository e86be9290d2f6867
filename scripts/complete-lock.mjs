#!/usr/bin/env node
// Makes package-lock.json complete enough for `npm ci`, without adding or removing a dependency.
//
// Why: @fugood/whisper.node 1.1.3 lists per-platform optional packages (darwin, win32, linux-arm64...) that were never
// published for 1.1.3 (the registry answers 404). npm >= 11.16 leaves them out of the lock it writes and then
// `npm ci` refuses that same lock ("Missing: @fugood/node-whisper-win32-x64@ from lock file"; npm/cli#9846, fix
// pending in npm/cli#9850). npm 11.13 wrote an inert placeholder for such packages; this script writes the same kind
// of placeholder: the version asked for, `optional`, and the os/cpu read from the package name, with no `resolved`
// and no `integrity`. `npm ci` then accepts the lock; on a machine of another platform the placeholder is skipped by
// os/cpu without a download, and on its own platform npm tries it, gets 404 and skips it as an optional package,
// exactly as `npm install` does today. `npm install --package-lock-only` keeps the placeholders byte for byte.
//
//   node scripts/complete-lock.mjs           report what is missing (exit 1 when something is)
//   node scripts/complete-lock.mjs --write   add the placeholders to package-lock.json (idempotent)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lockPath = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const text = readFileSync(lockPath, 'utf8');
const lock = JSON.parse(text);
const packages = lock.packages ?? {};

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'android', 'sunos', 'aix'];
const CPU = ['x64', 'arm64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'];

/** Where npm would look for `name` needed by the package at `from` (node_modules lookup, innermost first). */
function resolves(from, name) {
  let dir = from;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

const missing = new Map();
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolves(path, name) || missing.has(`node_modules/${name}`)) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue; // only exact pins can be written without the registry
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    const entry = { version: spec };
    if (cpu) entry.cpu = [cpu];
    entry.optional = true;
    if (os) entry.os = [os];
    missing.set(`node_modules/${name}`, entry);
  }
}

if (missing.size === 0) {
  console.log('complete-lock: package-lock.json lists every optional dependency; npm ci can use it');
  process.exit(0);
}
if (!process.argv.includes('--write')) {
  for (const k of missing.keys()) console.log(`complete-lock: missing ${k}`);
  console.log('complete-lock: run `node scripts/complete-lock.mjs --write` to add inert placeholders');
  process.exit(1);
}
for (const [k, v] of missing) packages[k] = v;
// npm's own order (its lock writer sorts paths with localeCompare 'en'), so npm rewrites nothing afterwards.
const sorted = {};
for (const k of Object.keys(packages).sort((a, b) => a.localeCompare(b, 'en'))) sorted[k] = packages[k];
lock.packages = sorted;
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lock: added ${missing.size} placeholder(s) to package-lock.json`);
