import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { KnowledgeFiles, buildKnowledge, readKnowledgeFiles } from '../../../core/hints/knowledge.js';

const files = readKnowledgeFiles();
const kb = buildKnowledge(files);
const classIds = new Set(files['drug-classes.json'].classes.map((c) => c.id));
const drugIds = new Set(files['drugs.json'].drugs.map((d) => d.id));
const resolves = (x: string) => classIds.has(x) || drugIds.has(x);

function dupes(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x) ? true : (seen.add(x), false)));
}

describe('knowledge base schema', () => {
  it('every file validates and carries meta with a version', () => {
    for (const name of Object.keys(KnowledgeFiles) as Array<keyof typeof files>) {
      expect(files[name].meta.version).toMatch(/^\d{4}\.\d+\.\d+$/);
    }
  });

  it('meets the size targets of the issue', () => {
    expect(files['drugs.json'].drugs.length).toBeGreaterThanOrEqual(300);
    expect(files['interactions.json'].interactions.length).toBeGreaterThanOrEqual(150);
    expect(files['icd10cm.json'].codes.length).toBeGreaterThanOrEqual(300);
    expect(files['allergy-cross-reactivity.json'].groups.length).toBeGreaterThanOrEqual(8);
    expect(files['renal-dosing.json'].rules.length).toBeGreaterThanOrEqual(20);
    expect(files['red-flags.json'].flags.length).toBeGreaterThanOrEqual(6);
    expect(files['documentation-gaps.json'].gaps.length).toBeGreaterThanOrEqual(4);
    // Most drugs are recognisable by a brand or a spoken variant too.
    const withAlias = files['drugs.json'].drugs.filter((d) => d.brands.length + d.spoken.length > 0).length;
    expect(withAlias / files['drugs.json'].drugs.length).toBeGreaterThan(0.9);
  });

  it('has no duplicate ids or codes', () => {
    expect(dupes(files['drugs.json'].drugs.map((d) => d.id))).toEqual([]);
    expect(dupes(files['drug-classes.json'].classes.map((c) => c.id))).toEqual([]);
    expect(dupes(files['interactions.json'].interactions.map((i) => i.id))).toEqual([]);
    expect(dupes(files['icd10cm.json'].codes.map((c) => c.code))).toEqual([]);
    expect(dupes(files['renal-dosing.json'].rules.map((r) => r.id))).toEqual([]);
    expect(dupes(files['vital-thresholds.json'].rules.map((r) => r.id))).toEqual([]);
    expect(dupes(files['red-flags.json'].flags.map((r) => r.id))).toEqual([]);
    expect(dupes(files['documentation-gaps.json'].gaps.map((r) => r.id))).toEqual([]);
    expect(dupes(files['duplicate-therapy.json'].rules.map((r) => r.id))).toEqual([]);
    expect(dupes(files['dose-ranges.json'].rules.map((r) => r.drug))).toEqual([]);
    expect(dupes(files['allergy-cross-reactivity.json'].groups.map((r) => r.id))).toEqual([]);
  });

  it('drug ids are lowercase generics and every class they name exists', () => {
    for (const d of files['drugs.json'].drugs) {
      expect(d.id).toMatch(/^[a-z0-9][a-z0-9 .'-]*$/);
      for (const c of d.classes) expect(classIds.has(c), `${d.id} → ${c}`).toBe(true);
    }
    // Every class is used by at least one drug.
    const used = new Set(files['drugs.json'].drugs.flatMap((d) => d.classes));
    expect([...classIds].filter((c) => !used.has(c))).toEqual([]);
  });

  it('a spoken name never maps to two different drugs', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const d of files['drugs.json'].drugs)
      for (const n of [d.id, ...d.brands, ...d.spoken]) {
        const k = n.toLowerCase().replace(/[\s-]+/g, ' ');
        const o = owner.get(k);
        if (o && o !== d.id) clashes.push(`${k}: ${o} / ${d.id}`);
        owner.set(k, d.id);
      }
    expect(clashes).toEqual([]);
  });

  it('every interaction drug or class resolves, and the classics are present', () => {
    for (const i of files['interactions.json'].interactions) {
      expect(resolves(i.a), `${i.id}: ${i.a}`).toBe(true);
      expect(resolves(i.b), `${i.id}: ${i.b}`).toBe(true);
      if (i.aMinDailyMg !== undefined) expect(drugIds.has(i.a), `${i.id}: dose condition needs a drug`).toBe(true);
    }
    const pairs = new Set(files['interactions.json'].interactions.map((i) => [i.a, i.b].sort().join('+')));
    for (const p of [
      'nsaid+warfarin',
      'antiplatelet+warfarin',
      'ace-inhibitor+potassium-sparing-diuretic',
      'arb+potassium-sparing-diuretic',
      'maoi-nonselective+ssri',
      'ssri+triptan',
      'ssri+tramadol',
      'qt-prolonging+qt-prolonging',
      'simvastatin+strong-cyp3a4-inhibitor',
      'methotrexate+trimethoprim-containing',
      'nitrate+pde5-inhibitor',
      'lithium+nsaid',
      'ace-inhibitor+lithium',
      'lithium+thiazide',
    ])
      expect(pairs.has(p), p).toBe(true);
  });

  it('allergy, renal, duplicate, dose and gap rules reference known drugs or classes', () => {
    for (const g of files['allergy-cross-reactivity.json'].groups) {
      for (const c of g.allergenClasses) expect(classIds.has(c), `${g.id}: ${c}`).toBe(true);
      for (const c of g.conflicts)
        if (!c.target.startsWith('order:')) expect(resolves(c.target), `${g.id}: ${c.target}`).toBe(true);
        else expect(g.orderPatterns?.length, `${g.id} needs orderPatterns`).toBeGreaterThan(0);
      for (const c of g.noCrossReactivity ?? []) expect(classIds.has(c)).toBe(true);
    }
    for (const r of files['renal-dosing.json'].rules) expect(resolves(r.drug), r.id).toBe(true);
    for (const r of files['duplicate-therapy.json'].rules) {
      expect(Boolean(r.class) !== Boolean(r.drugs), `${r.id}: class or drugs`).toBe(true);
      if (r.class) expect(classIds.has(r.class), r.id).toBe(true);
      for (const d of r.drugs ?? []) expect(drugIds.has(d), `${r.id}: ${d}`).toBe(true);
    }
    for (const r of files['dose-ranges.json'].rules) {
      expect(drugIds.has(r.drug), r.drug).toBe(true);
      expect(r.maxSingleMg).toBeLessThanOrEqual(r.maxDailyMg);
    }
    for (const g of files['documentation-gaps.json'].gaps) {
      for (const c of g.trigger.startedClasses ?? []) expect(classIds.has(c), `${g.id}: ${c}`).toBe(true);
      for (const d of [...(g.trigger.startedDrugs ?? []), ...(g.trigger.drugs ?? [])])
        expect(drugIds.has(d)).toBe(true);
    }
  });

  it('red-flag codes and patterns are valid', () => {
    const codes = new Set(files['icd10cm.json'].codes.map((c) => c.code));
    for (const f of files['red-flags.json'].flags) {
      for (const c of f.codes) expect(codes.has(c), `${f.id}: ${c}`).toBe(true);
      for (const p of [...f.any, ...(f.with ?? [])]) expect(() => new RegExp(p)).not.toThrow();
    }
  });

  it('every entry cites a source, and SOURCES.md documents every file', () => {
    const all = [
      ...files['drugs.json'].drugs,
      ...files['drug-classes.json'].classes,
      ...files['interactions.json'].interactions,
      ...files['allergy-cross-reactivity.json'].groups,
      ...files['renal-dosing.json'].rules,
      ...files['vital-thresholds.json'].rules,
      ...files['red-flags.json'].flags,
      ...files['documentation-gaps.json'].gaps,
      ...files['duplicate-therapy.json'].rules,
      ...files['dose-ranges.json'].rules,
      ...files['icd10cm.json'].codes,
    ];
    for (const e of all) expect(e.source.length).toBeGreaterThan(10);
    const sources = readFileSync('resources/knowledge/SOURCES.md', 'utf8');
    for (const f of Object.keys(KnowledgeFiles)) expect(sources).toContain(`\`${f}\``);
    expect(existsSync('LICENSE')).toBe(true);
  });

  it('interaction wording is advisory', () => {
    for (const i of files['interactions.json'].interactions) expect(i.consider, i.id).toMatch(/^Consider\b/);
  });

  it('builds its indexes', () => {
    expect(kb.names.get('tylenol')).toBe('acetaminophen');
    expect(kb.names.get('eliquis')).toBe('apixaban');
    expect(kb.icdTerms.get('hypertension')).toBe('I10');
    expect(kb.icdByCode.get('E11.9')?.description).toMatch(/Type 2 diabetes/);
  });
});
