/**
 * Issue 17 in real Chromium against `bedside serve` with a real encrypted store: a store that exists opens at its
 * unlock screen; hand edits survive a template change ("Keep my edits", outpatient → SOAP); the signed note is stored
 * with its transcript; the header's Lock (here its shortcut) closes the store, and a reload opens at the unlock screen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../core/clinical/csv.js';
import { apiCall, axeViolations, useUiHost } from '../helpers/e2e.js';

const PASSPHRASE = 'correct horse battery staple';
const EDIT = 'Edited history: cough for a week, kept across templates.';

describe('no lost work, and a lock that locks', () => {
  const ui = useUiHost({ prefix: 'ui-lost-work', passphrase: PASSPHRASE });

  it('keeps hand edits across a template change, signs with the stored transcript, locks and reopens locked', async () => {
    const { host, page } = ui;
    const transcript = parseCsvObjects(readFileSync(resolve('../shared/data/aci-bench/valid.csv'), 'utf8')).find(
      (r) => r.encounter_id === 'D2N068',
    )!.dialogue!;
    await page.goto(host.url);
    const pass = page.getByLabel('Passphrase');
    await pass.waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'New encounter' }).count()).toBe(0);
    await pass.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Lost work patient');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByLabel('Or paste the visit transcript').fill(transcript);
    await page.getByRole('button', { name: 'Draft the note' }).click();
    await page.getByRole('heading', { name: 'HISTORY OF PRESENT ILLNESS' }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Edit HISTORY OF PRESENT ILLNESS' }).click();
    await page.getByLabel('HISTORY OF PRESENT ILLNESS text').fill(EDIT);
    await page.getByRole('button', { name: 'Done editing HISTORY OF PRESENT ILLNESS' }).click();
    await page.getByLabel('Template').selectOption({ label: 'SOAP note' });
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('button', { name: 'Keep my edits' }).click();
    await page.getByRole('heading', { name: 'SUBJECTIVE' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-section="subjective"] .note-text').textContent()).toBe(EDIT);

    await page.getByLabel('I have reviewed this draft').check();
    await page.getByRole('button', { name: 'Sign off' }).click();
    await page.getByRole('button', { name: 'Copy note' }).and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    type Summary = { id: number; patientLabel: string; status: string };
    let mine: Summary | undefined;
    await expect
      .poll(
        async () => {
          mine = ((await apiCall(host, 'encounters.list', {})) as Summary[]).find(
            (e) => e.patientLabel === 'Lost work patient',
          );
          return mine?.status;
        },
        { timeout: 15_000 },
      )
      .toBe('signed');
    const detail = (await apiCall(host, 'encounters.get', { id: mine!.id })) as {
      transcript: unknown[];
      notes: { kind: string; body: { template: string; sections: { id: string; sentences: { text: string }[] }[] } }[];
    };
    const signed = detail.notes.find((n) => n.kind === 'signed')!;
    expect(signed.body.template).toBe('soap');
    expect(signed.body.sections.find((s) => s.id === 'subjective')!.sentences[0]!.text).toBe(EDIT);
    expect(detail.transcript.length).toBeGreaterThan(50); // the turns the note's evidence points to

    // Lock from the keyboard: the store closes, the unlock screen takes focus; a reload opens there too.
    await page.keyboard.press('Control+Shift+L');
    await pass.waitFor();
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('type')"))
      .toBe('password');
    expect(await apiCall(host, 'store.status', {})).toMatchObject({ unlocked: false, exists: true });
    expect(await page.getByText('Lost work patient').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    await pass.waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'New encounter' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lock', exact: true }).count()).toBe(0);
  });
});
