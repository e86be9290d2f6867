/**
 * Issue 17, from opening Bedside to a draft, in real Chromium against `bedside serve` on an EMPTY data folder:
 * - first run opens at setting up the store; "Continue without saving" (nothing kept) is the other choice;
 * - a visit starts in one step: patient and consent on one screen (Start recording refuses without consent, in words,
 *   focus on the box), then paste → draft;
 * - focus moves to the next logical control after New encounter, Start, Draft and Sign off (document.activeElement);
 * - Settings has a section index, the always-on-top box beside its label, and a default template (kept in the store)
 *   that a new visit's first draft uses; changing the template on the Note tab applies it at once.
 * Axe-clean; screenshots at 420×900 and 1280×800 in test-results/ui/start-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../core/clinical/csv.js';
import { apiCall, axeViolations, useUiHost } from '../helpers/e2e.js';

const OUT = 'test-results/ui';
const PASSPHRASE = 'orange kettle meadow sparrow';

/** What has the keyboard: tag, its data-focus mark, and its accessible-ish name. */
interface Active {
  tag: string;
  mark: string | null;
  name: string;
}
const ACTIVE = `(() => {
  const el = document.activeElement;
  const label = el.labels && el.labels[0] ? el.labels[0].textContent : null;
  return { tag: el.tagName, mark: el.getAttribute('data-focus'), name: (el.getAttribute('aria-label') || label || el.textContent || '').trim() };
})()`;

/** Screenshots of the current screen at both sizes (the page is left at 420×900). */
async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${OUT}/start-${name}-420.png` });
  expect(await axeViolations(page, name)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${OUT}/start-${name}-1280.png` });
  expect(await axeViolations(page, `${name} 1280`)).toEqual([]);
  await page.setViewportSize({ width: 420, height: 900 });
}

describe('first run, a visit started in one step, focus after each step, the default template', () => {
  const ui = useUiHost({ prefix: 'ui-start' }); // no passphrase: an empty data folder
  let transcript: string;
  const active = () => ui.page.evaluate<Active>(ACTIVE);

  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
    transcript = parseCsvObjects(readFileSync(resolve('../shared/data/aci-bench/train.csv'), 'utf8')).find(
      (r) => r.encounter_id === 'D2N005',
    )!.dialogue!;
  });

  it('without a store: first-run choice, then patient + consent on one screen, paste → draft → sign off', async () => {
    const { host, page } = ui;
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Set up the encrypted store' }).waitFor({ timeout: 15_000 });
    const other = page.getByRole('region', { name: 'Or work without a store' });
    expect(await other.textContent()).toContain('Nothing will be kept.');
    await shots(page, 'first-run');

    await other.getByRole('button', { name: 'Continue without saving' }).click();
    await page.getByRole('heading', { name: 'Today’s encounters' }).waitFor();
    await page.getByText('Not saved: there is no encrypted store on this computer yet').waitFor();
    await expect.poll(active).toMatchObject({ tag: 'BUTTON', mark: 'new-encounter' });

    // New encounter (from the keyboard) → the patient label.
    await page.keyboard.press('Enter');
    await expect.poll(active).toMatchObject({ tag: 'INPUT', name: 'Patient label (optional)' });
    await page.keyboard.type('Start patient');
    await shots(page, 'new-encounter');

    // Enter starts recording, which needs the consent box: refused in words, the keyboard on the box.
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('alert').filter({ hasText: 'Recording needs the patient’s consent' });
    await refusal.waitFor();
    await expect.poll(active).toMatchObject({ tag: 'INPUT', mark: 'consent' });
    expect(await page.getByLabel('The patient agreed to this visit being recorded').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await shots(page, 'new-encounter-consent');
    await page.keyboard.press('Space');
    expect(await refusal.count()).toBe(0);

    // Start encounter (to paste) → the paste box, consent recorded.
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByText('Consent to record confirmed').waitFor();
    expect(await page.getByRole('heading', { name: 'Start patient' }).count()).toBe(1);
    await expect.poll(active).toMatchObject({ tag: 'TEXTAREA', mark: 'paste-transcript' });
    await page.keyboard.insertText(transcript);

    // Draft → the note's heading (the Draft button is gone).
    await page.getByRole('button', { name: 'Draft the note' }).click();
    await page.getByRole('heading', { name: 'CHIEF COMPLAINT' }).waitFor({ timeout: 20_000 });
    await expect.poll(active).toMatchObject({ tag: 'H2', mark: 'note-heading', name: 'Note' });
    await shots(page, 'drafted');

    // Sign off → Copy note.
    await page.getByLabel('I have reviewed this draft').check();
    await page.getByRole('button', { name: 'Sign off', exact: true }).click();
    await page.getByText(/Signed off at/).waitFor();
    await expect.poll(active).toMatchObject({ tag: 'BUTTON', name: 'Copy note' });
  });

  it('with a store: Settings index, always on top beside its label, a default template used by the next draft', async () => {
    const { host, page } = ui;
    await apiCall(host, 'store.create', { passphrase: PASSPHRASE });
    await page.goto(host.url);
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Settings' }).click();
    const index = page.getByRole('navigation', { name: 'Settings sections' });
    await index.waitFor();
    await shots(page, 'settings');

    // The index puts the keyboard on the section it names.
    await index.getByRole('link', { name: 'Window' }).click();
    await expect.poll(active).toMatchObject({ tag: 'H3', name: 'Window' });
    const box = page.getByRole('checkbox', { name: 'Always on top (keep Bedside above the EHR)' });
    const label = page.getByText('Always on top (keep Bedside above the EHR)', { exact: true });
    const [b, l] = [(await box.boundingBox())!, (await label.boundingBox())!];
    expect(b.x + b.width).toBeLessThanOrEqual(l.x); // beside it, on its left
    expect(b.y).toBeLessThan(l.y + l.height); // on the same line
    expect(b.y + b.height).toBeGreaterThan(l.y);
    await shots(page, 'settings-window');

    await index.getByRole('link', { name: 'Default template' }).click();
    await expect.poll(active).toMatchObject({ tag: 'H3', name: 'Default template' });
    await page.getByLabel('New drafts use').selectOption({ label: 'SOAP note' });
    await page.getByRole('status').filter({ hasText: 'Saved: new drafts use SOAP note.' }).waitFor();
    expect(await apiCall(host, 'settings.get', {})).toMatchObject({ defaultTemplate: 'soap' });

    // Kept in the store: after a reload the setting is still SOAP, and the next visit's first draft uses it.
    await page.reload();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Default template patient');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByLabel('Or paste the visit transcript').fill(transcript);
    await page.getByRole('button', { name: 'Draft the note' }).click();
    await page.getByRole('heading', { name: 'SUBJECTIVE' }).waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Template').inputValue()).toBe('soap');
    expect(await page.getByRole('heading', { name: 'CHIEF COMPLAINT' }).count()).toBe(0);

    // Changing the template applies it (no Regenerate click; nothing was edited, so no question).
    await page.getByLabel('Template').selectOption({ label: 'Outpatient visit note' });
    await page.getByRole('heading', { name: 'CHIEF COMPLAINT' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { name: 'SUBJECTIVE' }).count()).toBe(0);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });
});
