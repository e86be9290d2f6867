/**
 * Commands from the desktop shell (global hotkey, tray menu, auto-lock) arrive as `shell.command` events.
 * toggle-recording starts recording the open encounter (only with consent) or stops the running recording;
 * lock hides everything behind the passphrase screen and stops any recording.
 */
import { api } from './api';
import { explain } from './lib/errors';
import { stopAndDraft } from './lib/record-flow';
import { useAppStore } from './store/app';
import { useEncounters } from './store/encounters';
import { useRecorder } from './store/recorder';

export async function toggleRecording(): Promise<void> {
  const rec = useRecorder.getState();
  if (rec.status === 'recording' || rec.status === 'paused') {
    await stopAndDraft();
    return;
  }
  const { activeId, items } = useEncounters.getState();
  const enc = items.find((e) => e.id === activeId);
  if (!enc) return;
  useAppStore.getState().go('encounter');
  useAppStore.getState().setTab('transcript');
  await rec.start(enc.id, enc.consent);
}

/** The Lock shortcut (Ctrl+Shift+L, or Cmd+Shift+L on a Mac), as aria-keyshortcuts writes it. */
export const LOCK_SHORTCUT = 'Control+Shift+L Meta+Shift+L';
export const isLockShortcut = (e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>) =>
  (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'l';

/**
 * The clinician's Lock (header button, Ctrl/Cmd+Shift+L): a running recording is stopped and kept, the store is
 * closed (store.lock: the key leaves memory) and the passphrase screen hides everything. If the store cannot be
 * closed the screen is hidden all the same, and a note says so.
 */
export async function lockNow(): Promise<void> {
  const app = useAppStore.getState();
  if (app.locked) return;
  const rec = useRecorder.getState();
  if (rec.status === 'recording' || rec.status === 'paused') await stopAndDraft().catch(() => undefined);
  let failure: string | null = null;
  try {
    await api['store.lock']({});
  } catch (err) {
    failure = explain(err, 'close the encrypted store');
  }
  useAppStore.getState().lock('auto');
  if (failure)
    useAppStore.setState({ notice: `The screen is locked, but ${failure[0]!.toLowerCase()}${failure.slice(1)}` });
}

export function listenForShellCommands(): () => void {
  return api.on('shell.command', ({ action }) => {
    if (action === 'toggle-recording') void toggleRecording();
    if (action === 'lock') {
      const rec = useRecorder.getState();
      if (rec.status === 'recording' || rec.status === 'paused') void stopAndDraft();
      useAppStore.getState().lock();
    }
  });
}
