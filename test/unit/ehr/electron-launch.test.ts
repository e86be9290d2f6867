import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { registerEhrLaunch } from '../../../electron/main/ehr-launch.js';

function fakes(opts: { packaged?: boolean; argv?: string[] } = {}) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: opts.packaged ?? true,
    registered: [] as unknown[][],
    setAsDefaultProtocolClient(...args: unknown[]) {
      app.registered.push(args);
      return true;
    },
  });
  const opened: string[] = [];
  const launches: Array<{ iss: string; launch: string }> = [];
  const api = registerEhrLaunch({
    app: app as never,
    shell: { openExternal: async (u) => void opened.push(u) },
    onLaunch: (l) => void launches.push(l),
    argv: opts.argv ?? ['/opt/Bedside/bedside'],
    execPath: '/opt/electron',
  });
  return { app, api, opened, launches };
}

const LINK = 'bedside://launch?iss=https%3A%2F%2Fehr.example%2Ffhir%2FR4&launch=L-123';

describe('bedside:// EHR launch in the desktop shell', () => {
  it('registers the scheme (with the app path in development)', () => {
    expect(fakes().app.registered).toEqual([['bedside']]);
    const dev = fakes({ packaged: false, argv: ['/opt/electron', 'dist/electron/main/main.js'] });
    expect(dev.app.registered[0]![0]).toBe('bedside');
    expect(dev.app.registered[0]![1]).toBe('/opt/electron');
    expect(String((dev.app.registered[0]![2] as string[])[0])).toMatch(/dist\/electron\/main\/main\.js$/);
  });

  it('takes launches from open-url, a second instance and the first start, and drops invalid links', () => {
    const f = fakes({ argv: ['/opt/Bedside/bedside', LINK] });
    let prevented = 0;
    f.app.emit('open-url', { preventDefault: () => prevented++ }, LINK.replace('L-123', 'L-456'));
    f.app.emit('second-instance', {}, ['/opt/Bedside/bedside', '--flag', LINK.replace('L-123', 'L-789')]);
    f.app.emit('second-instance', {}, ['/opt/Bedside/bedside']);
    f.app.emit(
      'open-url',
      { preventDefault: () => prevented++ },
      'bedside://launch?iss=http%3A%2F%2Fehr.example&launch=x',
    );
    f.app.emit('open-url', { preventDefault: () => prevented++ }, 'bedside://launch?launch=only');
    expect(prevented).toBe(3);
    expect(f.launches).toEqual([
      { iss: 'https://ehr.example/fhir/R4', launch: 'L-123' },
      { iss: 'https://ehr.example/fhir/R4', launch: 'L-456' },
      { iss: 'https://ehr.example/fhir/R4', launch: 'L-789' },
    ]);
  });

  it('opens only http(s) sign-in pages in the system browser', async () => {
    const f = fakes();
    await f.api.openExternal('https://ehr.example/authorize?x=1');
    await expect(f.api.openExternal('file:///etc/passwd')).rejects.toThrow(/http/);
    await expect(f.api.openExternal('javascript:alert(1)')).rejects.toThrow(/http/);
    expect(f.opened).toEqual(['https://ehr.example/authorize?x=1']);
  });
});
