/**
 * note.templates* over the encrypted store: the bundled templates from resources/templates, plus the clinician's own
 * and changed bundled ones from the store's settings table (key `templates.custom`) while it is unlocked. Saves and
 * deletes are audited by template id (the settings write is audited by key too); templates hold no PHI.
 */
import type { Handlers } from '../api/dispatcher.js';
import { ApiError } from '../api/errors.js';
import type { AsyncStore } from '../store/client.js';
import type { NoteTemplate } from './types.js';
import { listTemplates, loadTemplate, templateIds, TemplateError } from './templates.js';
import {
  CUSTOM_TEMPLATES_KEY,
  mergeTemplates,
  parseCustomTemplates,
  removeTemplate,
  resolveTemplate,
  serializeCustomTemplates,
  TemplateChangeError,
  templateInfo,
  upsertTemplate,
} from './templates-custom.js';
import { defaultOmitIfEmpty, TEMPLATE_SOURCES } from './templates-sources.js';

export type TemplateMethod =
  | 'note.templates'
  | 'note.templates.sources'
  | 'note.templates.save'
  | 'note.templates.delete';

/** The clinician's templates in the store; none while it is locked. */
export async function readCustomTemplates(store: AsyncStore | undefined): Promise<NoteTemplate[]> {
  if (!store) return [];
  return parseCustomTemplates(await store.getSetting(CUSTOM_TEMPLATES_KEY)).templates;
}

/** The template note.draft drafts with: the clinician's (when unlocked) or a bundled one; invalid_params otherwise. */
export async function templateForDraft(store: AsyncStore | undefined, id: string): Promise<NoteTemplate> {
  const custom = await readCustomTemplates(store);
  try {
    return resolveTemplate(id, custom, (b) => loadTemplate(b), templateIds());
  } catch (err) {
    if (err instanceof TemplateError)
      throw new ApiError(
        'invalid_params',
        store ? err.message : `${err.message}; your own templates are available once the store is unlocked`,
      );
    throw err;
  }
}

function changeError(err: unknown): never {
  if (err instanceof TemplateChangeError)
    throw new ApiError(err.code === 'not_found' ? 'not_found' : 'conflict', err.message);
  throw err;
}

export function createTemplateHandlers(current: () => AsyncStore | undefined): Pick<Handlers, TemplateMethod> {
  const unlocked = (): AsyncStore => {
    const s = current();
    if (!s) throw new ApiError('locked', 'The encrypted store is locked: unlock it to change note templates.');
    return s;
  };
  // Saves and deletes read, change and write the whole list: one at a time, so none is lost.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    'note.templates': async () =>
      mergeTemplates(listTemplates(), await readCustomTemplates(current())).map(templateInfo),
    'note.templates.sources': () =>
      Object.entries(TEMPLATE_SOURCES).map(([id, title]) => ({
        id,
        title,
        omitIfEmptyByDefault: defaultOmitIfEmpty(id),
      })),
    'note.templates.save': ({ template, create }) =>
      serial(async () => {
        const s = unlocked();
        const builtInIds = templateIds();
        const custom = await readCustomTemplates(s);
        let next: ReturnType<typeof upsertTemplate>;
        try {
          next = upsertTemplate(custom, template, { builtInIds, ...(create !== undefined ? { create } : {}) });
        } catch (err) {
          changeError(err);
        }
        await s.setSetting(CUSTOM_TEMPLATES_KEY, serializeCustomTemplates(next.templates));
        await s.audit(next.created ? 'create' : 'edit', 'template', template.id);
        return templateInfo({ ...template, kind: builtInIds.includes(template.id) ? 'override' : 'custom' });
      }),
    'note.templates.delete': ({ id }) =>
      serial(async () => {
        const s = unlocked();
        let next: ReturnType<typeof removeTemplate>;
        try {
          next = removeTemplate(await readCustomTemplates(s), id, templateIds());
        } catch (err) {
          changeError(err);
        }
        await s.setSetting(CUSTOM_TEMPLATES_KEY, serializeCustomTemplates(next.templates));
        await s.audit('delete', 'template', id);
        return { id, restored: next.restored };
      }),
  };
}
