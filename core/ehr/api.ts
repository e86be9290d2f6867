/**
 * Handlers of the ehr.* API methods (see api-schema.ts), over the unlocked store. EHR errors become API errors with
 * the same PHI-free messages.
 */
import type { Handlers } from '../api/dispatcher.js';
import { ApiError } from '../api/errors.js';
import type { ApiErrorCode } from '../api/types.js';
import type { AsyncStore } from '../store/client.js';
import type { EhrMethod } from './api-schema.js';
import { openInSystemBrowser } from './browser.js';
import { EhrError, type EhrErrorKind } from './errors.js';
import type { HttpOptions } from './http.js';
import { EhrService } from './service.js';
import { StoreEhrState } from './state.js';

const CODES: Record<EhrErrorKind, ApiErrorCode> = {
  config: 'invalid_params',
  reauthorize: 'forbidden',
  forbidden: 'forbidden',
  unavailable: 'unavailable',
  hostile: 'unavailable',
  rejected: 'conflict',
  state: 'conflict',
};

export interface EhrApiDeps {
  /** The unlocked store, or undefined while locked. */
  store: () => AsyncStore | undefined;
  /** Opens the sign-in page in the system browser (default: the OS opener). */
  openUrl?: (url: string) => Promise<void>;
  http?: HttpOptions;
  defaultClientId?: string;
}

export function createEhrHandlers(deps: EhrApiDeps): Pick<Handlers, EhrMethod> {
  const service = () => {
    const store = deps.store();
    if (!store) throw new ApiError('locked', 'The encrypted store is locked.');
    return new EhrService(store, new StoreEhrState(store), deps.http ? { http: deps.http } : {});
  };
  const wrap = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof EhrError) throw new ApiError(CODES[err.kind], err.message);
      throw err;
    }
  };
  return {
    'ehr.status': () => wrap(() => service().status()),
    'ehr.launch': ({ iss, launch, clientId }, ctx) =>
      wrap(async () => {
        const ehr = service();
        await ehr.launch({
          iss,
          ...(launch !== undefined ? { launch } : {}),
          clientId: clientId ?? deps.defaultClientId ?? process.env.BEDSIDE_SMART_CLIENT_ID ?? 'bedside',
          openUrl: deps.openUrl ?? openInSystemBrowser,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        return ehr.status();
      }),
    'ehr.context': ({ encounterId }) => wrap(() => service().loadContext(encounterId)),
    'ehr.storedContext': ({ encounterId }) => wrap(() => service().contextFor(encounterId)),
    'ehr.send': ({ encounterId }) => wrap(() => service().send(encounterId)),
    'ehr.retry': () => wrap(() => service().flush()),
  };
}
