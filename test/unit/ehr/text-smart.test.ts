import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../../core/ehr/browser.js';
import { EhrError } from '../../../core/ehr/errors.js';
import { secureUrl } from '../../../core/ehr/http.js';
import {
  LoopbackRedirect,
  parseLaunchLink,
  pkceChallenge,
  pkcePair,
  requestedScopes,
  scopeAllows,
  scopeFor,
} from '../../../core/ehr/smart.js';
import { dropNarratives, escapeHtml, plainText } from '../../../core/ehr/text.js';

describe('plain text from untrusted strings', () => {
  it('removes tags, script and style content, comments and event handlers', () => {
    expect(plainText('<b>Pen</b>icillin<script>alert(1)</script>')).toBe('Pen icillin');
    expect(plainText('a<!-- x -->b <style>p{}</style>c')).toBe('a b c');
    expect(plainText('<img src=x onerror=alert(1)>hives')).toBe('hives');
  });
  it('decodes entities once and never lets decoded brackets become markup', () => {
    expect(plainText('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ok')).toBe('script alert(1) /script & ok');
    expect(plainText('caf&#233; &#x2764;')).toBe('café ❤');
  });
  it('drops control and bidi-override characters, collapses whitespace, caps length', () => {
    expect(plainText('a\u0000b\u202Ec\n\t d')).toBe('abc d');
    expect(plainText('x'.repeat(50), 10)).toBe('xxxxxxxxx…');
    expect(plainText(42)).toBe('');
  });
  it('escapes for HTML and drops narratives of resources and contained resources', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const r = dropNarratives({
      resourceType: 'Patient',
      text: { div: '<div>x</div>' },
      contained: [{ resourceType: 'Medication', text: { div: '<script/>' } }],
    });
    expect(JSON.stringify(r)).not.toContain('div');
  });
});

describe('SMART building blocks', () => {
  it('PKCE S256 matches the RFC 7636 appendix B example, and fresh verifiers are 43 url-safe characters', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const a = pkcePair();
    const b = pkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(pkceChallenge(a.verifier)).toBe(a.challenge);
  });

  it('asks only for the scopes it uses, in v1 or v2 syntax', () => {
    const v2 = requestedScopes('v2', false);
    expect(v2).toEqual([
      'launch/patient',
      'openid',
      'fhirUser',
      'offline_access',
      'patient/Patient.rs',
      'patient/AllergyIntolerance.rs',
      'patient/MedicationRequest.rs',
      'patient/MedicationStatement.rs',
      'patient/Condition.rs',
      'patient/Observation.rs',
      'patient/DocumentReference.c',
    ]);
    expect(requestedScopes('v1', true)).toContain('patient/DocumentReference.write');
    expect(requestedScopes('v1', true)[0]).toBe('launch');
    expect(scopeFor('Observation', 'read', 'v1')).toBe('patient/Observation.read');
  });

  it('reads granted scopes, wildcards included', () => {
    expect(scopeAllows('patient/Observation.rs', 'Observation', 'read')).toBe(true);
    expect(scopeAllows('patient/Observation.rs', 'Observation', 'create')).toBe(false);
    expect(scopeAllows('patient/*.read', 'Condition', 'read')).toBe(true);
    expect(scopeAllows('user/DocumentReference.cruds', 'DocumentReference', 'create')).toBe(true);
    expect(scopeAllows('patient/DocumentReference.write', 'DocumentReference', 'create')).toBe(true);
    expect(scopeAllows('patient/Patient.read openid', 'Observation', 'read')).toBe(false);
  });

  it('parses EHR launch links and refuses bad ones', () => {
    expect(parseLaunchLink('bedside://launch?iss=https%3A%2F%2Fehr.example%2Ffhir&launch=abc')).toEqual({
      iss: 'https://ehr.example/fhir',
      launch: 'abc',
    });
    expect(() => parseLaunchLink('https://x/?iss=a&launch=b')).toThrow(/bedside:\/\//);
    expect(() => parseLaunchLink('bedside://launch?iss=https%3A%2F%2Fehr.example')).toThrow(/both iss and launch/);
    expect(() => parseLaunchLink('bedside://launch?iss=http%3A%2F%2Fehr.example&launch=b')).toThrow(/https/);
  });

  it('requires https except on loopback', () => {
    expect(secureUrl('https://ehr.example/fhir', 'x').host).toBe('ehr.example');
    expect(secureUrl('http://127.0.0.1:8080/fhir', 'x').port).toBe('8080');
    expect(secureUrl('http://[::1]:8080/', 'x').hostname).toBe('[::1]');
    expect(() => secureUrl('http://ehr.example/fhir', 'x')).toThrow(EhrError);
    expect(() => secureUrl('http://127.0.0.1.evil.example/', 'x')).toThrow(/https/);
    expect(() => secureUrl('https://user:pw@ehr.example/', 'x')).toThrow(/user name/);
    expect(() => secureUrl('ftp://ehr.example/', 'x')).toThrow(/https/);
  });

  it('opens the system browser without a shell, only for http(s)', () => {
    expect(browserCommand('https://a.example/?x=1&y=2', 'linux')).toEqual(['xdg-open', ['https://a.example/?x=1&y=2']]);
    expect(browserCommand('https://a.example/', 'darwin')[0]).toBe('open');
    expect(browserCommand('https://a.example/', 'win32')).toEqual([
      'rundll32',
      ['url.dll,FileProtocolHandler', 'https://a.example/'],
    ]);
    expect(() => browserCommand('file:///etc/passwd')).toThrow(EhrError);
  });
});

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1, ignores requests without the right state, and takes the code', async () => {
    const l = await LoopbackRedirect.open();
    try {
      expect(l.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const waiting = l.waitForCode('s1', 5000);
      const wrong = await fetch(`${l.redirectUri}?code=evil&state=other`);
      expect(wrong.status).toBe(400);
      const other = await fetch(l.redirectUri.replace('/callback', '/x') + '?code=c&state=s1');
      expect(other.status).toBe(400);
      const ok = await fetch(`${l.redirectUri}?code=good&state=s1`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await waiting).toBe('good');
    } finally {
      await l.close();
    }
  });

  it('rejects when the EHR says the user refused, and times out', async () => {
    const l = await LoopbackRedirect.open();
    try {
      const waiting = l.waitForCode('s2', 5000);
      waiting.catch(() => undefined);
      await fetch(`${l.redirectUri}?error=access_denied&state=s2`);
      await expect(waiting).rejects.toMatchObject({
        kind: 'reauthorize',
        message: expect.stringMatching(/access_denied/),
      });
      await expect(l.waitForCode('s3', 50)).rejects.toMatchObject({ kind: 'reauthorize' });
    } finally {
      await l.close();
    }
  });
});
