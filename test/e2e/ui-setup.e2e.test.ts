/**
 * First run from the UI: the dev host on an EMPTY data folder (no `bedside db init`). Bedside opens at setting up the
 * encrypted store, the main path, with the passphrase field focused; working without a store is the other choice,
 * which says nothing will be kept (issue 17). The browser dev host has no OS keychain, so no keychain option; a
 * too-short passphrase is refused in words, a good one creates the store, which is then open on today's encounters
 * (focus on New encounter), with its files on disk. Axe-clean at 420 and 1280 px; screenshots setup-420.png and
 * setup-1280.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCall, axeViolations, useUiHost } from '../helpers/e2e.js';

const PASSPHRASE = 'plum tractor lantern harbour';

describe('first run: the encrypted store is set up from the UI', () => {
  const ui = useUiHost({ prefix: 'ui-setup' }); // no passphrase: an empty data folder

  it('refuses a too-short passphrase in words, creates the store, and opens today’s encounters', async () => {
    const { dir, host, page } = ui;
    expect(await apiCall(host, 'store.status', {})).toMatchObject({ unlocked: false, exists: false, keychain: false });
    await page.goto(host.url);
    // No store yet: the first screen is setting it up (no "Set up the store" link to find first).
    await page.getByRole('heading', { name: 'Set up the encrypted store' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'New encounter' }).count()).toBe(0);
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement.getAttribute('autocomplete')"))
      .toBe('new-password'); // the passphrase field has the keyboard
    const other = page.getByRole('region', { name: 'Or work without a store' });
    expect(await other.textContent()).toContain('Nothing will be kept.');
    const without = other.getByRole('button', { name: 'Continue without saving' });
    expect((await without.getAttribute('class')) ?? '').not.toContain('primary'); // the secondary choice
    // No OS keychain in the browser dev host: no keychain option.
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.screenshot({ path: 'test-results/ui/setup-420.png' });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/ui/setup-1280.png' });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 420, height: 900 });

    // From the keyboard: type, Tab to the confirmation, Enter submits.
    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await page.keyboard.press('Tab');
    await page.keyboard.type('short');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('That passphrase is too short: use at least 8 characters.');
    // Focus is back on the passphrase, marked invalid.
    expect(await page.evaluate<string | null>("document.activeElement.getAttribute('aria-invalid')")).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    expect(existsSync(join(dir, 'bedside.keys.json'))).toBe(false);

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create the store' }).click();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 30_000 });
    await page.getByText('No encounters yet today.').waitFor();
    // Focus went on to the next thing to do, not to the page body.
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement.textContent'))
      .toBe('New encounter');
    expect(await axeViolations(page)).toEqual([]);

    expect(await apiCall(host, 'store.status', {})).toMatchObject({ unlocked: true, exists: true, encounters: 0 });
    expect(existsSync(join(dir, 'bedside.db'))).toBe(true);
    const keys = JSON.parse(readFileSync(join(dir, 'bedside.keys.json'), 'utf8')) as { slots: object };
    expect(Object.keys(keys.slots)).toEqual(['passphrase']);
    expect(readFileSync(join(dir, 'bedside.keys.json'), 'utf8')).not.toContain(PASSPHRASE);

    // Locked again, the same passphrase opens it through the usual unlock screen.
    await apiCall(host, 'store.lock', {});
    await page.reload();
    await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 }); // a locked store opens at its unlock screen
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });
  });
});
