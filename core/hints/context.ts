/**
 * Patient context from the EHR (`--context FILE`): allergies, medications, conditions and labs. Validated with zod;
 * errors name the field ("context.labs.egfr: expected a number") and never echo the values (they may be PHI).
 */
import { z } from 'zod';

const Name = z.string().trim().min(1).max(200);

const AllergyEntry = z.union([
  Name.transform((substance) => ({ substance })),
  z
    .object({
      substance: Name,
      reaction: z.string().max(500).optional(),
      status: z.enum(['active', 'inactive', 'refuted']).optional(),
    })
    .strict(),
]);

const MedicationEntry = z.union([
  Name.transform((name) => ({ name })),
  z
    .object({
      name: Name,
      dose: z.number().positive().max(100_000).optional(),
      unit: z.enum(['mg', 'mcg', 'g']).optional(),
      perDay: z.number().positive().max(24).optional(),
      status: z.enum(['active', 'stopped']).optional(),
    })
    .strict(),
]);

const ConditionEntry = z.union([
  Name.transform((name) => ({ name })),
  z.object({ name: Name, code: z.string().max(10).optional() }).strict(),
]);

export const PatientContextSchema = z
  .object({
    age: z.number().int().min(0).max(130).optional(),
    sex: z.enum(['male', 'female']).optional(),
    allergies: z.array(AllergyEntry).max(500).optional(),
    medications: z.array(MedicationEntry).max(500).optional(),
    conditions: z.array(ConditionEntry).max(500).optional(),
    labs: z
      .object({
        egfr: z.number().min(0).max(200).optional(),
        crcl: z.number().min(0).max(250).optional(),
        creatinine: z.number().min(0).max(30).optional(),
        potassium: z.number().min(0).max(12).optional(),
        a1c: z.number().min(2).max(25).optional(),
        inr: z.number().min(0).max(20).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type PatientContextInput = z.input<typeof PatientContextSchema>;
export type PatientContext = z.output<typeof PatientContextSchema>;

export class ContextError extends Error {
  constructor(
    message: string,
    /** Dotted path of the offending field, e.g. "context.labs.egfr". */
    public readonly field: string,
  ) {
    super(message);
    this.name = 'ContextError';
  }
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = 'context';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? 'must not be empty'
        : `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `is too long (at most ${String(issue.maximum)})`
        : `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`;
    case 'invalid_union':
      return 'must be a name or an object with the documented fields';
    default:
      return 'is not valid';
  }
}

/** Validates parsed JSON as a patient context; throws ContextError naming the first bad field. */
export function parseContext(json: unknown): PatientContext {
  const r = PatientContextSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  let path = issue.path;
  let msg = describe(issue);
  if (issue.code === 'invalid_union') {
    // Report the deepest issue of the object branch: it names the real field ("context.medications[0].dose").
    const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors;
    const obj = branches.find((b) => b.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys')) ?? branches[1];
    const inner = obj?.[0];
    if (inner && !(inner.code === 'invalid_type' && inner.path.length === 0)) {
      path = [...issue.path, ...inner.path];
      msg = describe(inner);
    }
  }
  const field = fieldPath(path);
  throw new ContextError(`${field}: ${msg}`, field);
}

/** Parses context JSON text; syntax errors are reported without echoing the text. */
export function parseContextText(text: string): PatientContext {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    throw new ContextError(`context: not valid JSON${pos ? ` (at character ${pos[1]})` : ''}`, 'context');
  }
  return parseContext(json);
}
