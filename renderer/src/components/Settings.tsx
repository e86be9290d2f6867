import { useEffect } from 'react';
import { useAppStore } from '../store/app';
import { useVisit } from '../store/visit';

export function Settings() {
  const info = useAppStore((s) => s.info);
  const { templates, templatesError, loadTemplates } = useVisit();
  useEffect(() => {
    if (templates.length === 0) void loadTemplates();
  }, [templates.length, loadTemplates]);

  return (
    <div className="stack">
      <h2>Settings</h2>
      <section aria-labelledby="set-templates" className="card stack">
        <h3 id="set-templates">Note templates</h3>
        {templatesError && (
          <p role="alert" className="error">
            {templatesError}
          </p>
        )}
        <ul className="list plain">
          {templates.map((t) => (
            <li key={t.id}>
              <details>
                <summary>
                  {t.name} <span className="muted small">({t.style})</span>
                </summary>
                <p className="small">{t.description}</p>
                <p className="muted small">Sections: {t.sections.map((s) => s.title).join(' · ')}</p>
              </details>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="set-privacy" className="card stack">
        <h3 id="set-privacy">Privacy</h3>
        <p className="small">
          Everything stays on this computer. Transcripts, drafts and hint decisions in this window are kept in memory
          only until the encrypted store is connected to this screen.
        </p>
      </section>
      <section aria-labelledby="set-about" className="card about">
        <h3 id="set-about">About</h3>
        {info && (
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
          </dl>
        )}
      </section>
    </div>
  );
}
