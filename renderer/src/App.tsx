import { useCallback, useEffect, useState } from 'react';
import { transportName } from './api';
import { EncounterList } from './components/EncounterList';
import { EncounterView } from './components/EncounterView';
import { Settings } from './components/Settings';
import { useAppStore } from './store/app';
import { useEncounters } from './store/encounters';
import { LockScreen } from './components/LockScreen';
import { startLiveNote } from './lib/live-note';
import { useStickyInset } from './lib/keyboard';
import { isLockShortcut, listenForShellCommands, LOCK_SHORTCUT, lockNow } from './shell-commands';
import { ShortcutHelp } from './components/ShortcutHelp';
import { shortcutAria, useShortcuts } from './lib/shortcuts';

export function App() {
  const { status, info, error, load, screen, go, expanded, setExpanded, locked } = useAppStore();
  const onTop = useAppStore((s) => s.settings?.alwaysOnTop ?? false);
  const { notice, dismissNotice, toggleAlwaysOnTop, storeUnlocked } = useAppStore();
  // Lock is offered while there is an open store to close (and nothing is hidden yet).
  const canLock = status === 'ready' && storeUnlocked && !locked;
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => listenForShellCommands(), []);
  useEffect(() => startLiveNote(), []); // the note drafts itself while a visit is recorded (issue 17)
  // Another screen starts at its top (Settings opened from a scrolled note showed its middle).
  useEffect(() => {
    if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
  }, [screen]);
  const headerRef = useStickyInset('top');
  // Keyboard shortcuts (draft, sign & copy, sections) and their help sheet, opened with `?`.
  const [help, setHelp] = useState(false);
  const showHelp = status === 'ready' && !locked && help;
  const openHelp = useCallback(() => setHelp(true), []);
  useShortcuts(status === 'ready' && !locked && !help, openHelp);
  useEffect(() => {
    if (!canLock) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isLockShortcut(e)) return;
      e.preventDefault();
      void lockNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canLock]);

  return (
    <div className={expanded ? 'app expanded' : 'app'}>
      <header ref={headerRef} className="panel-header">
        <h1>Bedside</h1>
        <nav aria-label="Main" className="row">
          <button
            type="button"
            className="nav"
            aria-current={screen !== 'settings' ? 'page' : undefined}
            onClick={() => go(useEncounters.getState().activeId !== null ? 'encounter' : 'encounters')}
          >
            Encounters
          </button>
          <button
            type="button"
            className="nav"
            aria-current={screen === 'settings' ? 'page' : undefined}
            onClick={() => go('settings')}
          >
            Settings
          </button>
          <button
            type="button"
            className="nav icon-button"
            aria-pressed={expanded}
            aria-label={expanded ? 'Dock' : 'Expand'}
            title={expanded ? 'Dock as a narrow panel beside the EHR' : 'Expand to a full window for editing'}
            onClick={() => setExpanded(!expanded)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              {expanded ? (
                <path d="M3 4h18v16H3zM15 4v16" strokeLinejoin="round" />
              ) : (
                <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" strokeLinecap="round" strokeLinejoin="round" />
              )}
            </svg>
          </button>
          {canLock && (
            <button
              type="button"
              className="nav icon-button"
              aria-label="Lock"
              aria-keyshortcuts={LOCK_SHORTCUT}
              title="Lock Bedside: close the encrypted store and hide patient information (Ctrl+Shift+L)"
              onClick={() => void lockNow()}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3" strokeLinejoin="round" />
              </svg>
            </button>
          )}
          <button
            type="button"
            className="nav icon-button pin"
            aria-pressed={onTop}
            aria-label="Always on top"
            title="Keep Bedside above the EHR (always on top)"
            onClick={() => void toggleAlwaysOnTop()}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M9 3h6l-1 6 4 4v2h-5v6l-1 1-1-1v-6H6v-2l4-4z" strokeLinejoin="round" />
            </svg>
          </button>
        </nav>
      </header>
      {notice && (
        <div role="status" className="app-notice small">
          <span>{notice}</span>
          <button type="button" className="small-button" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <main className="panel-body">
        {status === 'loading' && <p role="status">Connecting to Bedside…</p>}
        {status === 'error' && (
          <div role="alert" className="error">
            <p>{error}</p>
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
        {status === 'ready' && locked && <LockScreen />}
        {status === 'ready' && !locked && screen === 'encounters' && <EncounterList />}
        {status === 'ready' && !locked && screen === 'encounter' && <EncounterView />}
        {status === 'ready' && !locked && screen === 'settings' && <Settings />}
      </main>
      <footer className="panel-footer muted small">
        <span data-testid="transport">
          {info
            ? info.transport === 'ipc'
              ? 'Desktop app (IPC)'
              : 'Dev host (WebSocket)'
            : transportName === 'ipc'
              ? 'Desktop app'
              : 'Dev host'}
        </span>
        <span>Offline · data stays on this device</span>
        {status === 'ready' && !locked && (
          <button type="button" className="link small" aria-keyshortcuts={shortcutAria('help')} onClick={openHelp}>
            Shortcuts (?)
          </button>
        )}
        <span className="version" data-testid="app-version">
          {info ? `v${info.version}` : '…'}
        </span>
      </footer>
      {showHelp && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
