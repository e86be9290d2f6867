/**
 * Visits for the engine tests: a short synthetic one (always there) and ACI-BENCH train visits read by path from
 * ../shared/data/aci-bench (never copied; the tests that need them are skipped where the data is absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsvObjects } from '../../../core/clinical/csv.js';
import type { ModelSection } from '../../../core/engines/grounding.js';

export const VISIT = [
  '[doctor] hi, what brings you in today?',
  '[patient] my left knee has been hurting for about two weeks since i fell on the stairs.',
  '[doctor] any fever or chills?',
  '[patient] no.',
  '[doctor] any chest pain or shortness of breath?',
  '[patient] no, none of that.',
  '[doctor] does anyone in your family have diabetes?',
  '[patient] my mother has diabetes.',
  '[doctor] are you taking anything for the pain?',
  '[patient] ibuprofen, 400 milligrams twice a day.',
  '[doctor] your blood pressure today is 128 over 82. on exam your left knee has some swelling and tenderness.',
  "[doctor] i'm going to order an x-ray of the left knee and start meloxicam 15 milligrams once a day.",
  '[doctor] stop the ibuprofen while you take the meloxicam, and come back in two weeks.',
  '[patient] okay, thank you.',
].join('\n');

const dataDir = resolve(process.env.ACI_BENCH_DIR ?? resolve(process.cwd(), '../shared/data/aci-bench'));
export const haveAci = existsSync(resolve(dataDir, 'train.csv'));
const rows = new Map<string, Record<string, string | undefined>[]>();

/** The ACI-BENCH visits of a split, in file order. */
export function aciRows(split: 'train' | 'valid' = 'train'): { id: string; dialogue: string }[] {
  if (!rows.has(split)) rows.set(split, parseCsvObjects(readFileSync(resolve(dataDir, `${split}.csv`), 'utf8')));
  return rows
    .get(split)!
    .flatMap((r) => (r.encounter_id && r.dialogue ? [{ id: r.encounter_id, dialogue: r.dialogue }] : []));
}

/** One ACI-BENCH train visit's dialogue by encounter id. */
export function aciVisit(id: string): string {
  const row = aciRows('train').find((r) => r.id === id);
  if (!row) throw new Error(`no ACI-BENCH train visit ${id}`);
  return row.dialogue;
}

/** A model's answer as JSON text. */
export function answer(sections: ModelSection[]): string {
  return JSON.stringify({ sections });
}

/** A server's answer for VISIT with one planted unsupported fact: meloxicam 25 mg in the plan, where 15 mg was said. */
export const PLANTED_DOSE_ANSWER = answer([
  { id: 'cc', sentences: [{ text: 'Left knee pain.', cites: [1] }] },
  {
    id: 'ap',
    sentences: [
      { text: 'Order an x-ray of the left knee.', cites: [11] },
      { text: 'Start meloxicam 25 mg once a day.', cites: [11] }, // planted: 15 mg was said
    ],
  },
]);

/** `text` cut into pieces of `size` characters (the last may be shorter), as a streaming server sends it. */
export const pieces = (text: string, size: number): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, i * size + size));
