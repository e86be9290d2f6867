import { useEffect } from 'react';
import { InstallControl } from './InstallControl';
import { UpdateStatus } from './UpdateStatus';
import { useAppStore } from '../store/app';
import { useModels, type ModelsInfo } from '../store/models';

type ModelInfo = ModelsInfo['models'][number];
import { PrivacySettings } from './PrivacySettings';
import { AudioSettings } from './AudioSettings';
import { HotkeySettings } from './HotkeySettings';
import { TemplateSettings } from './TemplateSettings';
import { DefaultTemplateSetting } from './DefaultTemplateSetting';
import { SettingsIndex } from './SettingsIndex';
import { NoteEngineSettings } from './NoteEngineSettings';
import { TranscriptionSettings } from './TranscriptionSettings';

export function Settings() {
  const info = useAppStore((s) => s.info);

  return (
    <div className="stack">
      <h2>Settings</h2>
      <SettingsIndex />
      <ModelsSection />
      <TranscriptionSettings />
      <DefaultTemplateSetting />
      <TemplateSettings />
      <NoteEngineSettings />
      <AudioSettings />
      <HotkeySettings />
      <PrivacySettings />
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
        <UpdateStatus />
      </section>
    </div>
  );
}

const mb = (n: number) => `${Math.round(n / 1e6)} MB`;

function ModelsSection() {
  const { info, loading, error, installing, notes, load, install, cancel } = useModels();
  useEffect(() => {
    void load();
  }, [load]);
  const asr = (info?.models.filter((m) => m.task === 'asr') ?? []).sort(
    (a, b) => Number(b.id === info?.recommended.id) - Number(a.id === info?.recommended.id),
  );
  // The recommended model, installed ones and any being installed stay in view; the rest of the catalogue is one
  // click away, so the docked panel is not a long scroll of models.
  const inView = (m: ModelInfo) =>
    m.id === info?.recommended.id || m.installed || installing[m.id] !== undefined || notes[m.id] !== undefined;
  const shown = asr.filter(inView);
  const others = asr.filter((m) => !inView(m));
  const row = (m: ModelInfo) => {
    const progress = installing[m.id];
    return (
      <li key={m.id} className="model-row">
        <span>
          {m.name}
          {info?.recommended.id === m.id && <span className="chip chip-drafted"> Recommended</span>}
          <br />
          <span className="muted small">
            {mb(m.sizeBytes)} · {m.minRamGb} GB RAM
          </span>
        </span>
        {m.installed ? (
          <span className="chip chip-ok">Installed</span>
        ) : (
          <InstallControl
            name={m.name}
            progress={progress}
            installable={m.installable}
            onInstall={() => void install(m.id)}
            onCancel={() => void cancel(m.id)}
          />
        )}
        {notes[m.id] && progress === undefined && !m.installed && (
          <p role="status" className="small muted">
            {notes[m.id]}
          </p>
        )}
      </li>
    );
  };
  return (
    <section aria-labelledby="set-models" className="card stack">
      <h3 id="set-models">Speech models</h3>
      {loading && !info && <p role="status">Looking for installed models…</p>}
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      {info && (
        <p className="small muted">
          Recommended for this computer: <strong>{info.recommended.id}</strong> ({info.recommended.reason}).
        </p>
      )}
      <ul className="list plain">{shown.map(row)}</ul>
      {others.length > 0 && (
        <details>
          <summary>Other speech models ({others.length})</summary>
          <ul className="list plain">{others.map(row)}</ul>
        </details>
      )}
    </section>
  );
}
