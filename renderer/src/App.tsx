import { useEffect } from 'react';
import { useAppStore } from './store/app';

export function App() {
  const { status, info, error, load } = useAppStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="panel">
      <header className="panel-header">
        <h1>Bedside</h1>
        <span className="version" data-testid="app-version">
          {info ? `v${info.version}` : '…'}
        </span>
      </header>
      {status === 'loading' && <p role="status">Connecting to Bedside…</p>}
      {status === 'error' && (
        <div role="alert" className="error">
          <p>{error}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {info && (
        <section aria-label="Build information" className="about">
          <dl>
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Build</dt>
            <dd data-testid="build-commit">{info.commit ?? 'development'}</dd>
            <dt>Built</dt>
            <dd>{info.builtAt ? new Date(info.builtAt).toLocaleString() : '—'}</dd>
            <dt>Runtime</dt>
            <dd>
              Node {info.node}
              {info.electron ? ` · Electron ${info.electron}` : ''} · {info.platform}/{info.arch}
            </dd>
            <dt>Connection</dt>
            <dd data-testid="transport">{info.transport === 'ipc' ? 'Desktop app (IPC)' : 'Dev host (WebSocket)'}</dd>
          </dl>
        </section>
      )}
    </main>
  );
}
