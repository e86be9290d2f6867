/**
 * Generative drafting in the UI (issue 15), in real Chromium against `bedside serve` with a real encrypted store and
 * a loopback OpenAI-compatible test server (plain http is allowed on this computer): Settings → Note engine → the
 * clinic server (address, model, API key stored — the dev host sends that stored key — and the connection test read
 * out step by step) → draft a pasted visit: the sections stream into the Note tab, the planted wrong dose is replaced
 * (replace on) or kept and marked with its reason (replace off), and Cancel stops a draft mid-stream, closing the
 * server connection and keeping the note as it was. Then the local engine (the tiny random-weight decoder in its
 * helper process) redrafts while the clinician types into the note's HPI: key press → paint stays quick while it
 * streams (test/helpers/typing-while-drafting.ts), and its noise ends in the built-in draft with the reason.
 * axe-core checks each screen; photographed at 420×900 and 1280×800 into test-results/ui/.
 */
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, axeViolations, useUiHost } from '../helpers/e2e.js';
import { startOpenAiServer, type OpenAiTestServer } from '../helpers/openai-server.js';
import { PLANTED_DOSE_ANSWER as ANSWER, pieces, VISIT } from '../unit/engines/fixtures.js';
import { hostLog, latencyFigures, typeInHpiWhileLocalEngineDrafts } from '../helpers/typing-while-drafting.js';

const PASSPHRASE = 'correct horse battery staple';
const OUT = 'test-results/ui';
const KEY = 'sk-e2e-clinic-key';
const MODEL = 'qwen2.5-7b-instruct';

/** Records the titles of the streamed sections the Note tab shows while a draft is written. */
const WATCH_STREAM = `(() => {
  window.__streamed = [];
  new MutationObserver(() => {
    for (const a of document.querySelectorAll('[data-testid="draft-stream"] article')) {
      const l = a.getAttribute('aria-label');
      if (!window.__streamed.includes(l)) window.__streamed.push(l);
    }
  }).observe(document.body, { subtree: true, childList: true });
})()`;

describe('the note engine chosen in Settings drafts in the Note tab', () => {
  // The dev host logs the local engine's llm.first_token / llm.generated lines (info level) for the typing test.
  const level = process.env.BEDSIDE_LOG_LEVEL;
  beforeAll(() => {
    process.env.BEDSIDE_LOG_LEVEL = 'info';
  });
  const ui = useUiHost({ prefix: 'ui-note-engine', passphrase: PASSPHRASE });
  beforeAll(() => {
    if (level === undefined) delete process.env.BEDSIDE_LOG_LEVEL;
    else process.env.BEDSIDE_LOG_LEVEL = level;
  });
  let server: OpenAiTestServer;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startOpenAiServer({ apiKey: KEY, models: [MODEL, 'llama-3.1-8b'] });
  });
  afterAll(async () => {
    await server?.close();
  });
  const chats = () => server.requests.filter((q) => q.path.endsWith('/chat/completions'));

  it('configures the clinic server in Settings: address, model, key (never shown) and a connection test', async () => {
    const { host, page } = ui;
    await page.goto(host.url);
    await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 });
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'New encounter' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Note engine' })
      .click();
    const section = page.getByTestId('note-engine-settings');
    expect(await section.getByRole('radio', { name: 'Built-in drafter' }).isChecked()).toBe(true);
    // On this computer: the recommendation for this machine and the catalogue's language models to install.
    await section.getByRole('radio', { name: 'A language model on this computer' }).check();
    const local = section.getByRole('group', { name: 'Model on this computer' });
    await local.getByTestId('llm-recommendation').waitFor({ timeout: 15_000 });
    expect(await local.getByTestId('llm-recommendation').textContent()).toMatch(
      /^(Recommended for this computer: .+ \(.+\)\.|No local model is recommended for this computer: .+\.)$/,
    );
    expect(await local.locator('summary').textContent()).toMatch(/^Install a model \([1-9]\d*\)$/);
    expect(await axeViolations(page, 'note engine: local model')).toEqual([]);
    await page.getByRole('heading', { name: 'Note engine' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/note-engine-local-420.png` });
    await section.getByRole('radio', { name: "The clinic's inference server" }).check();
    await section.getByText("Saved: the clinic's inference server drafts new notes.").waitFor();

    const panel = section.getByRole('group', { name: 'Clinic server' });
    await panel.getByLabel('Server address').fill(server.url);
    await panel.getByLabel('Model name on the server').fill(MODEL);
    await panel.getByRole('button', { name: 'Save server' }).click();
    await section.getByText(`Saved: drafts go to ${MODEL} on this server.`).waitFor();

    // Without the key the server refuses: the test says so in words.
    await panel.getByRole('button', { name: 'Test connection' }).click();
    const steps = panel.getByRole('list', { name: 'Connection test steps' });
    await steps.locator('[data-check="auth"][data-ok="false"]').waitFor();
    expect(await steps.locator('[data-check="auth"]').textContent()).toMatch(/needs an API key \(HTTP 401\)/);

    await panel.getByLabel('API key').fill(KEY);
    await panel.getByRole('button', { name: 'Save key' }).click();
    await panel.getByText('The API key is stored (encrypted).').waitFor();
    expect(await panel.getByLabel('API key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(KEY);

    await panel.getByRole('button', { name: 'Test connection' }).click();
    await panel.getByText(/^Connected\./).waitFor();
    expect(await steps.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^✓ Address passed: http on this computer/),
      "✓ Organisation's rules passed: A server on this computer (nothing leaves it).",
      expect.stringMatching(/^✓ Connection passed: /),
      '– Secure connection (TLS) not checked: Plain http on this computer.',
      '✓ API key passed: The API key was accepted.',
      '✓ Models passed: 2 model(s) listed.',
      `✓ Model passed: The model ${MODEL} is available.`,
    ]);
    const saved = (await apiCall(host, 'settings.get', {})) as { noteEngine: Record<string, unknown> };
    expect(saved.noteEngine).toMatchObject({ kind: 'server', serverUrl: server.url, serverModel: MODEL });
    expect(saved.noteEngine.serverKeyStored).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(KEY);

    await panel.getByRole('button', { name: 'Test connection' }).scrollIntoViewIfNeeded();
    expect(await axeViolations(page, 'note engine settings')).toEqual([]);
    await page.screenshot({ path: `${OUT}/note-engine-settings-420.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Expand' }).click();
    await panel.getByRole('button', { name: 'Test connection' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/note-engine-settings-1280.png` });
    await page.getByRole('button', { name: 'Dock' }).click();
    await page.setViewportSize({ width: 420, height: 900 });
  });

  it('drafts with the server: the sections stream in, the planted dose is replaced; the stored key is sent', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Encounters' }).click();
    await page.getByRole('button', { name: 'New encounter' }).click();
    await page.getByLabel('Patient label (optional)').fill('Engine patient');
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
    await page.getByLabel('Or paste the visit transcript').fill(VISIT);
    await page.evaluate(WATCH_STREAM);
    server.script({ kind: 'sse', pieces: pieces(ANSWER, 12), chunk: 9 });
    await page.getByRole('button', { name: 'Draft the note' }).click();
    const notice = page.getByTestId('engine-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(
      new RegExp(
        `^Written by ${MODEL.replace(/\./g, '\\.')} \\(the clinic's inference server\\)\\. The verifier backed 2 of its 3 sentences\\.`,
      ),
    );
    expect(await notice.textContent()).toContain("replaced by the built-in drafter's sentence for the same fact");
    // Both sections were shown while the answer streamed, before the note was done.
    expect(await page.evaluate('window.__streamed')).toEqual([
      'CHIEF COMPLAINT (drafted so far)',
      'ASSESSMENT AND PLAN (drafted so far)',
    ]);
    const note = await page.locator('article.note-section').allTextContents();
    expect(note.join('\n')).toContain('Left knee pain.');
    expect(note.join('\n')).toContain('Order an x-ray of the left knee.');
    expect(note.join('\n')).not.toContain('25 mg');
    expect(chats().at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(await axeViolations(page, 'drafted note')).toEqual([]);
  });

  it('Cancel stops a draft mid-stream: the connection closes and the note is as it was', async () => {
    const { page } = ui;
    const before = await page.locator('article.note-section').allTextContents();
    // The model writes the first section, then nothing more: the stream stays open.
    const cut = ANSWER.indexOf('{"id":"ap"') + 12;
    server.script({ kind: 'stall', pieces: pieces(ANSWER.slice(0, cut), 12) });
    // When the first section shows, against when its text left the server (one clock: the same machine).
    await page.evaluate(`(() => {
      window.__shownAt = 0;
      new MutationObserver((_, o) => {
        if (document.querySelector('[data-testid="draft-stream"] article')) {
          window.__shownAt = Date.now();
          o.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true });
    })()`);
    const written = once(server, 'streaming').then(() => Date.now());
    await page.getByRole('button', { name: 'Regenerate' }).click();
    const stream = page.getByTestId('draft-stream');
    await stream.getByRole('article', { name: 'CHIEF COMPLAINT (drafted so far)' }).waitFor({ timeout: 30_000 });
    const shownMs = (await page.evaluate<number>('window.__shownAt')) - (await written);
    console.log(`first streamed section shown ${shownMs} ms after the server wrote it`);
    expect(shownMs).toBeGreaterThanOrEqual(0);
    expect(shownMs).toBeLessThan(1500); // target 300 ms; generous on a loaded 2-core CI machine
    expect(await stream.getByRole('status').textContent()).toBe(
      "Drafting the note with the clinic's inference server… 1 section written and checked.",
    );
    expect(await axeViolations(page, 'streaming draft')).toEqual([]);
    await page.screenshot({ path: `${OUT}/note-engine-streaming-420.png` });
    const closed = once(server, 'client-closed');
    await stream.getByRole('button', { name: 'Cancel drafting' }).click();
    await page.getByText('Drafting cancelled: the note is as it was.').waitFor({ timeout: 10_000 });
    await closed;
    expect(await stream.count()).toBe(0);
    // The keyboard is on the note's heading, not lost with the Cancel button.
    expect(await page.evaluate('document.activeElement?.dataset.focus')).toBe('note-heading');
    expect(await page.locator('article.note-section').allTextContents()).toEqual(before);
    expect(await page.getByRole('button', { name: 'Regenerate' }).isEnabled()).toBe(true);
  });

  it('with replace off, the planted dose stays in the note, marked with its reason', async () => {
    const { host, page } = ui;
    await apiCall(host, 'settings.set', { noteEngine: { replaceUnsupported: false } });
    server.script({ kind: 'sse', pieces: pieces(ANSWER, 12) });
    await page.getByRole('button', { name: 'Regenerate' }).click();
    const flagged = page.getByTestId('sentence').filter({ hasText: 'Start meloxicam 25 mg once a day.' });
    await flagged.waitFor({ timeout: 30_000 });
    expect(await flagged.getAttribute('class')).toContain('unsupported');
    expect(await flagged.getAttribute('title')).toMatch(/^Check it: (Dose|Number) — /);
    expect(await page.getByTestId('flag-chip').allTextContents()).toEqual([
      expect.stringMatching(/^Check: .*(Dose|Number)/),
    ]);
    expect(await page.getByText('1 unsupported sentence').count()).toBe(1);
    await flagged.click();
    expect(await page.getByTestId('sentence-problems').textContent()).toMatch(/^Check before signing:/);
    expect(await axeViolations(page, 'flagged sentence')).toEqual([]);
    await page.screenshot({ path: `${OUT}/note-engine-flagged-420.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Expand' }).click();
    await page.getByTestId('flag-chip').scrollIntoViewIfNeeded();
    expect(await axeViolations(page, 'flagged sentence, expanded')).toEqual([]);
    await page.screenshot({ path: `${OUT}/note-engine-flagged-1280.png` });
  });

  it('a key changed in Settings is used by the next draft: a refused key gives the built-in draft, with why', async () => {
    const { host, page } = ui;
    await apiCall(host, 'engines.setServerKey', { key: 'sk-not-the-right-one' });
    server.script({ kind: 'sse', pieces: pieces(ANSWER, 12) });
    await page.getByRole('button', { name: 'Regenerate' }).click();
    const fallback = page.getByTestId('engine-fallback');
    await fallback.waitFor({ timeout: 30_000 });
    expect(await fallback.textContent()).toMatch(
      /^Drafted with the built-in drafter: The clinic's inference server could not write the note: .+ The built-in drafter wrote it instead\.$/,
    );
    expect(await fallback.textContent()).not.toContain('sk-not-the-right-one');
    expect(chats().at(-1)!.headers.authorization).toBe('Bearer sk-not-the-right-one');
    expect(await page.getByTestId('flag-chip').count()).toBe(0);
    expect(await axeViolations(page, 'fallback notice')).toEqual([]);
    await page.screenshot({ path: `${OUT}/note-engine-fallback-1280.png` });
  });

  it('typing in the note stays responsive while the local engine streams a draft; its noise falls back', async () => {
    const { host, page } = ui;
    const log = hostLog(host);
    const r = await typeInHpiWhileLocalEngineDrafts(page, host, log, {
      text: ' The patient reports the knee gives way on the stairs. '.repeat(4).slice(0, 200),
      firstTokenTimeoutMs: 40_000,
    });
    const f = latencyFigures(r.during);
    console.log(
      `typing while the local engine streamed (${r.tokens} tokens, ${r.during.length} of ${r.keys} keys): ` +
        `median ${f.median.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms, max ${f.max.toFixed(0)} ms`,
    );
    // Enough key presses overlapped the stream to measure it (the fixture writes 3000 tokens after a long prompt).
    expect(r.tokens).toBe(3000);
    expect(r.during.length).toBeGreaterThanOrEqual(10);
    // Target 50 ms (bench:ui reports it); generous here for a loaded 2-core CI machine, yet a UI blocked by the
    // stream (a re-render per token, a synchronous wait on the engine) fails it.
    expect(f.p95).toBeLessThan(150);
    // The noise is no note: the built-in drafter wrote it, and the Note tab says why.
    const fallback = page.getByTestId('engine-fallback');
    await fallback.waitFor({ timeout: 30_000 });
    expect(await fallback.textContent()).toMatch(
      /^Drafted with the built-in drafter: The model on this computer could not write the note: /,
    );
  });
});
