/**
 * The clinic-server generator (models/llm/server.ts) against the loopback OpenAI-compatible test server: SSE and
 * NDJSON streams (split anywhere, CRLF, comments, malformed lines), json_schema and its fallback, 401/403/429/503,
 * timeouts (connect is not testable on loopback; headers and stall are), cancel closing the socket, and URLs refused
 * before any socket is opened.
 */
import http from 'node:http';
import { Duplex } from 'node:stream';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError, type GenerateRequest, type TextGenerator } from '../../../core/engines/types.js';
import { checkServerUrl, endpointUrl, isLoopbackHost, retryAfterMs } from '../../../models/llm/http.js';
import { createServerGenerator, type ServerGeneratorOptions } from '../../../models/llm/server.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';

const PHI = 'Jane Roe MRN 123456 chest pain';
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'Write the note.' },
    { role: 'user', content: PHI },
  ],
  maxTokens: 256,
  temperature: 0,
  ...over,
});

async function engineError(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    const e = err as EngineError;
    expect(e.message).not.toContain('Jane');
    expect(e.message).not.toContain('123456');
    expect(e.message).not.toContain('secret-key');
    return e;
  }
  throw new Error('expected an EngineError');
}

let server: OpenAiTestServer;
const generators: TextGenerator[] = [];
const sleeps: number[] = [];
const gen = (over: Partial<ServerGeneratorOptions> = {}) => {
  const g = createServerGenerator({
    url: server.url,
    model: 'test-model',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  });
  generators.push(g);
  return g;
};

beforeEach(async () => {
  sleeps.length = 0;
  server = await startOpenAiServer({ apiKey: 'secret-key' });
});
afterEach(async () => {
  for (const g of generators.splice(0)) await g.close();
  await server.close();
});

describe('streaming', () => {
  it('streams SSE tokens in order and sends the OpenAI request with the key and schema', async () => {
    const pieces = ['{"sections":', ' [{"id":"hpi",', ' "sentences":[]}]}'];
    server.script({ kind: 'sse', pieces, usage: 7 });
    const tokens: string[] = [];
    const schema = { type: 'object', properties: { sections: { type: 'array' } } };
    const r = await gen({ apiKey: 'secret-key' }).generate(
      request({ jsonSchema: schema, onToken: (t) => tokens.push(t) }),
    );
    expect(tokens).toEqual(pieces);
    expect(r).toMatchObject({ text: pieces.join(''), tokens: 7, finish: 'stop' });
    expect(r.ms).toBeGreaterThanOrEqual(0);
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer secret-key');
    expect(sent.json).toMatchObject({
      model: 'test-model',
      stream: true,
      max_tokens: 256,
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { schema } },
    });
  });

  it('reads a stream written one byte at a time (mid-token, mid-UTF-8), with CRLF, comments and [DONE]', async () => {
    const pieces = ['Patient', ' took 5 mg', ' — naïve 👩‍⚕️', ' “ok”'];
    server.script({ kind: 'sse', pieces, chunk: 1, crlf: true, comments: true, finish: 'length' });
    const tokens: string[] = [];
    const r = await gen({ apiKey: 'secret-key' }).generate(request({ onToken: (t) => tokens.push(t) }));
    expect(tokens).toEqual(pieces);
    expect(r).toMatchObject({ text: pieces.join(''), tokens: 4, finish: 'length' });
  });

  it('skips a few malformed lines; fails in words when the stream is not JSON at all', async () => {
    server.script({ kind: 'sse', pieces: ['a', 'b'], malformed: 2 });
    expect((await gen({ apiKey: 'secret-key' }).generate(request())).text).toBe('ab');
    server.script({ kind: 'sse', pieces: ['a'], malformed: 20 });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e.code).toBe('bad-output');
    expect(e.message).toMatch(/not JSON; is this an OpenAI-compatible endpoint/);
  });

  it("reads Ollama's native NDJSON stream (/api/chat), split anywhere, with the schema as format", async () => {
    const pieces = ['Hé', 'llo ', '😀'];
    server.script({ kind: 'ndjson', pieces, chunk: 3, evalCount: 3, malformed: 1 });
    const tokens: string[] = [];
    const schema = { type: 'object' };
    const r = await gen({ apiKey: 'secret-key', url: `${server.url}/api` }).generate(
      request({ jsonSchema: schema, onToken: (t) => tokens.push(t) }),
    );
    expect(tokens).toEqual(pieces);
    expect(r).toMatchObject({ text: 'Héllo 😀', tokens: 3, finish: 'stop' });
    expect(server.requests[0]!.path).toBe('/api/chat');
    expect(server.requests[0]!.json).toMatchObject({ format: schema, options: { num_predict: 256, temperature: 0 } });
  });

  it('accepts a server that ignores stream:true and answers with one JSON document', async () => {
    server.script({
      kind: 'json',
      body: { choices: [{ message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }] },
    });
    expect(await gen({ apiKey: 'secret-key' }).generate(request())).toMatchObject({ text: 'whole', finish: 'stop' });
  });

  it('reports a stream cut off before the end (no [DONE], no finish) as unavailable', async () => {
    server.script({ kind: 'cut', pieces: ['half'] });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/closed the connection|before it was complete/);
  });

  it('reports a web page (wrong URL) in words', async () => {
    server.script({ kind: 'status', status: 200, headers: { 'content-type': 'text/html' }, body: '<html></html>' });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e).toMatchObject({ code: 'bad-output' });
    expect(e.message).toMatch(/web page/);
  });
});

describe('json_schema fallback', () => {
  it('asks again without response_format when the server rejects it, and remembers', async () => {
    server.script(
      {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ error: { message: `Unknown field response_format; input: ${PHI}` } }),
      },
      { kind: 'sse', pieces: ['{"ok":true}'] },
      { kind: 'sse', pieces: ['{"ok":2}'] },
    );
    const g = gen({ apiKey: 'secret-key' });
    const r = await g.generate(request({ jsonSchema: { type: 'object' } }));
    expect(r.text).toBe('{"ok":true}');
    expect(server.requests.map((q) => 'response_format' in (q.json ?? {}))).toEqual([true, false]);
    await g.generate(request({ jsonSchema: { type: 'object' } }));
    expect('response_format' in server.requests[2]!.json!).toBe(false);
  });

  it('drops stream_options for a server that does not know it', async () => {
    server.script(
      { kind: 'status', status: 400, body: '{"error":{"message":"Extra inputs are not permitted: stream_options"}}' },
      { kind: 'sse', pieces: ['fine'] },
    );
    expect((await gen({ apiKey: 'secret-key' }).generate(request())).text).toBe('fine');
    expect(server.requests.map((q) => 'stream_options' in (q.json ?? {}))).toEqual([true, false]);
  });

  it('a 400 for another reason is reported in words without the server text (it may echo patient text)', async () => {
    server.script({ kind: 'status', status: 400, body: JSON.stringify({ error: { message: `bad value ${PHI}` } }) });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e.message).toMatch(/refused the request \(HTTP 400\)/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('HTTP statuses', () => {
  it('401 without or with a wrong key', async () => {
    const e = await engineError(gen().generate(request()));
    expect(e.code).toBe('unauthorized');
    expect(e.message).toMatch(/did not accept the API key \(HTTP 401\)/);
    const e2 = await engineError(gen({ apiKey: 'wrong' }).generate(request()));
    expect(e2.code).toBe('unauthorized');
  });

  it('403 in words', async () => {
    server.script({ kind: 'status', status: 403 });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/does not allow this key or computer to use the model "test-model"/);
  });

  it('429: waits for a short Retry-After, reports a long one', async () => {
    server.script({ kind: 'status', status: 429, headers: { 'retry-after': '2' } }, { kind: 'sse', pieces: ['ok'] });
    expect((await gen({ apiKey: 'secret-key' }).generate(request())).text).toBe('ok');
    expect(sleeps).toEqual([2000]);
    server.script({ kind: 'status', status: 429, headers: { 'retry-after': '600' } });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e.code).toBe('rate-limited');
    expect(e.message).toMatch(/asks to wait 600 s/);
    expect(sleeps).toEqual([2000]);
  });

  it('429 again and again: gives up after two waits', async () => {
    const limited = { kind: 'status', status: 429, headers: { 'retry-after': '1' } } as const;
    server.script(limited, limited, limited, { kind: 'sse', pieces: ['never'] });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e.code).toBe('rate-limited');
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('503 while the model loads: retried with growing backoff until ready', async () => {
    const loading = { kind: 'status', status: 503, body: '{"error":"Loading model"}' } as const;
    server.script(loading, loading, loading, { kind: 'sse', pieces: ['ready'] });
    expect((await gen({ apiKey: 'secret-key' }).generate(request())).text).toBe('ready');
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('503 for longer than the bound: loading, in words', async () => {
    const loading = { kind: 'status', status: 503 } as const;
    server.script(loading, loading, loading, loading, loading);
    const e = await engineError(gen({ apiKey: 'secret-key', maxLoadingWaitMs: 5000 }).generate(request()));
    expect(e.code).toBe('loading');
    expect(e.message).toMatch(/still loading the model or is busy \(HTTP 503/);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('404 for an unknown model, and an error object in the middle of a stream', async () => {
    server.script({ kind: 'status', status: 404, body: '{"error":{"message":"The model `x` does not exist."}}' });
    const e = await engineError(gen({ apiKey: 'secret-key' }).generate(request()));
    expect(e).toMatchObject({ code: 'unavailable' });
    expect(e.message).toMatch(/has no model "test-model"/);
  });
});

describe('timeouts and cancel', () => {
  it('a connection that never opens: connect timeout in words', async () => {
    // A socket that stays "connecting" for ever (what a dropped SYN looks like), so no real network is needed.
    const agent = new http.Agent();
    let destroyed = false;
    agent.createConnection = (() => {
      const socket = new Duplex({
        read() {},
        write(_chunk, _enc, cb) {
          cb();
        },
        destroy(_err, cb) {
          destroyed = true;
          cb(null);
        },
      });
      return Object.assign(socket, { connecting: true, setNoDelay() {}, setKeepAlive() {}, setTimeout() {} });
    }) as unknown as typeof agent.createConnection;
    const e = await engineError(
      createServerGenerator({ url: server.url, model: 'm', agent, connectTimeoutMs: 300 }).generate(request()),
    );
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/^Could not connect to the clinic server at 127\.0\.0\.1:\d+ within 300 ms\.$/);
    expect(destroyed).toBe(true);
    agent.destroy();
  });

  it('headers that never come: timeout in words, and the connection is closed', async () => {
    server.script({ kind: 'no-headers' });
    const closed = once(server, 'client-closed');
    const e = await engineError(gen({ apiKey: 'secret-key', timeoutMs: 500 }).generate(request()));
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/did not answer within 500 ms/);
    await closed;
  });

  it('a stream that stalls mid-answer: timeout after stallMs, tokens so far were streamed', async () => {
    server.script({ kind: 'stall', pieces: ['first', ' second'] });
    const tokens: string[] = [];
    const closed = once(server, 'client-closed');
    const e = await engineError(
      gen({ apiKey: 'secret-key', stallMs: 500 }).generate(request({ onToken: (t) => tokens.push(t) })),
    );
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/stopped sending for 500 ms in the middle of an answer/);
    expect(tokens).toEqual(['first', ' second']);
    await closed;
  });

  it('cancel mid-stream rejects with cancelled and closes the socket', async () => {
    server.script({ kind: 'stall', pieces: ['one'] });
    const ac = new AbortController();
    const closed = once(server, 'client-closed');
    const p = gen({ apiKey: 'secret-key' }).generate(
      request({
        signal: ac.signal,
        onToken: () => ac.abort(),
      }),
    );
    const e = await engineError(p);
    expect(e.code).toBe('cancelled');
    await closed;
  });

  it('cancel before the answer starts, and an already aborted signal', async () => {
    server.script({ kind: 'no-headers' });
    const ac = new AbortController();
    const streaming = once(server, 'streaming');
    const closed = once(server, 'client-closed');
    const p = gen({ apiKey: 'secret-key' }).generate(request({ signal: ac.signal }));
    await streaming;
    ac.abort();
    expect((await engineError(p)).code).toBe('cancelled');
    await closed;
    const before = server.requests.length;
    expect((await engineError(gen().generate(request({ signal: AbortSignal.abort() })))).code).toBe('cancelled');
    expect(server.requests.length).toBe(before);
  });

  it('a closed server: unavailable in words', async () => {
    const url = server.url;
    await server.close();
    server = await startOpenAiServer();
    const e = await engineError(createServerGenerator({ url, model: 'm' }).generate(request()));
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/connection refused/);
  });

  it('close() is safe twice and refuses later calls', async () => {
    const g = gen({ apiKey: 'secret-key' });
    await g.close();
    await g.close();
    expect((await engineError(g.generate(request()))).code).toBe('unavailable');
  });
});

describe('URLs', () => {
  it('plain http off loopback is refused before any socket is opened', async () => {
    let sockets = 0;
    const agent = new http.Agent();
    const original = agent.createConnection.bind(agent);
    agent.createConnection = ((...args: Parameters<typeof original>) => {
      sockets++;
      return original(...args);
    }) as typeof agent.createConnection;
    for (const url of ['http://10.1.2.3:8000', 'http://inference.clinic.example/v1', 'http://127.0.0.1.evil.example']) {
      let err: unknown;
      try {
        createServerGenerator({ url, model: 'm', agent });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('refused-url');
      expect((err as EngineError).message).toMatch(/over plain http: a clinic server must use https/);
    }
    expect(sockets).toBe(0);
    agent.destroy();
  });

  it('refuses other schemes, credentials and queries in words; accepts loopback http', () => {
    expect(() => checkServerUrl('ftp://x')).toThrow(/must start with https:\/\//);
    expect(() => checkServerUrl('https://u:p@host')).toThrow(/must not contain a user name or password/);
    expect(() => checkServerUrl('https://host/v1?key=1')).toThrow(/query/);
    expect(() => checkServerUrl('not a url')).toThrow(/not a valid URL/);
    for (const ok of ['http://localhost:1', 'http://127.9.9.9:1', 'http://[::1]:1', 'https://anything.example'])
      expect(checkServerUrl(ok)).toBeInstanceOf(URL);
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.255.0.3', '[::1]', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.1', 'localhost.evil.example', '128.0.0.1', '::2', 'example.com', '0.0.0.0'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('joins base URLs with and without /v1 or /api', () => {
    const j = (b: string, p: string) => endpointUrl(new URL(b), p).href;
    expect(j('https://h:8000', '/v1/models')).toBe('https://h:8000/v1/models');
    expect(j('https://h:8000/v1/', '/v1/models')).toBe('https://h:8000/v1/models');
    expect(j('https://h/openai/v1', '/v1/chat/completions')).toBe('https://h/openai/v1/chat/completions');
    expect(j('http://localhost:11434/api', '/api/chat')).toBe('http://localhost:11434/api/chat');
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
