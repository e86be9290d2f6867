/**
 * A small FHIR R4 REST client for the launched patient's record: read, search with paging, conditional create.
 * Every answer is checked before use: size-limited, valid JSON, the expected resourceType, paging links that stay on
 * the same server; narratives are dropped. 401 refreshes the token once; 403 names the scope that is missing;
 * 5xx, 429 and network failures are retried with backoff and then reported as `unavailable`.
 */
import { EhrError } from './errors.js';
import { hostOf, httpRequest, parseJsonObject, secureUrl, type HttpOptions, type HttpResponse } from './http.js';
import { scopeFor, type EhrSession } from './smart.js';
import { dropNarratives } from './text.js';

export type FhirResource = Record<string, unknown> & { resourceType: string; id?: string };

/** Gives the client the current session and refreshes it (persisting the new tokens) when the server says 401. */
export interface SessionSource {
  current(): EhrSession;
  refresh(): Promise<EhrSession>;
}

export interface FhirClientOptions {
  http?: HttpOptions;
  /** Retries after the first try for 5xx/429/network failures (default 2). */
  retries?: number;
  /** Delay before retry n (1-based); default 400 ms doubling. */
  retryDelayMs?: (attempt: number) => number;
  /** Pages followed per search (default 20) and resources kept per search (default 2000). */
  maxPages?: number;
  maxEntries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The issue code of an OperationOutcome (an enum word, never the free-text diagnostics, which may hold PHI). */
function outcomeCode(text: string): string | null {
  try {
    const body = JSON.parse(text) as { resourceType?: unknown; issue?: Array<{ code?: unknown }> };
    const code = body?.resourceType === 'OperationOutcome' ? body.issue?.[0]?.code : undefined;
    return typeof code === 'string' && /^[a-z-]{1,40}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

export class FhirClient {
  readonly base: URL;
  private readonly retries: number;
  private readonly delay: (attempt: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    baseUrl: string,
    private readonly session: SessionSource,
    private readonly opts: FhirClientOptions = {},
  ) {
    const url = secureUrl(baseUrl, 'the FHIR server address');
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    this.base = url;
    this.retries = opts.retries ?? 2;
    this.delay = opts.retryDelayMs ?? ((n) => 400 * 2 ** (n - 1));
    this.sleep = opts.sleep ?? sleepMs;
  }

  /** Resolves a relative path, or checks that an absolute URL (a paging link) stays under the base URL. */
  private resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, this.base);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname))
      throw new EhrError(
        'hostile',
        `${hostOf(this.base)} sent a link to another server (${hostOf(url)}); not followed`,
      );
    return url.href;
  }

  private async send(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    access: { type: string; mode: 'read' | 'create' },
    extra: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResponse> {
    const url = this.resolve(pathOrUrl);
    let refreshed = false;
    // An access token about to expire is renewed first instead of waiting for the 401.
    const expiresAt = this.session.current().expiresAt;
    if (expiresAt && Date.parse(expiresAt) - Date.now() < 30_000 && this.session.current().refreshToken) {
      await this.session.refresh();
      refreshed = true;
    }
    for (let attempt = 0; ; attempt++) {
      const token = this.session.current().accessToken;
      let res: HttpResponse | null = null;
      let failure: EhrError | null = null;
      try {
        res = await httpRequest(
          url,
          {
            method,
            headers: {
              Accept: 'application/fhir+json',
              Authorization: `Bearer ${token}`,
              ...(extra.body !== undefined ? { 'Content-Type': 'application/fhir+json' } : {}),
              ...extra.headers,
            },
            ...(extra.body !== undefined ? { body: extra.body } : {}),
          },
          this.opts.http,
        );
      } catch (err) {
        if (!(err instanceof EhrError) || !err.retryable) throw err;
        failure = err;
      }
      if (res && res.status === 401) {
        if (refreshed)
          throw new EhrError(
            'reauthorize',
            `${hostOf(this.base)} no longer accepts this sign-in: run bedside fhir launch again`,
            401,
          );
        await this.session.refresh();
        refreshed = true;
        attempt--;
        continue;
      }
      if (res && res.status === 403) {
        const style = this.session.current().scopeStyle;
        const scope = scopeFor(access.type, access.mode, style);
        throw new EhrError(
          'forbidden',
          `${hostOf(this.base)} refused to ${access.mode} ${access.type}: Bedside needs the permission ${scope}` +
            ' (ask the EHR administrator to grant it to the Bedside app, then launch again)',
          403,
          scope,
        );
      }
      if (res && (res.status >= 500 || res.status === 429))
        failure = new EhrError('unavailable', `${hostOf(this.base)} answered HTTP ${res.status}`, res.status);
      if (!failure) return res!;
      if (attempt >= this.retries) throw failure;
      await this.sleep(this.delay(attempt + 1));
    }
  }

  private checkStatus(res: HttpResponse, what: string): void {
    if (res.status >= 200 && res.status < 300) return;
    const code = outcomeCode(res.text);
    throw new EhrError(
      'rejected',
      `${hostOf(this.base)} rejected ${what} (HTTP ${res.status}${code ? `, ${code}` : ''})`,
      res.status,
    );
  }

  /** Reads one resource and checks its type. */
  async read(type: string, id: string): Promise<FhirResource> {
    if (!RESOURCE_TYPE.test(type) || !FHIR_ID.test(id)) throw new EhrError('config', 'invalid resource type or id');
    const res = await this.send('GET', `${type}/${encodeURIComponent(id)}`, { type, mode: 'read' });
    this.checkStatus(res, `the ${type} read`);
    const body = parseJsonObject(res.text, `the ${type} from ${hostOf(this.base)}`);
    if (body.resourceType !== type)
      throw new EhrError(
        'hostile',
        `${hostOf(this.base)} returned ${typeName(body.resourceType)} where ${type} was expected`,
      );
    return dropNarratives(body as FhirResource);
  }

  /** Searches and follows `next` links; every match must be of `type` (included or outcome entries are skipped). */
  async search(type: string, params: Record<string, string>): Promise<FhirResource[]> {
    if (!RESOURCE_TYPE.test(type)) throw new EhrError('config', 'invalid resource type');
    const maxPages = this.opts.maxPages ?? 20;
    const maxEntries = this.opts.maxEntries ?? 2000;
    const out: FhirResource[] = [];
    const seen = new Set<string>();
    let next: string | null = `${type}?${new URLSearchParams(params).toString()}`;
    for (let page = 0; next !== null; page++) {
      if (page >= maxPages)
        throw new EhrError('hostile', `${hostOf(this.base)} returned more than ${maxPages} pages of ${type}; stopped`);
      const url = this.resolve(next);
      if (seen.has(url)) throw new EhrError('hostile', `${hostOf(this.base)} sent a paging loop for ${type}; stopped`);
      seen.add(url);
      const res = await this.send('GET', url, { type, mode: 'read' });
      this.checkStatus(res, `the ${type} search`);
      const bundle = parseJsonObject(res.text, `the ${type} search result from ${hostOf(this.base)}`);
      if (bundle.resourceType !== 'Bundle')
        throw new EhrError(
          'hostile',
          `${hostOf(this.base)} returned ${typeName(bundle.resourceType)} where a Bundle was expected`,
        );
      const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
      for (const e of entries) {
        const entry = (typeof e === 'object' && e !== null ? e : {}) as {
          resource?: unknown;
          search?: { mode?: unknown };
        };
        const mode = entry.search?.mode;
        if (mode === 'include' || mode === 'outcome') continue;
        const r = entry.resource as Record<string, unknown> | undefined;
        if (!r || typeof r !== 'object' || r.resourceType !== type)
          throw new EhrError(
            'hostile',
            `${hostOf(this.base)} returned ${typeName(r?.resourceType)} in a ${type} search`,
          );
        out.push(dropNarratives(r as FhirResource));
        if (out.length > maxEntries)
          throw new EhrError(
            'hostile',
            `${hostOf(this.base)} returned more than ${maxEntries} ${type} resources; stopped`,
          );
      }
      const links = Array.isArray(bundle.link) ? (bundle.link as Array<{ relation?: unknown; url?: unknown }>) : [];
      const link = links.find((l) => l && l.relation === 'next' && typeof l.url === 'string');
      next = link ? (link.url as string) : null;
    }
    return out;
  }

  /**
   * Creates `resource` unless one with the identifier exists (If-None-Exist): a retry after a lost answer finds the
   * first copy instead of making a second. Returns the server's id for the resource.
   */
  async createIfNoneExist(
    resource: FhirResource,
    identifier: { system: string; value: string },
  ): Promise<{ id: string; status: number }> {
    const type = resource.resourceType;
    if (!RESOURCE_TYPE.test(type)) throw new EhrError('config', 'invalid resource type');
    const res = await this.send(
      'POST',
      type,
      { type, mode: 'create' },
      {
        body: JSON.stringify(resource),
        headers: {
          'If-None-Exist': `identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`,
          Prefer: 'return=minimal',
        },
      },
    );
    this.checkStatus(res, `the ${type} create`);
    const location = res.headers.get('location') ?? res.headers.get('content-location');
    let id: string | null = null;
    if (location) {
      const m = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]*)?$`).exec(location);
      if (m) id = m[1]!;
    }
    if (!id && res.text.trim()) {
      const body = parseJsonObject(res.text, `the ${type} create answer`);
      if (body.resourceType === type && typeof body.id === 'string' && FHIR_ID.test(body.id)) id = body.id;
    }
    if (!id) throw new EhrError('hostile', `${hostOf(this.base)} accepted the ${type} but did not say its id`);
    return { id, status: res.status };
  }
}

function typeName(t: unknown): string {
  return typeof t === 'string' && RESOURCE_TYPE.test(t) ? t : 'something else';
}
