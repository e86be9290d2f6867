/**
 * Note templates are data files (resources/templates/*.json) so users can edit or add them later. Each names its
 * sections and the content source that fills each one (see SOURCES in drafter.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { resourcePath } from '../platform/paths.js';
import type { NoteTemplate } from './types.js';

export const TemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
    name: z.string().min(1),
    description: z.string(),
    style: z.enum(['note', 'letter', 'instructions']),
    sections: z
      .array(
        z.object({
          id: z.string().min(1),
          title: z.string().min(1),
          source: z.string().min(1),
          omitIfEmpty: z.boolean().optional(),
        }),
      )
      .min(1),
  })
  .strict();

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const cache = new Map<string, NoteTemplate>();

export function templatesDir(): string {
  return resourcePath('templates');
}

/** Ids of the bundled templates, in a stable order (outpatient first). */
export function templateIds(dir = templatesDir()): string[] {
  if (!existsSync(dir)) return [];
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
  return ['outpatient', ...ids.filter((i) => i !== 'outpatient')].filter((i) => ids.includes(i));
}

export function loadTemplate(id: string, dir = templatesDir()): NoteTemplate {
  const hit = cache.get(`${dir}|${id}`);
  if (hit) return hit;
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(id) || !existsSync(join(dir, `${id}.json`)))
    throw new TemplateError(`unknown template '${id}' (available: ${templateIds(dir).join(', ')})`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
  } catch {
    throw new TemplateError(`template '${id}' is not valid JSON`);
  }
  const parsed = TemplateSchema.safeParse(data);
  if (!parsed.success) throw new TemplateError(`template '${id}' is invalid: ${parsed.error.issues[0]?.message}`);
  if (parsed.data.id !== id) throw new TemplateError(`template file '${id}.json' declares id '${parsed.data.id}'`);
  cache.set(`${dir}|${id}`, parsed.data);
  return parsed.data;
}

export function listTemplates(dir = templatesDir()): NoteTemplate[] {
  return templateIds(dir).map((id) => loadTemplate(id, dir));
}
