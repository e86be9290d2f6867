/**
 * Applies the machine policy to API calls before they reach the core's handlers (createCore wraps its dispatch with
 * this, so IPC, the dev host and the CLI's API calls all pass it): models and FHIR issuers outside the organisation's lists are refused, the organisation's model mirror
 * and SMART client id are used, and a store cannot be created without the OS keychain when the policy requires it.
 */
import type { Dispatch } from '../api/dispatcher.js';
import type { Reply } from '../api/types.js';
import { allowedBy } from './effective.js';
import type { Policy } from './schema.js';

const refuse = (message: string): Reply => ({ ok: false, error: { code: 'forbidden', message } });

type Params = Record<string, unknown>;

/** The call as the policy lets it through: a refusal, or the params to dispatch (possibly with policy values added). */
export function applyPolicy(method: unknown, params: unknown, policy: Policy): { refuse: Reply } | { params: unknown } {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return { params };
  const p = params as Params;
  const model = typeof p.model === 'string' ? p.model : typeof p.id === 'string' ? p.id : undefined;
  switch (method) {
    case 'models.install': {
      if (model !== undefined && !allowedBy(policy.allowedModels, model))
        return { refuse: refuse(`Your organisation does not allow the model ${model}.`) };
      // The organisation's mirror replaces the public hosts (a local file, e.g. from a USB stick, is still allowed).
      if (policy.modelMirrorUrl && p.from === undefined) return { params: { ...p, mirror: policy.modelMirrorUrl } };
      return { params };
    }
    case 'transcribe.live.start':
    case 'transcribe.file':
      if (typeof p.model === 'string' && !allowedBy(policy.allowedModels, p.model))
        return { refuse: refuse(`Your organisation does not allow the model ${p.model}.`) };
      return { params };
    case 'ehr.launch': {
      const iss = typeof p.iss === 'string' ? p.iss.replace(/\/+$/, '') : '';
      const issuers = policy.fhirIssuers?.map((u) => u.replace(/\/+$/, ''));
      if (issuers && issuers.length > 0 && !issuers.includes(iss))
        return { refuse: refuse('Your organisation does not allow this EHR server (FHIR issuer).') };
      if (policy.smartClientId) return { params: { ...p, clientId: policy.smartClientId } };
      return { params };
    }
    case 'store.create':
      if (policy.requireKeychain && p.useKeychain !== true)
        return {
          refuse: refuse("Your organisation requires the store's key to be kept in this computer's keychain."),
        };
      return { params };
    default:
      return { params };
  }
}

export function policyGate(dispatch: Dispatch, policy: () => Policy): Dispatch {
  return (method, params, ctx) => {
    const r = applyPolicy(method, params, policy());
    return 'refuse' in r ? Promise.resolve(r.refuse) : dispatch(method, r.params, ctx);
  };
}
