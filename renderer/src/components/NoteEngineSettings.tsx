import { useEffect, useId, useState } from 'react';
import { InstallControl } from './InstallControl';
import { RadioChoices } from './RadioChoices';
import { SaveMessage, SettingsPlaceholder } from './SettingsParts';
import { ServerAddressFields, ServerKeyForm, ServerTest, useServerForm, type Message } from './ServerSettingsParts';
import type { Params } from '../../../core/api/types';
import { api } from '../api';
import { explain } from '../lib/errors';
import { useAppStore } from '../store/app';
import { useModels } from '../store/models';

type EngineKind = 'embedded' | 'local' | 'server';
/** Where a saved/refused message shows: under the engine choice, or under the toggle it is about. */
type Place = 'choice' | 'replace' | 'none';

const KINDS: { kind: EngineKind; label: string; hint: string }[] = [
  {
    kind: 'embedded',
    label: 'Built-in drafter',
    hint: 'Drafts from the visit with rules on this computer; needs no model. The default.',
  },
  {
    kind: 'local',
    label: 'A language model on this computer',
    hint: 'Writes readable prose; nothing leaves this computer. Needs an installed model and enough memory.',
  },
  {
    kind: 'server',
    label: "The clinic's inference server",
    hint: "The visit's text goes to the clinic's own server (vLLM, llama.cpp, Ollama…) over https, and nowhere else.",
  },
];

const gb = (n: number) => `${(n / 1e9).toFixed(1)} GB`;
const BY_ORG = 'Set by your organisation';

/**
 * Settings → Note engine (issue 15): which engine drafts the note — the built-in drafter, a model on this computer
 * (installed by the model manager, with the recommendation for this machine) or the clinic's inference server (its
 * address, model and API key, and a connection test) — and whether unsupported sentences are replaced. Kept in the
 * encrypted store; an engine the organisation's policy does not allow is shown disabled, "Set by your organisation".
 */
export function NoteEngineSettings() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const settings = useAppStore((s) => s.settings);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const [message, setMessage] = useState<(Message & { at: Place }) | null>(null);
  const [busy, setBusy] = useState(false);
  // What was just clicked, shown at once while it is saved (back to the saved value if it is refused).
  const [pending, setPending] = useState<{ kind?: EngineKind; replace?: boolean }>({});
  const id = useId();

  const heading = <h3 id="set-note-engine">Note engine</h3>;
  const ne = settings?.noteEngine;
  if (!unlocked || !settings || !ne)
    return (
      <SettingsPlaceholder
        headingId="set-note-engine"
        title="Note engine"
        text={
          unlocked && settings
            ? 'This version of the Bedside core has no note engines to choose from.'
            : 'Unlock the encrypted store (from the encounters list) to choose which engine drafts the note.'
        }
      />
    );

  const save = async (
    patch: NonNullable<Params<'settings.set'>['noteEngine']>,
    done: string,
    at: Place,
  ): Promise<Message> => {
    setBusy(true);
    setMessage(null);
    setPending({
      ...(patch.kind ? { kind: patch.kind } : {}),
      ...(patch.replaceUnsupported !== undefined ? { replace: patch.replaceUnsupported } : {}),
    });
    try {
      await saveSettings({ noteEngine: patch });
      const m = { ok: true, text: done };
      if (at !== 'none') setMessage({ ...m, at });
      return m;
    } catch (err) {
      const m = { ok: false, text: `Not saved: ${explain(err, 'save the note engine')}` };
      if (at !== 'none') setMessage({ ...m, at });
      return m;
    } finally {
      setBusy(false);
      setPending({});
    }
  };
  const show = (at: Place) => message?.at === at && <SaveMessage message={message} />;
  const kind = pending.kind ?? ne.kind;
  const replace = pending.replace ?? ne.replaceUnsupported;
  const allowed = (k: EngineKind) => ne.allowed.includes(k);

  return (
    <section aria-labelledby="set-note-engine" className="card stack" data-testid="note-engine-settings">
      {heading}
      <p className="small">
        Whatever writes the note, every sentence is checked against the visit before you see it, and the built-in
        drafter stands in when an engine fails.
      </p>
      <RadioChoices
        id={id}
        legend="Drafts the note"
        value={kind}
        busy={busy}
        choices={KINDS.map((k) => ({
          kind: k.kind,
          label: k.label,
          hint: k.hint,
          forbidden: allowed(k.kind) ? undefined : (
            <span data-testid={`engine-forbidden-${k.kind}`}>{BY_ORG}: not allowed on this computer.</span>
          ),
        }))}
        onChoose={(k) => {
          const label = KINDS.find((x) => x.kind === k)!.label;
          void save({ kind: k }, `Saved: ${label.toLowerCase()} drafts new notes.`, 'choice');
        }}
      />
      {show('choice')}
      {ne.kind === 'local' && (
        <LocalModelPanel
          current={ne.localModel}
          busy={busy}
          onChoose={(m) => save({ localModel: m }, `Saved: notes are drafted with ${m}.`, 'choice')}
        />
      )}
      {ne.kind === 'server' && (
        <ServerPanel
          url={ne.serverUrl}
          model={ne.serverModel}
          keyStored={ne.serverKeyStored ?? null}
          busy={busy}
          onSave={(serverUrl, serverModel) =>
            save({ serverUrl, serverModel }, `Saved: drafts go to ${serverModel} on this server.`, 'none')
          }
        />
      )}
      <div className="check">
        <input
          id={`${id}-replace`}
          type="checkbox"
          checked={replace}
          disabled={busy}
          aria-describedby={`${id}-replace-d`}
          onChange={(e) =>
            void save(
              { replaceUnsupported: e.target.checked },
              e.target.checked
                ? "Saved: sentences the visit does not back are replaced with the built-in drafter's."
                : 'Saved: sentences the visit does not back stay in the draft, marked, for you to fix.',
              'replace',
            )
          }
        />
        <div>
          <label htmlFor={`${id}-replace`}>Replace unsupported sentences</label>
          <p id={`${id}-replace-d`} className="small muted hint">
            A model’s sentence the visit does not back (a number, drug, dose, side or denial) is replaced by the
            built-in drafter’s sentence for the same fact. Off: it stays, marked, for you to fix.
          </p>
        </div>
      </div>
      {show('replace')}
    </section>
  );
}

/** The installed language models to choose from, the recommendation for this machine, and installs with progress. */
function LocalModelPanel(props: { current: string | null; busy: boolean; onChoose: (id: string) => Promise<Message> }) {
  const { info, error, installing, notes, load, install, cancel } = useModels();
  const id = useId();
  useEffect(() => {
    if (!info) void load();
  }, [info, load]);
  const llms = info?.models.filter((m) => m.task === 'llm') ?? [];
  const installed = llms.filter((m) => m.installed);
  const rec = info?.recommendedLlm;
  const others = llms.filter((m) => !m.installed);
  const current = props.current;
  return (
    <div className="stack engine-panel" role="group" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Model on this computer</h4>
      {rec && (
        <p className="small muted" data-testid="llm-recommendation">
          {rec.id ? (
            <>
              Recommended for this computer: <strong>{llms.find((m) => m.id === rec.id)?.name ?? rec.id}</strong> (
              {rec.reason}).
            </>
          ) : (
            <>No local model is recommended for this computer: {rec.reason}.</>
          )}
        </p>
      )}
      {installed.length > 0 || current ? (
        <div className="field">
          <label htmlFor={`${id}-model`}>Model</label>
          <select
            id={`${id}-model`}
            value={current ?? ''}
            disabled={props.busy}
            onChange={(e) => e.target.value && void props.onChoose(e.target.value)}
          >
            {!current && <option value="">Choose an installed model</option>}
            {current && !installed.some((m) => m.id === current) && (
              <option value={current}>{current} (not installed)</option>
            )}
            {installed.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="small">No language model is installed yet. Install one below (IT may supply it from a share).</p>
      )}
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      {others.length > 0 && (
        <details open={installed.length === 0}>
          <summary>Install a model ({others.length})</summary>
          <ul className="list plain">
            {others.map((m) => {
              const progress = installing[m.id];
              return (
                <li key={m.id} className="model-row">
                  <span>
                    {m.name}
                    {rec?.id === m.id && <span className="chip chip-drafted"> Recommended</span>}
                    <br />
                    <span className="muted small">
                      {gb(m.sizeBytes)} · {m.minRamGb} GB RAM
                    </span>
                  </span>
                  <InstallControl
                    name={m.name}
                    progress={progress}
                    installable={m.installable}
                    onInstall={() => void install(m.id)}
                    onCancel={() => void cancel(m.id)}
                  />
                  {notes[m.id] && progress === undefined && (
                    <p role="status" className="small muted">
                      {notes[m.id]}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The clinic server's address and model, its API key (stored, never shown) and the connection test. */
function ServerPanel(props: {
  url: string | null;
  model: string | null;
  keyStored: boolean | null;
  busy: boolean;
  onSave: (url: string, model: string) => Promise<Message>;
}) {
  const id = useId();
  const form = useServerForm(props);

  return (
    <div className="stack engine-panel" role="group" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Clinic server</h4>
      <form
        className="stack"
        noValidate
        onSubmit={form.onSubmit(
          () => (form.url && form.model ? null : 'Not saved: enter both the server address and the model name.'),
          () => props.onSave(form.url, form.model),
        )}
      >
        <ServerAddressFields
          {...form.fields}
          urlLabel="Server address"
          urlHint="https, or http only for a server on this computer."
          urlPlaceholder="https://llm.clinic.example/v1"
          modelLabel="Model name on the server"
        />
        <div>
          <button type="submit" disabled={props.busy}>
            Save server
          </button>
        </div>
        <SaveMessage message={form.message} />
      </form>
      <ServerKeyForm keyStored={props.keyStored} {...form.keyInput} />
      <ServerTest
        note="Only lists the server’s models; no patient text is sent."
        missing={form.url ? null : 'Enter the server address first.'}
        onResult={form.onTested}
        run={() => api['engines.testServer'](form.testParams(form.url))}
      />
    </div>
  );
}
