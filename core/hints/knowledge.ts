/**
 * Loads the knowledge base (resources/knowledge/*.json) once, validates its shape, and builds the lookup indexes the
 * rules need. The files are data: reviewed, versioned and cited entry by entry (see resources/knowledge/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../platform/paths.js';

const Severity = z.enum(['info', 'warning', 'critical']);
const Meta = z.object({ name: z.string(), version: z.string(), reviewed: z.string(), description: z.string() }).loose();

export const DrugClassSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  atc: z.string().nullable(),
  source: z.string().min(1),
});
export const DrugSchema = z.object({
  id: z.string().min(1),
  brands: z.array(z.string()),
  spoken: z.array(z.string()),
  classes: z.array(z.string()).min(1),
  source: z.string().min(1),
});
export const InteractionSchema = z.object({
  id: z.string().min(1),
  a: z.string().min(1),
  b: z.string().min(1),
  severity: Severity,
  effect: z.string().min(1),
  consider: z.string().min(1),
  source: z.string().min(1),
  aMinDailyMg: z.number().positive().optional(),
});
export const AllergyGroupSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  allergens: z.array(z.string().min(1)).min(1),
  allergenClasses: z.array(z.string()),
  conflicts: z.array(z.object({ target: z.string().min(1), severity: Severity, note: z.string().min(1) })).min(1),
  noCrossReactivity: z.array(z.string()).optional(),
  noCrossReactivityNote: z.string().optional(),
  orderPatterns: z.array(z.string()).optional(),
  source: z.string().min(1),
});
export const RenalRuleSchema = z.object({
  id: z.string().min(1),
  drug: z.string().min(1),
  measure: z.enum(['egfr', 'crcl']),
  below: z.number().positive(),
  maxDailyMg: z.number().positive().optional(),
  severity: Severity,
  action: z.string().min(1),
  source: z.string().min(1),
});
export const VitalRuleSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['bp', 'hr', 'rr', 'temp', 'spo2']),
  test: z.object({
    systolicAtLeast: z.number().optional(),
    diastolicAtLeast: z.number().optional(),
    systolicBelow: z.number().optional(),
    above: z.number().optional(),
    below: z.number().optional(),
    atLeastC: z.number().optional(),
    belowC: z.number().optional(),
  }),
  severity: Severity,
  title: z.string().min(1),
  why: z.string().min(1),
  source: z.string().min(1),
});
export const RedFlagSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  severity: Severity,
  any: z.array(z.string().min(1)).min(1),
  with: z.array(z.string().min(1)).optional(),
  window: z.number().int().min(0).optional(),
  why: z.string().min(1),
  codes: z.array(z.string()),
  source: z.string().min(1),
  /**
   * A pattern of findings (issue 13): besides the primary finding, at least `minFeatures` of these named features
   * must be present for the patient within `window` turns (or anywhere in the visit when `window` is absent).
   */
  features: z
    .array(
      z.object({
        name: z.string().min(1),
        any: z.array(z.string().min(1)).min(1),
        /** A risk factor (not a finding): read anywhere in the visit; at least one finding feature is still needed. */
        risk: z.boolean().optional(),
      }),
    )
    .optional(),
  minFeatures: z.number().int().min(1).optional(),
  /** Of those, how many must be findings (not risk factors or age); 1 when absent. */
  minFindings: z.number().int().min(1).optional(),
  /** The patient's age (said or in the record) at or above this counts as one feature. */
  ageFeatureAtLeast: z.number().int().min(0).optional(),
  /** Latest vital signs that count as one feature each. */
  vitalFeatures: z
    .object({
      rrAtLeast: z.number().optional(),
      sbpAtMost: z.number().optional(),
      hrAbove: z.number().optional(),
      tempAtLeastC: z.number().optional(),
    })
    .optional(),
  /** Patterns that, in the finding's sentence, make it a known, old finding (a stroke's residual weakness). */
  unless: z.array(z.string().min(1)).optional(),
  /** Less specific flags this one replaces when both fire. */
  supersedes: z.array(z.string()).optional(),
});
export const DrugDiseaseSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Drug or class ids. */
  drugs: z.array(z.string().min(1)).min(1),
  /** The condition: an assessed or known problem (words), a kidney value, or a planned order (patterns). */
  problems: z.array(z.string().min(1)).optional(),
  egfrBelow: z.number().positive().optional(),
  orderPatterns: z.array(z.string().min(1)).optional(),
  severity: Severity,
  effect: z.string().min(1),
  consider: z.string().min(1),
  source: z.string().min(1),
});
export const PregnancyWarningSchema = z.object({
  /** Drug or class id. */
  target: z.string().min(1),
  severity: Severity,
  note: z.string().min(1),
  source: z.string().min(1),
});
export const GapSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  trigger: z.object({
    symptoms: z.array(z.string()).optional(),
    newProblems: z.array(z.string()).optional(),
    problems: z.array(z.string()).optional(),
    startedClasses: z.array(z.string()).optional(),
    startedDrugs: z.array(z.string()).optional(),
    drugs: z.array(z.string()).optional(),
  }),
  satisfiedBy: z.array(z.string().min(1)).min(1),
  requireNoAllergyFacts: z.boolean().optional(),
  why: z.string().min(1),
  severity: Severity,
  source: z.string().min(1),
});
export const DuplicateRuleSchema = z.object({
  id: z.string().min(1),
  class: z.string().optional(),
  drugs: z.array(z.string()).optional(),
  severity: Severity,
  why: z.string().min(1),
  source: z.string().min(1),
});
export const DoseRangeSchema = z.object({
  drug: z.string().min(1),
  maxDailyMg: z.number().positive(),
  maxSingleMg: z.number().positive(),
  weekly: z.boolean().optional(),
  source: z.string().min(1),
});
export const IcdCodeSchema = z.object({
  code: z.string().regex(/^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/),
  description: z.string().min(1),
  terms: z.array(z.string().min(1)).min(1),
  source: z.string().min(1),
});

export const KnowledgeFiles = {
  'drug-classes.json': z.object({ meta: Meta, classes: z.array(DrugClassSchema) }),
  'drugs.json': z.object({ meta: Meta, drugs: z.array(DrugSchema) }),
  'interactions.json': z.object({ meta: Meta, interactions: z.array(InteractionSchema) }),
  'allergy-cross-reactivity.json': z.object({ meta: Meta, groups: z.array(AllergyGroupSchema) }),
  'renal-dosing.json': z.object({ meta: Meta, rules: z.array(RenalRuleSchema) }),
  'vital-thresholds.json': z.object({ meta: Meta, rules: z.array(VitalRuleSchema) }),
  'red-flags.json': z.object({ meta: Meta, flags: z.array(RedFlagSchema) }),
  'documentation-gaps.json': z.object({ meta: Meta, gaps: z.array(GapSchema) }),
  'duplicate-therapy.json': z.object({ meta: Meta, rules: z.array(DuplicateRuleSchema) }),
  'dose-ranges.json': z.object({ meta: Meta, rules: z.array(DoseRangeSchema) }),
  'icd10cm.json': z.object({ meta: Meta, codes: z.array(IcdCodeSchema) }),
  'drug-disease.json': z.object({ meta: Meta, rules: z.array(DrugDiseaseSchema) }),
  'pregnancy.json': z.object({
    meta: Meta,
    warnings: z.array(PregnancyWarningSchema),
    /** Patterns that settle pregnancy as not possible or already checked (hysterectomy, negative test...). */
    excludedBy: z.array(z.string().min(1)).min(1),
    /** Patterns that say a pregnancy may be under way (missed period, trying to conceive...). */
    possibleBy: z.array(z.string().min(1)).min(1),
    /** Patterns showing child-bearing potential was discussed (last period, contraception). */
    discussedBy: z.array(z.string().min(1)).min(1),
    source: z.string().min(1),
  }),
} as const;

export type DrugClass = z.infer<typeof DrugClassSchema>;
export type Drug = z.infer<typeof DrugSchema>;
export type Interaction = z.infer<typeof InteractionSchema>;
export type AllergyGroup = z.infer<typeof AllergyGroupSchema>;
export type RenalRule = z.infer<typeof RenalRuleSchema>;
export type VitalRule = z.infer<typeof VitalRuleSchema>;
export type RedFlag = z.infer<typeof RedFlagSchema>;
export type Gap = z.infer<typeof GapSchema>;
export type DuplicateRule = z.infer<typeof DuplicateRuleSchema>;
export type DoseRange = z.infer<typeof DoseRangeSchema>;
export type IcdCode = z.infer<typeof IcdCodeSchema>;
export type DrugDisease = z.infer<typeof DrugDiseaseSchema>;
export type PregnancyWarning = z.infer<typeof PregnancyWarningSchema>;

export interface CompiledRedFlag extends RedFlag {
  anyRe: RegExp[];
  withRe: RegExp[];
  featureRe: Array<{ name: string; re: RegExp[]; risk: boolean }>;
  unlessRe: RegExp[];
}
export interface CompiledDrugDisease extends DrugDisease {
  orderRe: RegExp[];
}
export interface CompiledPregnancy {
  warnings: PregnancyWarning[];
  excludedRe: RegExp[];
  possibleRe: RegExp[];
  discussedRe: RegExp[];
  source: string;
}
export interface CompiledGap extends Gap {
  satisfiedRe: RegExp[];
}
export interface CompiledAllergyGroup extends AllergyGroup {
  orderRe: RegExp[];
}

export interface KnowledgeBase {
  version: string;
  classes: Map<string, DrugClass>;
  drugs: Map<string, Drug>;
  /** Lowercase spoken name (generic, brand, variant) → drug id. */
  names: Map<string, string>;
  /** Finds drug names (generic, brand, variant) in text. */
  drugIndex: PhraseIndex;
  interactions: Interaction[];
  /** Drug or class id → interactions naming it as a or b. */
  interactionsBy: Map<string, Interaction[]>;
  allergyGroups: CompiledAllergyGroup[];
  /** Lowercase allergen word → allergy group ids. */
  allergenWords: Map<string, string[]>;
  allergenIndex: PhraseIndex;
  renal: RenalRule[];
  vitals: VitalRule[];
  redFlags: CompiledRedFlag[];
  gaps: CompiledGap[];
  duplicates: DuplicateRule[];
  doseRanges: Map<string, DoseRange>;
  icd: IcdCode[];
  icdByCode: Map<string, IcdCode>;
  /** Normalised term → code, and an index over all terms. */
  icdTerms: Map<string, string>;
  icdIndex: PhraseIndex;
  drugDisease: CompiledDrugDisease[];
  pregnancy: CompiledPregnancy;
}

type Files = { [K in keyof typeof KnowledgeFiles]: z.infer<(typeof KnowledgeFiles)[K]> };

/** Reads and validates every knowledge file; throws naming the file and field of the first problem. */
export function readKnowledgeFiles(dir = resourcePath('knowledge')): Files {
  const out: Partial<Record<string, unknown>> = {};
  for (const [file, schema] of Object.entries(KnowledgeFiles)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
    } catch (err) {
      throw new Error(`knowledge file ${file} could not be read: ${(err as Error).message.split('\n')[0]}`);
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new Error(`knowledge file ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    out[file] = r.data;
  }
  return out as Files;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Normalises a spoken name for lookup: lowercase words (letters, digits, apostrophes) joined by one space. */
export function nameKey(s: string): string {
  return (s.toLowerCase().match(TOKEN_RE) ?? []).join(' ');
}

const TOKEN_RE = /[a-z0-9]+(?:'[a-z]+)?/g;

export interface PhraseMatch {
  /** The matched phrase key (normalised). */
  key: string;
  at: number;
  end: number;
}

/**
 * Finds known phrases in text by word n-grams (longest first, left to right, no overlaps). Much faster than one big
 * regex alternation over hundreds of names, and the same normalisation (nameKey) applies to names and text.
 */
export class PhraseIndex {
  private readonly keys: Set<string>;
  /** First word → the most words any phrase starting with it has. */
  private readonly firstWords = new Map<string, number>();

  constructor(phrases: Iterable<string>) {
    this.keys = new Set([...phrases].map(nameKey).filter(Boolean));
    for (const k of this.keys) {
      const words = k.split(' ');
      this.firstWords.set(words[0]!, Math.max(this.firstWords.get(words[0]!) ?? 0, words.length));
    }
  }

  find(text: string): PhraseMatch[] {
    const tokens = tokensOf(text);
    const out: PhraseMatch[] = [];
    for (let i = 0; i < tokens.length; ) {
      const max = this.firstWords.get(tokens[i]!.w);
      if (max === undefined) {
        i++;
        continue;
      }
      const n0 = Math.min(max, tokens.length - i);
      const prefixes: string[] = [tokens[i]!.w];
      for (let j = 1; j < n0; j++) prefixes.push(prefixes[j - 1] + ' ' + tokens[i + j]!.w);
      let matched = 0;
      for (let n = n0; n >= 1; n--) {
        if (this.keys.has(prefixes[n - 1]!)) {
          out.push({ key: prefixes[n - 1]!, at: tokens[i]!.at, end: tokens[i + n - 1]!.end });
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
    return out;
  }
}

type Token = { w: string; at: number; end: number };
let lastText = '';
let lastTokens: Token[] = [];

/** Word tokens of a text (the last result is reused: the indexes scan the same sentence in turn). */
function tokensOf(text: string): Token[] {
  if (text === lastText) return lastTokens;
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) tokens.push({ w: m[0], at: m.index, end: m.index + m[0].length });
  lastText = text;
  lastTokens = tokens;
  return tokens;
}

export function buildKnowledge(files: Files): KnowledgeBase {
  const classes = new Map(files['drug-classes.json'].classes.map((c) => [c.id, c]));
  const drugs = new Map(files['drugs.json'].drugs.map((d) => [d.id, d]));
  const names = new Map<string, string>();
  for (const d of drugs.values()) {
    for (const n of [d.id, ...d.brands, ...d.spoken]) {
      const k = nameKey(n);
      if (k.length >= 3 && !names.has(k)) names.set(k, d.id);
    }
  }
  const interactions = files['interactions.json'].interactions;
  const interactionsBy = new Map<string, Interaction[]>();
  for (const i of interactions)
    for (const k of new Set([i.a, i.b])) interactionsBy.set(k, [...(interactionsBy.get(k) ?? []), i]);
  const allergyGroups = files['allergy-cross-reactivity.json'].groups.map((g) => ({
    ...g,
    orderRe: (g.orderPatterns ?? []).map((p) => new RegExp(p)),
  }));
  const allergenWords = new Map<string, string[]>();
  for (const g of allergyGroups)
    for (const w of g.allergens) allergenWords.set(nameKey(w), [...(allergenWords.get(nameKey(w)) ?? []), g.id]);
  const icd = files['icd10cm.json'].codes;
  const icdTerms = new Map<string, string>();
  for (const c of icd) for (const t of c.terms) if (!icdTerms.has(nameKey(t))) icdTerms.set(nameKey(t), c.code);
  return {
    version: files['drugs.json'].meta.version,
    classes,
    drugs,
    names,
    drugIndex: new PhraseIndex(names.keys()),
    interactions,
    interactionsBy,
    allergyGroups,
    allergenWords,
    allergenIndex: new PhraseIndex([...allergenWords.keys(), ...names.keys()]),
    renal: files['renal-dosing.json'].rules,
    vitals: files['vital-thresholds.json'].rules,
    redFlags: files['red-flags.json'].flags.map((f) => ({
      ...f,
      anyRe: f.any.map((p) => new RegExp(p)),
      withRe: (f.with ?? []).map((p) => new RegExp(p)),
      unlessRe: (f.unless ?? []).map((p) => new RegExp(p)),
      featureRe: (f.features ?? []).map((x) => ({
        name: x.name,
        re: x.any.map((p) => new RegExp(p)),
        risk: x.risk ?? false,
      })),
    })),
    gaps: files['documentation-gaps.json'].gaps.map((g) => ({
      ...g,
      satisfiedRe: g.satisfiedBy.map((p) => new RegExp(p)),
    })),
    duplicates: files['duplicate-therapy.json'].rules,
    doseRanges: new Map(files['dose-ranges.json'].rules.map((r) => [r.drug, r])),
    icd,
    icdByCode: new Map(icd.map((c) => [c.code, c])),
    icdTerms,
    icdIndex: new PhraseIndex(icdTerms.keys()),
    drugDisease: files['drug-disease.json'].rules.map((r) => ({
      ...r,
      orderRe: (r.orderPatterns ?? []).map((p) => new RegExp(p)),
    })),
    pregnancy: {
      warnings: files['pregnancy.json'].warnings,
      excludedRe: files['pregnancy.json'].excludedBy.map((p) => new RegExp(p)),
      possibleRe: files['pregnancy.json'].possibleBy.map((p) => new RegExp(p)),
      discussedRe: files['pregnancy.json'].discussedBy.map((p) => new RegExp(p)),
      source: files['pregnancy.json'].source,
    },
  };
}

let cached: KnowledgeBase | undefined;

/** The shipped knowledge base, loaded and indexed on first use. */
export function knowledge(): KnowledgeBase {
  return (cached ??= buildKnowledge(readKnowledgeFiles()));
}

/** Resolves a spoken or written drug name (generic, brand, variant) to its generic id. */
export function resolveDrug(kb: KnowledgeBase, name: string): string | undefined {
  const k = nameKey(name);
  return kb.names.get(k) ?? (kb.drugs.has(k) ? k : undefined);
}

/** A drug's id plus its class ids: what interaction and allergy rules match against. */
export function drugKeys(kb: KnowledgeBase, id: string): Set<string> {
  return new Set([id, ...(kb.drugs.get(id)?.classes ?? [])]);
}
