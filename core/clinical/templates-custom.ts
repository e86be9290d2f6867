/**
 * The clinician's own note templates, kept in the encrypted store's settings table (not in the install folder, which
 * is read-only once signed): copies of bundled templates under a new id, and changed bundled templates (same id).
 * These functions are pure over the stored list; core/clinical/templates-api.ts reads and writes the store.
 */
import type { NoteTemplate } from './types.js';
import { EditableTemplate, TEMPLATE_LIMITS } from './templates-api-schema.js';
import { defaultOmitIfEmpty } from './templates-sources.js';
import { TemplateError } from './templates.js';

/** Settings key of the stored list (JSON array of templates). */
export const CUSTOM_TEMPLATES_KEY = 'templates.custom';

export type TemplateKind = 'builtin' | 'custom' | 'override';
export type ListedTemplate = NoteTemplate & { kind: TemplateKind };

/** Why a change to the stored list was refused: `conflict` (id taken), `not_found`, `limit` (too many). */
export class TemplateChangeError extends Error {
  constructor(
    readonly code: 'conflict' | 'not_found' | 'limit',
    message: string,
  ) {
    super(message);
    this.name = 'TemplateChangeError';
  }
}

/**
 * Reads the stored list. Entries that no longer validate (say, an update removed a content source they name) and
 * repeated ids are left out and counted, so one bad entry never hides the others.
 */
export function parseCustomTemplates(json: string | null): { templates: NoteTemplate[]; skipped: number } {
  if (json === null || json === '') return { templates: [], skipped: 0 };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { templates: [], skipped: 1 };
  }
  if (!Array.isArray(data)) return { templates: [], skipped: 1 };
  const templates: NoteTemplate[] = [];
  let skipped = 0;
  for (const item of data) {
    const parsed = EditableTemplate.safeParse(item);
    if (!parsed.success || templates.some((t) => t.id === parsed.data.id)) skipped++;
    else templates.push(parsed.data);
  }
  return { templates, skipped };
}

export function serializeCustomTemplates(templates: readonly NoteTemplate[]): string {
  return JSON.stringify(templates);
}

/**
 * What note.templates lists: the bundled templates in their order (a changed one in its place, marked `override`),
 * then the clinician's own by name.
 */
export function mergeTemplates(builtIns: readonly NoteTemplate[], custom: readonly NoteTemplate[]): ListedTemplate[] {
  const byId = new Map(custom.map((t) => [t.id, t]));
  const builtInIds = new Set(builtIns.map((t) => t.id));
  const own = custom
    .filter((t) => !builtInIds.has(t.id))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((t): ListedTemplate => ({ ...t, kind: 'custom' }));
  return [
    ...builtIns.map((t): ListedTemplate => {
      const changed = byId.get(t.id);
      return changed ? { ...changed, kind: 'override' } : { ...t, kind: 'builtin' };
    }),
    ...own,
  ];
}

/**
 * The template note.draft uses for `id`: the clinician's (own or changed bundled) first, else the bundled one.
 * Throws TemplateError naming the available ids when there is none.
 */
export function resolveTemplate(
  id: string,
  custom: readonly NoteTemplate[],
  loadBuiltIn: (id: string) => NoteTemplate,
  builtInIds: readonly string[],
): NoteTemplate {
  const own = custom.find((t) => t.id === id);
  if (own) return own;
  if (builtInIds.includes(id)) return loadBuiltIn(id);
  const available = [...builtInIds, ...custom.filter((t) => !builtInIds.includes(t.id)).map((t) => t.id)];
  throw new TemplateError(`unknown template '${id}' (available: ${available.join(', ')})`);
}

/**
 * The stored list with `template` saved in it. `create` refuses an id already in use (bundled or own) rather than
 * replacing it; otherwise a bundled id stores a changed copy of that template and an own id is replaced in place.
 */
export function upsertTemplate(
  custom: readonly NoteTemplate[],
  template: NoteTemplate,
  opts: { create?: boolean; builtInIds: readonly string[] },
): { templates: NoteTemplate[]; created: boolean } {
  const exists = custom.some((t) => t.id === template.id);
  if (opts.create && (exists || opts.builtInIds.includes(template.id)))
    throw new TemplateChangeError('conflict', `A template with id '${template.id}' already exists.`);
  if (!exists && custom.length >= TEMPLATE_LIMITS.templates)
    throw new TemplateChangeError(
      'limit',
      `At most ${TEMPLATE_LIMITS.templates} templates can be saved; delete one you no longer use first.`,
    );
  const created = !exists && !opts.builtInIds.includes(template.id);
  return {
    templates: exists ? custom.map((t) => (t.id === template.id ? template : t)) : [...custom, template],
    created,
  };
}

/** The stored list without `id`: the clinician's own template is gone, a changed bundled one is back to bundled. */
export function removeTemplate(
  custom: readonly NoteTemplate[],
  id: string,
  builtInIds: readonly string[],
): { templates: NoteTemplate[]; restored: boolean } {
  if (!custom.some((t) => t.id === id))
    throw new TemplateChangeError(
      'not_found',
      builtInIds.includes(id)
        ? `Template '${id}' is bundled with Bedside and has no changes to reset.`
        : `There is no template with id '${id}'.`,
    );
  return { templates: custom.filter((t) => t.id !== id), restored: builtInIds.includes(id) };
}

/** A listed template in the API's shape (each section's omit-if-empty resolved to what the drafter does). */
export function templateInfo(t: ListedTemplate) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    style: t.style,
    kind: t.kind,
    sections: t.sections.map((s) => ({
      id: s.id,
      title: s.title,
      source: s.source,
      omitIfEmpty: s.omitIfEmpty ?? defaultOmitIfEmpty(s.source),
    })),
  };
}
