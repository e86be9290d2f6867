/**
 * SMART App Launch 2.x for a public native client: discovery, PKCE (S256), standalone and EHR launch, the
 * authorisation-code exchange and refresh. The redirect is caught by a one-shot listener on 127.0.0.1 (RFC 8252
 * section 7.3: loopback IP, any port), and the user signs in in the system browser, never in an embedded view.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EhrError } from './errors.js';
import { hostOf, httpRequest, parseJsonObject, secureUrl, type HttpOptions } from './http.js';

/** The FHIR resource types Bedside reads, and the one it writes. Scopes are derived from these lists only. */
export const READ_TYPES = [
  'Patient',
  'AllergyIntolerance',
  'MedicationRequest',
  'MedicationStatement',
  'Condition',
  'Observation',
] as const;
export const WRITE_TYPES = ['DocumentReference'] as const;

export type ScopeStyle = 'v1' | 'v2';

/** The scope a request needs: `patient/Observation.rs` (SMART 2) or `patient/Observation.read` (SMART 1). */
export function scopeFor(type: string, access: 'read' | 'create', style: ScopeStyle): string {
  if (style === 'v2') return `patient/${type}.${access === 'read' ? 'rs' : 'c'}`;
  return `patient/${type}.${access === 'read' ? 'read' : 'write'}`;
}

/** Every scope Bedside asks for: what it reads, what it writes, and the launch context. Nothing more. */
export function requestedScopes(style: ScopeStyle, ehrLaunch: boolean): string[] {
  return [
    ehrLaunch ? 'launch' : 'launch/patient',
    'openid',
    'fhirUser',
    'offline_access',
    ...READ_TYPES.map((t) => scopeFor(t, 'read', style)),
    ...WRITE_TYPES.map((t) => scopeFor(t, 'create', style)),
  ];
}

/** Whether a granted scope string allows `access` on `type` (v1 and v2 syntax, wildcards, patient/user/system). */
export function scopeAllows(granted: string, type: string, access: 'read' | 'create'): boolean {
  for (const s of granted.split(/\s+/)) {
    const m = /^(patient|user|system)\/([A-Za-z*]+)\.([a-z*]+)(\?.*)?$/.exec(s);
    if (!m) continue;
    if (m[2] !== '*' && m[2] !== type) continue;
    const perm = m[3]!;
    if (perm === '*') return true;
    const v2 = /^c?r?u?d?s?$/.test(perm) ? perm : '';
    if (access === 'read' && (perm === 'read' || v2.includes('r') || v2.includes('s'))) return true;
    if (access === 'create' && (perm === 'write' || v2.includes('c'))) return true;
  }
  return false;
}

export interface SmartConfiguration {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  capabilities: string[];
  scopeStyle: ScopeStyle;
}

/** Reads `ISS/.well-known/smart-configuration` and checks its endpoints (https or loopback) and PKCE support. */
export async function discover(iss: string, http: HttpOptions = {}): Promise<SmartConfiguration> {
  const base = secureUrl(iss, 'the FHIR server address (iss)');
  const url = `${base.href.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const res = await httpRequest(url, { headers: { Accept: 'application/json' } }, { maxBytes: 256 * 1024, ...http });
  if (res.status === 404)
    throw new EhrError('config', `${hostOf(base)} does not publish a SMART configuration (is iss the FHIR base URL?)`);
  if (res.status !== 200)
    throw new EhrError(
      res.status >= 500 ? 'unavailable' : 'rejected',
      `SMART discovery at ${hostOf(base)} failed (HTTP ${res.status})`,
      res.status,
    );
  const doc = parseJsonObject(res.text, 'the SMART configuration');
  const auth = doc.authorization_endpoint;
  const token = doc.token_endpoint;
  if (typeof auth !== 'string' || typeof token !== 'string')
    throw new EhrError('hostile', 'the SMART configuration lacks its authorization or token endpoint');
  secureUrl(auth, 'the authorization endpoint');
  secureUrl(token, 'the token endpoint');
  const methods = doc.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256'))
    throw new EhrError('config', `${hostOf(base)} does not support PKCE with S256, which Bedside requires`);
  const capabilities = Array.isArray(doc.capabilities)
    ? doc.capabilities.filter((c): c is string => typeof c === 'string')
    : [];
  return {
    authorizationEndpoint: auth,
    tokenEndpoint: token,
    capabilities,
    scopeStyle: capabilities.includes('permission-v2') ? 'v2' : 'v1',
  };
}

function base64url(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE pair (RFC 7636): a 43-character random verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** An EHR launch link (`bedside://launch?iss=...&launch=...`): the FHIR server and the opaque launch id. */
export function parseLaunchLink(link: string): { iss: string; launch: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new EhrError('config', 'the launch link is not a valid URL');
  }
  if (url.protocol !== 'bedside:') throw new EhrError('config', 'the launch link must start with bedside://');
  const iss = url.searchParams.get('iss');
  const launch = url.searchParams.get('launch');
  if (!iss || !launch) throw new EhrError('config', 'the launch link needs both iss and launch parameters');
  if (launch.length > 2048) throw new EhrError('config', 'the launch parameter is too long');
  secureUrl(iss, 'the FHIR server address (iss)');
  return { iss, launch };
}

/** A signed-in EHR session. Holds tokens: kept only in the encrypted store, never logged or printed. */
export interface EhrSession {
  iss: string;
  clientId: string;
  tokenEndpoint: string;
  scopeStyle: ScopeStyle;
  accessToken: string;
  refreshToken: string | null;
  /** ISO time the access token expires, when the server said. */
  expiresAt: string | null;
  /** The scopes granted (space-separated). */
  scope: string;
  /** Launch context: the FHIR Patient id, the Encounter id, the user (e.g. `Practitioner/123`). */
  patient: string | null;
  encounter: string | null;
  fhirUser: string | null;
  launchedAt: string;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function fhirUserOf(idToken: unknown): string | null {
  if (typeof idToken !== 'string') return null;
  const part = idToken.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { fhirUser?: unknown };
    if (typeof claims.fhirUser !== 'string') return null;
    // Keep the relative reference (Practitioner/123) whether the claim is absolute or relative.
    const m = /(?:^|\/)((?:Practitioner|PractitionerRole|Patient|RelatedPerson|Person)\/[A-Za-z0-9\-.]{1,64})$/.exec(
      claims.fhirUser,
    );
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

/** Validates a token endpoint answer and folds it into a session (keeping the old refresh token if none is sent). */
function sessionFrom(
  body: Record<string, unknown>,
  base: Omit<
    EhrSession,
    'accessToken' | 'refreshToken' | 'expiresAt' | 'scope' | 'patient' | 'encounter' | 'fhirUser'
  > &
    Partial<EhrSession>,
): EhrSession {
  const token = body.access_token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 16_384)
    throw new EhrError('hostile', 'the token endpoint returned no usable access token');
  if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer')
    throw new EhrError('hostile', 'the token endpoint returned a token that is not a Bearer token');
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : null;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  const patient = str(body.patient) ?? base.patient ?? null;
  const encounter = str(body.encounter) ?? base.encounter ?? null;
  if (patient !== null && !ID.test(patient))
    throw new EhrError('hostile', 'the launch context holds an invalid patient id');
  if (encounter !== null && !ID.test(encounter))
    throw new EhrError('hostile', 'the launch context holds an invalid encounter id');
  return {
    ...base,
    accessToken: token,
    refreshToken: str(body.refresh_token) ?? base.refreshToken ?? null,
    expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
    scope: str(body.scope) ?? base.scope ?? '',
    patient,
    encounter,
    fhirUser: fhirUserOf(body.id_token) ?? base.fhirUser ?? null,
  };
}

async function tokenRequest(endpoint: string, form: Record<string, string>, http: HttpOptions) {
  const res = await httpRequest(
    endpoint,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    },
    { maxBytes: 256 * 1024, ...http },
  );
  if (res.status >= 500)
    throw new EhrError(
      'unavailable',
      `the token endpoint at ${hostOf(endpoint)} failed (HTTP ${res.status})`,
      res.status,
    );
  if (res.status !== 200) {
    let code = 'error';
    try {
      const e = parseJsonObject(res.text, 'the token error');
      if (typeof e.error === 'string' && /^[a-z_]{1,40}$/.test(e.error)) code = e.error;
    } catch {
      // keep the generic code
    }
    throw new EhrError(
      'reauthorize',
      `the EHR refused the sign-in (${code}, HTTP ${res.status}): launch again`,
      res.status,
    );
  }
  return parseJsonObject(res.text, 'the token response');
}

/** Uses the refresh token for a new access token; without one (or when refused) the user must launch again. */
export async function refreshSession(session: EhrSession, http: HttpOptions = {}): Promise<EhrSession> {
  if (!session.refreshToken)
    throw new EhrError(
      'reauthorize',
      'the EHR session expired and has no refresh token: run bedside fhir launch again',
    );
  const body = await tokenRequest(
    session.tokenEndpoint,
    { grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: session.clientId },
    http,
  );
  return sessionFrom(body, session);
}

/** A one-shot HTTP listener on 127.0.0.1 that receives the authorisation redirect. */
export class LoopbackRedirect {
  private constructor(
    private readonly server: Server,
    readonly redirectUri: string,
  ) {}

  /** Listens on 127.0.0.1 (never another address) on `port`, or on a free port when 0. */
  static async open(port = 0): Promise<LoopbackRedirect> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new EhrError(
            'config',
            `cannot listen on 127.0.0.1:${port} for the sign-in redirect (${err.code ?? 'error'})`,
          ),
        ),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = server.address() as AddressInfo;
    return new LoopbackRedirect(server, `http://127.0.0.1:${addr.port}/callback`);
  }

  /**
   * Resolves with the code of the first redirect that carries `state`. Requests with another state or path get a 400
   * and are ignored (a page on the web cannot inject a code); an `error` redirect with the right state rejects.
   */
  waitForCode(state: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.server.removeListener('request', onRequest);
        fn();
      };
      const onAbort = () => finish(() => reject(new EhrError('state', 'sign-in cancelled')));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new EhrError('reauthorize', `no sign-in within ${Math.round(timeoutMs / 1000)} s: launch again`)),
          ),
        timeoutMs,
      );
      const onRequest = (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const reply = (status: number, text: string) => {
          res.writeHead(status, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Cache-Control': 'no-store',
            'Content-Security-Policy': "default-src 'none'",
          });
          res.end(text);
        };
        if (req.method !== 'GET' || url.pathname !== '/callback' || url.searchParams.get('state') !== state) {
          reply(400, 'This is not the sign-in Bedside is waiting for.');
          return;
        }
        const error = url.searchParams.get('error');
        const code = url.searchParams.get('code');
        if (error || !code) {
          const safe = error && /^[a-z_]{1,40}$/.test(error) ? error : 'no_code';
          reply(400, 'Bedside did not get permission. You can close this tab.');
          finish(() => reject(new EhrError('reauthorize', `the EHR refused the sign-in (${safe})`)));
          return;
        }
        reply(200, 'Bedside is signed in to the EHR. You can close this tab and return to Bedside.');
        finish(() => resolve(code));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.server.on('request', onRequest);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface LaunchOptions {
  /** The FHIR base URL. */
  iss: string;
  /** The EHR's opaque launch id (EHR launch); absent for a standalone launch. */
  launch?: string | undefined;
  clientId: string;
  /** Opens the authorisation URL in the system browser (or prints it). */
  openUrl: (url: string) => void | Promise<void>;
  /** Fixed loopback port when the EHR registration needs one (default: any free port). */
  port?: number;
  /** How long to wait for the user to sign in (default 5 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  http?: HttpOptions;
}

/** Runs the whole launch: discovery, PKCE, browser sign-in, loopback redirect, code exchange. */
export async function launch(opts: LaunchOptions): Promise<EhrSession> {
  const iss = secureUrl(opts.iss, 'the FHIR server address (iss)').href.replace(/\/+$/, '');
  if (!/^[A-Za-z0-9_.:@-]{1,200}$/.test(opts.clientId))
    throw new EhrError('config', 'the client id must be 1 to 200 letters, digits or ._:@-');
  const config = await discover(iss, opts.http);
  const ehrLaunch = opts.launch !== undefined;
  const scopes = requestedScopes(config.scopeStyle, ehrLaunch);
  const { verifier, challenge } = pkcePair();
  const state = base64url(randomBytes(24));
  const listener = await LoopbackRedirect.open(opts.port ?? 0);
  try {
    const authorize = new URL(config.authorizationEndpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: opts.clientId,
      redirect_uri: listener.redirectUri,
      scope: scopes.join(' '),
      state,
      aud: iss,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(ehrLaunch ? { launch: opts.launch! } : {}),
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
    const waiting = listener.waitForCode(state, opts.timeoutMs ?? 300_000, opts.signal);
    waiting.catch(() => undefined);
    await opts.openUrl(authorize.href);
    const code = await waiting;
    const body = await tokenRequest(
      config.tokenEndpoint,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: listener.redirectUri,
        client_id: opts.clientId,
        code_verifier: verifier,
      },
      opts.http ?? {},
    );
    const session = sessionFrom(body, {
      iss,
      clientId: opts.clientId,
      tokenEndpoint: config.tokenEndpoint,
      scopeStyle: config.scopeStyle,
      launchedAt: new Date().toISOString(),
    });
    if (!session.patient)
      throw new EhrError('state', 'the EHR did not say which patient is open (no patient in the launch context)');
    return session;
  } finally {
    await listener.close();
  }
}
