/**
 * Commands from the desktop shell (global hotkey, tray menu, auto-lock) arrive as `shell.command` events.
 * toggle-recording starts recording the open encounter (only with consent) or stops the running recording;
 * lock hides everything behind the passphrase screen and stops any recording.
 */
import { api } from './api';
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
