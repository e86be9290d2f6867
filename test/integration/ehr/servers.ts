/**
 * Real servers on 127.0.0.1 for the EHR tests: an OAuth 2 authorisation server (oauth2-mock-server) and a FHIR R4
 * server (@asymmetrik/node-fhir-server-core) with in-memory resource services. The FHIR server checks every request's
 * Bearer token (RS256 signature against the authorisation server's keys, expiry, revocation) and its scope, as a
 * resource server does; its services implement search with paging, read, and conditional create (If-None-Exist).
 * `faults` lets a test make the FHIR server misbehave in the ways real ones do (5xx, hangs, hostile payloads).
 */
import { createPublicKey, randomUUID, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { OAuth2Server } from 'oauth2-mock-server';

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;
type Req = IncomingMessage & {
  query: Record<string, string>;
  body: unknown;
  params: Record<string, string>;
  path: string;
};
type Res = ServerResponse & { status(code: number): Res; json(body: unknown): void; set(k: string, v: string): Res };
type Next = (err?: unknown) => void;
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): void;
  use(fn: (req: Req, res: Res, next: Next) => void): void;
  get(path: string, fn: (req: Req, res: Res) => void): void;
}

export type Fault =
  | { kind: 'status'; status: number; times?: number }
  | { kind: 'hang'; times?: number }
  | { kind: 'malformed' }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'wrong-type' }
  | { kind: 'foreign-link' }
  | { kind: 'drop-after-create'; times?: number }
  | { kind: 'ignore-patient-filter' };

export interface TestServers {
  fhirBase: string;
  issuer: string;
  /** Resources by type, as stored on the FHIR server. */
  db: Map<string, Json[]>;
  /** Scopes the authorisation server grants (default: all requested). */
  grant: { filter: (requested: string[]) => string[] };
  /** Authorize requests seen (query parameters). */
  authorizeRequests: Array<Record<string, string>>;
  /** Token requests seen (form fields, with the code verifier). */
  tokenRequests: Array<Record<string, string>>;
  /** Access and refresh tokens the authorisation server handed out. */
  issuedTokens: string[];
  /** FHIR requests seen: method, path (no query) and status. */
  requests: Array<{ method: string; path: string; status: number }>;
  faults: Map<string, Fault>;
  /** Tokens the FHIR server will answer 401 to. */
  revoked: Set<string>;
  launchPatient: string;
  launchEncounter: string | null;
  fhirUser: string;
  seed(resources: Json[]): void;
  close(): Promise<void>;
}

function b64urlJson(part: string): Json {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;
}

/** Verifies an RS256 JWT against a JWK set; returns its claims or null. */
function verifyJwt(token: string, keys: Json[], issuer: string): Json | null {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return null;
  try {
    const header = b64urlJson(h);
    const jwk = keys.find((k) => k.kid === header.kid);
    if (!jwk || header.alg !== 'RS256') return null;
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const ok = verifySignature('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
    if (!ok) return null;
    const claims = b64urlJson(p);
    if (claims.iss !== issuer) return null;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

const TYPES = [
  'Patient',
  'AllergyIntolerance',
  'MedicationRequest',
  'MedicationStatement',
  'Condition',
  'Observation',
  'DocumentReference',
];

function codes(cc: unknown): string[] {
  const c = (cc ?? {}) as { coding?: Array<{ code?: string }> };
  return (c.coding ?? []).map((x) => String(x.code));
}

export async function startServers(opts: { pageSize?: number; scopeStyle?: 'v1' | 'v2' } = {}): Promise<TestServers> {
  const pageSize = opts.pageSize ?? 2;
  const db = new Map<string, Json[]>(TYPES.map((t) => [t, []]));
  const faults = new Map<string, Fault>();
  const revoked = new Set<string>();
  const requests: TestServers['requests'] = [];
  const authorizeRequests: TestServers['authorizeRequests'] = [];
  const tokenRequests: TestServers['tokenRequests'] = [];
  const issuedTokens: string[] = [];
  const grant = { filter: (requested: string[]) => requested };

  // ---- the authorisation server ----
  const oauth = new OAuth2Server();
  await oauth.issuer.keys.generate('RS256');
  await oauth.start(0, '127.0.0.1');
  const issuer = `http://127.0.0.1:${oauth.address().port}`;
  oauth.issuer.url = issuer;

  const codes2grant = new Map<string, { scope: string; redirectUri: string; clientId: string; challenge: boolean }>();
  const refreshTokens = new Map<string, string>();
  let pendingScope = '';
  const state = {
    launchPatient: 'pat-1',
    launchEncounter: null as string | null,
    fhirUser: 'Practitioner/prac-1',
  };

  oauth.service.on('beforeAuthorizeRedirect', (redirect: { url: URL }, req: IncomingMessage) => {
    const q = Object.fromEntries(new URL(req.url ?? '/', issuer).searchParams) as Record<string, string>;
    authorizeRequests.push(q);
    const code = redirect.url.searchParams.get('code');
    if (!code) return;
    const requested = (q.scope ?? '').split(' ').filter(Boolean);
    codes2grant.set(code, {
      scope: grant.filter(requested).join(' '),
      redirectUri: q.redirect_uri ?? '',
      clientId: q.client_id ?? '',
      challenge: q.code_challenge_method === 'S256' && !!q.code_challenge,
    });
  });
  oauth.service.on('beforeTokenSigning', (token: { payload: Json }, req: IncomingMessage & { body?: Json }) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const scope =
      body.grant_type === 'authorization_code'
        ? (codes2grant.get(body.code ?? '')?.scope ?? '')
        : (refreshTokens.get(body.refresh_token ?? '') ?? '');
    pendingScope = scope;
    token.payload.scope = scope;
    token.payload.jti = randomUUID();
    token.payload.fhirUser = `${fhirBase}/${state.fhirUser}`;
  });
  oauth.service.on(
    'beforeResponse',
    (response: { body: Json; statusCode: number }, req: IncomingMessage & { body?: Json }) => {
      const body = (req.body ?? {}) as Record<string, string>;
      tokenRequests.push({ ...body });
      const fail = (error: string) => {
        response.statusCode = 400;
        response.body = { error };
      };
      if (body.grant_type === 'authorization_code') {
        const g = codes2grant.get(body.code ?? '');
        codes2grant.delete(body.code ?? '');
        if (!g || g.redirectUri !== body.redirect_uri || g.clientId !== body.client_id) return fail('invalid_grant');
        if (!g.challenge || !body.code_verifier) return fail('invalid_request');
      } else if (body.grant_type === 'refresh_token') {
        if (!refreshTokens.has(body.refresh_token ?? '')) return fail('invalid_grant');
      }
      response.body.scope = pendingScope;
      response.body.patient = state.launchPatient;
      if (state.launchEncounter) response.body.encounter = state.launchEncounter;
      if (typeof response.body.refresh_token === 'string') refreshTokens.set(response.body.refresh_token, pendingScope);
      for (const t of [response.body.access_token, response.body.refresh_token])
        if (typeof t === 'string') issuedTokens.push(t);
    },
  );

  // ---- the FHIR server ----
  const express = require('express') as () => ExpressApp;
  const fhirCore = require('@asymmetrik/node-fhir-server-core') as {
    initialize(config: Json, app: ExpressApp): unknown;
    ServerError: new (message: string, opts: Json) => Error;
  };
  const app = express();
  let fhirBase = '';

  app.get('/4_0_1/.well-known/smart-configuration', (_req, res) => {
    res.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      scopes_supported: ['openid', 'fhirUser', 'launch', 'launch/patient', 'offline_access'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-standalone-patient',
        'permission-offline',
        'permission-patient',
        ...(opts.scopeStyle === 'v1' ? [] : ['permission-v2']),
      ],
    });
  });

  // Resource-server checks: token, then scope; and the test's faults.
  app.use((req, res, next) => {
    const path = req.path;
    res.on('finish', () => requests.push({ method: req.method ?? 'GET', path, status: res.statusCode }));
    const m = /^\/4_0_1\/([A-Za-z]+)/.exec(path);
    if (!m || path.includes('.well-known') || m[1] === 'metadata') return next();
    const type = m[1]!;
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const claims = token && !revoked.has(token) ? verifyJwt(token, oauth.issuer.keys.toJSON() as Json[], issuer) : null;
    if (!claims) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return res.status(401).json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    }
    const scopes = String(claims.scope ?? '').split(' ');
    const write = req.method === 'POST';
    const allowed = write
      ? scopes.includes(`patient/${type}.c`) || scopes.includes(`patient/${type}.write`)
      : scopes.includes(`patient/${type}.rs`) || scopes.includes(`patient/${type}.read`);
    if (!allowed)
      return res
        .status(403)
        .json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] });
    const fault = faults.get(type);
    if (!fault) return next();
    if ('times' in fault && fault.times !== undefined) {
      if (fault.times <= 0) {
        faults.delete(type);
        return next();
      }
      fault.times--;
    }
    switch (fault.kind) {
      case 'status':
        return res
          .status(fault.status)
          .json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] });
      case 'hang':
        return; // never answers: the client's time limit must fire
      case 'malformed':
        res.setHeader('Content-Type', 'application/fhir+json');
        return res.end('{"resourceType":"Bundle","entry":[{"resource":');
      case 'oversize': {
        res.setHeader('Content-Type', 'application/fhir+json');
        const filler = 'x'.repeat(fault.bytes);
        return res.end(`{"resourceType":"Bundle","type":"searchset","entry":[],"meta":{"tag":[{"code":"${filler}"}]}}`);
      }
      case 'drop-after-create':
        // The request is processed, but the answer is lost (connection reset): the classic duplicate-maker.
        res.on('finish', () => undefined);
        (res as unknown as { end: (...a: unknown[]) => void }).end = () => req.socket.destroy();
        return next();
      default:
        return next();
    }
  });

  const mem = (type: string) => ({
    search: async (_args: Json, { req }: { req: Req }) => {
      const q = req.query;
      const f = faults.get(type);
      let list = db.get(type) ?? [];
      if (q.patient && f?.kind !== 'ignore-patient-filter') {
        list = list.filter((r) => {
          const ref = ((r.subject ?? r.patient) as { reference?: string } | undefined)?.reference;
          // Both R4 forms of a reference search: a bare id and Type/id.
          return ref === `Patient/${q.patient!.replace(/^Patient\//, '')}`;
        });
      }
      if (q.status) list = list.filter((r) => r.status === q.status);
      if (q['clinical-status']) list = list.filter((r) => codes(r.clinicalStatus).includes(q['clinical-status']!));
      if (q.identifier) {
        const [system, value] = q.identifier.split('|');
        list = list.filter((r) =>
          ((r.identifier ?? []) as Array<{ system?: string; value?: string }>).some(
            (i) => i.system === system && i.value === value,
          ),
        );
      }
      const offset = Number(q._offset ?? 0);
      const count = Math.min(Number(q._count ?? pageSize), pageSize);
      const page = list.slice(offset, offset + count);
      const self = new URL(`${fhirBase}/${type}`);
      for (const [k, v] of Object.entries(q)) self.searchParams.set(k, v);
      const link: Json[] = [{ relation: 'self', url: self.href }];
      if (offset + count < list.length) {
        const next = new URL(self);
        next.searchParams.set('_offset', String(offset + count));
        if (f?.kind === 'foreign-link') next.host = 'evil.example:443';
        link.push({ relation: 'next', url: next.href });
      }
      const entry = page.map((resource) => ({
        fullUrl: `${fhirBase}/${type}/${resource.id}`,
        resource: f?.kind === 'wrong-type' ? { ...resource, resourceType: 'Binary' } : resource,
        search: { mode: 'match' },
      }));
      return { resourceType: 'Bundle', type: 'searchset', total: list.length, link, entry };
    },
    searchById: async (args: Json) => (db.get(type) ?? []).find((r) => r.id === args.id) ?? null,
    create: async (_args: Json, { req }: { req: Req }) => {
      const resource = req.body as Json;
      if (!resource || resource.resourceType !== type)
        throw new fhirCore.ServerError('wrong resource type', {
          statusCode: 400,
          issue: [{ severity: 'error', code: 'invalid' }],
        });
      const cond = req.headers['if-none-exist'];
      if (typeof cond === 'string') {
        const m = /^identifier=(.*)$/.exec(cond);
        const [system, value] = decodeURIComponent(m?.[1] ?? '').split('|');
        const found = (db.get(type) ?? []).find((r) =>
          ((r.identifier ?? []) as Array<{ system?: string; value?: string }>).some(
            (i) => i.system === system && i.value === value,
          ),
        );
        if (found) return { id: found.id };
      }
      const id = randomUUID();
      const stored = { ...resource, id, meta: { versionId: '1', lastUpdated: new Date().toISOString() } };
      db.get(type)!.push(stored);
      return { id, resource_version: '1' };
    },
  });

  const profiles: Json = {};
  for (const t of TYPES) profiles[t.toLowerCase()] = { service: mem(t), versions: ['4_0_1'] };
  fhirCore.initialize({ profiles, logging: { level: 'emerg' } }, app);

  const http: Server = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  fhirBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}/4_0_1`;

  const servers: TestServers = {
    fhirBase,
    issuer,
    db,
    grant,
    authorizeRequests,
    tokenRequests,
    issuedTokens,
    requests,
    faults,
    revoked,
    get launchPatient() {
      return state.launchPatient;
    },
    set launchPatient(v: string) {
      state.launchPatient = v;
    },
    get launchEncounter() {
      return state.launchEncounter;
    },
    set launchEncounter(v: string | null) {
      state.launchEncounter = v;
    },
    get fhirUser() {
      return state.fhirUser;
    },
    set fhirUser(v: string) {
      state.fhirUser = v;
    },
    seed(resources: Json[]) {
      for (const r of resources) db.get(String(r.resourceType))!.push(r);
    },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await oauth.stop();
    },
  };
  return servers;
}

/** Plays the system browser: follows the authorisation redirects to Bedside's loopback listener. */
export async function followRedirects(url: string, maxHops = 5): Promise<number> {
  let current = url;
  for (let hop = 0; hop < maxHops; hop++) {
    const res = await fetch(current, { redirect: 'manual' });
    await res.arrayBuffer();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current).href;
      continue;
    }
    return res.status;
  }
  throw new Error('too many redirects');
}
