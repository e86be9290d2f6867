/**
 * The dev host's bind check and the EHR client's http-on-loopback rule use the one loopback rule
 * (core/platform/loopback.ts): the same answers, the same refusals, and the dev host still binds the name localhost
 * to 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost as devhostLoopback, NotLoopbackError } from '../../../core/devhost/server.js';
import { EhrError } from '../../../core/ehr/errors.js';
import { secureUrl } from '../../../core/ehr/http.js';
import { isLoopbackHost } from '../../../core/platform/loopback.js';
import { useDevHost } from '../../helpers/devhost.js';

const startHost = useDevHost();

describe('one loopback rule for the dev host and the EHR client', () => {
  it('the dev host answers with the platform rule itself', () => {
    expect(devhostLoopback).toBe(isLoopbackHost);
  });

  it('the EHR client lets plain http through on every loopback spelling and nowhere else', () => {
    for (const u of [
      'http://127.0.0.1:8080/fhir',
      'http://127.9.9.9/fhir',
      'http://[::1]:8080/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://LOCALHOST:8080/',
      'http://localhost.:8080/',
      'http://[::ffff:127.0.0.1]/',
    ])
      expect(secureUrl(u, 'x').protocol, u).toBe('http:');
    for (const u of [
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.com/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://10.0.0.1/',
    ])
      expect(() => secureUrl(u, 'x'), u).toThrow(EhrError);
  });

  it('the dev host binds localhost as 127.0.0.1 and refuses what is not loopback', async () => {
    const host = await startHost({ host: 'localhost', port: 0 });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    for (const h of ['0.0.0.0', '127.0.0.1.evil.example', 'localhost.evil.com'])
      await expect(startHost({ host: h })).rejects.toBeInstanceOf(NotLoopbackError);
  });
});
