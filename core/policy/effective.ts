/**
 * Effective settings: policy (locked, "set by your organisation") > the user's setting > the default. For the
 * settings a policy bounds (auto-lock, retention) the user's value applies up to the organisation's maximum.
 */
import { POLICY_KEYS, POLICY_KEY_NAMES, type PolicyKey, type SettingSource } from './schema.js';
import type { PolicyReport } from './policy.js';

export interface EffectiveSetting {
  key: PolicyKey;
  value: unknown;
  source: SettingSource;
  /** True when the organisation set it: the user cannot change it. */
  locked: boolean;
  /** The policy source that set it (e.g. HKLM\Software\Policies\Bedside), when source is 'policy'. */
  from: string | null;
}

/** Every policy key with its effective value. `user` holds the user's own choices where the app has one. */
export function effectiveSettings(
  report: Pick<PolicyReport, 'values' | 'origin'>,
  user: Partial<Record<PolicyKey, unknown>> = {},
): EffectiveSetting[] {
  return POLICY_KEY_NAMES.map((key) => {
    const p = report.values[key];
    if (p !== undefined) return { key, value: p, source: 'policy', locked: true, from: report.origin[key] ?? null };
    const u = user[key];
    if (u !== undefined && u !== null) return { key, value: u, source: 'user', locked: false, from: null };
    return { key, value: POLICY_KEYS[key].default, source: 'default', locked: false, from: null };
  });
}

/** The organisation's lists: null (unset or empty) allows everything. */
export function allowedBy(list: readonly string[] | null | undefined, id: string): boolean {
  return !list || list.length === 0 || list.includes(id);
}
