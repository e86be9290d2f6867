/**
 * Updates against a loopback generic update server, with electron-updater's real update logic (DebUpdater: channel
 * files, staged rollout, download with the sha512 check) and Electron mocked at the seam (an AppAdapter, a Node HTTP
 * executor, quitAndInstall recorded instead of quitting).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import updaterPkg from 'electron-updater';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import type { Policy } from '../../../core/policy/schema.js';
import { installKind, UpdateController, type InstallKind, type UpdaterLike } from '../../../electron/main/updater.js';
import { NodeHttpExecutor } from '../../helpers/node-http-executor.js';

const { DebUpdater } = updaterPkg;

const INSTALLER = randomBytes(256 * 1024);
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

/** What the server offers, per base path ("clinic", "vendor") and channel ("latest", "beta"). */
type Release = { version: string; sha512?: string; stagingPercentage?: number };
let releases: Record<string, Release> = {};
let requests: string[] = [];
let server: Server;
let base: string;

function channelYml(r: Release): string {
  const file = `Bedside-${r.version}.deb`;
  return [
    `version: ${r.version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${r.sha512 ?? sha512(INSTALLER)}`,
    `    size: ${INSTALLER.length}`,
    `path: ${file}`,
    `sha512: ${r.sha512 ?? sha512(INSTALLER)}`,
    ...(r.stagingPercentage !== undefined ? [`stagingPercentage: ${r.stagingPercentage}`] : []),
    "releaseDate: '2026-12-01T00:00:00.000Z'",
    '',
  ].join('\n');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    // /<site>/<channel>[-linux|-mac][-arch].yml (electron-updater names the file by platform) or /<site>/Bedside-*.deb
    const yml = /^\/(\w+)\/(latest|beta)(-linux|-mac)?(-\w+)?\.yml$/.exec(path);
    const release = yml ? releases[`${yml[1]}/${yml[2]}`] : undefined;
    if (yml && release) {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(channelYml(release));
    } else if (/^\/\w+\/Bedside-[\d.a-z-]+\.deb$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': INSTALLER.length });
      res.end(INSTALLER);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedside-updates-'));
  releases = {};
  requests = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A real electron-updater DebUpdater with Electron's parts replaced; `stagingId` is this computer's updater id. */
function realUpdater(opts: { stagingId?: string } = {}) {
  const userData = join(dir, 'userData');
  mkdirSync(userData, { recursive: true });
  if (opts.stagingId) writeFileSync(join(userData, '.updaterId'), opts.stagingId);
  // What electron-builder writes into the app's resources (publish: generic), with the vendor's server.
  const appUpdateConfigPath = join(dir, 'app-update.yml');
  writeFileSync(appUpdateConfigPath, `provider: generic\nurl: ${base}/vendor\nupdaterCacheDirName: bedside-updater\n`);
  const quits: number[] = [];
  const app = {
    version: '1.0.0',
    name: 'Bedside',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: userData,
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => void quits.push(1),
    onQuit: () => undefined,
  };
  const u = new DebUpdater(undefined, app);
  u.logger = null;
  (u as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor();
  const installs: [boolean | undefined, boolean | undefined][] = [];
  // The seam: installing would quit the app and run the package manager; the test records the call instead.
  u.quitAndInstall = (silent, runAfter) => void installs.push([silent, runAfter]);
  return { updater: u as unknown as UpdaterLike, installs, quits };
}

function controller(policy: Policy, o: { kind?: InstallKind; stagingId?: string; recording?: () => boolean } = {}) {
  const real = realUpdater(o.stagingId ? { stagingId: o.stagingId } : {});
  let created = 0;
  const c = new UpdateController({
    updater: () => (created++, real.updater),
    policy: () => policy,
    version: '1.0.0',
    kind: o.kind ?? 'per-user',
    recording: o.recording ?? (() => false),
    intervalMs: 0,
  });
  return { c, ...real, created: () => created };
}

const INCLUDED = '00000000-0000-4000-8000-000000000000'; // last 32 bits 0: inside any rollout above 0 %
const EXCLUDED = '00000000-0000-4000-8000-0000ffffffff'; // last 32 bits max: outside any rollout below 100 %

describe('updates against a loopback generic server', () => {
  it("'Check now' finds a newer version on the clinic server from policy, downloads it (sha512 ok) and restarts into it", async () => {
    releases['clinic/latest'] = { version: '1.2.0' };
    releases['vendor/latest'] = { version: '9.9.9' };
    const { c, installs } = controller({ updateUrl: `${base}/clinic/`, updateMode: 'notify' });
    const s = await c.check();
    expect(s).toMatchObject({ state: 'downloaded', availableVersion: '1.2.0', currentVersion: '1.0.0', message: null });
    expect(s.lastCheckedAt).not.toBeNull();
    expect(requests.filter((p) => p.startsWith('/vendor'))).toEqual([]);
    expect(requests).toContain('/clinic/Bedside-1.2.0.deb');
    expect(requests.some((p) => /^\/clinic\/latest(-linux|-mac)?(-\w+)?\.yml$/.test(p))).toBe(true);
    await c.install({ unsavedEdits: false });
    expect(installs).toEqual([[false, true]]);
  });

  it('without a policy URL it uses the server built into the app (app-update.yml); up to date when it offers the same version', async () => {
    releases['vendor/latest'] = { version: '1.0.0' };
    const { c, installs } = controller({});
    expect(await c.check()).toMatchObject({ state: 'up-to-date', availableVersion: null });
    expect(requests.every((p) => p.startsWith('/vendor/'))).toBe(true);
    await expect(c.install({ unsavedEdits: false })).rejects.toThrow(/No update has been downloaded/);
    expect(installs).toEqual([]);
  });

  it('a download whose sha512 does not match latest.yml is discarded and never installed', async () => {
    releases['clinic/latest'] = { version: '1.3.0', sha512: sha512(Buffer.from('another file')) };
    const { c, installs } = controller({ updateUrl: `${base}/clinic` });
    const s = await c.check();
    expect(s).toMatchObject({ state: 'error', availableVersion: '1.3.0' });
    expect(s.message).toMatch(/did not match its published checksum \(sha512\)/);
    expect(requests).toContain('/clinic/Bedside-1.3.0.deb');
    await expect(c.install({ unsavedEdits: false })).rejects.toThrow(/No update has been downloaded/);
    expect(installs).toEqual([]);
  });

  it('a staged rollout offers the version only to computers inside the percentage', async () => {
    releases['clinic/latest'] = { version: '1.4.0', stagingPercentage: 10 };
    const outside = controller({ updateUrl: `${base}/clinic` }, { stagingId: EXCLUDED });
    expect(await outside.c.check()).toMatchObject({ state: 'up-to-date' });
    expect(requests.filter((p) => p.endsWith('.deb'))).toEqual([]);
    rmSync(join(dir, 'userData'), { recursive: true });
    const inside = controller({ updateUrl: `${base}/clinic` }, { stagingId: INCLUDED });
    expect(await inside.c.check()).toMatchObject({ state: 'downloaded', availableVersion: '1.4.0' });
  });

  it('a newer version found during a recording downloads, but the app does not restart until the recording ends', async () => {
    releases['clinic/latest'] = { version: '2.0.0' };
    let recording = true;
    const { c, installs } = controller(
      { updateUrl: `${base}/clinic`, updateMode: 'auto' },
      { recording: () => recording },
    );
    const core = createCore({ policy: { values: {}, origin: {}, sources: [], problems: [] } });
    core.services.updates = c;
    const ctx = { transport: 'ipc' as const };
    expect(await c.checkInBackground()).toMatchObject({ state: 'downloaded', restartBlockedBy: 'recording' });
    expect(await core.dispatch('updates.install', { unsavedEdits: false }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/recording is running/) },
    });
    recording = false;
    expect(await core.dispatch('updates.install', { unsavedEdits: true }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/Save or discard your edits/) },
    });
    expect(installs).toEqual([]);
    expect(await core.dispatch('updates.status', {}, ctx)).toMatchObject({
      ok: true,
      result: { state: 'downloaded', restartBlockedBy: null, mode: 'auto' },
    });
    expect(await core.dispatch('updates.install', { unsavedEdits: false }, ctx)).toMatchObject({ ok: true });
    expect(installs).toHaveLength(1);
  });

  it('notify mode: a background check reports the newer version without downloading it; auto installs on quit', async () => {
    releases['clinic/latest'] = { version: '1.5.0' };
    const notify = controller({ updateUrl: `${base}/clinic`, updateMode: 'notify' });
    expect(await notify.c.checkInBackground()).toMatchObject({ state: 'available', availableVersion: '1.5.0' });
    expect(requests.filter((p) => p.endsWith('.deb'))).toEqual([]);
    expect(notify.updater.autoInstallOnAppQuit).toBe(false);
    const auto = controller({ updateUrl: `${base}/clinic`, updateMode: 'auto' });
    await auto.c.checkInBackground();
    expect(auto.updater.autoInstallOnAppQuit).toBe(true);
  });

  it('the beta channel reads beta*.yml and allows pre-releases', async () => {
    releases['clinic/beta'] = { version: '1.6.0-beta.2' };
    const { c, updater } = controller({ updateUrl: `${base}/clinic`, updateChannel: 'beta' });
    expect(await c.check()).toMatchObject({ state: 'downloaded', availableVersion: '1.6.0-beta.2', channel: 'beta' });
    expect(requests.some((p) => /^\/clinic\/beta/.test(p))).toBe(true);
    expect(updater.allowPrerelease).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
  });

  it('off by policy, for a per-machine MSI or a system package, and for development builds: no request is made', async () => {
    releases['clinic/latest'] = { version: '3.0.0' };
    for (const [policy, kind, why] of [
      [{ updateMode: 'off', updateUrl: `${base}/clinic` }, 'per-user', /turned off by your organisation/],
      [{ updateMode: 'auto', updateUrl: `${base}/clinic` }, 'per-machine-msi', /your IT department updates it/],
      [{}, 'unpackaged', /development build/],
      [{ updateMode: 'auto', updateUrl: `${base}/clinic` }, 'system-package', /package manager/],
    ] as const) {
      const { c, created } = controller(policy, { kind });
      expect(await c.check()).toMatchObject({ state: 'disabled', message: expect.stringMatching(why) });
      await expect(c.install({ unsavedEdits: false })).rejects.toThrow();
      expect(created()).toBe(0);
    }
    expect(requests).toEqual([]);
  });

  it('an unreachable server is an error in words', async () => {
    const { c } = controller({ updateUrl: 'http://127.0.0.1:1/none' });
    expect(await c.check()).toMatchObject({ state: 'error', message: 'The update server could not be reached.' });
  });

  it('hosts without an updater (CLI, dev host) report updates as disabled', async () => {
    const core = createCore({ policy: { values: {}, origin: {}, sources: [], problems: [] } });
    const r = await core.dispatch('updates.check', {}, { transport: 'cli' });
    expect(r).toMatchObject({ ok: true, result: { state: 'disabled' } });
    expect(await core.dispatch('updates.install', { unsavedEdits: false }, { transport: 'cli' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});

describe('install kind', () => {
  const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
  it('Windows: under Program Files (the MSI) is per machine; the NSIS per-user install has its uninstaller beside it', () => {
    const k = (execPath: string, exists = false) =>
      installKind({ platform: 'win32', packaged: true, execPath, env, exists: () => exists });
    expect(k('C:\\Program Files\\Bedside\\Bedside.exe')).toBe('per-machine-msi');
    expect(k('C:\\Program Files\\Bedside\\Bedside.exe', true)).toBe('per-machine-msi');
    expect(k('C:\\Users\\dr\\AppData\\Local\\Programs\\bedside\\Bedside.exe', true)).toBe('per-user');
    expect(k('D:\\Apps\\Bedside\\Bedside.exe', false)).toBe('per-machine-msi');
  });
  it('elsewhere: unpackaged builds, AppImage and the system package', () => {
    expect(installKind({ platform: 'linux', packaged: false, execPath: '/x', env: {} })).toBe('unpackaged');
    expect(installKind({ platform: 'linux', packaged: true, execPath: '/opt/Bedside/bedside', env: {} })).toBe(
      'system-package',
    );
    expect(
      installKind({
        platform: 'linux',
        packaged: true,
        execPath: '/tmp/.mount/bedside',
        env: { APPIMAGE: '/home/a/Bedside.AppImage' },
      }),
    ).toBe('per-user');
    expect(
      installKind({
        platform: 'darwin',
        packaged: true,
        execPath: '/Applications/Bedside.app/Contents/MacOS/Bedside',
        env: {},
      }),
    ).toBe('per-user');
  });
});
