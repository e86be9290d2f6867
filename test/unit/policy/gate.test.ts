/** The policy gate every transport passes (createCore): refusals in words, the organisation's values filled in. */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { applyPolicy } from '../../../core/policy/gate.js';
import type { PolicyReport } from '../../../core/policy/policy.js';
import type { Policy } from '../../../core/policy/schema.js';

const report = (values: Policy): PolicyReport => ({ values, origin: {}, sources: [], problems: [] });
const cli = { transport: 'cli' as const };

describe('policy gate', () => {
  it("fills in the organisation's model mirror and SMART client id; a local file install stays allowed", () => {
    const policy: Policy = { modelMirrorUrl: 'https://mirror.example/m/', smartClientId: 'clinic-app' };
    expect(applyPolicy('models.install', { id: 'whisper-base.en' }, policy)).toEqual({
      params: { id: 'whisper-base.en', mirror: 'https://mirror.example/m/' },
    });
    expect(
      applyPolicy('models.install', { id: 'whisper-base.en', mirror: 'https://elsewhere.example/' }, policy),
    ).toEqual({ params: { id: 'whisper-base.en', mirror: 'https://mirror.example/m/' } });
    expect(applyPolicy('models.install', { id: 'whisper-base.en', from: '/media/usb/m.bin' }, policy)).toEqual({
      params: { id: 'whisper-base.en', from: '/media/usb/m.bin' },
    });
    expect(applyPolicy('ehr.launch', { iss: 'https://fhir.example/r4', clientId: 'mine' }, policy)).toEqual({
      params: { iss: 'https://fhir.example/r4', clientId: 'clinic-app' },
    });
  });

  it('without a policy every call passes unchanged', () => {
    const params = { id: 'whisper-large-v3' };
    expect(applyPolicy('models.install', params, {})).toEqual({ params });
    expect(applyPolicy('store.create', { passphrase: 'x' }, {})).toEqual({ params: { passphrase: 'x' } });
    expect(applyPolicy('app.info', null, { requireKeychain: true })).toEqual({ params: null });
  });

  it('refuses over every transport, here the CLI host: models, issuers (trailing slash ignored) and keychain', async () => {
    const core = createCore({
      policy: report({
        allowedModels: ['whisper-base.en'],
        fhirIssuers: ['https://fhir.clinic.example/r4/'],
        requireKeychain: true,
      }),
    });
    expect(await core.dispatch('models.install', { id: 'whisper-small.en' }, cli)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Your organisation does not allow the model whisper-small.en.' },
    });
    expect(await core.dispatch('ehr.launch', { iss: 'https://evil.example/fhir' }, cli)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // An allowed issuer reaches the handler (which then fails for its own reasons, not the policy's).
    const allowed = await core.dispatch('ehr.launch', { iss: 'https://fhir.clinic.example/r4' }, cli);
    expect(allowed.ok ? '' : allowed.error.message).not.toMatch(/organisation/);
    expect(await core.dispatch('store.create', { passphrase: 'long enough passphrase' }, cli)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/keychain/) },
    });
  });
});
