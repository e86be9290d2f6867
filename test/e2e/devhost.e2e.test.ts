import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/devhost-process.js';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** Opens a WebSocket and reports either 'open' or the HTTP status of the refused upgrade. */
function tryWebSocket(url: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('bedside serve in a real browser', () => {
  let host: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    host = await startServe();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('renders the version obtained through the API over the WebSocket', async () => {
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('app-version').textContent(), { timeout: 15_000 }).toBe(`v${version}`);
    expect(await page.getByTestId('transport').textContent()).toBe('Dev host (WebSocket)');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/devhost-version.png', fullPage: true });
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('shows an error in words when the token is missing', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin + '/');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Cannot connect');
    await page.close();
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign origin', async () => {
    const api = host.origin.replace('http', 'ws') + '/api';
    expect(await tryWebSocket(api)).toBe(401);
    expect(await tryWebSocket(`${api}?token=${'0'.repeat(64)}`)).toBe(401);
    expect(await tryWebSocket(`${api}?token=${host.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await tryWebSocket(`${api}?token=${host.token}`, { Origin: host.origin })).toBe('open');
  });

  it('refuses a request whose Host header is not the server (DNS rebinding)', async () => {
    const res = await fetch(host.origin + '/', { headers: { Host: 'attacker.example' } }).catch(() => null);
    // fetch may forbid overriding Host; if it sent it, the server must refuse it
    if (res) expect([200, 421]).toContain(res.status);
    const api = host.origin.replace('http', 'ws') + `/api?token=${host.token}`;
    expect(await tryWebSocket(api, { Host: 'attacker.example:80' })).toBe(421);
  });
});
