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

/** A file whose size and sha256 the catalogue does not carry: only in models with `checksums: 'supplied'`. */
export const UncheckedFile = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'file names are plain names'),
  url: z.string().url(),
  // Never present: typed so that `file.size` / `file.sha256` read as undefined on such a file.
  size: z.undefined().optional(),
  sha256: z.undefined().optional(),
});

export const CatalogueModel = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    name: z.string(),
    task: z.enum(['asr', 'vad', 'llm']),
    format: z.string(),
    quantisation: z.string(),
    languages: z.array(z.string()),
    files: z.array(z.union([CatalogueFile, UncheckedFile])),
    license: z.string(),
    minRamGb: z.number().positive(),
    notes: z.string().optional(),
    /** The publisher's repository (for people; downloads use the file URLs). */
    repository: z.string().url().optional(),
    /** transformers.js weight format of a local text model (q4, q4f16, int8…). */
    dtype: z.string().optional(),
    /** Approximate download size when the catalogue has no verified sizes (display only, never checked). */
    approxBytes: z.number().int().positive().optional(),
    /**
     * 'catalogue' (default): every file's size and sha256 are in this catalogue. 'supplied': no published checksum
     * could be verified when the entry was written, so none is given; the manager installs such a model only with
     * a checksum manifest (`<id>.sha256.json`) supplied beside the files by the IT mirror or the model pack.
     */
    checksums: z.enum(['catalogue', 'supplied']).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.checksums === 'supplied') return;
    m.files.forEach((f, i) => {
      if (!isChecked(f))
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'sha256'],
          message: `file '${f.name}' has no size and sha256 (mark the model checksums: 'supplied' if none is published)`,
        });
    });
  });

export const Catalogue = z.object({
  version: z.literal(1),
  notes: z.string().optional(),
  models: z.array(CatalogueModel),
});

export type CatalogueModel = z.infer<typeof CatalogueModel>;
export type CatalogueFile = z.infer<typeof CatalogueFile>;
export type UncheckedFile = z.infer<typeof UncheckedFile>;

/** True when the catalogue itself carries the file's size and sha256. */
export function isChecked(f: CatalogueFile | UncheckedFile): f is CatalogueFile {
  return typeof f.sha256 === 'string' && typeof f.size === 'number';
}
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
