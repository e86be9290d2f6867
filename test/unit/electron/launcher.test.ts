/**
 * The one helper-process launcher (core/launcher): helpers start, stream and restart the same way as a Node child
 * process (CLI, dev host) and as an Electron utilityProcess (mocked: a real Node process given process.parentPort),
 * and a helper dies with its parent even while its main thread is busy.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  helperLauncher,
  nodeLauncher,
  setHelperLauncher,
  type HelperExit,
  type HelperLauncher,
  type HelperProcess,
} from '../../../core/launcher/launcher.js';
import { outsideAsar, utilityProcessLauncher } from '../../../electron/main/launcher.js';
import { fakeUtilityProcess } from '../../helpers/fake-utility-process.js';

const ECHO = fileURLToPath(new URL('../../helpers/echo-helper.ts', import.meta.url));
const PARENT = fileURLToPath(new URL('../../helpers/helper-parent.ts', import.meta.url));

type Msg = { type: string; [k: string]: unknown };

function next(h: HelperProcess, type: string): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: unknown) => {
      if ((m as Msg).type === type) {
        h.off('message', onMsg);
        resolve(m as Msg);
      }
    };
    h.on('message', onMsg);
    h.once('exit', (e) => reject(new Error(`helper exited (${e.code ?? e.signal}) before ${type}`)));
  });
}

const exited = (h: HelperProcess) => new Promise<HelperExit>((r) => h.once('exit', r));

/** Running (a zombie, dead but not yet reaped by whoever adopted it, holds nothing and counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

const started: HelperProcess[] = [];
afterEach(() => {
  for (const h of started.splice(0)) h.kill();
  setHelperLauncher(nodeLauncher);
});

const modes: [string, () => { launcher: HelperLauncher; forks?: ReturnType<typeof fakeUtilityProcess>['forks'] }][] = [
  ['node child process', () => ({ launcher: nodeLauncher })],
  [
    'Electron utilityProcess (mocked)',
    () => {
      const fake = fakeUtilityProcess();
      return { launcher: utilityProcessLauncher(fake.module), forks: fake.forks };
    },
  ],
];

describe.each(modes)('helper launcher: %s', (_name, make) => {
  it('starts a helper that answers, streams typed arrays in order and restarts after being killed', async () => {
    const { launcher, forks } = make();
    const launch = () => {
      const h = launcher.launch({ entry: ECHO, name: 'echo' });
      started.push(h);
      return h;
    };
    const h = launch();
    await next(h, 'ready');
    h.send({ type: 'ping' });
    const pong = await next(h, 'pong');
    expect(pong.mode).toBe(launcher.mode);
    expect(pong.helper).toBe('echo');
    expect(pong.pid).toBe(h.pid);
    expect(h.mode).toBe(launcher.mode);

    const chunks: Msg[] = [];
    const collect = (m: unknown) => (m as Msg).type === 'chunk' && chunks.push(m as Msg);
    h.on('message', collect);
    h.send({ type: 'stream', n: 50 });
    await next(h, 'end');
    expect(chunks.map((c) => c.i)).toEqual([...Array(50).keys()]);
    expect(chunks[7]!.pcm).toBeInstanceOf(Int16Array);
    expect([...(chunks[7]!.pcm as Int16Array)]).toEqual([7, -7, 14]);

    const firstPid = h.pid!;
    const gone = exited(h);
    h.kill();
    await gone;
    expect(h.running).toBe(false);
    expect(alive(firstPid)).toBe(false);
    h.send({ type: 'ping' }); // ignored once exited, never throws

    const again = launch();
    await next(again, 'ready');
    expect(again.pid).not.toBe(firstPid);
    again.send({ type: 'ping' });
    expect((await next(again, 'pong')).pid).toBe(again.pid);
    if (forks) {
      expect(forks).toHaveLength(2);
      expect(forks[0]!.modulePath).toBe(ECHO);
      expect(forks[0]!.options).toMatchObject({ serviceName: 'Bedside echo', stdio: 'ignore' });
    }
  });

  it('reports an exit the helper chose, with its code', async () => {
    const h = make().launcher.launch({ entry: ECHO, name: 'echo' });
    started.push(h);
    await next(h, 'ready');
    const done = exited(h);
    h.send({ type: 'exit', code: 3 });
    expect((await done).code).toBe(3);
  });

  // The watchdog polls every 100 ms here (250 ms by default); the bound leaves room for a loaded 2-core CI machine.
  it('a helper busy on its main thread dies within 2 s of its parent being SIGKILLed', async () => {
    const mode = make().launcher.mode;
    const parent = spawn(process.execPath, ['--import', 'tsx', PARENT, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: parent.stdout! }).once('line', resolve);
        parent.once('exit', () => reject(new Error('the parent process ended early')));
      });
      const helperPid = (JSON.parse(line) as { helperPid: number }).helperPid;
      expect(alive(helperPid)).toBe(true);
      const t0 = Date.now();
      parent.kill('SIGKILL');
      while (alive(helperPid) && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 25));
      const ms = Date.now() - t0;
      expect(alive(helperPid)).toBe(false);
      expect(ms).toBeLessThan(2000);
      process.stdout.write(`helper gone ${ms} ms after its parent was SIGKILLed (${mode})\n`);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 30_000);
});

describe('utilityProcess options', () => {
  it('never gives a utility process a working folder inside app.asar (a file once packaged)', () => {
    expect(outsideAsar('/opt/Bedside/resources/app.asar')).toBe('/opt/Bedside/resources');
    expect(outsideAsar('C:\\Program Files\\Bedside\\resources\\app.asar\\dist')).toBe(
      'C:\\Program Files\\Bedside\\resources',
    );
    expect(outsideAsar('/work/main')).toBe('/work/main');
  });
});

describe('launcher selection', () => {
  it('is the Node launcher unless a host installs another (the desktop app installs utilityProcess)', () => {
    expect(helperLauncher().mode).toBe('node');
    const fake = fakeUtilityProcess();
    setHelperLauncher(utilityProcessLauncher(fake.module));
    expect(helperLauncher().mode).toBe('utility');
  });
});
