/**
 * Batch drafting for the CLI and the API: validated input (UTF-8, non-empty, JSON lines naming their line number on
 * error) and the JSONL output shape `{id, template, note, sections: [{title, sentences: [{text, evidence, supported, problems?}]}]}`.
 * Error messages never quote the input (it holds PHI); they name the line and what is wrong.
 */
import type { Draft, DraftSentence } from './types.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface JsonlDraft {
  id: string | number;
  template: string;
  note: string;
  sections: Array<{ title: string; sentences: DraftSentence[] }>;
}

/** Decodes bytes as UTF-8, or throws an InputError naming the first line that is not valid UTF-8. */
export function decodeUtf8(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, i));
        } catch {
          throw new InputError(`line ${line}: not valid UTF-8`);
        }
        line++;
        start = i + 1;
      }
    }
    throw new InputError('input is not valid UTF-8');
  }
}

export function toJsonl(id: string | number, draft: Draft): JsonlDraft {
  return {
    id,
    template: draft.template,
    note: draft.note,
    sections: draft.sections.map((s) => ({
      title: s.title,
      sentences: s.sentences.map((x) => ({
        text: x.text,
        evidence: x.evidence,
        supported: x.supported,
        ...(x.problems?.length ? { problems: x.problems } : {}),
      })),
    })),
  };
}

/** Reads `{"id", "dialogue"}` JSON lines; any bad line stops with an InputError naming it (no partial result). */
export function parseJsonlVisits(text: string): Array<{ id: string | number; dialogue: string }> {
  return parseJsonl(text, []);
}

/** Reads `{"id", "dialogue", "note"}` JSON lines (bedside verify), validated like parseJsonlVisits. */
export function parseJsonlNotes(text: string): Array<{ id: string | number; dialogue: string; note: string }> {
  return parseJsonl(text, ['note']) as Array<{ id: string | number; dialogue: string; note: string }>;
}

/** Parses and validates every JSONL line first (so a bad line stops the batch before any output). */
function parseJsonl(
  text: string,
  extra: string[],
): Array<{ id: string | number; dialogue: string } & Record<string, string | number>> {
  const lines = text.split('\n');
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new InputError('input is empty (expected one JSON object per line)');
  const items: Array<{ id: string | number; dialogue: string } & Record<string, string | number>> = [];
  lines.forEach((raw, i) => {
    const n = i + 1;
    const l = raw.replace(/\r$/, '');
    if (l.trim() === '') throw new InputError(`line ${n}: empty line (expected a JSON object)`);
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      throw new InputError(`line ${n}: malformed JSON`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new InputError(`line ${n}: expected a JSON object`);
    const o = v as Record<string, unknown>;
    if (typeof o.id !== 'string' && typeof o.id !== 'number')
      throw new InputError(`line ${n}: "id" must be a string or number`);
    if (typeof o.dialogue !== 'string') throw new InputError(`line ${n}: "dialogue" must be a string`);
    if (!/[A-Za-z0-9]/.test(o.dialogue)) throw new InputError(`line ${n}: "dialogue" is empty`);
    const item: { id: string | number; dialogue: string } & Record<string, string | number> = {
      id: o.id,
      dialogue: o.dialogue,
    };
    for (const f of extra) {
      if (typeof o[f] !== 'string') throw new InputError(`line ${n}: "${f}" must be a string`);
      if (!/[A-Za-z0-9]/.test(o[f])) throw new InputError(`line ${n}: "${f}" is empty`);
      item[f] = o[f];
    }
    items.push(item);
  });
  return items;
}
