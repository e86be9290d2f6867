/**
 * Faithfulness over every ACI-BENCH train and valid visit (read from ../shared/data/aci-bench by path; the data is
 * not copied into the repository): every sentence has evidence, every number is in the transcript, in every
 * template. Also speaker-role inference on valid with the tags removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../../core/clinical/csv.js';
import { draftNote, extractFacts, fleschKincaid, parseTranscript } from '../../../core/clinical/index.js';
import { numbersIn, unsupportedNumbers } from '../../../core/clinical/numbers.js';
import { roleAccuracy } from '../../../core/clinical/role-eval.js';
import { templateIds } from '../../../core/clinical/templates.js';

const dataDir = resolve(process.env.ACI_BENCH_DIR ?? resolve(process.cwd(), '../shared/data/aci-bench'));
const haveData = existsSync(resolve(dataDir, 'train.csv')) && existsSync(resolve(dataDir, 'valid.csv'));
const load = (split: string) => parseCsvObjects(readFileSync(resolve(dataDir, `${split}.csv`), 'utf8'));

describe.skipIf(!haveData)('ACI-BENCH train + valid', () => {
  const rows = haveData ? [...load('train'), ...load('valid')] : [];

  it('has the 87 visits', () => {
    expect(rows.length).toBe(87);
  });

  it('every draft sentence has evidence, every number appears in the transcript, unsupported ones say why (all templates)', () => {
    const problems: string[] = [];
    let sentences = 0;
    let supported = 0;
    for (const row of rows) {
      const transcript = parseTranscript(row.dialogue!);
      const have = new Set(numbersIn(transcript.turns.map((t) => t.text).join('\n')));
      const facts = extractFacts(transcript);
      for (const template of templateIds()) {
        const d = draftNote(transcript, { template, facts });
        for (const s of d.sections.flatMap((x) => x.sentences)) {
          sentences++;
          if (s.evidence.length === 0) problems.push(`${row.encounter_id}/${template}: no evidence`);
          if (s.supported) supported++;
          else if (!s.problems?.length) problems.push(`${row.encounter_id}/${template}: unsupported without a reason`);
          if (s.evidence.some((e) => e < 0 || e >= transcript.turns.length))
            problems.push(`${row.encounter_id}/${template}: evidence out of range`);
          const bad = unsupportedNumbers(s.text, have);
          if (bad.length) problems.push(`${row.encounter_id}/${template}: unsupported numbers ${bad.join(',')}`);
        }
      }
    }
    expect(sentences).toBeGreaterThan(87 * 8 * 5);
    expect(problems).toEqual([]);
    // The verifier flags some sentences (that is its job), but a drafter built from the visit's own turns is
    // mostly backed by them.
    expect(supported / sentences).toBeGreaterThan(0.85);
  }, 240_000);

  it('patient instructions read at grade 8 or below for every visit', () => {
    let drafted = 0;
    for (const row of rows) {
      const d = draftNote(parseTranscript(row.dialogue!), { template: 'patient-instructions' });
      const body = d.sections.flatMap((s) => s.sentences.map((x) => x.text)).join('\n');
      if (!body) continue;
      drafted++;
      expect(fleschKincaid(body).grade, row.encounter_id).toBeLessThanOrEqual(8);
    }
    expect(drafted).toBeGreaterThan(80);
  }, 120_000);

  it('infers speaker roles on valid with the tags removed', () => {
    const valid = load('valid');
    const all = roleAccuracy(valid.map((r) => r.dialogue!));
    expect(all.turns).toBe(1050);
    expect(all.accuracy).toBeGreaterThan(0.9);
    // D2N082's source tags are swapped throughout (the dataset keeps such ASR errors): detected, and left out here.
    expect(all.swapped.map((i) => valid[i]!.encounter_id)).toEqual(['D2N082']);
    expect(all.unswapped.accuracy).toBeGreaterThan(0.95);
  });
});
