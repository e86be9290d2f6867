/**
 * The clinic-server pieces Settings → Note engine and Settings → Transcription share: the address and model fields,
 * the API key form (one key, kept in the encrypted store, never shown) and the connection test read out step by step
 * in a live region. Each section keeps its own wording and its own save; the markup, labels and ARIA are these.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { SaveMessage } from './SettingsParts';
import type { Result } from '../../../core/api/types';
import { api } from '../api';
import { explain } from '../lib/errors';
import { useAppStore } from '../store/app';

export type ServerTestResult = Result<'engines.testServer'>;
type Check = ServerTestResult['checks'][number];
export type Message = { ok: boolean; text: string } | null;

/** The connection test's steps, as the clinician reads them. */
const CHECK_LABEL: Record<Check['name'], string> = {
  address: 'Address',
  policy: "Organisation's rules",
  ca: "Organisation's certificate",
  connect: 'Connection',
  tls: 'Secure connection (TLS)',
  auth: 'API key',
  models: 'Models',
  model: 'Model',
  transcribe: 'Test transcription',
};
const mark = (ok: boolean | null) => (ok === true ? '✓' : ok === false ? '✗' : '–');
const okWord = (ok: boolean | null) => (ok === true ? 'passed' : ok === false ? 'failed' : 'not checked');

/**
 * The state a section's clinic-server form keeps: the address and model typed (reset to the saved ones when those
 * change), the models the last connection test listed, the API key typed but not saved, and the form's saved /
 * not-saved line. `fields`, `keyInput` and `onTested` are the props of ServerAddressFields, ServerKeyForm and
 * ServerTest's onResult; `testParams` is what a connection test sends.
 */
export function useServerForm(saved: { url: string | null | undefined; model: string | null | undefined }) {
  const [url, setUrl] = useState(saved.url ?? '');
  const [model, setModel] = useState(saved.model ?? '');
  const [models, setModels] = useState<string[]>([]);
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<Message>(null);
  useEffect(() => {
    setUrl(saved.url ?? '');
    setModel(saved.model ?? '');
  }, [saved.url, saved.model]);
  return {
    url: url.trim(),
    model: model.trim(),
    message,
    fields: { url, onUrl: setUrl, model, onModel: setModel, models },
    keyInput: { value: key, onValue: setKey },
    onTested: (r: ServerTestResult) => setModels(r.models),
    /** The address to test, with the model and the key typed here when there are. */
    testParams: (testUrl: string) => ({
      url: testUrl,
      ...(model.trim() ? { model: model.trim() } : {}),
      ...(key ? { key } : {}),
    }),
    /** The form's submit handler: `problem()` said (nothing saved) when there is one, else `save()`'s outcome. */
    onSubmit: (problem: () => string | null, save: () => Promise<Message>) => (e: FormEvent) => {
      e.preventDefault();
      const text = problem();
      setMessage(text ? { ok: false, text } : null);
      if (!text) void save().then(setMessage);
    },
  };
}

/**
 * The server's address (with what is allowed, in words) and the model's name on it, offering the models the last
 * connection test listed. Controlled: the section keeps the values (its save and its test both read them).
 */
export function ServerAddressFields(props: {
  url: string;
  onUrl: (v: string) => void;
  model: string;
  onModel: (v: string) => void;
  urlLabel: string;
  urlHint: ReactNode;
  urlPlaceholder: string;
  modelLabel: string;
  modelPlaceholder?: string;
  /** Model names to offer (from the last connection test). */
  models?: readonly string[];
}) {
  const id = useId();
  const models = props.models ?? [];
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-url`}>{props.urlLabel}</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder={props.urlPlaceholder}
          aria-describedby={`${id}-url-d`}
          value={props.url}
          onChange={(e) => props.onUrl(e.target.value)}
        />
        <p id={`${id}-url-d`} className="small muted">
          {props.urlHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-model`}>{props.modelLabel}</label>
        <input
          id={`${id}-model`}
          spellCheck={false}
          autoComplete="off"
          {...(props.modelPlaceholder ? { placeholder: props.modelPlaceholder } : {})}
          list={models.length ? `${id}-models` : undefined}
          value={props.model}
          onChange={(e) => props.onModel(e.target.value)}
        />
        {models.length > 0 && (
          <datalist id={`${id}-models`}>
            {models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        )}
      </div>
    </>
  );
}

/**
 * The clinic server's API key: typed into a password field, stored in the encrypted store (engines.setServerKey),
 * never shown again; Remove deletes it. The one key serves drafting and transcription, so the settings both sections
 * read are updated when it changes. Controlled (`value`): a key typed but not saved yet is what the connection test
 * tries.
 */
export function ServerKeyForm(props: {
  keyStored: boolean | null;
  value: string;
  onValue: (v: string) => void;
  note?: ReactNode;
}) {
  const id = useId();
  const key = props.value;
  const setKey = props.onValue;
  const [keyStored, setKeyStored] = useState(props.keyStored);
  const [message, setMessage] = useState<Message>(null);
  useEffect(() => setKeyStored(props.keyStored), [props.keyStored]);

  const storeKey = async (value: string | null) => {
    try {
      const r = await api['engines.setServerKey']({ key: value });
      setKeyStored(r.keyStored);
      setKey('');
      setMessage({ ok: true, text: r.keyStored ? 'The API key is stored (encrypted).' : 'The API key is removed.' });
      useAppStore.setState((st) =>
        st.settings?.noteEngine
          ? { settings: { ...st.settings, noteEngine: { ...st.settings.noteEngine, serverKeyStored: r.keyStored } } }
          : {},
      );
    } catch (err) {
      setMessage({ ok: false, text: `Not saved: ${explain(err, 'store the API key')}` });
    }
  };

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (key) void storeKey(key);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-key`}>API key</label>
        <input
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-key-d`}
          placeholder={keyStored ? 'Type a new key to replace it' : 'None stored'}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <p id={`${id}-key-d`} className="small muted" data-testid="server-key-state">
          {keyStored === true
            ? 'A key is stored in the encrypted store. It is never shown.'
            : keyStored === false
              ? 'No key is stored. Leave it empty if the server needs none.'
              : 'Kept in the encrypted store; never shown.'}
          {props.note ? <> {props.note}</> : null}
        </p>
      </div>
      <div className="row wrap">
        <button type="submit" disabled={!key}>
          Save key
        </button>
        {keyStored !== false && (
          <button type="button" onClick={() => void storeKey(null)}>
            Remove key
          </button>
        )}
      </div>
      <SaveMessage message={message} />
    </form>
  );
}

/**
 * The connection test: a button, and the result read out in a polite live region (each step with ✓ ✗ – and its
 * outcome in words for screen readers). `run` calls the section's API method; `onResult` gets the listed models.
 */
export function ServerTest(props: {
  run: () => Promise<ServerTestResult>;
  /** What the test sends, in words (next to the button). */
  note: string;
  onResult?: (r: ServerTestResult) => void;
  /** Said instead of running when the address is empty. */
  missing?: string | null;
}) {
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ServerTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    if (props.missing) return setError(props.missing);
    setTesting(true);
    setTest(null);
    setError(null);
    try {
      const r = await props.run();
      setTest(r);
      props.onResult?.(r);
    } catch (err) {
      setError(explain(err, 'test the server'));
    } finally {
      setTesting(false);
    }
  };
  return (
    <>
      <div className="row wrap">
        <button type="button" disabled={testing} onClick={() => void start()}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <span className="small muted">{props.note}</span>
      </div>
      <div aria-live="polite" className="stack" data-testid="server-test">
        {testing && <p className="small">Testing the connection…</p>}
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        {test && (
          <>
            <p className={test.ok ? 'ok small' : 'error small'}>
              <strong>{test.ok ? 'Connected.' : 'Not connected.'}</strong> {test.message}
            </p>
            <ul className="list plain small check-list" aria-label="Connection test steps">
              {test.checks.map((c) => (
                <li key={c.name} data-check={c.name} data-ok={String(c.ok)}>
                  <span aria-hidden="true">{mark(c.ok)}</span> {CHECK_LABEL[c.name]}
                  <span className="visually-hidden"> {okWord(c.ok)}</span>: {c.detail}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
