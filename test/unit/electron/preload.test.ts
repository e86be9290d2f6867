import { beforeEach, describe, expect, it, vi } from 'vitest';
import { requestNames } from '../../../core/api/contract.js';
import { EVENT_CHANNEL, requestChannel } from '../../../core/api/ipc-channels.js';

const exposed = new Map<string, unknown>();
const invoked: [string, unknown][] = [];
const rendererListeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, params: unknown) => {
      invoked.push([channel, params]);
      return Promise.resolve({ ok: true, result: { channel } });
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => rendererListeners.set(channel, fn),
  },
}));

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    exposed.clear();
    invoked.length = 0;
    await import('../../../electron/preload/preload.js');
  });

  it('exposes exactly one global, window.bedside, with only the contract methods and on()', () => {
    expect([...exposed.keys()]).toEqual(['bedside']);
    const bridge = exposed.get('bedside') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...requestNames, 'on'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
  });

  it('routes a method to its own channel', async () => {
    const bridge = exposed.get('bedside') as Record<string, (p: unknown) => Promise<unknown>>;
    await expect(bridge['app.info']!({})).resolves.toEqual({
      ok: true,
      result: { channel: requestChannel('app.info') },
    });
    expect(invoked).toEqual([[requestChannel('app.info'), {}]]);
  });

  it('delivers contract events to subscribers and drops unknown ones', () => {
    const bridge = exposed.get('bedside') as { on: (e: string, l: (p: unknown) => void) => () => void };
    const got: unknown[] = [];
    const off = bridge.on('app.notice', (p) => got.push(p));
    const deliver = rendererListeners.get(EVENT_CHANNEL)!;
    deliver({}, 'app.notice', { level: 'info', message: 'x' });
    deliver({}, 'not.an.event', { level: 'info', message: 'y' });
    off();
    deliver({}, 'app.notice', { level: 'info', message: 'z' });
    expect(got).toEqual([{ level: 'info', message: 'x' }]);
    expect(() => bridge.on('not.an.event', () => {})).toThrow(/Unknown event/);
  });
});
