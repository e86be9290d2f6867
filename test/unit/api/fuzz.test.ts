/**
 * Contract-driven fuzzing: for every request in core/api/contract.ts, parameters generated from its zod schema (as
 * JSON Schema) with a seeded random generator, then mutated (keys dropped or added, wrong types, values past their
 * limits, odd numbers and strings, whole params replaced). Every call must answer a reply, never `internal`, never
 * throw; a string one past its declared maximum is `invalid_params`; the dispatcher keeps answering afterwards.
 * A failure prints the seed, method and params shape to replay it.
 */
import { rng as mulberry32 } from '../../../core/clinical/learned/train.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, requests } from '../../../core/api/contract.js';
import { createCore, type Core } from '../../../core/api/index.js';
import type { Reply } from '../../../core/api/types.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown> & {
  type?: string | string[];
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: Json[];
  const?: Json;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** A seeded generator (mulberry32, shared with model training), so a failure can be replayed. */
function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

// Strings that satisfy the contract's patterns (ids, template names, languages, MRNs, URLs), tried first.
const CANDIDATES = [
  'abcdefgh-1234',
  'op_12345678',
  'outpatient',
  'soap',
  'en',
  'auto',
  'MRN-12345',
  'a',
  'hpi',
  'https://fhir.example.org/r4',
  'http://127.0.0.1:9/fhir',
  'base.en',
  'tiny.en',
  'warfarin',
  '[doctor] how are you?\n[patient] i have had a cough for two weeks.',
  'Doctor: any allergies?\nPatient: penicillin gives me hives.',
  '2026-01-31',
  'correct horse battery staple',
];
const WORDS = ['pain', 'cough', 'doctor', 'patient', 'mg', '500', 'left', 'no', 'yes', 'metformin', 'the', '?', '.'];

function randomString(r: Rng, min = 0, max = 40): string {
  const n = r.int(min, Math.max(min, Math.min(max, min + 40)));
  let s = '';
  while (s.length < n) s += (s ? ' ' : '') + r.pick(WORDS);
  return s.slice(0, n).padEnd(min, 'x');
}

function randomJson(r: Rng, depth = 0): Json {
  const k = r.int(0, depth > 2 ? 3 : 5);
  if (k === 0) return null;
  if (k === 1) return r.chance(0.5);
  if (k === 2) return r.pick([0, -1, 1.5, 1e21, -2147483649, 7]);
  if (k === 3) return randomString(r);
  if (k === 4) return Array.from({ length: r.int(0, 3) }, () => randomJson(r, depth + 1));
  return Object.fromEntries(
    Array.from({ length: r.int(0, 3) }, () => [randomString(r, 1, 8), randomJson(r, depth + 1)]),
  );
}

function generate(s: Schema | undefined, r: Rng, defs: Record<string, Schema>, depth = 0): Json {
  if (!s || depth > 12) return null;
  if (s.$ref) return generate(defs[s.$ref.split('/').pop()!], r, defs, depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum) return r.pick(s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return generate(r.pick(alts), r, defs, depth + 1);
  if (s.allOf) return generate(Object.assign({}, ...s.allOf) as Schema, r, defs, depth + 1);
  const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
  switch (type) {
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 60;
      const ok = (v: string) =>
        v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern, 'u').test(v));
      if (s.format === 'uri' || s.format === 'url') return r.pick(CANDIDATES.filter((c) => c.startsWith('http')));
      const fits = CANDIDATES.filter(ok);
      if (fits.length && (s.pattern || r.chance(0.5))) return r.pick(fits);
      return randomString(r, min, max);
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 1000);
      const v = lo + r.next() * (Math.min(hi, lo + 1e6) - lo);
      return type === 'integer' ? Math.max(lo, Math.min(hi, Math.round(v))) : v;
    }
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      if (s.prefixItems) return s.prefixItems.map((p) => generate(p, r, defs, depth + 1));
      const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
      return Array.from({ length: n }, () => generate(s.items, r, defs, depth + 1));
    }
    case 'object': {
      const out: Record<string, Json> = {};
      const required = new Set(s.required ?? []);
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (required.has(k) || r.chance(0.5)) out[k] = generate(v, r, defs, depth + 1);
      return out;
    }
    default:
      return randomJson(r);
  }
}

/** Every string field with a declared maximum, as [path, maxLength] (to send one character too many). */
function maxedStrings(s: Schema | undefined, defs: Record<string, Schema>, path: string[] = [], depth = 0) {
  const out: Array<[string[], number]> = [];
  if (!s || depth > 6) return out;
  if (s.$ref) return maxedStrings(defs[s.$ref.split('/').pop()!], defs, path, depth + 1);
  if (s.type === 'string' && s.maxLength !== undefined && s.maxLength < 5_000_000) out.push([path, s.maxLength]);
  if (s.type === 'object')
    for (const [k, v] of Object.entries(s.properties ?? {}))
      out.push(...maxedStrings(v, defs, [...path, k], depth + 1));
  return out;
}

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  -1,
  0,
  -0,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '\ud800',
  '\u0000',
  '\u202e',
  'x'.repeat(70_000),
  [],
  {},
  true,
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  deepArray(2_000),
];

function mutate(value: Json, schema: Schema, r: Rng): unknown {
  const kind = r.int(0, 5);
  if (kind === 0) return r.pick(ODD_VALUES);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return r.pick(ODD_VALUES);
  const v: Record<string, unknown> = { ...value };
  const keys = Object.keys(schema.properties ?? {});
  if (kind === 1 && Object.keys(v).length) delete v[r.pick(Object.keys(v))];
  else if (kind === 2) v[r.pick(['extra', 'constructor', 'toString', 'then', '__proto__'])] = randomJson(r);
  else if (keys.length) {
    const k = r.pick(keys);
    v[k] = kind === 3 ? r.pick(ODD_VALUES) : randomJson(r);
  }
  return v;
}

const SEED = 20261206;
const CASES_PER_METHOD = 24;

describe('contract-driven fuzzing of every request', () => {
  let core: Core;
  let dir: string;
  const before = process.env.BEDSIDE_DATA_DIR;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bedside-fuzz-'));
    process.env.BEDSIDE_DATA_DIR = dir;
    core = createCore();
  });
  afterAll(async () => {
    await core.close();
    if (before === undefined) delete process.env.BEDSIDE_DATA_DIR;
    else process.env.BEDSIDE_DATA_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(method: unknown, params: unknown): Promise<Reply> {
    const controller = new AbortController();
    // A call that would wait on something this test does not provide (a model download) is cancelled after a while.
    const timer = setTimeout(() => controller.abort(), 3_000);
    try {
      return await core.dispatch(method, params, { transport: 'ipc', signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  async function fuzz(seed: number): Promise<void> {
    const r = rng(seed);
    const failures: string[] = [];
    let calls = 0;
    let valid = 0;
    const check = (method: string, params: unknown, reply: Reply, what: string) => {
      calls++;
      if (reply.ok) return;
      if (reply.error.code === 'internal' || typeof reply.error.message !== 'string')
        failures.push(`${what} ${method} (seed ${seed}): ${JSON.stringify(reply.error)} params keys ${shape(params)}`);
    };
    for (const method of requestNames) {
      const spec = requests[method];
      let schema: Schema;
      try {
        schema = z.toJSONSchema(spec.params, { io: 'input', unrepresentable: 'any' }) as Schema;
      } catch {
        schema = {};
      }
      const defs = (schema.$defs ?? schema.definitions ?? {}) as Record<string, Schema>;
      for (let i = 0; i < CASES_PER_METHOD; i++) {
        const params = generate(schema, r, defs);
        if (spec.params.safeParse(params).success) valid++;
        const reply = await call(method, i % 2 ? params : mutate(params, schema, r));
        check(method, params, reply, i % 2 ? 'generated' : 'mutated');
      }
      // One character past each declared maximum is refused as invalid_params, in words.
      for (const [path, max] of maxedStrings(schema, defs)) {
        const params = generate(schema, r, defs) as Record<string, unknown>;
        let at: Record<string, unknown> = params;
        for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
        at[path[path.length - 1]!] = 'a'.repeat(max + 1);
        const reply = await call(method, params);
        check(method, params, reply, 'too long');
        if (reply.ok || reply.error.code !== 'invalid_params')
          failures.push(`too long ${method}.${path.join('.')} (${max + 1} characters) was not refused`);
      }
    }
    // Not methods at all.
    for (const m of [undefined, null, 42, '', 'constructor', '__proto__', 'toString', 'app.echo ', 'APP.ECHO', {}])
      check(String(m), null, await call(m, {}), 'unknown method');
    // The dispatcher still answers.
    const echo = await call('app.echo', { text: 'still here' });
    expect(echo).toMatchObject({ ok: true, result: { text: 'still here' } });
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(requestNames.length * CASES_PER_METHOD);
    // The generator is good enough to reach the handlers, not only the validation.
    expect(valid).toBeGreaterThan((requestNames.length * CASES_PER_METHOD) / 4);
  }

  it('answers every generated and mutated call with a reply that is never `internal` (store locked)', async () => {
    await fuzz(SEED);
  }, 60_000);

  it('answers every generated and mutated call with a reply that is never `internal` (store unlocked)', async () => {
    await core.close();
    core = createCore({ storeDir: join(dir, 'store') });
    const created = await call('store.create', { passphrase: 'fuzzing passphrase 1' });
    expect(created).toMatchObject({ ok: true, result: { unlocked: true } });
    const encounter = await call('encounters.create', {
      patientLabel: 'Fuzz Patient',
      consent: true,
      transcript: '[doctor] any chest pain?\n[patient] no.',
    });
    expect(encounter.ok).toBe(true);
    await fuzz(SEED + 1);
  }, 60_000);
});

function shape(params: unknown): string {
  if (params === null || typeof params !== 'object') return typeof params;
  return `{${Object.keys(params).join(',')}}`;
}
