/**
 * Global hotkey accelerators in Electron's syntax ("CommandOrControl+Shift+R"), checked before they are stored so the
 * shell only ever registers something Electron can parse. Pure (no Node module): the contract's zod schema uses it.
 *
 * A global hotkey fires while the EHR has focus, so it must not swallow typing: besides Shift it needs Control,
 * Command, Alt or Super — except the function keys F1–F24, which may stand alone.
 */

const MODIFIERS: Record<string, string> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};
const MODIFIER_ORDER = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{]}[|\\\'"']);

export interface ParsedAccelerator {
  /** The canonical spelling (modifiers in a fixed order, key names capitalised as Electron documents them). */
  accelerator: string;
  modifiers: string[];
  key: string;
}

/** Parses an accelerator; returns the reason in words when it cannot be used as a global hotkey. */
export function parseAccelerator(text: string): ParsedAccelerator | { problem: string } {
  const parts = text.trim().split('+');
  if (text.length > 64 || parts.length > 6) return { problem: 'A hotkey has at most a few keys.' };
  if (parts.some((p) => p.trim() === '')) return { problem: 'Write a hotkey as keys joined by +, e.g. Ctrl+Shift+R.' };
  const mods = new Set<string>();
  let key: string | null = null;
  for (const raw of parts) {
    const p = raw.trim();
    const mod = MODIFIERS[p.toLowerCase()];
    if (mod) {
      if (key !== null) return { problem: 'Modifier keys (Ctrl, Alt, Shift…) come before the key.' };
      mods.add(mod);
      continue;
    }
    if (key !== null) return { problem: 'A hotkey has only one key besides Ctrl, Alt, Shift or Command.' };
    if (/^[a-z0-9]$/i.test(p)) key = p.toUpperCase();
    else if (/^f([1-9]|1\d|2[0-4])$/i.test(p)) key = p.toUpperCase();
    else if (p.length === 1 && PUNCTUATION.has(p)) key = p;
    else if (NAMED.has(p.toLowerCase())) key = NAMED.get(p.toLowerCase())!;
    else return { problem: `"${p.slice(0, 20)}" is not a key Bedside knows.` };
  }
  if (key === null) return { problem: 'A hotkey needs a key besides Ctrl, Alt, Shift or Command.' };
  const functionKey = /^F\d+$/.test(key);
  if (!functionKey && ![...mods].some((m) => m !== 'Shift'))
    return { problem: 'A global hotkey needs Ctrl, Alt or Command (or a function key), so it does not block typing.' };
  const modifiers = MODIFIER_ORDER.filter((m) => mods.has(m));
  return { accelerator: [...modifiers, key].join('+'), modifiers, key };
}

/** The problem in words, or null when the accelerator can be registered. */
export function acceleratorProblem(text: string): string | null {
  const p = parseAccelerator(text);
  return 'problem' in p ? p.problem : null;
}

/** Two accelerators that name the same key combination ("Ctrl+Shift+R" and "Control+shift+r"). */
export function sameAccelerator(a: string, b: string): boolean {
  const pa = parseAccelerator(a);
  const pb = parseAccelerator(b);
  if ('problem' in pa || 'problem' in pb) return a.trim().toLowerCase() === b.trim().toLowerCase();
  return pa.accelerator === pb.accelerator;
}
