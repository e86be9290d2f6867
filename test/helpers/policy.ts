/** Machine policy reports for tests. */
import type { PolicyReport } from '../../core/policy/policy.js';
import type { Policy } from '../../core/policy/schema.js';

/** A machine policy report with these values and nothing else (no sources, no problems). */
export const policyReport = (values: Policy): PolicyReport => ({ values, origin: {}, sources: [], problems: [] });
