/**
 * UI figures, measured in Debian's Chromium against the built dev host (`npm run build` first).
 *   npm run bench:ui [-- --runs 10]
 * 1. First meaningful paint from a warm dev host: navigation start → today's encounters list rendered with data
 *    from the API (median of N fresh page loads after one warm-up load; goal ≤ 500 ms).
 * 2. Main JS bundle size, gzipped (goal ≤ 500 KB).
 * 3. Typing in the note editor: the longest key-event-to-paint latency (Event Timing API) and the longest main-thread
 *    task while typing 200 characters into a section of a drafted ACI-BENCH visit (goal ≤ 50 ms).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { parseCsvObjects } from '../core/clinical/csv.js';
import { launchChromium } from '../test/helpers/browser.js';
import { startServe } from '../test/helpers/devhost-process.js';

const { values } = parseArgs({ options: { runs: { type: 'string' } }, strict: true });
const runs = Number(values.runs ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const assets = resolve('dist/renderer/assets');
const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
const css = readdirSync(assets).filter((f) => f.endsWith('.css'));
const gz = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0);
const raw = (files: string[]) => files.reduce((n, f) => n + readFileSync(join(assets, f)).length, 0);

const host = await startServe();
const browser = await launchChromium();
try {
  // bypassCSP: Playwright's string predicates are evaluated with eval, which the app's CSP (rightly) forbids.
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const ready = `document.querySelector('h2')?.textContent === 'Today’s encounters' && performance.now()`;
  await page.goto(host.url);
  await page.waitForFunction(ready, undefined, { polling: 'raf' }); // warm-up
  const fmp: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(host.url);
    fmp.push(Number(await (await page.waitForFunction(ready, undefined, { polling: 'raf' })).jsonValue()));
  }

  // Typing latency in the note editor.
  const transcript = parseCsvObjects(readFileSync('../shared/data/aci-bench/valid.csv', 'utf8'))[0]!.dialogue!;
  await page.getByRole('button', { name: 'New encounter' }).click();
  await page.getByRole('button', { name: 'Start encounter' }).click();
  await page.getByLabel('Or paste the visit transcript').fill(transcript);
  await page.getByRole('button', { name: 'Draft the note' }).click();
  await page.getByRole('button', { name: 'Edit HISTORY OF PRESENT ILLNESS' }).click();
  await page.evaluate(`window.__lat = { event: 0, task: 0 };
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lat.event = Math.max(window.__lat.event, e.duration); })
      .observe({ type: 'event', durationThreshold: 16, buffered: false });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lat.task = Math.max(window.__lat.task, e.duration); })
      .observe({ type: 'longtask' });`);
  const box = page.getByLabel('HISTORY OF PRESENT ILLNESS text');
  await box.focus();
  await page.keyboard.type(' The patient reports intermittent chest tightness on exertion. '.repeat(4).slice(0, 200));
  await page.waitForTimeout(300);
  const lat = (await page.evaluate('window.__lat')) as { event: number; task: number };

  const jsGz = gz(js);
  console.log(
    `first meaningful paint (warm dev host, median of ${runs}): ${median(fmp).toFixed(0)} ms` +
      `  (min ${Math.min(...fmp).toFixed(0)}, max ${Math.max(...fmp).toFixed(0)}; goal ≤ 500 ms, ratio ${(median(fmp) / 500).toFixed(2)})`,
  );
  console.log(
    `main JS bundle: ${(raw(js) / 1024).toFixed(1)} KB raw, ${(jsGz / 1024).toFixed(1)} KB gzipped` +
      ` (goal ≤ 500 KB, ratio ${(jsGz / 1024 / 500).toFixed(2)}); CSS ${(gz(css) / 1024).toFixed(1)} KB gzipped`,
  );
  console.log(
    `typing 200 chars in the note editor: longest event ${lat.event ? lat.event.toFixed(0) + ' ms' : '< 16 ms'},` +
      ` longest main-thread task ${lat.task ? lat.task.toFixed(0) + ' ms' : 'none ≥ 50 ms'} (goal ≤ 50 ms)`,
  );
} finally {
  await browser.close();
  await host.stop();
}
