/**
 * Keyboard shortcuts of the encounter screen, listed in the help sheet (`?`). Each one presses the control it names
 * (the "Draft the note", "Regenerate", "Sign & copy" or "Copy note" button, marked with data-shortcut), so a shortcut
 * does exactly what the button does, with the same checks; a control on a hidden tab of the docked panel is shown
 * first. Lock (Ctrl/Cmd+Shift+L) is handled by the app header, and listed here.
 */
import { useEffect } from 'react';
import { useAppStore, type EncounterTab } from '../store/app';
import { useEncounters } from '../store/encounters';
import { useRecorder } from '../store/recorder';
import { useVisit } from '../store/visit';
import { stopAndDraft } from './record-flow';

export type ShortcutId = 'draft' | 'sign-copy' | 'lock' | 'next-section' | 'prev-section' | 'help';

type Keys = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export interface Shortcut {
  id: ShortcutId;
  /** What it does, as the help sheet says it. */
  action: string;
  /** Key names as the help sheet shows them, for a Mac or another computer. */
  keys(mac: boolean): string[];
  /** aria-keyshortcuts for the control it presses. */
  aria: string;
  /** Where it works, when not everywhere. */
  note?: string;
}

const mod = (mac: boolean) => (mac ? '⌘' : 'Ctrl');

export const SHORTCUTS: Shortcut[] = [
  {
    id: 'draft',
    action: 'Draft the note (stops a running recording; regenerates an existing draft)',
    keys: (mac) => [mod(mac), 'Enter'],
    aria: 'Control+Enter Meta+Enter',
  },
  {
    id: 'sign-copy',
    action: 'Sign & copy (first press goes to “I have reviewed this draft” until it is ticked)',
    keys: (mac) => [mod(mac), 'Shift', 'Enter'],
    aria: 'Control+Shift+Enter Meta+Shift+Enter',
  },
  {
    id: 'next-section',
    action: 'Next note section',
    keys: (mac) => [mac ? '⌥' : 'Alt', '↓'],
    aria: 'Alt+ArrowDown',
    note: 'outside text boxes',
  },
  {
    id: 'prev-section',
    action: 'Previous note section',
    keys: (mac) => [mac ? '⌥' : 'Alt', '↑'],
    aria: 'Alt+ArrowUp',
    note: 'outside text boxes',
  },
  {
    id: 'lock',
    action: 'Lock Bedside',
    keys: (mac) => [mod(mac), 'Shift', 'L'],
    aria: 'Control+Shift+L Meta+Shift+L',
  },
  { id: 'help', action: 'Show these shortcuts', keys: () => ['?'], aria: '?', note: 'outside text boxes' },
];

export const shortcutAria = (id: ShortcutId) => SHORTCUTS.find((s) => s.id === id)!.aria;

export const isMac = () =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Keys typed here are text (or a list's own Alt+arrows): `?` and Alt+arrows are left to the field. */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !NOT_TEXT.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** The shortcut these keys press, given where focus is; null when they are not one (Lock is the header's). */
export function matchShortcut(e: Keys, target: Element | null): ShortcutId | null {
  const cmd = e.ctrlKey || e.metaKey;
  if (cmd && !e.altKey && e.key === 'Enter') return e.shiftKey ? 'sign-copy' : 'draft';
  if (cmd || isTextEntry(target)) return null;
  if (e.altKey && !e.shiftKey && e.key === 'ArrowDown') return 'next-section';
  if (e.altKey && !e.shiftKey && e.key === 'ArrowUp') return 'prev-section';
  if (!e.altKey && e.key === '?') return 'help';
  return null;
}

const nextFrame = () =>
  new Promise<void>((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : r()));

/**
 * The element `selector` finds once the pane that holds it shows: the docked panel switches to `tab` first. Waits a
 * few frames for the render; null when it never appears.
 */
export async function shown<T extends Element>(tab: EncounterTab, selector: string): Promise<T | null> {
  const app = useAppStore.getState();
  if (!app.expanded && app.tab !== tab) app.setTab(tab);
  for (let i = 0; i < 30; i++) {
    const el = document.querySelector<T>(selector);
    if (el) return el;
    await nextFrame();
  }
  return null;
}

/** The open encounter, when the encounter screen shows one. */
function openEncounter(): string | null {
  const { activeId } = useEncounters.getState();
  return useAppStore.getState().screen === 'encounter' ? activeId : null;
}

const press = (el: HTMLButtonElement | null) => {
  if (el && !el.disabled) el.click();
};

/** Ctrl/Cmd+Enter: stop a running recording and draft, draft a pasted transcript, or regenerate the draft. */
export async function draftShortcut(): Promise<void> {
  const id = openEncounter();
  if (!id) return;
  const rec = useRecorder.getState();
  if (rec.encounterId === id && (rec.status === 'recording' || rec.status === 'paused')) return stopAndDraft();
  const w = useVisit.getState().byId[id];
  if (w?.draft) press(await shown<HTMLButtonElement>('note', '[data-shortcut="regenerate"]'));
  else if (!w?.turns.length) press(await shown<HTMLButtonElement>('transcript', '[data-shortcut="draft"]'));
}

/**
 * Ctrl/Cmd+Shift+Enter: Sign & copy once the review is confirmed; before that, focus goes to "I have reviewed this
 * draft" (the confirmation is never given by a shortcut); a signed note is copied again.
 */
export async function signCopyShortcut(): Promise<void> {
  const id = openEncounter();
  if (!id || !useVisit.getState().byId[id]?.draft) return;
  const bar = await shown<HTMLElement>('note', '[data-shortcut-region="signoff"]');
  if (!bar) return;
  const signCopy = bar.querySelector<HTMLButtonElement>('[data-shortcut="sign-copy"]');
  const review = bar.querySelector<HTMLInputElement>('[data-shortcut="review"]');
  if (!signCopy) return press(bar.querySelector<HTMLButtonElement>('[data-shortcut="copy-note"]'));
  if (review && !review.checked) {
    review.focus();
    review.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  press(signCopy);
}

/** Alt+↓ / Alt+↑: focus moves to the next (previous) section of the note; from outside the note, the first (last). */
export async function sectionShortcut(step: 1 | -1): Promise<void> {
  const id = openEncounter();
  if (!id || !useVisit.getState().byId[id]?.draft) return;
  if (!(await shown('note', 'article[data-section]'))) return;
  const list = [...document.querySelectorAll<HTMLElement>('article[data-section]')];
  const at = list.findIndex((a) => a.contains(document.activeElement));
  const to = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
  const el = list[to]!;
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus();
  el.scrollIntoView?.({ block: 'nearest' });
}

/** Listens for the shortcuts while `enabled` (the app is ready, not locked, and no dialog is open). */
export function useShortcuts(enabled: boolean, openHelp: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const id = matchShortcut(e, document.activeElement);
      if (!id || id === 'lock') return;
      if (id === 'help') {
        e.preventDefault();
        openHelp();
        return;
      }
      if (id === 'draft' || id === 'sign-copy') {
        if (!openEncounter()) return;
        e.preventDefault();
        if (e.repeat) return;
        void (id === 'draft' ? draftShortcut() : signCopyShortcut());
        return;
      }
      if (!openEncounter()) return;
      e.preventDefault();
      void sectionShortcut(id === 'next-section' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, openHelp]);
}
