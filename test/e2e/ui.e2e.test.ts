/**
 * The clinician's main flow in real Chromium against `bedside serve` with the real core services (transcript parser,
 * note drafter, hints engine): paste an ACI-BENCH transcript → draft → evidence highlighting → dismiss a hint with a
 * reason → sign-off → copy (the clipboard is read back). axe-core checks every screen; screenshots of every screen at
 * 420×900 (docked panel) and 1280×800 (expanded) go to test-results/ui/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseCsvObjects } from '../../core/clinical/csv.js';
import { launchChromium } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/devhost-process.js';
import { apiCall, axeViolations, useUiHost } from '../helpers/e2e.js';
import { continueWithoutStore } from '../helpers/first-run.js';

const ACI = resolve('..', 'shared', 'data', 'aci-bench', 'valid.csv');
const OUT = 'test-results/ui';
// Evaluated in the page (strings: this file is typechecked without the DOM library).
const READ_TEXT = 'navigator.clipboard.readText()';
const READ_HTML = `navigator.clipboard.read().then(async (items) => {
  const item = items.find((i) => i.types.includes('text/html'));
  return item ? await (await item.getType('text/html')).text() : '';
})`;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: false });
}

describe('clinician flow in a real browser', () => {
  let host: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let transcript: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const rows = parseCsvObjects(readFileSync(ACI, 'utf8'));
    transcript = rows.find((r) => r.encounter_id === 'D2N068')!.dialogue!;
    host = await startServe();
    browser = await launchChromium();
    // bypassCSP only so axe-core can be evaluated in the page; the CSP itself is checked by devhost.e2e.test.ts.
    context = await browser.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.stop();
  });

  it('opens on today’s encounters', async () => {
    await page.goto(host.url);
    await continueWithoutStore(page); // no store in this data folder: first run (issue 17)
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'encounters-420');
    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Test patient A');
    await page.getByLabel('MRN (optional)').fill('000123');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'new-encounter-420');
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByText('Consent to record confirmed').waitFor();
  });

  it('drafts the note from a pasted ACI-BENCH transcript', async () => {
    await page.getByLabel('Or paste the visit transcript').fill(transcript);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'transcript-paste-420');
    await page.getByRole('button', { name: 'Draft the note' }).click();
    await page.getByRole('heading', { name: 'CHIEF COMPLAINT' }).waitFor({ timeout: 20_000 });
    for (const title of ['HISTORY OF PRESENT ILLNESS', 'ASSESSMENT AND PLAN'])
      await expect.poll(() => page.getByRole('heading', { name: title }).count()).toBe(1);
    expect(await page.getByTestId('sentence').count()).toBeGreaterThan(5);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'note-420');
  });

  it('highlights the evidence of a sentence, and the sentences a turn supports', async () => {
    const sentence = page.getByTestId('sentence').first();
    await sentence.click();
    await expect.poll(() => sentence.getAttribute('aria-pressed')).toBe('true');
    const quotes = page.getByTestId('evidence-quote');
    expect(await quotes.count()).toBeGreaterThan(0);
    const quoted = (await quotes.first().textContent())!.replace(/[“”]/g, '');
    await shot(page, 'note-evidence-420');
    await page.getByRole('button', { name: 'Show in transcript' }).click();
    const lit = page.locator('[data-testid="turn"][data-highlighted="true"]');
    await expect.poll(() => lit.count()).toBeGreaterThan(0);
    expect(await lit.first().textContent()).toContain(quoted.slice(0, 40));
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'transcript-evidence-420');
    // and back: a turn highlights the sentences it supports
    await lit.first().click();
    await page.getByText(/Supports \d+ sentences? in the note/).waitFor();
    expect(await page.getByLabel('Speaker').inputValue()).toMatch(/doctor|patient|other|unknown/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'transcript-turn-420');
    await page.getByRole('button', { name: 'Show in note' }).click();
    await expect
      .poll(() => page.locator('[data-testid="sentence"][data-highlighted="true"]').count())
      .toBeGreaterThan(0);
  });

  it('dismisses a hint with a reason', async () => {
    await page.getByRole('tab', { name: /Hints/ }).click();
    const hints = page.getByTestId('hint');
    await expect.poll(() => hints.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await hints.count();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'hints-420');
    const first = hints.first();
    const title = await first.getByRole('heading').textContent();
    await first.getByRole('button', { name: 'Dismiss…' }).click();
    expect(await first.getByRole('button', { name: 'Dismiss hint' }).isDisabled()).toBe(true);
    await first.getByLabel('Reason for dismissing').selectOption('already-addressed');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'hint-dismiss-420');
    await first.getByRole('button', { name: 'Dismiss hint' }).click();
    await page.getByText('Decided (1)').click();
    const decided = page.getByRole('list', { name: 'Decided hints' }).getByTestId('hint');
    expect(await decided.count()).toBe(1);
    expect(await decided.getByRole('heading').textContent()).toBe(title);
    expect(await decided.textContent()).toContain('Dismissed: Already addressed or documented');
    expect(await page.getByRole('list', { name: 'Open hints' }).getByTestId('hint').count()).toBe(before - 1);
  });

  it('requires sign-off before copying, then copies the note and a section to the clipboard', async () => {
    await page.getByRole('tab', { name: 'Note' }).click();
    const copyNote = page.getByRole('button', { name: 'Copy note' });
    expect(await copyNote.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign off' }).isDisabled()).toBe(true);
    await page.getByLabel('I have reviewed this draft').check();
    await page.getByRole('button', { name: 'Sign off' }).click();
    await page.getByText(/Signed off at/).waitFor();
    await copyNote.click();
    await page.getByText(/The whole note was copied/).waitFor();
    const text = await page.evaluate<string>(READ_TEXT);
    expect(text).toMatch(/^CHIEF COMPLAINT\n/);
    expect(text).toContain('\n\nHISTORY OF PRESENT ILLNESS\n');
    const html = await page.evaluate<string>(READ_HTML);
    expect(html).toContain('<h3>CHIEF COMPLAINT</h3>');
    // One section's Copy puts its body without the heading (issue 17).
    await page.getByRole('button', { name: 'Copy ASSESSMENT AND PLAN' }).click();
    await page.getByText(/ASSESSMENT AND PLAN was copied without its heading/).waitFor();
    expect(await page.evaluate<string>(READ_TEXT)).toBe(text.split('\nASSESSMENT AND PLAN\n')[1]!.split('\n\n')[0]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('region', { name: 'Sign-off and copy' }).scrollIntoViewIfNeeded();
    await shot(page, 'signed-420');
    // an edit after sign-off withdraws it
    await page.getByRole('button', { name: 'Edit CHIEF COMPLAINT' }).click();
    await page.getByLabel('CHIEF COMPLAINT text').fill('Follow-up of chronic problems; edited.');
    await page.getByRole('button', { name: 'Done editing CHIEF COMPLAINT' }).click();
    await page.getByText('The note changed after you signed it off').waitFor();
    expect(await copyNote.isDisabled()).toBe(true);
  });

  it('expanded layout and settings at 1280×800, and the dark theme', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Expand' }).click();
    await page.getByTestId('sentence').nth(2).click();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'encounter-expanded-1280');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Note templates' }).waitFor();
    // No desktop shell here: global hotkeys are said to be the desktop app's.
    expect(await page.getByTestId('hotkeys-desktop-only').textContent()).toMatch(/work in the desktop app/);
    // The store is locked in this run: always on top explains where it is kept instead of pretending to work.
    const onTop = page.getByRole('button', { name: 'Always on top' });
    expect(await onTop.getAttribute('aria-pressed')).toBe('false');
    await onTop.click();
    await page.getByRole('status').filter({ hasText: 'Always on top is saved in the encrypted store' }).waitFor();
    expect(await onTop.getAttribute('aria-pressed')).toBe('false');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'settings-1280');
    await page.getByRole('button', { name: 'Dock' }).click();
    await page.setViewportSize({ width: 420, height: 900 });
    await shot(page, 'settings-420');
    await page.getByRole('button', { name: 'Encounters' }).click();
    await page.getByRole('button', { name: '← Encounters' }).click();
    await page.getByText('Test patient A').waitFor();
    await shot(page, 'encounters-list-420');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'encounters-list-dark-420');
    await page.getByText('Test patient A').click();
    await page.getByRole('tab', { name: 'Note' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'note-dark-420');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Expand' }).click();
    await shot(page, 'encounter-expanded-dark-1280');
  });
});

describe('shell-facing settings over an unlocked store (browser dev host)', () => {
  const PASSPHRASE = 'correct horse battery staple';
  beforeAll(() => mkdirSync(OUT, { recursive: true }));
  const ui = useUiHost({ prefix: 'e2e-settings', passphrase: PASSPHRASE });

  const call = (method: string, params: unknown) => apiCall(ui.host, method, params);

  it('always on top toggles aria-pressed and is saved; a hotkey recorded from a key press is saved; axe clean', async () => {
    const { host, page } = ui;
    await page.goto(host.url);
    await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 }); // a locked store opens at its unlock screen
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });

    const onTop = page.getByRole('button', { name: 'Always on top' });
    expect(await onTop.getAttribute('aria-pressed')).toBe('false');
    await onTop.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      `document.querySelector('button[aria-label="Always on top"]').getAttribute('aria-pressed') === 'true'`,
    );
    // Saved in the store; the browser has no shell to apply it, and says so.
    expect(await call('settings.get', {})).toMatchObject({ alwaysOnTop: true, hotkeyStatus: null });
    await page.getByRole('status').filter({ hasText: 'a browser tab cannot stay on top' }).waitFor();

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Hotkeys' }).waitFor();
    expect(await page.getByTestId('hotkey-toggleRecording').textContent()).toBe('Ctrl+Shift+R');
    expect(await page.getByTestId('hotkeys-desktop-only').textContent()).toMatch(/work in the desktop app/);
    await page.getByLabel('Microphone recordings start with').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'settings-unlocked-420');

    await page.getByRole('button', { name: 'Change the hotkey for start or stop recording' }).click();
    const input = page.getByLabel(/New hotkey for start or stop recording/);
    await input.focus();
    await page.keyboard.press('Control+Alt+KeyK');
    expect(await input.inputValue()).toBe('Ctrl+Alt+K');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save hotkey' }).click();
    await page.getByText('Saved: Ctrl+Alt+K works in the desktop app.').waitFor();
    expect(await call('settings.get', {})).toMatchObject({
      hotkeys: { toggleRecording: 'CommandOrControl+Alt+K', showWindow: 'CommandOrControl+Shift+B' },
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'settings-unlocked-1280');
  });
});
