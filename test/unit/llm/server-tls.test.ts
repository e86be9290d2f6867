/**
 * TLS to the clinic server: a throw-away CA made with openssl at test time (no key is committed). With the
 * organisation's CA the server is trusted; without it the connection is refused in words; a certificate for another
 * host name is refused too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, type GenerateRequest } from '../../../core/engines/types.js';
import { createServerGenerator } from '../../../models/llm/server.js';
import { haveOpenssl, makeTestCa, startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';

const request: GenerateRequest = { messages: [{ role: 'user', content: 'hi' }], maxTokens: 8, temperature: 0 };

describe.skipIf(!haveOpenssl())('TLS with an organisation CA', () => {
  let server: OpenAiTestServer;
  let caPem: string;
  beforeAll(async () => {
    const ca = makeTestCa();
    caPem = ca.caPem;
    server = await startOpenAiServer({ tls: { key: ca.key, cert: ca.cert }, defaultPieces: ['secure'] });
  });
  afterAll(() => server.close());

  it('streams over https when the CA is given', async () => {
    const g = createServerGenerator({ url: server.url, model: 'm', caPem });
    expect(server.url).toMatch(/^https:\/\/localhost:/);
    expect((await g.generate(request)).text).toBe('secure');
    await g.close();
  });

  it('without the CA: refused in words, nothing sent', async () => {
    const before = server.requests.length;
    const g = createServerGenerator({ url: server.url, model: 'm' });
    const err = await g.generate(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('unavailable');
    expect((err as EngineError).message).toMatch(
      /TLS certificate of localhost:\d+ is not signed by an authority this computer trusts.*inferenceCaFile/,
    );
    expect(server.requests.length).toBe(before);
    await g.close();
  });

  it('a certificate for another host name is refused in words', async () => {
    // The same server by IP address: the certificate names only localhost.
    const port = new URL(server.url).port;
    const g = createServerGenerator({ url: `https://127.0.0.1:${port}`, model: 'm', caPem });
    const err = await g.generate(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toMatch(/issued for a different host name; use the name on the certificate/);
    await g.close();
  });
});
