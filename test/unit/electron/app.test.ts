import { describe, expect, it } from 'vitest';
import { requestNames } from '../../../core/api/contract.js';
import { requestChannel } from '../../../core/api/ipc-channels.js';
import { startApp } from '../../../electron/main/app.js';
import { APP_ORIGIN, serveAppRequest } from '../../../electron/main/protocol.js';
import { createElectronMock, FakeBrowserWindow, FakeWebContents } from '../../helpers/electron-mock.js';
import { newStore, PASS } from '../store/helpers.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

async function boot(packaged = false) {
  const mock = createElectronMock();
  mock.app.isPackaged = packaged;
  const running = startApp(mock.deps);
  await tick();
  return { ...mock, running };
}

function frameEvent(sender: unknown, url: string, parent: unknown = null) {
  return { sender, senderFrame: { url, parent } };
}

describe('Electron main process (electron mocked)', () => {
  it('creates every window with the secure webPreferences', async () => {
    const { running } = await boot();
    expect(running).not.toBeNull();
    expect(FakeBrowserWindow.created.length).toBeGreaterThan(0);
    for (const win of FakeBrowserWindow.created) {
      const wp = win.options.webPreferences as Record<string, unknown>;
      expect(wp).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(String(wp.preload)).toMatch(/dist[/\\]electron[/\\]preload\.cjs$/);
      expect(win.loadedUrl).toBe(`${APP_ORIGIN}/index.html`);
    }
  });

  it('turns DevTools off in packaged builds only', async () => {
    const dev = await boot(false);
    expect((FakeBrowserWindow.created[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    void dev;
    await boot(true);
    expect((FakeBrowserWindow.created[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
  });

  it('quits when another instance already holds the lock', async () => {
    const mock = createElectronMock();
    mock.app.lockGranted = false;
    expect(startApp(mock.deps)).toBeNull();
    expect(mock.app.quitCalled).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('registers one IPC handler per contract method, generated from the contract', async () => {
    const { handlers } = await boot();
    expect([...handlers.keys()].sort()).toEqual(requestNames.map(requestChannel).sort());
  });

  it('answers our own window and ignores a foreign sender', async () => {
    const { handlers } = await boot();
    const win = FakeBrowserWindow.created[0]!;
    const handle = handlers.get(requestChannel('app.echo'))!;

    const ok = (await handle(frameEvent(win.webContents, `${APP_ORIGIN}/index.html`), { text: 'hi' })) as {
      ok: boolean;
      result?: { text: string };
    };
    expect(ok).toMatchObject({ ok: true, result: { text: 'hi' } });

    const stranger = new FakeWebContents();
    const foreign = await handle(frameEvent(stranger, `${APP_ORIGIN}/index.html`), { text: 'hi' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const otherOrigin = await handle(frameEvent(win.webContents, 'https://evil.example/'), { text: 'hi' });
    expect(otherOrigin).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const subframe = await handle(frameEvent(win.webContents, `${APP_ORIGIN}/index.html`, {}), { text: 'hi' });
    expect(subframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('returns a typed error for invalid params over IPC instead of throwing', async () => {
    const { handlers } = await boot();
    const win = FakeBrowserWindow.created[0]!;
    const reply = await handlers.get(requestChannel('app.echo'))!(frameEvent(win.webContents, `${APP_ORIGIN}/`), {
      text: 42,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_params', issues: [{ path: 'text' }] } });
  });

  it('blocks navigation away from the app and sends links to the OS browser', async () => {
    const { app, opened } = await boot();
    const wc = new FakeWebContents();
    app.emit('web-contents-created', {}, wc);
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    wc.emit('will-navigate', ev, 'https://example.org/page');
    expect(prevented).toBe(1);
    expect(opened).toEqual(['https://example.org/page']);
    wc.emit('will-navigate', ev, `${APP_ORIGIN}/index.html`);
    expect(prevented).toBe(1);
    expect(wc.windowOpenHandler!({ url: 'https://example.org/x' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/page', 'https://example.org/x']);
    wc.emit('will-attach-webview', ev);
    expect(prevented).toBe(2);
  });

  it('denies permission requests by default', async () => {
    const { permission } = await boot();
    let granted: boolean | undefined;
    permission.request!({}, 'geolocation', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(permission.check!({}, 'media')).toBe(false);
  });

  it('wires the shell into the core: the saved settings apply as soon as store.unlock succeeds over IPC', async () => {
    const { dir, engine } = await newStore();
    engine.setSetting('ui.always_on_top', 'true');
    engine.setSetting('ui.hotkey.show_window', 'Alt+F7');
    engine.close();
    const mock = createElectronMock({ userData: dir, shell: true });
    const running = startApp(mock.deps)!;
    await tick();
    const win = FakeBrowserWindow.created[0]!;
    const own = frameEvent(win.webContents, `${APP_ORIGIN}/index.html`);
    try {
      expect([...mock.shortcuts!.keys()].sort()).toEqual(['CommandOrControl+Shift+B', 'CommandOrControl+Shift+R']);
      const unlocked = await mock.handlers.get(requestChannel('store.unlock'))!(own, { passphrase: PASS });
      expect(unlocked).toMatchObject({ ok: true, result: { unlocked: true } });
      // applied before the unlock reply reached the page, without the page asking for the settings
      expect(win.alwaysOnTop.at(-1)).toBe(true);
      expect([...mock.shortcuts!.keys()].sort()).toEqual(['Alt+F7', 'CommandOrControl+Shift+R']);
      const got = await mock.handlers.get(requestChannel('settings.get'))!(own, {});
      expect(got).toMatchObject({
        ok: true,
        result: {
          hotkeyStatus: {
            registered: [
              { action: 'toggleRecording', accelerator: 'CommandOrControl+Shift+R' },
              { action: 'showWindow', accelerator: 'Alt+F7' },
            ],
            conflicts: [],
          },
        },
      });
      mock.shortcuts!.get('Alt+F7')!(); // the show-window hotkey reaches the window without throwing
    } finally {
      await running.core.services.storeSession?.lock();
      mock.app.emit('will-quit');
    }
    expect(mock.shortcuts!.size).toBe(0);
  });

  it('registers the app:// scheme as privileged before ready', async () => {
    const { schemes, protocolHandlers } = await boot();
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(protocolHandlers.has('app')).toBe(true);
  });
});

describe('app:// protocol', () => {
  it('serves files with the strict CSP and refuses escapes and other hosts', async () => {
    const root = 'test/fixtures/renderer';
    const res = await serveAppRequest(root, `${APP_ORIGIN}/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await serveAppRequest(root, `${APP_ORIGIN}/..%2f..%2fpackage.json`)).status).toBe(403);
    expect((await serveAppRequest(root, 'app://other/index.html')).status).toBe(403);
    expect((await serveAppRequest(root, `${APP_ORIGIN}/missing.js`)).status).toBe(404);
  });
});
