/**
 * Issue 17 in real Chromium against `bedside serve` with a real encrypted store:
 * 1. Live note: a WAV plays as the microphone; while it records, the Note tab shows a draft that builds itself from
 *    the committed transcript (marked in progress, nothing to sign, nothing saved) and updates without moving focus
 *    or the page; stopping gives the final, signable draft. The fixture speech model recognises no words, so the
 *    words come from a script keyed to the real audio (test/helpers/scripted-speech.ts).
 * 2. Keyboard and space at 420 px with a real scrollbar: the header stays one row; Tab walks to sign-off with the
 *    note's sentences as ONE stop, arrows move inside, and no focused element or the evidence card is ever under the
 *    sticky sign-off bar or the header (bounding rectangles).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, fakeMicrophone } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/devhost-process.js';
import { apiCall, axeViolations, initStore } from '../helpers/e2e.js';
import { scriptSpeech, type ScriptTurn } from '../helpers/scripted-speech.js';
import { JFK_WAV, writeFastModel } from '../integration/models/fixtures.js';

const PASSPHRASE = 'correct horse battery staple';
const OUT = 'test-results/ui';
const SCRIPT: ScriptTurn[] = [
  { speaker: 'doctor', text: 'What brings you in today?' },
  { speaker: 'patient', text: 'I have had a dry cough for about a week.' },
  { speaker: 'doctor', text: 'Any fever or shortness of breath?' },
  { speaker: 'patient', text: 'A mild fever since Tuesday, no shortness of breath.' },
  { speaker: 'doctor', text: 'Do you take any medications?' },
  { speaker: 'patient', text: 'I take lisinopril 10 mg daily for blood pressure.' },
  { speaker: 'doctor', text: 'Your lungs sound clear. It is most likely a viral bronchitis.' },
  { speaker: 'doctor', text: 'Rest, fluids, and come back if the fever lasts more than three days.' },
];
const SHORT_VISIT = [
  '[doctor] What brings you in today?',
  '[patient] I have had a dry cough for a week and a mild fever since Tuesday.',
  '[doctor] Any shortness of breath?',
  '[patient] No shortness of breath. I take lisinopril 10 mg daily.',
  '[doctor] Your lungs are clear. Rest, fluids, and come back if the fever lasts more than three days.',
].join('\n');

type Rect = { top: number; bottom: number; left: number; right: number };
/** The focused element, where it is, and the sticky bars' rectangles (null when not on screen). */
const FOCUS_STATE = `(() => {
  const el = document.activeElement;
  const rect = (e) => { if (!e) return null; const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  const bar = document.querySelector('.signoff');
  const header = document.querySelector('.panel-header');
  return {
    tag: el ? el.tagName.toLowerCase() : '',
    name: el ? (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) : '',
    sentence: el ? el.getAttribute('data-sentence-key') : null,
    inBar: !!(bar && el && bar.contains(el)),
    inHeader: !!(header && el && header.contains(el)),
    el: rect(el), bar: rect(bar), header: rect(header),
  };
})()`;
type FocusState = {
  tag: string;
  name: string;
  sentence: string | null;
  inBar: boolean;
  inHeader: boolean;
  el: Rect | null;
  bar: Rect | null;
  header: Rect | null;
};
const overlaps = (a: Rect | null, b: Rect | null) => !!a && !!b && a.bottom > b.top + 0.5 && a.top < b.bottom - 0.5;

describe('live note, keyboard and space', () => {
  let dir: string;
  let host: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'bedside-ui-live-'));
    const modelDir = join(dir, 'models', 'whisper-tiny.en');
    mkdirSync(modelDir, { recursive: true });
    copyFileSync(writeFastModel(dir), join(modelDir, 'ggml-tiny.en.bin'));
    writeFileSync(
      join(modelDir, 'manifest.json'),
      JSON.stringify({ id: 'whisper-tiny.en', files: [], installedAt: new Date().toISOString(), source: 'local' }),
    );
    initStore(dir, PASSPHRASE);
    const before = process.env.BEDSIDE_MODEL_DIR;
    process.env.BEDSIDE_MODEL_DIR = join(dir, 'models'); // inherited by the dev host
    try {
      host = await startServe(['--data-dir', dir]);
    } finally {
      if (before === undefined) delete process.env.BEDSIDE_MODEL_DIR;
      else process.env.BEDSIDE_MODEL_DIR = before;
    }
    // Playwright hides scrollbars in headless Chromium by default; the header must fit beside a real one.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      ignoreDefaultArgs: ['--hide-scrollbars'],
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', ...fakeMicrophone(resolve(JFK_WAV))],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (host) await apiCall(host, 'store.lock', {}).catch(() => undefined);
    await host?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the app (unlocking the store at its unlock screen when `unlock`) and starts an encounter with consent. */
  async function newEncounter(page: Page, label: string, unlock: boolean) {
    await page.goto(host.url);
    const start = page.getByRole('button', { name: 'New encounter' });
    if (unlock) {
      const pass = page.getByLabel('Passphrase');
      await pass.waitFor({ timeout: 20_000 }); // a store that exists and is locked opens at its unlock screen
      await pass.fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });
    }
    await start.click({ timeout: 20_000 });
    await page.getByLabel('Patient label (optional)').fill(label);
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
  }

  it(
    'the note drafts itself while recording, marked in progress; the final draft comes on stop',
    { timeout: 120_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
      await context.grantPermissions(['microphone'], { origin: host.origin });
      const page = await context.newPage();
      const speech = await scriptSpeech(page, SCRIPT, 1);
      const t0 = Date.now();
      await newEncounter(page, 'Live patient', true);
      await page.getByRole('button', { name: 'Start recording' }).click();
      await page.getByRole('meter', { name: 'Input level' }).waitFor({ timeout: 20_000 });
      // Docked, the recording panel points to the live note on the Note tab.
      await page.getByRole('button', { name: 'See the live note' }).click({ timeout: 20_000 });
      expect(await page.getByRole('tab', { name: 'Note' }).getAttribute('aria-selected')).toBe('true');
      const live = page.getByTestId('live-note');
      expect(await page.getByTestId('live-note-state').textContent({ timeout: 10_000 })).toBe(
        'Live draft · in progress',
      );

      // The live draft: made from the words committed so far, with the visit's content once it has been said.
      const meta = page.getByTestId('live-note-meta');
      const words = async () => Number(/from (\d+) words?/.exec((await meta.textContent()) ?? '')?.[1] ?? 0);
      const noteText = async () => (await live.locator('.note-text').allTextContents()).join(' ');
      await expect.poll(noteText, { timeout: 40_000 }).toMatch(/cough/i);
      const first = await words();
      let last = first;
      // Focus and scroll position, to compare after the next update.
      await page.getByRole('tab', { name: 'Note' }).focus();
      const before = await page.evaluate<{ focus: string | null; y: number }>(
        '({ focus: document.activeElement && document.activeElement.id, y: window.scrollY })',
      );
      // It updates as more is said (a later transcript commit), by itself.
      await expect.poll(words, { timeout: 30_000 }).toBeGreaterThan(first);
      last = await words();
      const after = await page.evaluate<{ focus: string | null; y: number }>(
        '({ focus: document.activeElement && document.activeElement.id, y: window.scrollY })',
      );
      expect(after).toEqual(before); // never steals focus or moves the page
      // A preview: nothing to sign or copy, and nothing saved as a draft version.
      expect(await page.getByLabel('I have reviewed this draft').count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Sign-off and copy' }).count()).toBe(0);
      expect(await live.getByRole('button').count()).toBe(0);
      type Summary = { patientLabel: string; status: string };
      const during = ((await apiCall(host, 'encounters.list', {})) as Summary[]).find(
        (e) => e.patientLabel === 'Live patient',
      )!;
      expect(during.status).toBe('recording');
      await page.screenshot({ path: `${OUT}/live-note-420.png` });
      expect(await axeViolations(page, 'live note')).toEqual([]);
      const liveDrafts = speech.drafts;
      expect(liveDrafts).toBeGreaterThanOrEqual(2);

      // Stop: the final draft from the finished transcript replaces the preview, and can be signed.
      await page.getByRole('tab', { name: 'Transcript' }).click();
      await page.getByRole('button', { name: 'Stop and draft' }).click();
      await page.getByRole('tab', { name: 'Note' }).click();
      await page.getByLabel('I have reviewed this draft').waitFor({ timeout: 30_000 });
      expect(await live.count()).toBe(0);
      expect(await page.getByTestId('sentence').count()).toBeGreaterThan(0);
      expect(await page.locator('.note-text').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/cough/i)]),
      );
      expect(speech.drafts).toBeGreaterThan(liveDrafts); // the final one
      await expect
        .poll(async () =>
          ((await apiCall(host, 'encounters.list', {})) as Summary[]).find((e) => e.patientLabel === 'Live patient'),
        )
        .toMatchObject({ status: 'drafted' });
      console.log(
        `[ui-live] ${speech.partials} partials, ${speech.finals} script turns committed, ${liveDrafts} live drafts while recording (${first} → ${last} words shown), then the final draft; ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      const closing = Date.now();
      await context.close();
      console.log(`[ui-live] context closed in ${((Date.now() - closing) / 1000).toFixed(1)} s`);
    },
  );

  it('keyboard and space at 420 px: one-row header, sentences one tab stop, focus never under the bars', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 640 }, bypassCSP: true });
    const page = await context.newPage();
    await newEncounter(page, 'Keyboard patient', false);
    await page.getByLabel('Or paste the visit transcript').fill(SHORT_VISIT);
    await page.getByRole('button', { name: 'Draft the note' }).click();
    const checkbox = page.getByLabel('I have reviewed this draft');
    await checkbox.waitFor({ timeout: 20_000 });

    // A real scrollbar takes width, and the header's controls still share one row.
    const layout = await page.evaluate<{ scrollbar: number; rows: number[] }>(`(() => {
      const header = document.querySelector('.panel-header');
      const items = [header.querySelector('h1'), ...header.querySelectorAll('nav button')];
      return {
        scrollbar: window.innerWidth - document.documentElement.clientWidth,
        rows: items.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)),
      };
    })()`);
    expect(layout.scrollbar).toBeGreaterThan(0);
    expect(Math.max(...layout.rows) - Math.min(...layout.rows)).toBeLessThanOrEqual(4);

    // Tab from the top of the page to the sign-off checkbox.
    const sentences = await page.getByTestId('sentence').count();
    expect(sentences).toBeGreaterThanOrEqual(3);
    await page.evaluate('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)');
    const walk: FocusState[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate<FocusState>(FOCUS_STATE);
      walk.push(s);
      if (await checkbox.evaluate((e) => e === e.ownerDocument.activeElement)) break;
    }
    expect(await checkbox.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    const sentenceStops = walk.filter((s) => s.sentence !== null);
    expect(sentenceStops).toHaveLength(1); // all the note's sentences are one stop
    for (const s of walk) {
      if (!s.inBar) expect(overlaps(s.el, s.bar), `${s.tag} "${s.name}" under the sign-off bar`).toBe(false);
      if (!s.inHeader) expect(overlaps(s.el, s.header), `${s.tag} "${s.name}" under the header`).toBe(false);
    }

    // Arrows move between sentences (across sections), each focused sentence clear of the bars.
    for (let i = 0; i < 60 && (await page.evaluate<FocusState>(FOCUS_STATE)).sentence === null; i++)
      await page.keyboard.press('Shift+Tab');
    const seen: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const s = await page.evaluate<FocusState>(FOCUS_STATE);
      expect(s.sentence).not.toBeNull();
      expect(overlaps(s.el, s.bar), `sentence ${s.sentence} under the sign-off bar`).toBe(false);
      expect(overlaps(s.el, s.header), `sentence ${s.sentence} under the header`).toBe(false);
      seen.push(s.sentence!);
      await page.keyboard.press('ArrowDown');
    }
    expect(new Set(seen).size).toBe(sentences); // every sentence reached by arrows, in order, none twice
    // Enter on the last sentence: its evidence card shows, clear of the sticky bar.
    await page.keyboard.press('Enter');
    const card = page.getByRole('region', { name: 'Evidence for the selected sentence' });
    await card.waitFor();
    const geometry = await page.evaluate<{ card: Rect; bar: Rect; view: number }>(`(() => {
      const r = (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right }; };
      return { card: r(document.querySelector('.evidence.card')), bar: r(document.querySelector('.signoff')), view: window.innerHeight };
    })()`);
    expect(overlaps(geometry.card, geometry.bar)).toBe(false);
    expect(geometry.card.bottom).toBeLessThanOrEqual(geometry.view);
    await page.screenshot({ path: `${OUT}/note-keyboard-420.png` });
    expect(await axeViolations(page, 'note, keyboard')).toEqual([]);
    console.log(
      `[ui-live] short note: ${sentences} sentences, ${walk.length} tab stops from the top of the page to the sign-off checkbox (sentences: 1 stop); header one row beside a ${layout.scrollbar} px scrollbar`,
    );
    await context.close();
  });
});
