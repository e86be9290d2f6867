/**
 * policy.show and updates.* for every transport. The updater itself lives in the desktop app (electron/main/updater.ts)
 * and is handed to the core as an `UpdatesService`; hosts without one (CLI, dev host) report updates as disabled.
 */
import type { z } from 'zod';
import type { Handlers } from '../api/dispatcher.js';
import { ApiError } from '../api/errors.js';
import type { UpdateStatus as UpdateStatusSchema } from './api-schema.js';
import { effectiveSettings } from './effective.js';
import type { PolicyReport } from './policy.js';
import { POLICY_KEYS, type PolicyKey } from './schema.js';

export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** What the desktop app's updater offers the core. */
export interface UpdatesService {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  /** Throws UpdateRefusedError during a recording or with unsaved edits. */
  install(opts: { unsavedEdits: boolean }): Promise<UpdateStatus>;
}

export class UpdateRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: 'recording' | 'unsaved-edits' | 'not-downloaded',
  ) {
    super(message);
    this.name = 'UpdateRefusedError';
  }
}

export type PolicyMethod = 'policy.show' | 'updates.status' | 'updates.check' | 'updates.install';

/** The policy report as the contract's PolicyInfo. */
export function policyInfo(report: PolicyReport, user: Partial<Record<PolicyKey, unknown>> = {}) {
  return {
    settings: effectiveSettings(report, user).map((s) => ({ ...s, title: POLICY_KEYS[s.key].title })),
    sources: report.sources.map((s) => ({ name: s.name, present: s.present })),
    problems: report.problems,
  };
}

export function createPolicyHandlers(deps: {
  policy: () => PolicyReport;
  updates: () => UpdatesService | undefined;
  version: () => string;
  env?: NodeJS.ProcessEnv;
}): Pick<Handlers, PolicyMethod> {
  const env = deps.env ?? process.env;
  const noUpdater = (): UpdateStatus => ({
    state: 'disabled',
    message: 'This host does not update itself; the desktop app does (Settings → About).',
    currentVersion: deps.version(),
    availableVersion: null,
    mode: deps.policy().values.updateMode ?? 'notify',
    channel: deps.policy().values.updateChannel ?? 'stable',
    progress: null,
    lastCheckedAt: null,
    restartBlockedBy: null,
  });
  return {
    'policy.show': () => policyInfo(deps.policy(), env.BEDSIDE_DATA_DIR ? { dataFolder: env.BEDSIDE_DATA_DIR } : {}),
    'updates.status': () => deps.updates()?.status() ?? noUpdater(),
    'updates.check': async () => {
      const u = deps.updates();
      return u ? u.check() : noUpdater();
    },
    'updates.install': async ({ unsavedEdits }) => {
      const u = deps.updates();
      if (!u) throw new ApiError('unavailable', 'This host does not update itself; the desktop app does.');
      try {
        return await u.install({ unsavedEdits });
      } catch (err) {
        if (err instanceof UpdateRefusedError) throw new ApiError('conflict', err.message);
        throw err;
      }
    },
  };
}
