/**
 * Typing latency in the note editor while a generative engine drafts (issue 15: "the app stays responsive — typing
 * ≤ 50 ms — while generating"), shared by bench/ui.bench.ts and test/e2e/ui-note-engine.e2e.test.ts.
 *
 * The dev host drafts with the local engine: the tiny random-weight decoder (test/fixtures/tiny-llm) in its own
 * helper process, through transformers.js and onnxruntime-node, streaming its pieces over IPC to the dev host, which
 * scans them for sections as it would a real model's. Its weights are noise, so no section ever closes and the draft
 * falls back to the built-in drafter at the end: what is measured is the app while the engine process computes and
 * streams, not what it writes. The dev host logs `llm.first_token` and `llm.generated` (counts and times only) at
 * info level: typing starts when the first token has streamed, and only the key presses between the first token and
 * the end of generation are counted.
 *
 * Per key press: keydown's timestamp → the first task after the next animation frame (the frame that shows the
 * character), measured in the page. Over all key presses the longest main-thread task (Long Tasks API) is kept too.
 */
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { ServeProcess } from './devhost-process.js';
import { apiCall } from './e2e.js';

/** The random-weight decoder made by scripts/make-tiny-llm.ts, as a model folder for the local engine. */
export const TINY_LLM_DIR = resolve('test/fixtures/tiny-llm');

/** A log line of the dev host (JSON on stderr): its event name, time (ms since the epoch) and fields. */
export interface HostLogEvent {
  event: string;
  at: number;
  fields: Record<string, unknown>;
}

/** Follows the dev host's log lines; `next(event)` resolves with the next one of that name logged from now on. */
export function hostLog(host: ServeProcess) {
  const seen: HostLogEvent[] = [];
  const waiting: { event: string; resolve: (e: HostLogEvent) => void }[] = [];
  let partial = '';
  host.child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let j: Record<string, unknown>;
      try {
        j = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (typeof j.event !== 'string') continue;
      const e: HostLogEvent = { event: j.event, at: Date.parse(String(j.t)), fields: j };
      seen.push(e);
      for (const w of waiting.filter((x) => x.event === e.event)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  return {
    seen,
    next(event: string, timeoutMs: number): Promise<HostLogEvent> {
      return new Promise((res, rej) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          rej(new Error(`the dev host logged no ${event} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        timer.unref();
        const entry = {
          event,
          resolve: (e: HostLogEvent) => {
            clearTimeout(timer);
            res(e);
          },
        };
        waiting.push(entry);
      });
    },
  };
}
export type HostLog = ReturnType<typeof hostLog>;

/** True while the open encounter's draft is being written (the Regenerate button reads "Drafting…"). */
const DRAFTING = `document.querySelector('[data-shortcut="regenerate"]')?.textContent === 'Drafting…'`;

/** Installs the per-key probe in the page (again: starts a fresh record). */
const KEY_PROBE = `(() => {
  window.__keys = [];
  window.__longTask = 0;
  if (window.__probe) return;
  window.__probe = true;
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    const at = performance.timeOrigin + t0;
    const drafting = ${DRAFTING};
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__keys.push({ ms: performance.now() - t0, at, drafting });
      ch.port2.postMessage(0);
    });
  }, true);
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longTask = Math.max(window.__longTask, e.duration);
  }).observe({ type: 'longtask' });
})()`;

export interface TypingWhileDrafting {
  /** Key press → paint latencies (ms) of the keys pressed while tokens streamed. */
  during: number[];
  /** Key presses in all (some may come after generation ended: not in `during`). */
  keys: number;
  /** The longest main-thread task while typing (ms; 0: none ≥ 50 ms), from the editor's focus on. */
  longTask: number;
  /** The engine's time to its first token and the tokens it generated (from the dev host's log). */
  firstTokenMs: number;
  tokens: number;
  generateMs: number;
  /** Seconds of typing that overlapped the stream. */
  overlapSec: number;
}

/**
 * Starts a draft with `start` (the dev host must draft with the local engine and log at info level), waits for the
 * first streamed token, opens the editor with `openEditor` and types `text` into it in runs of 10 characters,
 * `delayMs` apart, until the text is typed or the draft is done; then the latencies of the key presses made while
 * the engine was still generating.
 */
export async function typeWhileDrafting(
  page: Page,
  log: HostLog,
  opts: {
    start: () => Promise<void>;
    openEditor: () => Promise<Locator>;
    text: string;
    delayMs?: number;
    /** How long the first token may take (model load and the prompt). */
    firstTokenTimeoutMs?: number;
  },
): Promise<TypingWhileDrafting> {
  await page.evaluate(KEY_PROBE);
  const first = log.next('llm.first_token', opts.firstTokenTimeoutMs ?? 120_000);
  const generated = log.next('llm.generated', 300_000);
  generated.catch(() => undefined); // awaited below; not an unhandled rejection if the first token never comes
  await opts.start();
  const firstToken = await first;
  const box = await opts.openEditor();
  await box.focus();
  await page.evaluate('window.__longTask = 0'); // long tasks while typing, not those of opening the editor
  for (let i = 0; i < opts.text.length; i += 10) {
    if (!(await page.evaluate<boolean>(DRAFTING))) break;
    await page.keyboard.type(opts.text.slice(i, i + 10), { delay: opts.delayMs ?? 25 });
  }
  // The last key's frame.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))))');
  const keys = await page.evaluate<{ ms: number; at: number; drafting: boolean }[]>('window.__keys');
  const longTask = await page.evaluate<number>('window.__longTask');
  // Generation may still be running (the text ran out first): it ends by itself (the token limit).
  const done = await generated;
  const during = keys.filter((k) => k.drafting && k.at >= firstToken.at && k.at <= done.at);
  const f = done.fields as { tokens?: number; ms?: number };
  const lastAt = during.length ? during.at(-1)!.at : firstToken.at;
  return {
    during: during.map((k) => k.ms),
    keys: keys.length,
    longTask,
    firstTokenMs: Number(firstToken.fields.ms),
    tokens: f.tokens ?? NaN,
    generateMs: f.ms ?? NaN,
    overlapSec: (lastAt - (during[0]?.at ?? lastAt)) / 1000,
  };
}

/**
 * The note-engine scenario bench:ui and the e2e test share: the dev host set to the local engine on the tiny decoder
 * ({@link TINY_LLM_DIR}), Settings opened and left (the Note tab names the engine that drafts), then Regenerate on the
 * open encounter's drafted note and `text` typed into its HPI editor once the engine streams ({@link typeWhileDrafting}).
 */
export async function typeInHpiWhileLocalEngineDrafts(
  page: Page,
  host: ServeProcess,
  log: HostLog,
  opts: { text: string; firstTokenTimeoutMs?: number },
): Promise<TypingWhileDrafting> {
  await apiCall(host, 'settings.set', { noteEngine: { kind: 'local', localModel: TINY_LLM_DIR } });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Encounters', exact: true }).click();
  return typeWhileDrafting(page, log, {
    start: () => page.getByRole('button', { name: 'Regenerate' }).click(),
    openEditor: async () => {
      await page.getByText('Drafting the note with the model on this computer…', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Edit HISTORY OF PRESENT ILLNESS' }).click();
      return page.getByLabel('HISTORY OF PRESENT ILLNESS text');
    },
    ...opts,
  });
}

/** Median, 95th percentile and maximum (nearest rank). */
export function latencyFigures(ms: number[]): { median: number; p95: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: s.at(-1) ?? NaN };
}
