/**
 * Global hotkeys in the settings screen: a key press recorded as an Electron accelerator ("CommandOrControl+Alt+R"),
 * and an accelerator shown in this computer's words ("Ctrl+Alt+R", "Cmd+Option+R"). The core checks what is saved.
 */

const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
};

export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The accelerator a key press names, or `partial` while only modifiers are held (shown as "Ctrl+Shift+…").
 * The main modifier (Ctrl on Windows/Linux, Cmd on macOS) is written CommandOrControl so a saved hotkey means the
 * same thing on every computer.
 */
export function acceleratorFromKey(
  e: KeyPress,
  mac: boolean,
): { accelerator: string; partial: false } | { accelerator: string; partial: true } {
  const mods: string[] = [];
  if (mac ? e.metaKey : e.ctrlKey) mods.push('CommandOrControl');
  if (mac && e.ctrlKey) mods.push('Control');
  if (e.altKey) mods.push('Alt');
  if (e.shiftKey) mods.push('Shift');
  if (!mac && e.metaKey) mods.push('Super');
  let key: string | undefined;
  const m = /^(?:Key([A-Z])|Digit(\d)|Numpad(\d)|(F\d{1,2}))$/.exec(e.code);
  if (m) key = m[1] ?? m[2] ?? (m[3] !== undefined ? `num${m[3]}` : m[4]);
  else key = CODE_KEYS[e.code];
  if (key === undefined) return { accelerator: mods.join('+'), partial: true };
  return { accelerator: [...mods, key].join('+'), partial: false };
}

const WORDS: Record<string, [mac: string, other: string]> = {
  CommandOrControl: ['Cmd', 'Ctrl'],
  CmdOrCtrl: ['Cmd', 'Ctrl'],
  Command: ['Cmd', 'Cmd'],
  Cmd: ['Cmd', 'Cmd'],
  Control: ['Ctrl', 'Ctrl'],
  Ctrl: ['Ctrl', 'Ctrl'],
  Alt: ['Option', 'Alt'],
  Option: ['Option', 'Alt'],
  Super: ['Cmd', 'Win'],
  Meta: ['Cmd', 'Win'],
};

/** "CommandOrControl+Shift+R" as this computer's keyboard says it: "Ctrl+Shift+R" (or "Cmd+Shift+R" on a Mac). */
export function formatAccelerator(accelerator: string, mac: boolean): string {
  return accelerator
    .split('+')
    .map((p) => {
      const w = WORDS[p];
      return w ? (mac ? w[0] : w[1]) : p;
    })
    .join('+');
}
