/**
 * Issue 17's faster path in real Chromium against `bedside serve` with a real encrypted store: a pasted transcript is
 * drafted with Ctrl+Enter; Ctrl+Shift+Enter goes to "I have reviewed this draft", Space ticks it, Ctrl+Shift+Enter
 * signs and copies (three key presses from the drafted note; the sign-off is recorded before the copy, both answered
 * ok by the store); the clipboard is read back in the rich format (plain + HTML) and in the plain EHR format (hyphen
 * bullets, no HTML item); one section's Copy puts its body without the heading; Alt+↓/↑ move between sections; `?`
 * opens the shortcuts sheet (a modal dialog: focus kept inside, Escape closes, focus returns).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../core/clinical/csv.js';
import { axeViolations, useUiHost } from '../helpers/e2e.js';

const PASSPHRASE = 'correct horse battery staple';
const OUT = 'test-results/ui';
// Evaluated in the page (strings: this file is typechecked without the DOM library).
const READ_TEXT = 'navigator.clipboard.readText()';
const READ_HTML = `navigator.clipboard.read().then(async (items) => {
  const item = items.find((i) => i.types.includes('text/html'));
  return item ? await (await item.getType('text/html')).text() : '';
})`;
const ACTIVE = `(() => {
  const a = document.activeElement;
  const section = a && a.closest('article[data-section]');
  return {
    tag: a ? a.tagName : null,
    type: a ? a.getAttribute('type') : null,
    name: a ? (a.getAttribute('aria-label') || a.textContent || '').trim() : null,
    inDialog: !!(a && a.closest('[role="dialog"]')),
    section: section && section === a ? section.getAttribute('data-section') : null,
  };
})()`;
type Active = {
  tag: string | null;
  type: string | null;
  name: string | null;
  inDialog: boolean;
  section: string | null;
};

/** The body of `title` in a whole-note copy (between its heading line and the next blank line). */
const bodyOf = (note: string, title: string) => note.split(`${title}\n`)[1]!.split('\n\n')[0]!;

describe('sign & copy, copy formats and shortcuts', () => {
  const ui = useUiHost({
    prefix: 'ui-sign-copy',
    passphrase: PASSPHRASE,
    permissions: ['clipboard-read', 'clipboard-write'],
  });

  it('drafts, signs and copies from the keyboard, in both formats, and shows the shortcuts sheet', async () => {
    const { host, page } = ui;
    const transcript = parseCsvObjects(readFileSync(resolve('../shared/data/aci-bench/valid.csv'), 'utf8')).find(
      (r) => r.encounter_id === 'D2N068',
    )!.dialogue!;
    // The API calls the page makes, in order, with whether the host answered ok.
    const calls: { id: number; method: string; ok?: boolean }[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const m = JSON.parse(String(f.payload)) as { id?: number; method?: string };
        if (m.id !== undefined && m.method) calls.push({ id: m.id, method: m.method });
      });
      ws.on('framereceived', (f) => {
        const m = JSON.parse(String(f.payload)) as { id?: number; reply?: { ok: boolean } };
        const call = calls.find((c) => c.id === m.id && c.ok === undefined);
        if (call && m.reply) call.ok = m.reply.ok;
      });
    });
    const active = () => page.evaluate<Active>(ACTIVE);

    await page.goto(host.url);
    await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 });
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'New encounter' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Sign and copy patient');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByLabel('Or paste the visit transcript').fill(transcript);

    // Draft with Ctrl+Enter from the transcript box.
    await page.getByLabel('Or paste the visit transcript').press('Control+Enter');
    await page.getByRole('heading', { name: 'HISTORY OF PRESENT ILLNESS' }).waitFor({ timeout: 20_000 });

    // From the drafted note to signed and copied: key presses counted.
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: `${OUT}/sign-copy-unsigned-420.png` });
    let presses = 0;
    const press = async (keys: string) => {
      presses++;
      await page.keyboard.press(keys);
    };
    await press('Control+Shift+Enter');
    await expect.poll(active).toMatchObject({ tag: 'INPUT', type: 'checkbox' }); // the review confirmation
    expect(await page.getByText(/Signed off at/).count()).toBe(0); // a shortcut never confirms the review
    await press('Space');
    expect(await page.getByLabel('I have reviewed this draft').isChecked()).toBe(true);
    await press('Control+Shift+Enter');
    await page.getByText(/The whole note was copied \(plain and formatted text\)/).waitFor({ timeout: 20_000 });
    expect(presses).toBe(3);
    await page.getByText(/Signed off at/).waitFor();
    await expect.poll(active).toMatchObject({ tag: 'BUTTON', name: 'Copy note' }); // focus moved on, not dropped

    // Rich: plain text with headings, and an HTML item with headings.
    const rich = await page.evaluate<string>(READ_TEXT);
    expect(rich).toMatch(/^CHIEF COMPLAINT\n/);
    expect(rich).toContain('\n\nHISTORY OF PRESENT ILLNESS\n');
    const richHtml = await page.evaluate<string>(READ_HTML);
    expect(richHtml).toContain('<h3>CHIEF COMPLAINT</h3>');
    expect(richHtml).toMatch(/<h3>HISTORY OF PRESENT ILLNESS<\/h3><p>/);

    // The store got the sign-off (reviewed) and then the copy, each answered ok.
    await expect
      .poll(() => calls.find((c) => c.method === 'encounters.recordCopy')?.ok, { timeout: 15_000 })
      .toBe(true);
    const sign = calls.findIndex((c) => c.method === 'encounters.sign');
    const copy = calls.findIndex((c) => c.method === 'encounters.recordCopy');
    expect(sign).toBeGreaterThanOrEqual(0);
    expect(calls[sign]!.ok).toBe(true);
    expect(sign).toBeLessThan(copy);

    // Plain text for EHR fields: hyphen bullets, no "•", no HTML item; the choice is kept on this computer.
    await page.getByLabel('Clipboard format').selectOption('plain');
    await page.getByRole('button', { name: 'Copy note' }).click();
    await page.getByText(/The whole note was copied as plain text for an EHR field/).waitFor();
    const plain = await page.evaluate<string>(READ_TEXT);
    expect(plain).toMatch(/^CHIEF COMPLAINT\n/);
    expect(plain).toMatch(/\n- \S/);
    expect(plain).not.toMatch(/•|Not discussed/);
    expect(rich).toContain('\n• '); // the same list, bulleted in the rich format
    expect(await page.evaluate<string>(READ_HTML)).toBe('');
    expect(await page.evaluate<string | null>("localStorage.getItem('bedside.copyFormat')")).toBe('plain');

    // One section: its body without the heading (plain format, then rich).
    await page.getByRole('button', { name: 'Copy HISTORY OF PRESENT ILLNESS' }).click();
    await page.getByText(/HISTORY OF PRESENT ILLNESS was copied without its heading/).waitFor();
    const section = await page.evaluate<string>(READ_TEXT);
    expect(section).toBe(bodyOf(plain, 'HISTORY OF PRESENT ILLNESS'));
    expect(section).not.toContain('HISTORY OF PRESENT ILLNESS');
    await page.getByLabel('Clipboard format').selectOption('rich');
    await page.getByRole('button', { name: 'Copy REVIEW OF SYSTEMS' }).click();
    await expect.poll(() => page.evaluate<string>(READ_TEXT)).toBe(bodyOf(rich, 'REVIEW OF SYSTEMS'));
    const sectionHtml = await page.evaluate<string>(READ_HTML);
    expect(sectionHtml).toMatch(/^<(p|ul)>/);
    expect(sectionHtml).not.toContain('<h3>');
    expect(sectionHtml).toContain('<li>');

    // Alt+↓ / Alt+↑ move between the note's sections.
    await page.getByRole('button', { name: 'Copy note' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(active).toMatchObject({ section: 'cc' });
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(active).toMatchObject({ section: 'hpi' });
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(active).toMatchObject({ section: 'cc' });

    // ? opens the shortcuts sheet; focus stays in it; Escape closes it and focus returns.
    await page.getByRole('button', { name: 'Copy note' }).focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await expect.poll(active).toMatchObject({ inDialog: true });
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect((await active()).inDialog).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect((await active()).inDialog).toBe(true);
    expect(await dialog.textContent()).toMatch(/Sign & copy.*Ctrl\+Shift\+Enter/);
    expect(await axeViolations(page, 'shortcuts sheet')).toEqual([]);
    await page.screenshot({ path: `${OUT}/shortcuts-420.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(active).toMatchObject({ tag: 'BUTTON', name: 'Copy note' });
    expect(await axeViolations(page, 'signed note')).toEqual([]);
    await page.screenshot({ path: `${OUT}/sign-copy-420.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Expand' }).click();
    await page.getByRole('region', { name: 'Sign-off and copy' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/sign-copy-1280.png` });
  });
});
