/**
 * API contract entries for note templates (spread into core/api/contract.ts): listing the built-in and the clinician's
 * own templates, saving and deleting the clinician's own, and the content sources a section can name. Pure zod: the
 * preload bundle and the renderer's type imports see this file, so it imports no Node module.
 *
 * The schema of an editable template is the validation: a save that breaks a rule is refused as invalid_params with
 * an issue per bad field (path + words, no values echoed back).
 */
import { z } from 'zod';
import { TEMPLATE_SOURCE_IDS } from './templates-sources.js';

export const TEMPLATE_LIMITS = {
  name: 80,
  description: 400,
  sectionTitle: 80,
  sections: 30,
  /** Custom templates plus changed built-ins kept in one store. */
  templates: 50,
} as const;

const TEMPLATE_ID = /^[a-z][a-z0-9-]{0,40}$/;
const SECTION_ID = /^[a-z][a-z0-9_-]{0,40}$/;
const ONE_LINE = /^[^\r\n\t]*$/;

export const TemplateId = z
  .string()
  .regex(TEMPLATE_ID, 'must be 1 to 41 lowercase letters, digits or dashes, starting with a letter');

const text = (what: string, max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(ONE_LINE, `${what} must be one line`);

export const EditableSection = z
  .object({
    id: z.string().regex(SECTION_ID, 'section id must be lowercase letters, digits, dashes or underscores'),
    title: text('section title', TEMPLATE_LIMITS.sectionTitle),
    source: z.enum(TEMPLATE_SOURCE_IDS, { error: 'is not a content source Bedside can fill' }),
    omitIfEmpty: z.boolean().optional(),
  })
  .strict();

/** A template as the clinician saves it (the bundled files follow the same shape: core/clinical/templates.ts). */
export const EditableTemplate = z
  .object({
    id: TemplateId,
    name: text('name', TEMPLATE_LIMITS.name),
    description: z
      .string()
      .trim()
      .max(TEMPLATE_LIMITS.description, `description must be at most ${TEMPLATE_LIMITS.description} characters`),
    style: z.enum(['note', 'letter', 'instructions'], { error: 'style must be note, letter or instructions' }),
    sections: z
      .array(EditableSection)
      .min(1, 'a template needs at least one section')
      .max(TEMPLATE_LIMITS.sections, `a template may have at most ${TEMPLATE_LIMITS.sections} sections`),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i, 'id'],
          message: 'section id is used twice: each section needs its own id',
        });
      seen.add(s.id);
    });
  });

/** Where a listed template comes from: bundled, the clinician's own, or a bundled one the clinician changed. */
export const TemplateKind = z.enum(['builtin', 'custom', 'override']);

export const NoteTemplateInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  style: z.enum(['note', 'letter', 'instructions']),
  kind: TemplateKind,
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      source: z.string(),
      /** Resolved: the section's own setting, else the drafter's default for its source. */
      omitIfEmpty: z.boolean(),
    }),
  ),
});

export const TemplateSourceInfo = z.object({ id: z.string(), title: z.string(), omitIfEmptyByDefault: z.boolean() });

export const templateRequests = {
  'note.templates': {
    params: z.object({}).strict(),
    result: z.array(NoteTemplateInfo),
    summary:
      'The note templates available to note.draft: the bundled ones (a changed one in its place) and, while the store is unlocked, the clinician’s own.',
  },
  'note.templates.sources': {
    params: z.object({}).strict(),
    result: z.array(TemplateSourceInfo),
    summary: 'The content sources a template section can name, each with a title for the template editor.',
  },
  'note.templates.save': {
    params: z
      .object({
        template: EditableTemplate,
        /** A new template: refused (conflict) when the id is already taken, instead of replacing that template. */
        create: z.boolean().optional(),
      })
      .strict(),
    result: NoteTemplateInfo,
    summary:
      'Saves a template in the encrypted store: a bundled id changes that template, any other id is the clinician’s own. Audited by id.',
  },
  'note.templates.delete': {
    params: z.object({ id: TemplateId }).strict(),
    result: z.object({ id: z.string(), restored: z.boolean() }),
    summary:
      'Deletes the clinician’s own template, or resets a changed bundled template (restored: true). Audited by id.',
  },
} as const;
