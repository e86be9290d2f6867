import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicationsOf, lexicons } from '../../../core/clinical/lexicon.js';
import { resourcePath } from '../../../core/platform/paths.js';

const load = <T>(name: string) => JSON.parse(readFileSync(resourcePath('clinical', name), 'utf8')) as T;

describe('clinical lexicons', () => {
  const meds = load<{ medications: Record<string, { class: string; aliases: string[] }> }>(
    'medications.json',
  ).medications;
  const problems = load<{ problems: Record<string, string[]> }>('problems.json').problems;

  it('maps every spoken name to one drug and one problem (no alias claimed twice)', () => {
    const seen = new Map<string, string>();
    for (const [name, e] of Object.entries(meds))
      for (const phrase of [...(name.includes('/') ? [] : [name]), ...e.aliases]) {
        expect(seen.get(phrase.toLowerCase()) ?? name, phrase).toBe(name);
        seen.set(phrase.toLowerCase(), name);
      }
    const said = new Map<string, string>();
    for (const [name, variants] of Object.entries(problems))
      for (const v of variants) {
        expect(said.get(v) ?? name, v).toBe(name);
        said.set(v, name);
      }
  });

  it('names in indications.json only drug classes and problems the lexicons know', () => {
    const { classes } = load<{ classes: Record<string, string[]> }>('indications.json');
    const known = new Set(Object.values(meds).map((e) => e.class));
    for (const [cls, treats] of Object.entries(classes)) {
      expect(known.has(cls), cls).toBe(true);
      for (const p of treats) expect(Object.keys(problems), `${cls} → ${p}`).toContain(p);
    }
  });

  it('reads brands as their generic and knows what a class treats', () => {
    const m = lexicons().medications.match('start combivent and continue the buspar and the lasix');
    expect(m.map((x) => x.value.name)).toEqual(['albuterol/ipratropium', 'buspirone', 'furosemide']);
    expect(indicationsOf('furosemide').has('congestive heart failure')).toBe(true);
    expect(indicationsOf('amoxicillin').size).toBe(0);
    expect(indicationsOf('no such drug').size).toBe(0);
  });
});
