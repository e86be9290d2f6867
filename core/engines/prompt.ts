/**
 * Prompts for the generative note engines, built from data: `resources/prompts/<template>.json` holds, per bundled
 * template, a versioned system text, a style line and guidance per section; `default.json` gives guidance per content
 * source for the clinician's own templates. The prompt carries the visit's fact model (compact JSON, turn numbers as
 * evidence) and the NUMBERED turns (`[T0] Doctor: …`); the model answers with JSON sections of sentences, each citing
 * the turns that back it. The prompt's id and version are recorded with every draft it produced.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { resourcePath } from '../platform/paths.js';
import type { ClinicalFacts, NoteTemplate, Transcript } from '../clinical/types.js';
import type { ChatMessage } from './types.js';

const Style = z.enum(['note', 'letter', 'instructions']);

const TemplatePromptSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
    version: z.number().int().min(1),
    template: z.string(),
    system: z.string().min(1),
    style: z.string().min(1),
    /** Section id → what to write there. */
    sections: z.record(z.string(), z.string()),
  })
  .strict();

const DefaultPromptSchema = z
  .object({
    id: z.literal('default'),
    version: z.number().int().min(1),
    template: z.null(),
    system: z.string().min(1),
    style: z.record(Style, z.string()),
    /** Content source (core/clinical/templates-sources.ts) → what to write there. */
    sources: z.record(z.string(), z.string()),
  })
  .strict();

export interface PromptData {
  id: string;
  version: number;
  system: string;
  style: string;
  /** Guidance per section id of the template. */
  sections: Record<string, string>;
}

export function promptsDir(): string {
  return resourcePath('prompts');
}

const cache = new Map<string, PromptData>();

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`prompt file ${path} is not valid JSON`);
  }
}

/**
 * The prompt for a template: its own file when the template is bundled (and the file exists), else the default
 * prompt with guidance per content source. Invalid prompt data is a packaging fault and throws.
 */
export function loadPrompt(template: NoteTemplate, dir = promptsDir()): PromptData {
  const own = join(dir, `${template.id}.json`);
  const key = `${dir}|${template.id}|${template.sections.map((s) => `${s.id}:${s.source}`).join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let data: PromptData;
  const parsedOwn = existsSync(own) ? TemplatePromptSchema.safeParse(readJson(own)) : undefined;
  if (parsedOwn && !parsedOwn.success)
    throw new Error(`prompt ${template.id} is invalid: ${parsedOwn.error.issues[0]?.message ?? 'bad shape'}`);
  const ownData = parsedOwn?.data;
  if (ownData && ownData.template === template.id && template.sections.every((s) => s.id in ownData.sections)) {
    data = {
      id: ownData.id,
      version: ownData.version,
      system: ownData.system,
      style: ownData.style,
      sections: ownData.sections,
    };
  } else {
    const parsed = DefaultPromptSchema.safeParse(readJson(join(dir, 'default.json')));
    if (!parsed.success)
      throw new Error(`prompt default is invalid: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
    const d = parsed.data;
    data = {
      id: d.id,
      version: d.version,
      system: d.system,
      style: d.style[template.style],
      sections: Object.fromEntries(template.sections.map((s) => [s.id, d.sources[s.source] ?? ''])),
    };
  }
  cache.set(key, data);
  return data;
}

const SPEAKER: Record<string, string> = { doctor: 'Doctor', patient: 'Patient', other: 'Other', unknown: 'Speaker' };

/** The transcript as numbered turns, one per line: `[T3] Patient: …`. */
export function numberedTurns(transcript: Transcript): string {
  return transcript.turns
    .map((t) => `[T${t.index}] ${SPEAKER[t.speaker] ?? 'Speaker'}: ${t.text.replace(/\s+/g, ' ').trim()}`)
    .join('\n');
}

/** The fact model without empty fields; `evidence` becomes `turns`. Compact: one line of JSON. */
export function compactFacts(facts: ClinicalFacts): string {
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const a = v.map(clean).filter((x) => x !== undefined);
      return a.length ? a : undefined;
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        // The words a fact was read from are in the turns already; the flags that are false say nothing.
        if (k === 'source' || x === false || x === null) continue;
        const c = clean(x);
        if (c !== undefined) out[k === 'evidence' ? 'turns' : k] = c;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v;
  };
  return JSON.stringify(clean(facts) ?? {});
}

/** The JSON schema of the answer: sections (of this template) of sentences with the turns they cite. */
export function answerSchema(template: NoteTemplate): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['sections'],
    properties: {
      sections: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'sentences'],
          properties: {
            id: { type: 'string', enum: template.sections.map((s) => s.id) },
            sentences: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['text', 'cites'],
                properties: {
                  text: { type: 'string' },
                  cites: { type: 'array', items: { type: 'integer', minimum: 0 } },
                },
              },
            },
          },
        },
      },
    },
  };
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  jsonSchema: Record<string, unknown>;
  prompt: { id: string; version: number };
}

/** The chat messages for one visit and template. */
export function buildPrompt(
  template: NoteTemplate,
  transcript: Transcript,
  facts: ClinicalFacts,
  data: PromptData = loadPrompt(template),
): BuiltPrompt {
  const sections = template.sections
    .map((s) => `- id "${s.id}" (${s.title}): ${data.sections[s.id] ?? ''}`.trimEnd())
    .join('\n');
  const example = JSON.stringify({
    sections: [{ id: template.sections[0]!.id, sentences: [{ text: '…', cites: [3, 4] }] }],
  });
  const user = [
    `Write the note "${template.name}" (${template.style}). ${data.style}`,
    '',
    'SECTIONS, in this order:',
    sections,
    '',
    'Rules: each sentence cites, in "cites", the numbers of the transcript turns that say it ([T3] is 3). ' +
      'Numbers, drugs, doses, sides and negations exactly as said in the cited turns. ' +
      'A section the visit did not discuss has no sentences.',
    '',
    'FACTS read from the visit (JSON; "turns" are turn numbers):',
    compactFacts(facts),
    '',
    'TRANSCRIPT (numbered turns):',
    numberedTurns(transcript),
    '',
    `Answer with JSON only, in this shape: ${example}`,
  ].join('\n');
  return {
    messages: [
      { role: 'system', content: data.system },
      { role: 'user', content: user },
    ],
    jsonSchema: answerSchema(template),
    prompt: { id: data.id, version: data.version },
  };
}
