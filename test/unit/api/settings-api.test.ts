/** settings.get / settings.set through the real dispatcher over a real encrypted store. */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { directStore } from '../../../core/store/client.js';
import { acceleratorProblem, parseAccelerator, sameAccelerator } from '../../../core/settings/accelerator.js';
import type { SettingsShell } from '../../../core/settings/api.js';
import { newStore } from '../store/helpers.js';

const ctx = { transport: 'cli' as const };

describe('settings API', () => {
  it('is refused while the store is locked', async () => {
    expect(await createCore().dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    const r = await createCore().dispatch('settings.set', { alwaysOnTop: true }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('reads defaults, stores partial changes (retention through the store) and validates ranges', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    const got = await core.dispatch('settings.get', {}, ctx);
    expect(got).toMatchObject({ ok: true, result: { autoLockMinutes: 10, alwaysOnTop: false } });
    const before = engine.retention();

    const set = await core.dispatch('settings.set', { autoLockMinutes: 5, retention: { audioDays: 7 } }, ctx);
    expect(set).toEqual({
      ok: true,
      result: {
        autoLockMinutes: 5,
        retention: { audioDays: 7, encounterDays: before.encounterDays },
        alwaysOnTop: false,
        hotkeys: { toggleRecording: 'CommandOrControl+Shift+R', showWindow: 'CommandOrControl+Shift+B' },
        audioInputId: null,
        defaultTemplate: null,
        hotkeyStatus: null, // no desktop shell in this host
        limits: { autoLockMinutes: null, audioDays: null, encounterDays: null }, // no machine policy here
        noteEngine: {
          kind: 'embedded',
          localModel: null,
          serverUrl: null,
          serverModel: null,
          replaceUnsupported: true,
          allowed: ['embedded', 'local', 'server'],
          serverKeyStored: false,
        },
        // Whisper on this computer by default (core/settings/transcription.ts).
        transcription: { kind: 'local', serverUrl: null, serverModel: null, effectiveUrl: null, serverAllowed: true },
      },
    });
    expect(engine.retention().audioDays).toBe(7);
    await core.dispatch('settings.set', { alwaysOnTop: true, retention: { encounterDays: 365 } }, ctx);
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { autoLockMinutes: 5, retention: { audioDays: 7, encounterDays: 365 }, alwaysOnTop: true },
    });

    for (const bad of [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 241 },
      { retention: { audioDays: 0 } },
      { retention: { encounterDays: 3651 } },
      { autoLockMinutes: 1.5 },
    ]) {
      expect(await core.dispatch('settings.set', bad, ctx)).toMatchObject({
        ok: false,
        error: { code: 'invalid_params' },
      });
    }
    expect(engine.retention()).toEqual({ audioDays: 7, encounterDays: 365 });
  });

  it('keeps hotkeys (validated, canonical, two different ones) and the audio input, and applies them to a shell', async () => {
    const { engine } = await newStore();
    const core = createCore();
    core.services.store = directStore(engine);
    const applied: Parameters<SettingsShell['apply']>[0][] = [];
    core.services.shell = {
      apply(s) {
        applied.push(s);
        return {
          registered: [{ action: 'showWindow', accelerator: s.hotkeys.showWindow }],
          conflicts: [{ action: 'toggleRecording', accelerator: s.hotkeys.toggleRecording, reason: 'in-use' }],
        };
      },
    };
    const set = await core.dispatch(
      'settings.set',
      { hotkeys: { toggleRecording: 'ctrl+alt+r' }, audioInputId: 'usb-mic-7', alwaysOnTop: true },
      ctx,
    );
    expect(set).toMatchObject({
      ok: true,
      result: {
        hotkeys: { toggleRecording: 'Control+Alt+R', showWindow: 'CommandOrControl+Shift+B' },
        audioInputId: 'usb-mic-7',
        hotkeyStatus: {
          registered: [{ action: 'showWindow', accelerator: 'CommandOrControl+Shift+B' }],
          conflicts: [{ action: 'toggleRecording', accelerator: 'Control+Alt+R', reason: 'in-use' }],
        },
      },
    });
    expect(applied.at(-1)).toEqual({
      autoLockMinutes: 10,
      alwaysOnTop: true,
      hotkeys: { toggleRecording: 'Control+Alt+R', showWindow: 'CommandOrControl+Shift+B' },
    });
    // settings.get applies too (the shell calls it right after an unlock)
    await core.dispatch('settings.get', {}, ctx);
    expect(applied).toHaveLength(2);

    for (const bad of ['R', 'Shift+R', 'Ctrl+Shift', 'Ctrl+Banana', 'Ctrl++', 'R+Ctrl', 'Ctrl+A+B', '']) {
      const r = await core.dispatch('settings.set', { hotkeys: { showWindow: bad } }, ctx);
      expect(r, bad).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    const same = await core.dispatch('settings.set', { hotkeys: { showWindow: 'Alt+Control+r' } }, ctx);
    expect(same).toMatchObject({ ok: false, error: { code: 'invalid_params', message: /two different hotkeys/ } });
    const back = await core.dispatch('settings.set', { audioInputId: null, hotkeys: { showWindow: 'F9' } }, ctx);
    expect(back).toMatchObject({
      ok: true,
      result: { audioInputId: null, hotkeys: { toggleRecording: 'Control+Alt+R', showWindow: 'F9' } },
    });
    // A value no longer valid in the table (e.g. written by an older version) reads as the default.
    engine.setSetting('ui.hotkey.show_window', 'nonsense');
    expect(await core.dispatch('settings.get', {}, ctx)).toMatchObject({
      ok: true,
      result: { hotkeys: { showWindow: 'CommandOrControl+Shift+B' } },
    });
  });

  it('parses accelerators the way Electron spells them', () => {
    expect(parseAccelerator(' cmdorctrl + shift + b ')).toEqual({
      accelerator: 'CommandOrControl+Shift+B',
      modifiers: ['CommandOrControl', 'Shift'],
      key: 'B',
    });
    expect(parseAccelerator('Shift+Alt+PageDown')).toMatchObject({ accelerator: 'Alt+Shift+PageDown' });
    expect(parseAccelerator('F12')).toMatchObject({ accelerator: 'F12' });
    expect(parseAccelerator('Super+/')).toMatchObject({ accelerator: 'Super+/' });
    expect(acceleratorProblem('Shift+R')).toMatch(/does not block typing/);
    expect(acceleratorProblem('F25')).toMatch(/not a key/);
    expect(acceleratorProblem('Ctrl+Plus')).toBeNull();
    expect(sameAccelerator('Control+Shift+R', 'shift+ctrl+r')).toBe(true);
    expect(sameAccelerator('Control+Shift+R', 'Control+Shift+T')).toBe(false);
  });
});
