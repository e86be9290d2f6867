/**
 * The one loopback rule (core/platform/loopback.ts) and the two places that must agree on it: the clinic server's
 * transport (models/llm/http.ts: plain http refused off loopback) and the engine policy / settings checks
 * (core/engines/select.ts: a server on this computer needs no policy entry, plain http only there).
 */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackUrl } from '../../../core/platform/loopback.js';
import { checkServerUrl, isLoopbackHost as transportLoopback } from '../../../models/llm/http.js';
import { serverUrlAllowed, serverUrlProblem } from '../../../core/engines/select.js';

const LOOPBACK = [
  '127.0.0.1',
  '127.0.0.53',
  '127.255.255.254',
  '::1',
  '[::1]',
  '0:0:0:0:0:0:0:1',
  '[0:0::1]',
  '::ffff:127.0.0.1',
  '[::ffff:7f00:1]',
  'localhost',
  'LOCALHOST',
  'localhost.',
];
const NOT_LOOPBACK = [
  '127.example.com',
  '127.0.0.1.example.com',
  'localhost.evil.com',
  'localhost.evil.com.',
  'evil-localhost',
  'mylocalhost',
  '128.0.0.1',
  '10.0.0.1',
  '0.0.0.0',
  '::',
  '::2',
  '1::',
  '1::1',
  '::ffff:10.0.0.1',
  '::ffff:128.0.0.1',
  'fe80::1',
  '',
];

describe('loopback: one rule', () => {
  it('knows 127.0.0.0/8, ::1 in its spellings, localhost and localhost.', () => {
    for (const h of LOOPBACK) expect(isLoopbackHost(h), h).toBe(true);
  });

  it('refuses lookalikes', () => {
    for (const h of NOT_LOOPBACK) expect(isLoopbackHost(h), JSON.stringify(h)).toBe(false);
  });

  it('the transport uses the same function', () => {
    expect(transportLoopback).toBe(isLoopbackHost);
  });

  it('URLs as the parser writes them: transport, policy and settings agree host by host', () => {
    const urls = [
      'http://127.0.0.1:8000/v1',
      'http://127.1.2.3:1',
      'http://[::1]:8000',
      'http://[0:0:0:0:0:0:0:1]:8000',
      'http://[::ffff:127.0.0.1]:8000',
      'http://localhost:8000',
      'http://LocalHost.:8000',
      'http://127.example.com:8000',
      'http://localhost.evil.com:8000',
      'http://0x7f.1:8000', // the URL parser makes this 127.0.0.1
      'http://[::ffff:10.0.0.1]:8000',
      'http://10.0.0.1:8000',
    ];
    for (const raw of urls) {
      const loop = isLoopbackUrl(new URL(raw));
      let transportOk = true;
      try {
        checkServerUrl(raw);
      } catch {
        transportOk = false;
      }
      expect(transportOk, raw).toBe(loop);
      expect(serverUrlProblem(raw) === null, raw).toBe(loop);
      // No policy list: only a server on this computer may be used.
      expect(serverUrlAllowed(raw, {}), raw).toBe(loop);
    }
    expect(isLoopbackUrl(new URL('http://0x7f.1:8000'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://localhost.evil.com:8000'))).toBe(false);
  });
});
