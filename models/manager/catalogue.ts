/** The model catalogue (resources/models/catalogue.json): what can be installed, from where, with which hashes. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../../core/platform/paths.js';

export const CatalogueFile = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'file names are plain names'),
  url: z.string().url(),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const CatalogueModel = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string(),
  task: z.enum(['asr', 'vad', 'llm']),
  format: z.string(),
  quantisation: z.string(),
  languages: z.array(z.string()),
  files: z.array(CatalogueFile),
  license: z.string(),
  minRamGb: z.number().positive(),
  notes: z.string().optional(),
});

export const Catalogue = z.object({
  version: z.literal(1),
  notes: z.string().optional(),
  models: z.array(CatalogueModel),
});

export type CatalogueModel = z.infer<typeof CatalogueModel>;
export type CatalogueFile = z.infer<typeof CatalogueFile>;
export type Catalogue = z.infer<typeof Catalogue>;

export class CatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}

export function parseCatalogue(json: unknown): Catalogue {
  const r = Catalogue.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new CatalogueError(`invalid model catalogue at ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const ids = new Set<string>();
  for (const m of r.data.models) {
    if (ids.has(m.id)) throw new CatalogueError(`invalid model catalogue: duplicate id '${m.id}'`);
    ids.add(m.id);
  }
  return r.data;
}

export function loadCatalogue(path = resourcePath('models', 'catalogue.json')): Catalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CatalogueError('the model catalogue file is missing');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CatalogueError('the model catalogue is not valid JSON');
  }
  return parseCatalogue(json);
}

/** Finds a model by id; 'tiny.en' also finds 'whisper-tiny.en'. */
export function findModel(cat: Catalogue, id: string): CatalogueModel | undefined {
  return cat.models.find((m) => m.id === id) ?? cat.models.find((m) => m.id === `whisper-${id}`);
}
