/**
 * The desktop shell applies the effective settings of the machine policy (Electron mocked): the store lives in the
 * policy's data folder, auto-lock is bounded, locked settings are refused over IPC, the policy gate refuses what the
 * organisation does not allow, helpers start as utility processes, and policy.show / updates.status reach the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestChannel } from '../../../core/api/ipc-channels.js';
import { helperLauncher, nodeLauncher, setHelperLauncher } from '../../../core/launcher/launcher.js';
import type { PolicyReport } from '../../../core/policy/policy.js';
import type { Policy } from '../../../core/policy/schema.js';
import { startApp } from '../../../electron/main/app.js';
import { APP_ORIGIN } from '../../../electron/main/protocol.js';
import type { ElectronDeps } from '../../../electron/main/types.js';
import { createElectronMock, FakeBrowserWindow } from '../../helpers/electron-mock.js';
import { fakeUtilityProcess } from '../../helpers/fake-utility-process.js';
import { newStore, PASS } from '../store/helpers.js';

const tick = () => new Promise((r) => setTimeout(r, 0));
const SOURCE = '/etc/bedside/policy.json';
const report = (values: Policy): PolicyReport => ({
  values,
  origin: Object.fromEntries(Object.keys(values).map((k) => [k, SOURCE])),
  sources: [{ name: SOURCE, present: true, values, problems: [] }],
  problems: [],
});

const savedDataDir = process.env.BEDSIDE_DATA_DIR;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  if (savedDataDir === undefined) delete process.env.BEDSIDE_DATA_DIR;
  else process.env.BEDSIDE_DATA_DIR = savedDataDir;
  setHelperLauncher(nodeLauncher);
});

async function boot(policy: Policy, opts: { userData?: string; utility?: boolean } = {}) {
  const mock = createElectronMock({ ...(opts.userData ? { userData: opts.userData } : {}), shell: true });
  const deps = (
    opts.utility ? { ...mock.deps, utilityProcess: fakeUtilityProcess().module } : mock.deps
  ) as ElectronDeps;
  const running = startApp(deps, { policy: report(policy) })!;
  await tick();
  cleanup.push(async () => {
    await running.core.services.storeSession?.lock();
    mock.app.emit('will-quit');
  });
  const win = FakeBrowserWindow.created[0]!;
  const own = { sender: win.webContents, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
  const call = (method: string, params: unknown) => mock.handlers.get(requestChannel(method as never))!(own, params);
  return { mock, running, call };
}

describe('machine policy applied by the desktop shell', () => {
  it("uses the policy's data folder and bounds auto-lock; a locked value is refused with the organisation named", async () => {
    const { dir, engine } = await newStore();
    engine.setSetting('ui.auto_lock_minutes', '30');
    engine.close();
    const elsewhere = mkdtempSync(join(tmpdir(), 'bedside-userdata-'));
    cleanup.push(() => rmSync(elsewhere, { recursive: true, force: true }));
    const { call } = await boot({ dataFolder: dir, autoLockMaxMinutes: 5 }, { userData: elsewhere });
    expect(process.env.BEDSIDE_DATA_DIR).toBe(dir); // the models and the CLI follow the same folder
    expect(await call('store.unlock', { passphrase: PASS })).toMatchObject({ ok: true, result: { unlocked: true } });
    expect(await call('settings.get', {})).toMatchObject({
      ok: true,
      result: { autoLockMinutes: 5, limits: { autoLockMinutes: 5, audioDays: null } },
    });
    expect(await call('settings.set', { autoLockMinutes: 20 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Set by your organisation: auto-lock at most 5 minutes.' },
    });
    expect(await call('settings.set', { autoLockMinutes: 3 })).toMatchObject({
      ok: true,
      result: { autoLockMinutes: 3 },
    });
    const shown = await call('policy.show', {});
    expect(shown).toMatchObject({ ok: true, result: { problems: [] } });
    const settings = (shown as { result: { settings: { key: string }[] } }).result.settings;
    expect(settings.find((s) => s.key === 'autoLockMaxMinutes')).toEqual({
      key: 'autoLockMaxMinutes',
      title: 'Longest auto-lock time (minutes)',
      value: 5,
      source: 'policy',
      locked: true,
      from: SOURCE,
    });
    expect(settings.find((s) => s.key === 'updateMode')).toMatchObject({ source: 'default', locked: false });
  });

  it('retention above the organisation maximum is lowered in the store, so the purge keeps to the policy', async () => {
    const { dir, engine } = await newStore();
    engine.setRetention({ audioDays: 400, encounterDays: 2000 });
    engine.close();
    const { call } = await boot({ dataFolder: dir, audioRetentionMaxDays: 30 });
    await call('store.unlock', { passphrase: PASS });
    expect(await call('settings.get', {})).toMatchObject({
      ok: true,
      result: { retention: { audioDays: 30, encounterDays: 2000 }, limits: { audioDays: 30, encounterDays: null } },
    });
    expect(await call('settings.set', { retention: { audioDays: 31 } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('the policy gate refuses models, EHR servers and a passphrase-only store the organisation does not allow', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bedside-empty-'));
    cleanup.push(() => rmSync(empty, { recursive: true, force: true }));
    const { call } = await boot({
      dataFolder: empty,
      requireKeychain: true,
      allowedModels: ['whisper-base.en'],
      fhirIssuers: ['https://fhir.clinic.example/r4'],
    });
    expect(await call('store.create', { passphrase: 'a long enough passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/requires the store's key .* keychain/) },
    });
    expect(await call('models.install', { id: 'whisper-large-v3' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Your organisation does not allow the model whisper-large-v3.' },
    });
    expect(await call('transcribe.live.start', { model: 'whisper-tiny.en', language: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('ehr.launch', { iss: 'https://other.example/fhir' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/does not allow this EHR server/) },
    });
  });

  it('helpers start as Electron utility processes; updates report why they are off', async () => {
    const { call } = await boot({ updateMode: 'off' }, { utility: true });
    expect(helperLauncher().mode).toBe('utility');
    expect(await call('updates.status', {})).toMatchObject({
      ok: true,
      result: { state: 'disabled', message: 'Updates are turned off by your organisation.', mode: 'off' },
    });
    expect(await call('updates.install', { unsavedEdits: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
