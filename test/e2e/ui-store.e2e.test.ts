/**
 * The clinician flow with the real encrypted store behind the dev host (`bedside db init` in a temp folder, a visit
 * from yesterday imported with the CLI, then `bedside serve --data-dir`): unlock from the UI (yesterday's visit is
 * under "Earlier") → new encounter with an MRN and consent → paste an ACI-BENCH transcript → draft → correct a turn's
 * text from the keyboard → dismiss a hint with a reason → sign-off → copy. The store is then read back over the API:
 * the encounter is signed, MRN and consent recorded, the corrected turn and the hint decision stored.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../core/clinical/csv.js';
import { apiCall, axeViolations, useUiHost } from '../helpers/e2e.js';

const PASSPHRASE = 'correct horse battery staple';

describe('clinician flow saved in the encrypted store', () => {
  const ui = useUiHost({
    prefix: 'ui-store',
    passphrase: PASSPHRASE,
    prepare: (dir) => {
      // A visit from yesterday, so the home screen has an "Earlier" section besides today's.
      const visit = join(dir, 'earlier.txt');
      writeFileSync(visit, '[doctor] How is the ankle?\n[patient] Better, thank you.\n');
      execFileSync(
        process.execPath,
        [
          'bin/bedside.mjs',
          'encounters',
          'import',
          '--patient',
          'Earlier patient',
          '--started',
          new Date(Date.now() - 86_400_000).toISOString(),
          '--data-dir',
          dir,
          visit,
        ],
        { env: { ...process.env, BEDSIDE_PASSPHRASE: PASSPHRASE }, stdio: 'ignore' },
      );
    },
    permissions: ['clipboard-read', 'clipboard-write'],
  });

  it('unlocks, records the visit, and the store holds consent, the signed note and the hint decision', async () => {
    const { host, page } = ui;
    const transcript = parseCsvObjects(readFileSync(resolve('../shared/data/aci-bench/valid.csv'), 'utf8')).find(
      (r) => r.encounter_id === 'D2N068',
    )!.dialogue!;
    await page.goto(host.url);
    await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 }); // a locked store opens at its unlock screen
    await page.getByLabel('Passphrase').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });
    // Yesterday's visit is listed under "Earlier", not under today's heading.
    await page.getByRole('heading', { name: 'Earlier', exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('list', { name: 'Earlier encounters' }).getByText('Earlier patient').waitFor();
    expect(await page.getByText('No encounters yet today.').count()).toBe(1);
    await page.screenshot({ path: 'test-results/ui/store-unlocked-420.png' });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Store patient');
    await page.getByLabel('MRN (optional)').fill('MRN 42'); // a space: refused in words, the form stays open
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByRole('alert').filter({ hasText: 'The MRN may hold only' }).waitFor();
    await page.getByLabel('MRN (optional)').fill('MRN-0042/7');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByLabel('Or paste the visit transcript').fill(transcript);
    await page.getByRole('button', { name: 'Draft the note' }).click();
    await page.getByRole('heading', { name: 'CHIEF COMPLAINT' }).waitFor({ timeout: 20_000 });

    // Correct the second turn's text from the keyboard: Escape cancels, Save stores it.
    await page.getByRole('tab', { name: 'Transcript' }).click();
    const second = page.getByTestId('turn').nth(1);
    await second.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Edit text' }).focus();
    await page.keyboard.press('Enter');
    const box = page.getByLabel('Turn text');
    await box.fill('Corrected in the UI: wheezing since Tuesday.');
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    await page.keyboard.press('Enter'); // focus is back on "Edit text"
    await box.fill('Corrected in the UI: wheezing since Tuesday.');
    await page.screenshot({ path: 'test-results/ui/turn-edit-420.png' });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(() => second.textContent()).toContain('Corrected in the UI: wheezing since Tuesday.');

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
          const list = (await apiCall(host, 'encounters.list', {})) as Summary[];
          mine = list.find((e) => e.patientLabel === 'Store patient');
          return mine?.status;
        },
        { timeout: 15_000 },
      )
      .toBe('signed');
    expect(mine).toMatchObject({ consent: true, signed: true, mrn: 'MRN-0042/7' });
    const detail = (await apiCall(host, 'encounters.get', { id: mine!.id })) as {
      mrn: string | null;
      notes: { kind: string }[];
      transcript: { seq: number; text: string }[];
      hints: { status: string; dismissReason: string | null }[];
    };
    expect(detail.notes.some((n) => n.kind === 'signed')).toBe(true);
    expect(detail.transcript.length).toBeGreaterThan(50); // the turns the note's evidence points to
    expect(detail.mrn).toBe('MRN-0042/7');
    expect(detail.transcript.find((t) => t.seq === 1)?.text).toBe('Corrected in the UI: wheezing since Tuesday.');
    expect(detail.hints.some((h) => h.status === 'dismissed' && /not-relevant/.test(h.dismissReason ?? ''))).toBe(true);
  });
});
