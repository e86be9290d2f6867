/**
 * One owner per store (issue 18, item 3): a host holds an OS-level lock on the data folder while it has the store
 * unlocked, so a second host is told "Bedside is already open on this store"; a recording is "interrupted" only when
 * the process making it is gone (SIGKILL releases its locks); store errors never come back as `internal`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { createDispatcher, type Handlers } from '../../../core/api/dispatcher.js';
import {
  StoreInUseError,
  StoreInputError,
  StoreSession,
  unlockStore,
  type StoreEngine,
} from '../../../core/store/index.js';
import { SESSIONS_DIR } from '../../../core/store/lock.js';
import { runCli } from '../../helpers/cli.js';
import { PASS, newStore, pcm, protector } from '../../unit/store/helpers.js';

const CHILD = fileURLToPath(new URL('./owner-child.ts', import.meta.url));
const ctx = { transport: 'websocket' as const, signal: new AbortController().signal };
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts a host-like child on `dir`; resolves once it is recording (with the encounter id). */
function startHost(dir: string): Promise<{ child: ChildProcess; encounterId: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
      env: { ...process.env, BEDSIDE_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /recording (\d+)\n/.exec(out);
      if (m) resolve({ child, encounterId: Number(m[1]) });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`host child exited ${code}: ${err.slice(0, 500)}`)));
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('one owner per store', () => {
  it('a second host in this process is refused in words until the first locks', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const first = new StoreSession(dir, { scryptLog2N: 10 });
    const second = new StoreSession(dir, { scryptLog2N: 10 });
    await first.unlockWithPassphrase(PASS);
    await expect(second.unlockWithPassphrase(PASS)).rejects.toBeInstanceOf(StoreInUseError);
    await expect(second.unlockWithPassphrase(PASS)).rejects.toThrow(/Bedside is already open on this store/);
    // Through the API the same refusal is a conflict in words, never `internal`.
    const core = createCore({ storeDir: dir });
    const refused = await core.dispatch('store.unlock', { passphrase: PASS }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: /already open on this store/ } });
    await first.lock();
    const ok = await core.dispatch('store.unlock', { passphrase: PASS }, ctx);
    expect(ok).toMatchObject({ ok: true, result: { unlocked: true } });
    await core.close();
  });

  it('a host killed mid-recording: the recording is interrupted only once it is gone, and its lock is freed', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const { child, encounterId } = await startHost(dir);

    // While the host lives: a second host is refused; a short CLI command still reads; nothing is "interrupted".
    const second = new StoreSession(dir, { scryptLog2N: 10 });
    await expect(second.unlockWithPassphrase(PASS)).rejects.toThrow(/Bedside is already open on this store/);
    const list = await runCli(['encounters', 'list', '--json', '--data-dir', dir], {
      env: { BEDSIDE_PASSPHRASE: PASS },
    });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: encounterId, status: 'recording' }]);
    let reader: StoreEngine = (await unlockStore(dir, [protector()])).engine;
    expect(reader.findInterruptedRecordings()).toEqual([]);
    expect(reader.status().interruptedRecordings).toBe(0);
    expect(() => reader.recoverRecording(encounterId)).toThrow(StoreInputError);
    const core = createCore();
    core.services.store = (await import('../../../core/store/index.js')).directStore(reader);
    const refused = await core.dispatch('encounters.recoverRecording', { id: encounterId }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    reader.close();
    expect(readdirSync(join(dir, SESSIONS_DIR)), readdirSync(join(dir, SESSIONS_DIR)).join()).toHaveLength(1);

    await killAndWait(child);
    // The OS released both locks with the process: the next host opens, and the recording is interrupted.
    await second.unlockWithPassphrase(PASS);
    const interrupted = await second.store!.findInterruptedRecordings();
    expect(interrupted).toMatchObject([{ encounterId, chunks: 1 }]);
    await second.store!.recoverRecording(encounterId);
    expect(await second.store!.findInterruptedRecordings()).toEqual([]);
    await second.lock();
    // The dead session's lock file went with the recovery.
    expect(readdirSync(join(dir, SESSIONS_DIR))).toEqual([]);
    reader = (await unlockStore(dir, [protector()])).engine;
    expect(reader.getEncounter(encounterId)!.status).toBe('recorded');
    expect(reader.verifyAudit().ok).toBe(true);
    reader.close();
  });

  it('a session recording in this process is alive to other sessions; closing it makes the recording interrupted', async () => {
    const { dir, engine: a } = await newStore();
    const eid = a.createEncounter({ patientId: a.createPatient({ label: 'P' }) });
    a.beginRecording(eid);
    a.appendAudioChunk(eid, 0, pcm(1600), 16000);
    const { engine: b } = await unlockStore(dir, [protector()]);
    try {
      expect(b.findInterruptedRecordings()).toEqual([]);
      a.close();
      expect(b.findInterruptedRecordings()).toMatchObject([{ encounterId: eid, chunks: 1 }]);
      expect(existsSync(join(dir, SESSIONS_DIR, `${a.session}.lock`))).toBe(false);
    } finally {
      b.close();
    }
  });

  it('store errors a handler lets through are answered in words, not `internal`', async () => {
    const handlers = new Proxy({} as Handlers, {
      get: () => () => {
        throw new StoreInputError('encounter 7 is not recording');
      },
    });
    const r = await createDispatcher(handlers)('app.info', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'conflict', message: 'encounter 7 is not recording' } });
  });

  it('store.unlock with a wrong passphrase while unlocked is refused (and audited), the right one is ok', async () => {
    const { dir, engine } = await newStore();
    engine.close();
    const core = createCore({ storeDir: dir });
    // createCore's session uses the production key cost only to create; unlocking reads the cost from the key file.
    expect(await core.dispatch('store.unlock', { passphrase: PASS }, ctx)).toMatchObject({ ok: true });
    const wrong = await core.dispatch('store.unlock', { passphrase: 'not the passphrase' }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.dispatch('store.unlock', { passphrase: PASS }, ctx)).toMatchObject({
      ok: true,
      result: { unlocked: true },
    });
    const rows = await core.services.storeSession!.store!.auditRows();
    expect(rows.map((r) => r.action).slice(-2)).toEqual(['unlock', 'failed_unlock']);
    await core.close();
  });
});
