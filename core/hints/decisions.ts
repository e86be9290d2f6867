/**
 * The clinician's decision on a hint: accept, or dismiss with a reason from a short list. Validation lives here; the
 * encrypted store (core/store: addHint / decideHint) persists it and writes the audit row (action, entity 'hint',
 * the stored hint's numeric id: no PHI). Free-text notes are never put in the audit trail.
 */
import { z } from 'zod';
import type { Hint } from './types.js';

export const DISMISS_REASONS = [
  'not-relevant',
  'already-addressed',
  'incorrect',
  'benefit-outweighs-risk',
  'patient-declined',
  'other',
] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export const DISMISS_REASON_LABELS: Record<DismissReason, string> = {
  'not-relevant': 'Not relevant to this patient',
  'already-addressed': 'Already addressed or documented',
  incorrect: 'Hint is incorrect (wrong finding)',
  'benefit-outweighs-risk': 'Benefit outweighs the risk',
  'patient-declined': 'Patient declined',
  other: 'Other',
};

export const HintDecisionSchema = z.discriminatedUnion('action', [
  z
    .object({
      /** The stored hint's id (store row id). */
      hintId: z.number().int().positive(),
      action: z.literal('accept'),
    })
    .strict(),
  z
    .object({
      hintId: z.number().int().positive(),
      action: z.literal('dismiss'),
      reason: z.enum(DISMISS_REASONS),
      /** Optional free text when the reason is 'other'; kept with the hint, never in the audit trail. */
      note: z.string().trim().min(1).max(500).optional(),
    })
    .strict(),
]);
export type HintDecision = z.infer<typeof HintDecisionSchema>;

/** Validates a decision; the error names the field ("decision.reason: must be one of ..."). */
export function parseDecision(json: unknown): HintDecision {
  const r = HintDecisionSchema.safeParse(json);
  if (r.success) {
    if (r.data.action === 'dismiss' && r.data.note !== undefined && r.data.reason !== 'other')
      throw new Error("decision.note: only allowed with reason 'other'");
    return r.data;
  }
  const issue = r.error.issues[0]!;
  const field = ['decision', ...issue.path.map(String)].join('.');
  if (issue.code === 'invalid_union') return failAction(json);
  if (issue.code === 'invalid_value')
    throw new Error(`${field}: must be one of ${issue.values.map((v) => String(v)).join(', ')}`);
  if (issue.code === 'invalid_type')
    throw new Error(`${field}: ${issue.input === undefined ? 'is required' : `expected ${issue.expected}`}`);
  if (issue.code === 'unrecognized_keys')
    throw new Error(`${field}: unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}`);
  throw new Error(`${field}: is not valid`);
}

function failAction(json: unknown): never {
  const action = json && typeof json === 'object' ? (json as { action?: unknown }).action : undefined;
  if (action === undefined) throw new Error('decision.action: is required (accept or dismiss)');
  throw new Error("decision.action: must be 'accept' or 'dismiss'");
}

/** What the store records for the decision: status and reason code (the reason text is a fixed label, not PHI). */
export function storeArgsForDecision(d: HintDecision): {
  hintId: number;
  status: 'accepted' | 'dismissed';
  reason: string | null;
} {
  if (d.action === 'accept') return { hintId: d.hintId, status: 'accepted', reason: null };
  return { hintId: d.hintId, status: 'dismissed', reason: d.note ? `${d.reason}: ${d.note}` : d.reason };
}

/** The audit row fields for a decision: ids and machine words only (the store writes action 'edit', entity 'hint'). */
export function auditRowForDecision(d: HintDecision): {
  action: 'edit';
  entity: 'hint';
  entityId: string;
  detail: string;
} {
  return {
    action: 'edit',
    entity: 'hint',
    entityId: String(d.hintId),
    detail: d.action === 'accept' ? 'accepted' : `dismissed:${d.reason}`,
  };
}

/** The minimal store surface used to persist hints and decisions (StoreEngine or the async StoreClient). */
export interface HintStore {
  addHint(encounterId: number, kind: string, body: unknown): number | Promise<number>;
  decideHint(hintId: number, status: 'accepted' | 'dismissed', dismissReason?: string | null): void | Promise<void>;
}

/** Saves the hints computed for an encounter; returns the store ids in the same order. */
export async function saveHints(store: HintStore, encounterId: number, hints: Hint[]): Promise<number[]> {
  const ids: number[] = [];
  for (const h of hints) ids.push(await store.addHint(encounterId, h.kind, h));
  return ids;
}

/** Validates and records a decision in the store (which appends the audit row). */
export async function recordDecision(store: HintStore, decision: unknown): Promise<HintDecision> {
  const d = parseDecision(decision);
  const a = storeArgsForDecision(d);
  await store.decideHint(a.hintId, a.status, a.reason);
  return d;
}
