import { useEffect, useId, useState } from 'react';
import { SaveMessage, SettingsPlaceholder } from './SettingsParts';
import { explain } from '../lib/errors';
import { useAppStore } from '../store/app';
import { useVisit } from '../store/visit';

/** The built-in template note.draft uses when none is named (core/clinical/templates.ts lists it first). */
const BEDSIDE_DEFAULT = 'outpatient';

/**
 * The template a visit's first draft uses, saved in the encrypted store (settings.set defaultTemplate). A draft can
 * still be switched to another template from the Note tab.
 */
export function DefaultTemplateSetting() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const settings = useAppStore((s) => s.settings);
  const saveSettings = useAppStore((s) => s.saveSettings);
  const templates = useVisit((s) => s.templates);
  const templatesUnlocked = useVisit((s) => s.templatesUnlocked);
  const loadTemplates = useVisit((s) => s.loadTemplates);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  // The clinician's own templates are listed once the store is unlocked.
  useEffect(() => {
    if (templates.length === 0 || templatesUnlocked !== unlocked) void loadTemplates();
  }, [templates.length, templatesUnlocked, unlocked, loadTemplates]);

  if (!unlocked || !settings)
    return (
      <SettingsPlaceholder
        headingId="set-default-template"
        title="Default template"
        text="Unlock the encrypted store (from the encounters list) to choose the template new drafts start with."
      />
    );

  const current = settings.defaultTemplate ?? BEDSIDE_DEFAULT;
  const name = (tid: string) => templates.find((t) => t.id === tid)?.name ?? tid;
  const choose = async (value: string) => {
    setBusy(true);
    try {
      const next = await saveSettings({ defaultTemplate: value });
      setMessage({ ok: true, text: `Saved: new drafts use ${name(next.defaultTemplate ?? BEDSIDE_DEFAULT)}.` });
    } catch (err) {
      setMessage({ ok: false, text: `Not saved: ${explain(err, 'save the default template')}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="set-default-template" className="card stack">
      <h3 id="set-default-template">Default template</h3>
      <div className="field">
        <label htmlFor={id}>New drafts use</label>
        <select
          id={id}
          value={current}
          disabled={busy || templates.length === 0}
          aria-describedby={`${id}-d`}
          onChange={(e) => void choose(e.target.value)}
        >
          {!templates.some((t) => t.id === current) && <option value={current}>{current}</option>}
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <p id={`${id}-d`} className="small muted">
          A visit’s note can still be switched to another template on its Note tab.
        </p>
      </div>
      <SaveMessage message={message} />
    </section>
  );
}
