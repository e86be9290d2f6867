import { useId, useState } from 'react';
import { RadioChoices } from './RadioChoices';
import { SaveMessage, SettingsPlaceholder } from './SettingsParts';
import { ServerAddressFields, ServerKeyForm, ServerTest, useServerForm, type Message } from './ServerSettingsParts';
import type { Params } from '../../../core/api/types';
import { api } from '../api';
import { explain } from '../lib/errors';
import { useAppStore } from '../store/app';

type Kind = 'local' | 'server';

const BY_ORG = 'Set by your organisation';

/**
 * Settings → Transcription (issue 15): Whisper on this computer (the default) or the clinic's server, for computers
 * too weak for local Whisper. The server is the note engine's clinic server (its address and API key) unless another
 * address is given here; its speech model's name is set here, the shared API key can be stored here too, and the
 * connection test (engines.testTranscriptionServer) sends a second of silence to the server. An address the
 * organisation's policy does not allow is shown "Set by your organisation" and the server choice is disabled.
 */
export function TranscriptionSettings() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const settings = useAppStore((s) => s.settings);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Kind | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const id = useId();
  const t = settings?.transcription;
  const form = useServerForm({ url: t?.serverUrl, model: t?.serverModel });

  const heading = <h3 id="set-transcription">Transcription</h3>;
  if (!unlocked || !settings || !t)
    return (
      <SettingsPlaceholder
        headingId="set-transcription"
        title="Transcription"
        text={
          unlocked && settings
            ? 'This version of the Bedside core transcribes on this computer only.'
            : 'Unlock the encrypted store (from the encounters list) to choose where visits are transcribed.'
        }
      />
    );

  const save = async (patch: NonNullable<Params<'settings.set'>['transcription']>, done: string): Promise<Message> => {
    setBusy(true);
    try {
      await saveSettings({ transcription: patch });
      return { ok: true, text: done };
    } catch (err) {
      return { ok: false, text: `Not saved: ${explain(err, 'save the transcription setting')}` };
    } finally {
      setBusy(false);
    }
  };
  const choose = async (kind: Kind) => {
    setMessage(null);
    setPending(kind);
    setMessage(
      await save(
        { kind },
        kind === 'server'
          ? "Saved: visits are transcribed on the clinic's server."
          : 'Saved: visits are transcribed on this computer.',
      ),
    );
    setPending(null);
  };
  const submit = form.onSubmit(
    () => (form.model ? null : 'Not saved: enter the speech model’s name.'),
    () =>
      save(
        { serverUrl: form.url || null, serverModel: form.model },
        `Saved: audio goes to ${form.model} on ${form.url ? 'this server' : "the note engine's clinic server"}.`,
      ),
  );

  const kind = pending ?? t.kind;
  // The test tries the address typed here, else the one in effect (the note engine's clinic server).
  const testUrl = form.url || t.effectiveUrl;
  // Only an address IT has not listed disables the server (one on this computer is always allowed).
  const serverForbidden = !t.serverAllowed && t.kind !== 'server';
  const choices: { kind: Kind; label: string; hint: string }[] = [
    {
      kind: 'local',
      label: 'On this computer',
      hint: 'Whisper on this computer; no audio leaves it. Needs an installed speech model.',
    },
    {
      kind: 'server',
      label: "On the clinic's server",
      hint:
        "For computers too slow for Whisper. Only the speech Bedside detects goes to the clinic's own server over " +
        "https, and nowhere else; it uses the note engine's server address and key unless another address is given.",
    },
  ];

  return (
    <section aria-labelledby="set-transcription" className="card stack" data-testid="transcription-settings">
      {heading}
      <RadioChoices
        id={id}
        legend="Transcribes the visit"
        value={kind}
        busy={busy}
        choices={choices.map((c) => ({
          ...c,
          forbidden:
            c.kind === 'server' && serverForbidden ? (
              <span data-testid="transcription-forbidden">
                {BY_ORG}: {t.effectiveUrl} is not one of the clinic servers IT allows.
              </span>
            ) : undefined,
        }))}
        onChoose={(k) => void choose(k)}
      />
      <SaveMessage message={message} />
      {t.kind === 'server' && (
        <div className="stack engine-panel">
          <form className="stack" noValidate aria-labelledby={`${id}-h`} onSubmit={submit}>
            <h4 id={`${id}-h`}>Transcription server</h4>
            {!t.serverAllowed && (
              <p role="alert" className="error small">
                {BY_ORG}: {t.effectiveUrl} is not one of the clinic servers IT allows; visits cannot be transcribed
                there.
              </p>
            )}
            <ServerAddressFields
              {...form.fields}
              urlLabel="Server address (optional)"
              urlHint={
                <>
                  Empty: the note engine’s clinic server
                  {t.effectiveUrl && !t.serverUrl ? ` (${t.effectiveUrl})` : ' (none set yet)'}. https, or http only on
                  this computer.
                </>
              }
              urlPlaceholder={t.effectiveUrl && !t.serverUrl ? t.effectiveUrl : 'https://asr.clinic.example/v1'}
              modelLabel="Speech model name on the server"
              modelPlaceholder="Systran/faster-whisper-small"
            />
            <div>
              <button type="submit" disabled={busy}>
                Save transcription server
              </button>
            </div>
            <SaveMessage message={form.message} />
          </form>
          <ServerKeyForm
            keyStored={settings.noteEngine?.serverKeyStored ?? null}
            {...form.keyInput}
            note="The same key as the note engine’s clinic server."
          />
          <ServerTest
            note="Sends one second of silence to the server (no patient audio) and lists its models."
            missing={testUrl ? null : 'Enter the server address first (or set the note engine’s clinic server).'}
            onResult={form.onTested}
            run={() => api['engines.testTranscriptionServer'](form.testParams(testUrl!))}
          />
        </div>
      )}
    </section>
  );
}
