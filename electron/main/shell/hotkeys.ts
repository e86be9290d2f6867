/**
 * Global hotkeys (work while the EHR has focus). Registration can fail when another application owns the
 * accelerator; those conflicts are reported (to show in settings) instead of failing silently.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { GlobalShortcut } from 'electron';
import { parseAccelerator } from '../../../core/settings/accelerator.js';
import { DEFAULT_HOTKEYS as DEFAULTS, type Hotkeys as HotkeySettings } from '../../../core/settings/api.js';

export type HotkeyAction = 'toggle-recording' | 'show-window';

export interface HotkeyBinding {
  action: HotkeyAction;
  accelerator: string;
}

export interface HotkeyReport {
  registered: HotkeyBinding[];
  /** Accelerators another application already holds (or Electron refused as invalid). */
  conflicts: (HotkeyBinding & { reason: 'in-use' | 'invalid' })[];
}

/** The settings' hotkeys (by setting name) as bindings to register. */
export function bindingsOf(h: HotkeySettings): HotkeyBinding[] {
  return [
    { action: 'toggle-recording', accelerator: h.toggleRecording },
    { action: 'show-window', accelerator: h.showWindow },
  ];
}

/** Registered until the encrypted store is unlocked and the saved hotkeys are read (core/settings). */
export const DEFAULT_HOTKEYS: HotkeyBinding[] = bindingsOf(DEFAULTS);

/**
 * The hotkeys last applied, remembered in the app's data folder (a small JSON file, no PHI) so that after a restart
 * the clinician's own hotkeys work before the store is unlocked; the defaults when there is none or it is unusable.
 */
export function loadHotkeys(file: string): HotkeySettings {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const ok = (x: unknown) => typeof x === 'string' && !('problem' in parseAccelerator(x));
    if (ok(v.toggleRecording) && ok(v.showWindow))
      return { toggleRecording: v.toggleRecording as string, showWindow: v.showWindow as string };
  } catch {
    // missing or unreadable: the defaults
  }
  return { ...DEFAULTS };
}

export function saveHotkeys(file: string, h: HotkeySettings): void {
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(h) + '\n');
    renameSync(`${file}.tmp`, file);
  } catch {
    // a read-only data folder only costs the memory across restarts
  }
}

export type ShortcutApi = Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered'>;

export class Hotkeys {
  private active: HotkeyBinding[] = [];

  constructor(
    private readonly shortcuts: ShortcutApi,
    private readonly onAction: (action: HotkeyAction) => void,
  ) {}

  /** Replaces the current bindings; returns what was registered and what conflicted. */
  apply(bindings: HotkeyBinding[]): HotkeyReport {
    this.clear();
    const report: HotkeyReport = { registered: [], conflicts: [] };
    const seen = new Set<string>();
    for (const b of bindings) {
      const key = b.accelerator.toLowerCase();
      if (seen.has(key)) {
        report.conflicts.push({ ...b, reason: 'in-use' });
        continue;
      }
      seen.add(key);
      let ok = false;
      try {
        ok = this.shortcuts.register(b.accelerator, () => this.onAction(b.action));
      } catch {
        report.conflicts.push({ ...b, reason: 'invalid' });
        continue;
      }
      if (ok && this.shortcuts.isRegistered(b.accelerator)) {
        this.active.push(b);
        report.registered.push(b);
      } else report.conflicts.push({ ...b, reason: 'in-use' });
    }
    return report;
  }

  /** Releases every accelerator this app registered (others' are never touched). */
  clear(): void {
    for (const b of this.active) this.shortcuts.unregister(b.accelerator);
    this.active = [];
  }
}
