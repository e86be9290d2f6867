/**
 * Settings → Note templates: every template the drafter can use, with its sections in order (title and the content
 * source that fills each). While the encrypted store is unlocked the clinician can duplicate a template, change one
 * (a changed bundled template replaces it until reset), and delete their own; the note's template picker lists the
 * result at once. Validation is the core's (note.templates.save): its issues are shown here in words.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Params, Result } from '../../../core/api/types';
import { api, ApiFailure } from '../api';
import { explain } from '../lib/errors';
import type { TemplateInfo } from '../lib/types';
import { useAppStore } from '../store/app';
import { useVisit } from '../store/visit';

type SourceInfo = Result<'note.templates.sources'>[number];
type Section = TemplateInfo['sections'][number];
type SavedTemplate = Params<'note.templates.save'>['template'];
type Editable = Omit<TemplateInfo, 'kind'>;

interface Editing {
  /** A new template (a copy): saving refuses an id already in use instead of replacing that template. */
  create: boolean;
  /** The listed template the editor was opened from (the editor shows under it). */
  from: string;
  /** Whether that one is bundled (changed or not): saving it under its own id changes the bundled template. */
  bundled: boolean;
  template: Editable;
}

const STYLE_WORDS: Record<TemplateInfo['style'], string> = {
  note: 'Note with headings',
  letter: 'Letter',
  instructions: 'Patient instructions (plain language)',
};

/** A template id not in `taken`: `<base>-copy`, then `<base>-copy-2`, … (at most 41 characters). */
export function copyId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.slice(0, 30).replace(/-+$/, '') || 'template';
  for (let n = 1; ; n++) {
    const id = n === 1 ? `${stem}-copy` : `${stem}-copy-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A section id not used in the template yet: the source id, then `<source>-2`, … */
function sectionId(source: string, sections: readonly Section[]): string {
  const taken = new Set(sections.map((s) => s.id));
  for (let n = 1; ; n++) {
    const id = n === 1 ? source : `${source}-${n}`;
    if (!taken.has(id)) return id;
  }
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

interface Problem {
  /** Which input the problem is about: 'name', 'description', `section:<index>`, or '' for the whole template. */
  field: string;
  text: string;
}

/** One validation issue of note.templates.save (path + message, no values) in words, naming the section. */
export function issueWords(issue: { path: string; message: string }, t: Editable): Problem {
  const sec = /^template\.sections\.(\d+)\.(\w+)$/.exec(issue.path);
  if (sec) {
    const i = Number(sec[1]);
    const title = t.sections[i]?.title.trim();
    const what =
      sec[2] === 'source' ? 'its content source is not one Bedside can fill' : issue.message.replace(/^section /, '');
    return { field: `section:${i}`, text: `Section ${i + 1}${title ? ` (“${title}”)` : ''}: ${what}.` };
  }
  const field = /^template\.(name|description)$/.exec(issue.path)?.[1] ?? '';
  if (issue.path === 'template.id') return { field, text: `The template’s id ${issue.message}.` };
  return { field, text: sentence(issue.message) };
}

export function TemplateSettings() {
  const unlocked = useAppStore((s) => s.storeUnlocked);
  const templates = useVisit((s) => s.templates);
  const templatesError = useVisit((s) => s.templatesError);
  const templatesUnlocked = useVisit((s) => s.templatesUnlocked);
  const loadTemplates = useVisit((s) => s.loadTemplates);
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** `data-focus` of the element to focus once the list has re-rendered (after save, delete, cancel). */
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (templates.length === 0 || templatesUnlocked !== unlocked) void loadTemplates();
  }, [templates.length, templatesUnlocked, unlocked, loadTemplates]);
  useEffect(() => {
    if (!unlocked) {
      setEditing(null);
      setConfirming(null);
    }
  }, [unlocked]);
  useEffect(() => {
    let live = true;
    api['note.templates.sources']({})
      .then((s) => live && setSources(s))
      .catch((err: unknown) => live && setMessage({ kind: 'error', text: explain(err, 'list the content sources') }));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (!focusNext) return;
    const el = sectionRef.current?.querySelector<HTMLElement>(`[data-focus="${focusNext}"]`);
    if (el) {
      el.focus();
      setFocusNext(null);
    }
  }, [focusNext, templates, editing, confirming]);

  const sourceTitle = (id: string) => sources.find((s) => s.id === id)?.title ?? id;
  const open = (t: TemplateInfo, copy: boolean) => {
    const { kind: _kind, ...rest } = t;
    setMessage(null);
    setConfirming(null);
    setEditing({
      create: copy,
      from: t.id,
      bundled: t.kind !== 'custom',
      template: copy
        ? { ...rest, id: copyId(t.id, new Set(templates.map((x) => x.id))), name: `${t.name} (copy)` }
        : rest,
    });
  };
  const close = () => {
    const from = editing?.from;
    setEditing(null);
    if (from) setFocusNext(`edit:${from}`);
  };
  const saved = async (t: Result<'note.templates.save'>) => {
    setEditing(null);
    setMessage({
      kind: 'ok',
      text: `Saved “${t.name}”. The note’s template picker lists it${t.kind === 'override' ? ' in place of the bundled one' : ''}.`,
    });
    await loadTemplates();
    setFocusNext(`edit:${t.id}`);
  };
  const remove = async (t: TemplateInfo) => {
    setBusy(true);
    try {
      const r = await api['note.templates.delete']({ id: t.id });
      setConfirming(null);
      setMessage({
        kind: 'ok',
        text: r.restored ? `“${t.name}” is back to the bundled version.` : `Deleted “${t.name}”.`,
      });
      await loadTemplates();
      setFocusNext(r.restored ? `edit:${t.id}` : 'heading');
    } catch (err) {
      setMessage({
        kind: 'error',
        text:
          err instanceof ApiFailure && err.error.code === 'not_found'
            ? `Not changed: ${err.error.message}`
            : `Not changed: ${explain(err, t.kind === 'override' ? 'reset the template' : 'delete the template')}`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={sectionRef} aria-labelledby="set-templates" className="card stack">
      <h3 id="set-templates" tabIndex={-1} data-focus="heading">
        Note templates
      </h3>
      {!unlocked && (
        <p className="small muted" data-testid="templates-locked">
          Unlock the encrypted store (from the encounters list) to copy, change or delete templates: your own templates
          are kept there. The bundled templates are listed below.
        </p>
      )}
      {templatesError && (
        <p role="alert" className="error">
          {templatesError}
        </p>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : ''}>
          {message.text}
        </p>
      )}
      <ul className="list">
        {templates.map((t) => {
          const headingId = `tpl-${t.id}`;
          return (
            <li key={t.id} className="card stack" data-template={t.id}>
              <div className="row spread wrap">
                <h4 id={headingId} className="template-name">
                  {t.name}
                </h4>
                {t.kind === 'custom' && <span className="chip chip-drafted">Yours</span>}
                {t.kind === 'override' && <span className="chip chip-warn">Changed</span>}
              </div>
              <p className="small muted">
                {STYLE_WORDS[t.style]} · {t.sections.length} section{t.sections.length === 1 ? '' : 's'}
              </p>
              {t.description && <p className="small">{t.description}</p>}
              <details>
                <summary className="small">Sections in order</summary>
                <ol className="small">
                  {t.sections.map((s) => (
                    <li key={s.id}>
                      {s.title}{' '}
                      <span className="muted">
                        — {sourceTitle(s.source)}
                        {s.omitIfEmpty ? '' : ' (kept when empty)'}
                      </span>
                    </li>
                  ))}
                </ol>
              </details>
              {unlocked && (
                <div className="row wrap">
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Duplicate ${t.name}`}
                    onClick={() => open(t, true)}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Edit ${t.name}`}
                    data-focus={`edit:${t.id}`}
                    onClick={() => open(t, false)}
                  >
                    Edit
                  </button>
                  {t.kind !== 'builtin' && (
                    <button
                      type="button"
                      className="small-button"
                      aria-label={`${t.kind === 'custom' ? 'Delete' : 'Reset to built-in:'} ${t.name}`}
                      onClick={() => {
                        setEditing(null);
                        setConfirming(t.id);
                        setFocusNext(`confirm:${t.id}`);
                      }}
                    >
                      {t.kind === 'custom' ? 'Delete' : 'Reset to built-in'}
                    </button>
                  )}
                </div>
              )}
              {confirming === t.id && (
                <div role="alertdialog" aria-labelledby={`${headingId}-confirm`} className="card stack">
                  <p id={`${headingId}-confirm`}>
                    {t.kind === 'custom'
                      ? `Delete “${t.name}”? Notes already drafted with it keep their text.`
                      : `Undo your changes to “${t.name}” and use the bundled version again?`}
                  </p>
                  <div className="row wrap">
                    <button
                      type="button"
                      className="primary"
                      data-focus={`confirm:${t.id}`}
                      disabled={busy}
                      onClick={() => void remove(t)}
                    >
                      {t.kind === 'custom' ? 'Delete template' : 'Reset template'}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setConfirming(null);
                        setFocusNext(`edit:${t.id}`);
                      }}
                    >
                      Cancel
                    </button>
                  </div>
                </div>
              )}
              {editing?.from === t.id && (
                <TemplateEditor
                  key={`${editing.template.id}-${String(editing.create)}`}
                  editing={editing}
                  sources={sources}
                  onCancel={close}
                  onSaved={(r) => void saved(r)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface EditorProps {
  editing: Editing;
  sources: SourceInfo[];
  onCancel(): void;
  onSaved(t: Result<'note.templates.save'>): void;
}

function TemplateEditor({ editing, sources, onCancel, onSaved }: EditorProps) {
  const [t, setT] = useState<Editable>(editing.template);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [addSource, setAddSource] = useState('');
  const [focusNext, setFocusNext] = useState<string | null>('name');
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  useEffect(() => {
    if (!focusNext) return;
    const el = formRef.current?.querySelector<HTMLElement>(`[data-focus="${focusNext}"]`);
    el?.focus();
    if (focusNext === 'name') el?.scrollIntoView?.({ block: 'nearest' });
    setFocusNext(null);
  }, [focusNext]);

  const sourceTitle = (source: string) => sources.find((s) => s.id === source)?.title ?? source;
  const setSection = (i: number, patch: Partial<Section>) =>
    setT({ ...t, sections: t.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const move = (i: number, by: -1 | 1) => {
    const sections = [...t.sections];
    const [s] = sections.splice(i, 1);
    if (!s) return;
    const to = i + by;
    sections.splice(to, 0, s);
    setT({ ...t, sections });
    // Keep focus on the moved section's button, or its other one once it reaches the end.
    const dir = by < 0 ? (to === 0 ? 'down' : 'up') : to === sections.length - 1 ? 'up' : 'down';
    setFocusNext(`${dir}:${s.id}`);
  };
  const removeAt = (i: number) => {
    const sections = t.sections.filter((_, j) => j !== i);
    setT({ ...t, sections });
    const next = sections[i] ?? sections[i - 1];
    setFocusNext(next ? `title:${next.id}` : 'add');
  };
  const add = () => {
    const source = sources.find((s) => s.id === addSource);
    if (!source) return;
    const s: Section = {
      id: sectionId(source.id, t.sections),
      title: source.title.replace(/ \(.*\)$/, '').replace(/^Patient instructions: /, ''),
      source: source.id,
      omitIfEmpty: source.omitIfEmptyByDefault,
    };
    setT({ ...t, sections: [...t.sections, s] });
    setAddSource('');
    setFocusNext(`title:${s.id}`);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    const template: SavedTemplate = {
      id: t.id,
      name: t.name,
      description: t.description,
      style: t.style,
      sections: t.sections.map((s) => ({
        id: s.id,
        title: s.title,
        source: s.source as SavedTemplate['sections'][number]['source'],
        omitIfEmpty: s.omitIfEmpty,
      })),
    };
    try {
      onSaved(await api['note.templates.save']({ template, ...(editing.create ? { create: true } : {}) }));
    } catch (err) {
      const issues = err instanceof ApiFailure && err.error.code === 'invalid_params' ? err.error.issues : undefined;
      setProblems(
        issues?.length
          ? issues.map((i) => issueWords(i, t))
          : [
              {
                field: '',
                text:
                  err instanceof ApiFailure && (err.error.code === 'conflict' || err.error.code === 'not_found')
                    ? err.error.message
                    : explain(err, 'save the template'),
              },
            ],
      );
      setFocusNext('problems');
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;
  const heading = editing.create
    ? `New template (a copy of “${editing.template.name.replace(/ \(copy\)$/, '')}”)`
    : `Change “${editing.template.name}”`;

  return (
    <form ref={formRef} className="card stack" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void save(e)}>
      <h4 id={`${id}-h`} className="template-name">
        {heading}
      </h4>
      <p className="small muted">
        {editing.create
          ? 'Saved as a new template in the encrypted store on this computer.'
          : editing.bundled
            ? 'Your changes replace the bundled template until you reset it.'
            : 'Saved in the encrypted store on this computer.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          data-focus="name"
          value={t.name}
          maxLength={80}
          aria-invalid={invalid('name')}
          onChange={(e) => setT({ ...t, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>Description</label>
        <textarea
          id={`${id}-desc`}
          rows={2}
          value={t.description}
          maxLength={400}
          aria-invalid={invalid('description')}
          onChange={(e) => setT({ ...t, description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-style`}>Style</label>
        <select
          id={`${id}-style`}
          value={t.style}
          onChange={(e) => setT({ ...t, style: e.target.value as Editable['style'] })}
        >
          {(Object.keys(STYLE_WORDS) as Editable['style'][]).map((s) => (
            <option key={s} value={s}>
              {STYLE_WORDS[s]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="stack template-sections">
        <legend>Sections, in the order they appear in the note</legend>
        <ol className="list">
          {t.sections.map((s, i) => {
            const name = s.title.trim() || `section ${i + 1}`;
            return (
              <li key={s.id} className="card stack" data-section={s.id}>
                <div className="field">
                  <label htmlFor={`${id}-title-${s.id}`}>Section {i + 1} title</label>
                  <input
                    id={`${id}-title-${s.id}`}
                    data-focus={`title:${s.id}`}
                    value={s.title}
                    maxLength={80}
                    aria-invalid={invalid(`section:${i}`)}
                    aria-describedby={`${id}-src-${s.id}`}
                    onChange={(e) => setSection(i, { title: e.target.value })}
                  />
                </div>
                <p id={`${id}-src-${s.id}`} className="small muted">
                  Filled from: {sourceTitle(s.source)}
                </p>
                <label className="check small">
                  <input
                    type="checkbox"
                    checked={s.omitIfEmpty}
                    onChange={(e) => setSection(i, { omitIfEmpty: e.target.checked })}
                  />
                  <span>
                    Leave out <span className="visually-hidden">section {i + 1} </span>when nothing is found
                  </span>
                </label>
                <div className="row wrap">
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Move up ${name}`}
                    data-focus={`up:${s.id}`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Move down ${name}`}
                    data-focus={`down:${s.id}`}
                    disabled={i === t.sections.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Remove ${name}`}
                    disabled={t.sections.length === 1}
                    title={t.sections.length === 1 ? 'A template needs at least one section' : undefined}
                    onClick={() => removeAt(i)}
                  >
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <div className="row wrap">
          <div className="field grow">
            <label htmlFor={`${id}-add`}>Add a section filled from</label>
            <select id={`${id}-add`} data-focus="add" value={addSource} onChange={(e) => setAddSource(e.target.value)}>
              <option value="">Choose a content source…</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="align-end" disabled={!addSource} onClick={add}>
            Add section
          </button>
        </div>
      </fieldset>
      {problems.length > 0 && (
        <div role="alert" className="error stack" tabIndex={-1} data-focus="problems">
          <p>Not saved:</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.text}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="row wrap">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save template'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
