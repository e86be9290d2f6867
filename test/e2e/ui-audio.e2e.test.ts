/**
 * Audio capture in real Chromium with a fake microphone (--use-fake-device-for-media-stream: a steady tone).
 * 1. The capture worklet loads under the app's CSP and delivers 100 ms frames of 16 kHz Int16 with a level.
 * 2. Without an installed speech model the recording UI says so in words (real API through the dev host), and
 *    recording cannot start before consent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMicrophone, launchChromium } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/devhost-process.js';
import { continueWithoutStore } from '../helpers/first-run.js';

// Runs in the page (a string: this file is typechecked without the DOM library). Waits for the frames themselves
// (ten: 1 s of audio), not a fixed time; gives up after 20 s and returns what arrived.
const CAPTURE_ONE_SECOND = `(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const ctx = new AudioContext();
  await ctx.audioWorklet.addModule(new URL('audio/capture-worklet.js', document.baseURI).href);
  const node = new AudioWorkletNode(ctx, 'bedside-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
  const frames = [];
  let enough;
  const arrived = new Promise((r) => (enough = r));
  node.port.onmessage = (e) => {
    frames.push({ n: new Int16Array(e.data.pcm).length, rms: e.data.rms });
    if (frames.length >= 10) enough();
  };
  ctx.createMediaStreamSource(stream).connect(node);
  await Promise.race([arrived, new Promise((r) => setTimeout(r, 20000))]);
  const rate = ctx.sampleRate;
  stream.getTracks().forEach((t) => t.stop());
  await ctx.close();
  return { rate, frames };
})()`;

describe('audio capture in a real browser', () => {
  let host: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let modelDir: string;

  beforeAll(async () => {
    modelDir = mkdtempSync(join(tmpdir(), 'bedside-no-models-'));
    const before = process.env.BEDSIDE_MODEL_DIR;
    process.env.BEDSIDE_MODEL_DIR = modelDir; // inherited by the dev host: no speech model installed
    try {
      host = await startServe();
    } finally {
      if (before === undefined) delete process.env.BEDSIDE_MODEL_DIR;
      else process.env.BEDSIDE_MODEL_DIR = before;
    }
    browser = await launchChromium(fakeMicrophone());
    context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    await context.grantPermissions(['microphone'], { origin: host.origin });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.stop();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('the worklet delivers 100 ms frames at 16 kHz with a moving level, under the app CSP', async () => {
    const page = await context.newPage();
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(host.url);
    await continueWithoutStore(page); // no store in this data folder: first run (issue 17)
    const r = await page.evaluate<{ rate: number; frames: { n: number; rms: number }[] }>(CAPTURE_ONE_SECOND);
    expect(r.frames.length).toBeGreaterThanOrEqual(10); // 1 s of audio arrived (within 20 s, however busy)
    expect(r.frames.every((f) => f.n === 1600)).toBe(true);
    expect(Math.max(...r.frames.map((f) => f.rms))).toBeGreaterThan(0.01); // the fake device's tone
    expect(csp).toEqual([]);
    await page.close();
  });

  it('recording waits for consent, and a missing speech model is explained in words', async () => {
    const page = await context.newPage();
    await page.goto(host.url);
    await continueWithoutStore(page);
    await page.getByRole('button', { name: 'New encounter' }).click({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Start encounter' }).click();
    const start = page.getByRole('button', { name: 'Start recording' });
    expect(await start.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Confirm consent to record' }).click();
    await start.click();
    const alert = page.getByRole('region', { name: 'Recording' }).getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('No speech model is installed');
    await page.screenshot({ path: 'test-results/ui/recording-no-model-420.png' });
    await page.close();
  });
});
