/**
 * The clinic inference server's key and connection test (engines.setServerKey, engines.testServer), and the factory
 * that makes the server generator for a host's EngineProvider.
 *
 * - The API key lives in the encrypted store's settings table (`note.engine.server_key`). No call returns it, nothing
 *   logs it; the store's audit row for a settings change names the setting, never its value.
 * - The machine policy applies to both calls and to the factory: the clinic-server engine must be allowed
 *   (allowedNoteEngines) and the URL must be one of the organisation's inference servers (inferenceServers; a server
 *   on this computer is always allowed, since nothing then leaves it). The organisation's CA (inferenceCaFile) is
 *   trusted besides the system roots. The key, shared by notes and transcription, may be stored when the server is
 *   allowed for either use (serverKeyRefusal).
 */
import type { z } from 'zod';
import { ApiError } from '../api/errors.js';
import type { Handlers } from '../api/dispatcher.js';
import type { AsyncStore } from '../store/client.js';
import type { Policy } from '../policy/schema.js';
import { log } from '../platform/log.js';
import { readNoteEngine, SERVER_KEY_SETTING } from '../settings/note-engine.js';
import { NOT_ALLOWED_TRANSCRIPTION_URL, readTranscription, transcriptionServerUrl } from '../settings/transcription.js';
import { engineAllowed, policyRefusal, serverUrlAllowed, type NoteEngineSettings } from './select.js';
import { EngineError, type TextGenerator } from './types.js';
import {
  checkServerUrl,
  readCaFile,
  ServerHttp,
  ServerNetworkError,
  where,
  type ServerConnectionOptions,
} from '../../models/llm/http.js';
import { createServerGenerator, flavourOf } from '../../models/llm/server.js';
import { ServerAsrEngine } from '../../models/llm/transcribe-server.js';
import { AsrCancelledError } from '../../models/asr/whisper-worker.js';
import type { ServerCheck, ServerTestResult } from './server-api-schema.js';

export type ServerEngineMethod = 'engines.setServerKey' | 'engines.testServer' | 'engines.testTranscriptionServer';

/** What a connection test checks the server for: drafting notes (chat), or transcription (audio). */
export type ServerPurpose = 'notes' | 'transcription';

/** The settings-table key holding the API key (never returned by any call). */
export { SERVER_KEY_SETTING };

export async function readServerKey(s: AsyncStore | undefined): Promise<string | undefined> {
  const v = s ? await s.getSetting(SERVER_KEY_SETTING) : null;
  return v ? v : undefined;
}

/**
 * The API key a host's engine provider sends (ProviderOptions.apiKey in core/engines/providers.ts): the one stored in
 * the encrypted store (Settings → Note engine, engines.setServerKey) while it is unlocked, else `fallback` (the dev
 * host's BEDSIDE_SERVER_API_KEY). Read at each draft, so a key changed in Settings is used by the next one.
 */
export function hostServerKey(
  store: () => AsyncStore | undefined,
  fallback?: string,
): () => Promise<string | undefined> {
  return async () => (await readServerKey(store())) ?? (fallback ? fallback : undefined);
}

const NOT_ALLOWED_ENGINE = "Your organisation does not allow notes to be drafted with the clinic's inference server.";
const NOT_ALLOWED_URL =
  'Your organisation does not allow text to be sent to this server (it is not one of the clinic inference servers set by IT).';

/** The organisation's CA file (policy inferenceCaFile): its PEM (read once while the file is unchanged), or a problem in words. */
export function readPolicyCa(
  policy: Policy,
  readFile: (path: string) => string = readCaFile,
): { pem?: string; problem?: string; path?: string } {
  const path = policy.inferenceCaFile;
  if (!path) return {};
  let pem: string;
  try {
    pem = readFile(path);
  } catch {
    return { path, problem: `The CA certificate file set by your organisation (${path}) could not be read.` };
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    return { path, problem: `The CA certificate file set by your organisation (${path}) holds no PEM certificate.` };
  return { path, pem };
}

export interface ServerEngineDeps {
  store: () => AsyncStore | undefined;
  policy: () => Policy;
  /** Reads the CA file (tests inject one). */
  readFile?: (path: string) => string;
  /** Connection options for tests (timeouts, agent). */
  connection?: Partial<Omit<ServerConnectionOptions, 'url' | 'apiKey' | 'caPem'>>;
}

/**
 * The clinic-server generator for a draft, for a host's EngineProvider: the stored key, the organisation's CA, and
 * the policy checked once more (the note.draft gate checks it first). Throws EngineError in words.
 */
export async function createClinicServerGenerator(
  settings: Pick<NoteEngineSettings, 'serverUrl' | 'serverModel'>,
  deps: ServerEngineDeps,
): Promise<TextGenerator> {
  if (!settings.serverUrl)
    throw new EngineError('unavailable', 'No clinic server is set (Settings → Note engine → Clinic server).');
  if (!settings.serverModel)
    throw new EngineError('unavailable', 'No model is set for the clinic server (Settings → Note engine).');
  const policy = deps.policy();
  if (!engineAllowed('server', policy)) throw new EngineError('forbidden', NOT_ALLOWED_ENGINE);
  if (!serverUrlAllowed(settings.serverUrl, policy)) throw new EngineError('refused-url', NOT_ALLOWED_URL);
  const ca = readPolicyCa(policy, deps.readFile);
  if (ca.problem) throw new EngineError('unavailable', ca.problem);
  const apiKey = await readServerKey(deps.store());
  return createServerGenerator({
    ...deps.connection,
    url: settings.serverUrl,
    model: settings.serverModel,
    ...(apiKey ? { apiKey } : {}),
    ...(ca.pem ? { caPem: ca.pem } : {}),
  });
}

type Check = z.infer<typeof ServerCheck>;
type TestResult = z.infer<typeof ServerTestResult>;

/** Model names from GET /v1/models ({data:[{id}]}) or Ollama's /api/tags ({models:[{name}]}). */
function modelNames(doc: unknown): string[] | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  const d = doc as { data?: unknown; models?: unknown };
  const list = Array.isArray(d.data) ? d.data : Array.isArray(d.models) ? d.models : undefined;
  if (!list) return undefined;
  const names: string[] = [];
  for (const m of list) {
    const o = m as { id?: unknown; name?: unknown; model?: unknown } | null;
    const n = typeof o?.id === 'string' ? o.id : typeof o?.name === 'string' ? o.name : o?.model;
    if (typeof n === 'string' && n.length <= 256) names.push(n);
  }
  return names.slice(0, 200);
}

/** One second of silence at 16 kHz: what the transcription test sends (never patient audio). */
const TEST_CLIP_SAMPLES = 16_000;

/**
 * The connection test: every step in words. For notes it never sends patient text (only a model listing is
 * requested). For transcription (`purpose`), with a model name, it also sends one second of generated silence to
 * /v1/audio/transcriptions, the call transcription makes, so the endpoint, the key and the model are all tried; a
 * server without a model list (whisper.cpp) passes on that call alone.
 */
export async function testClinicServer(
  params: { url: string; model?: string | undefined; key?: string | undefined },
  deps: ServerEngineDeps,
  signal?: AbortSignal,
  purpose: ServerPurpose = 'notes',
): Promise<TestResult> {
  let url: URL;
  try {
    url = checkServerUrl(params.url);
  } catch (err) {
    throw new ApiError('invalid_params', err instanceof EngineError ? err.message : 'Not a valid server address.');
  }
  const policy = deps.policy();
  // allowedNoteEngines is about drafting; transcription is gated by the list of servers alone, as when it runs.
  if (purpose === 'notes' && !engineAllowed('server', policy)) throw new ApiError('forbidden', NOT_ALLOWED_ENGINE);
  if (!serverUrlAllowed(url.href, policy))
    throw new ApiError('forbidden', purpose === 'notes' ? NOT_ALLOWED_URL : NOT_ALLOWED_TRANSCRIPTION_URL);
  const asr = purpose === 'transcription';
  const checks: Check[] = [
    {
      name: 'address',
      ok: true,
      detail: `${url.protocol === 'https:' ? 'https' : 'http on this computer'}: ${where(url)}.`,
    },
    {
      name: 'policy',
      ok: true,
      detail: policy.inferenceServers?.length
        ? "One of your organisation's inference servers."
        : 'A server on this computer (nothing leaves it).',
    },
  ];
  const stored = await readServerKey(deps.store());
  const apiKey = params.key ?? stored;
  const keyWord = params.key ? 'given' : 'stored';
  const ca = readPolicyCa(policy, deps.readFile);
  if (ca.path) checks.push({ name: 'ca', ok: !ca.problem, detail: ca.problem ?? `Trusting the CA in ${ca.path}.` });
  const https = url.protocol === 'https:';
  const set = (name: Check['name'], ok: boolean | null, detail: string) => checks.push({ name, ok, detail });
  const flavour = asr ? 'openai' : flavourOf(url);
  const connection: Omit<ServerConnectionOptions, 'url'> = {
    connectTimeoutMs: 10_000,
    timeoutMs: 15_000,
    stallMs: 15_000,
    maxLoadingWaitMs: 0,
    maxRetryAfterMs: 0,
    ...deps.connection,
    ...(apiKey ? { apiKey } : {}),
    ...(ca.pem ? { caPem: ca.pem } : {}),
  };
  const client = new ServerHttp({ ...connection, url: url.href });
  let models: string[] = [];
  let ms: number | null = null;
  let listed = false;
  const started = performance.now();
  try {
    const sent = await client.send({
      method: 'GET',
      path: flavour === 'ollama' ? '/api/tags' : '/v1/models',
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
    set('connect', true, `${where(url)} answers.`);
    set('tls', https ? true : null, https ? 'The TLS certificate is trusted.' : 'Plain http on this computer.');
    const status = sent.res.statusCode ?? 0;
    const body = (await client.readBody(sent, signal, 4 * 1024 * 1024)).toString('utf8');
    ms = Math.round(performance.now() - started);
    if (status === 401 || status === 403) {
      set(
        'auth',
        false,
        apiKey
          ? `The server did not accept the ${keyWord} API key (HTTP ${status}).`
          : `The server needs an API key (HTTP ${status}); none is stored.`,
      );
    } else if (status >= 200 && status < 300) {
      set('auth', true, apiKey ? 'The API key was accepted.' : 'The server did not ask for an API key.');
      let doc: unknown;
      try {
        doc = JSON.parse(body);
      } catch {
        doc = undefined;
      }
      const names = modelNames(doc);
      if (!names)
        set(
          'models',
          asr ? null : false,
          'The server did not list its models; is this an OpenAI-compatible (/v1) address?',
        );
      else {
        models = names;
        listed = true;
        set('models', true, `${names.length} model(s) listed.`);
        if (params.model) {
          const has = names.includes(params.model);
          set(
            'model',
            // A speech server may fetch a model on first use: the test transcription below decides.
            has ? true : asr ? null : false,
            has ? `The model ${params.model} is available.` : `The server does not list the model ${params.model}.`,
          );
        }
      }
    } else if (status === 404) {
      set('auth', null, 'Not checked.');
      set(
        'models',
        asr ? null : false,
        asr
          ? 'The server has no model list at this address (HTTP 404); transcription does not need one.'
          : 'The server has no model list at this address (HTTP 404); check the address (…/v1).',
      );
    } else {
      set('auth', null, 'Not checked.');
      set('models', false, `The server failed to list its models (HTTP ${status}).`);
    }
  } catch (err) {
    const e = err instanceof EngineError ? err : new EngineError('unavailable', 'The server could not be reached.');
    if (e.code === 'cancelled') throw e;
    if (e instanceof ServerNetworkError && e.stage === 'tls') {
      set('connect', true, `${where(url)} accepts connections.`);
      set('tls', false, e.message);
    } else if (e.code === 'loading' || e.code === 'rate-limited') {
      set('connect', true, `${where(url)} answers.`);
      set('tls', https ? true : null, https ? 'The TLS certificate is trusted.' : 'Plain http on this computer.');
      set('models', false, e.message);
    } else set('connect', false, e.message);
  } finally {
    client.close();
  }
  if (asr && params.model && !checks.some((c) => c.ok === false))
    await testTranscription(params.model, { ...connection, url: url.href }, set, signal);
  const failed = checks.find((c) => c.ok === false);
  const passed = (name: Check['name']) => checks.some((c) => c.name === name && c.ok);
  const ok = !failed && (asr && params.model ? passed('transcribe') : passed('models'));
  log.info('engines.server_test', { purpose, ok, checks: checks.length, ms: ms ?? -1 });
  return {
    ok,
    message: failed
      ? failed.detail
      : !ok
        ? "The server answers but lists no models; enter the speech model's name to test a transcription."
        : asr && params.model
          ? `Connected to ${where(url)}: ${params.model} transcribed a test clip.`
          : `Connected to ${where(url)}: ${models.length} model(s)` +
            (params.model && listed ? `, ${params.model} available.` : '.'),
    checks,
    models,
    keyStored: stored !== undefined,
    keyUsed: params.key ? 'given' : stored ? 'stored' : 'none',
    ms,
  };
}

/** The transcription call itself, on a second of silence: the endpoint, the key and the model in one request. */
async function testTranscription(
  model: string,
  connection: ServerConnectionOptions,
  set: (name: Check['name'], ok: boolean | null, detail: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const engine = new ServerAsrEngine({ ...connection, model });
  const started = performance.now();
  try {
    await engine.transcribe(new Int16Array(TEST_CLIP_SAMPLES), { language: 'en' }, signal);
    set(
      'transcribe',
      true,
      `The server transcribed a second of silence with ${model} (${Math.round(performance.now() - started)} ms).`,
    );
  } catch (err) {
    if (err instanceof AsrCancelledError) throw new EngineError('cancelled', 'Cancelled.');
    if (!(err instanceof EngineError)) throw err;
    set('transcribe', false, `The test transcription failed: ${err.message}`);
  } finally {
    await engine.close();
  }
}

/**
 * Why the policy refuses storing the clinic server's API key, in words; null when it may be stored. One key serves
 * both uses of the server, so it may be stored when the server is allowed for either:
 * - notes: the same gate as drafting with the server (allowedNoteEngines, and the note engine's address, when set, on
 *   IT's list);
 * - transcription: the policy has no engine rule for transcription, only the list of servers, so the transcription
 *   server in effect (its own address, else the note engine's) must be set and on IT's list (or on this computer),
 *   as at each transcription (core/engines/transcription.ts).
 */
export async function serverKeyRefusal(s: AsyncStore, policy: Policy): Promise<string | null> {
  const noteSettings = await readNoteEngine(s);
  const forNotes = policyRefusal('server', noteSettings, policy);
  if (!forNotes) return null;
  const asrUrl = await transcriptionServerUrl(s, await readTranscription(s));
  if (asrUrl && serverUrlAllowed(asrUrl, policy)) return null;
  if (!asrUrl)
    return `${forNotes} To store the key for transcription, set the transcription server's address first (Settings → Transcription).`;
  if (asrUrl === noteSettings.serverUrl && engineAllowed('server', policy))
    return 'Your organisation does not allow text or audio to be sent to this server (it is not one of the clinic inference servers set by IT).';
  return `${forNotes} ${NOT_ALLOWED_TRANSCRIPTION_URL.replace('this server', 'the transcription server')}`;
}

export function createServerEngineHandlers(deps: ServerEngineDeps): Pick<Handlers, ServerEngineMethod> {
  const store = () => {
    const s = deps.store();
    if (!s) throw new ApiError('locked', 'The encrypted store is locked.');
    return s;
  };
  const runTest = async (
    params: { url: string; model?: string | undefined; key?: string | undefined },
    signal: AbortSignal | undefined,
    purpose: ServerPurpose,
  ) => {
    try {
      return await testClinicServer(params, deps, signal, purpose);
    } catch (err) {
      if (err instanceof EngineError && err.code === 'cancelled') throw new ApiError('cancelled', 'Cancelled.');
      throw err;
    }
  };
  return {
    'engines.setServerKey': async ({ key }) => {
      const s = store();
      if (key !== null) {
        const refusal = await serverKeyRefusal(s, deps.policy());
        if (refusal) throw new ApiError('forbidden', refusal);
      }
      // The store audits the change by the setting's name only.
      await s.setSetting(SERVER_KEY_SETTING, key ?? '');
      return { keyStored: key !== null };
    },
    'engines.testServer': (params, ctx) => runTest(params, ctx.signal, 'notes'),
    'engines.testTranscriptionServer': (params, ctx) => runTest(params, ctx.signal, 'transcription'),
  };
}
