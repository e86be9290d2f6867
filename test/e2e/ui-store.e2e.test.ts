/**
 * The clinician flow with the real encrypted store behind the dev host (`bedside db init` in a temp folder, then
 * `bedside serve --data-dir`): unlock from the UI → new encounter with consent → paste an ACI-BENCH transcript →
 * draft → dismiss a hint with a reason → sign-off → copy. The store is then read back over the API: the encounter
 * is signed, consent recorded, the hint decision stored.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseCsvObjects } from '../../core/clinical/csv.js';
import { launchChromium } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/devhost-process.js';

const PASSPHRASE = 'correct horse battery staple';

/** One API call over the dev host's WebSocket, as the UI makes it. */
async function call(host: ServeProcess, method: string, params: unknown): Promise<unknown> {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${host.token}`);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  ws.send(JSON.stringify({ id: 1, method, params }));
  const reply = await new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((r) =>
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { id?: number; reply?: { ok: boolean } };
      if (m.id === 1) r(m.reply!);
    }),
  );
  ws.close();
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result;
}

describe('clinician flow saved in the encrypted store', () => {
  let dir: string;
  let host: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bedside-ui-store-'));
    execFileSync(process.execPath, ['bin/bedside.mjs', 'db', 'init', '--data-dir', dir], {
      env: { ...process.env, BEDSIDE_PASSPHRASE: PASSPHRASE },
      stdio: 'ignore',
    });
    host = await startServe(['--data-dir', dir]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    // `bedside serve` does not exit on SIGTERM while its store is unlocked (the store worker keeps it alive), so
    // lock it first, as auto-lock would.
    if (host) await call(host, 'store.lock', {}).catch(() => undefined);
    await host?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('unlocks, records the visit, and the store holds consent, the signed note and the hint decision', async () => {
    const transcript = parseCsvObjects(readFileSync(resolve('../shared/data/aci-bench/valid.csv'), 'utf8')).find(
      (r) => r.encounter_id === 'D2N068',
    )!.dialogue!;
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Unlock the store' }).click({ timeout: 15_000 });
    await page.getByLabel('Passphrase').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: 'test-results/ui/store-unlocked-420.png' });

    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Store patient');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByLabel('Or paste the visit transcript').fill(transcript);
    await page.getByRole('button', { name: 'Draft the note' }).click();
    await page.getByRole('heading', { name: 'CHIEF COMPLAINT' }).waitFor({ timeout: 20_000 });

    await page.getByRole('tab', { name: /Hints/ }).click();
    const first = page.getByTestId('hint').first();
    await first.waitFor({ timeout: 20_000 });
    await first.getByRole('button', { name: 'Dismiss…' }).click();
    await first.getByLabel('Reason for dismissing').selectOption('not-relevant');
    await first.getByRole('button', { name: 'Dismiss hint' }).click();

    await page.getByRole('tab', { name: 'Note' }).click();
    await page.getByLabel('I have reviewed this draft').check();
    await page.getByRole('button', { name: 'Sign off' }).click();
    await page.getByRole('button', { name: 'Copy note' }).click();
    await page.getByText(/The whole note was copied/).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0); // no "Not saved" message

    type Summary = { id: number; patientLabel: string; status: string; consent: boolean; signed: boolean };
    let mine: Summary | undefined;
    await expect
      .poll(
        async () => {
          const list = (await call(host, 'encounters.list', {})) as Summary[];
          mine = list.find((e) => e.patientLabel === 'Store patient');
          return mine?.status;
        },
        { timeout: 15_000 },
      )
      .toBe('signed');
    expect(mine).toMatchObject({ consent: true, signed: true });
    const detail = (await call(host, 'encounters.get', { id: mine!.id })) as {
      notes: { kind: string }[];
      transcript: unknown[];
      hints: { status: string; dismissReason: string | null }[];
    };
    expect(detail.notes.some((n) => n.kind === 'signed')).toBe(true);
    expect(detail.transcript.length).toBeGreaterThan(50); // the turns the note's evidence points to
    expect(detail.hints.some((h) => h.status === 'dismissed' && /not-relevant/.test(h.dismissReason ?? ''))).toBe(true);
  });
});
