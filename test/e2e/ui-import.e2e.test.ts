/**
 * Audio into an encounter in real Chromium against the dev host, with the fixture speech model installed (its fast
 * variant: the same weights with a 3 s encoder window) and a real encrypted store:
 * 1. Import a synthetic WAV (espeak-ng speech, resampled by sox to 44.1 kHz stereo so the page's resampling and
 *    downmix are exercised): the page decodes it, uploads it with progress, transcribes it with progress; the store
 *    then holds the audio (read back over a second WebSocket) and the transcript area shows the model's words or the
 *    no-speech message (the fixture model has empty weights). Screenshot at 420×900 and axe on the import screen.
 * 2. A WAV as the microphone (--use-file-for-fake-audio-capture): after consent, recording moves the level meter and
 *    transcribe.partial events arrive (counted on a second WebSocket: events go to every connection).
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWav } from '../../models/audio/wav.js';
import { fakeMicrophone, launchChromium } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/devhost-process.js';
import { axeViolations, initStore } from '../helpers/e2e.js';
import { espeakAvailable } from '../helpers/speech.js';
import { JFK_WAV, writeFastModel } from '../integration/models/fixtures.js';

const PASSPHRASE = 'correct horse battery staple';
const OUT = 'test-results/ui';
const SENTENCE = 'Hello doctor. I have had a dry cough for about a week, and a mild fever since Tuesday.';

/** A second client of the dev host: API calls, and every event the host broadcasts. */
async function connect(host: ServeProcess) {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api?token=${host.token}`);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const events: { event: string; payload: Record<string, unknown> }[] = [];
  const waiting = new Map<number, (reply: { ok: boolean; result?: unknown; error?: unknown }) => void>();
  let next = 1;
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; reply?: { ok: boolean }; event?: string; payload?: never };
    if (m.event) events.push({ event: m.event, payload: m.payload ?? {} });
    else if (m.id !== undefined) waiting.get(m.id)?.(m.reply!);
  });
  return {
    events,
    async call<T>(method: string, params: unknown): Promise<T> {
      const id = next++;
      const reply = await new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((r) => {
        waiting.set(id, r);
        ws.send(JSON.stringify({ id, method, params }));
      });
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return reply.result as T;
    },
    close: () => ws.close(),
  };
}

describe('audio into an encounter in a real browser', () => {
  let dir: string;
  let host: ServeProcess;
  let speechWav: string;
  let micWav: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'bedside-ui-import-'));
    // The fixture model installed as the catalogue's tiny.en (a manifest is what makes a model installed).
    const modelDir = join(dir, 'models', 'whisper-tiny.en');
    mkdirSync(modelDir, { recursive: true });
    copyFileSync(writeFastModel(dir), join(modelDir, 'ggml-tiny.en.bin'));
    writeFileSync(
      join(modelDir, 'manifest.json'),
      JSON.stringify({ id: 'whisper-tiny.en', files: [], installedAt: new Date().toISOString(), source: 'local' }),
    );
    if (espeakAvailable()) {
      const raw = join(dir, 'speech-raw.wav');
      execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, SENTENCE], { stdio: 'ignore' });
      speechWav = join(dir, 'visit-44k-stereo.wav');
      execFileSync('sox', [raw, '-r', '44100', '-c', '2', '-b', '16', speechWav], { stdio: 'ignore' });
      micWav = join(dir, 'mic-16k.wav');
      execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', micWav, 'pad', '0', '0.5'], { stdio: 'ignore' });
    } else {
      speechWav = resolve(JFK_WAV);
      micWav = resolve(JFK_WAV);
    }
    initStore(dir, PASSPHRASE);
    const before = process.env.BEDSIDE_MODEL_DIR;
    process.env.BEDSIDE_MODEL_DIR = join(dir, 'models'); // inherited by the dev host
    try {
      host = await startServe(['--data-dir', dir]);
    } finally {
      if (before === undefined) delete process.env.BEDSIDE_MODEL_DIR;
      else process.env.BEDSIDE_MODEL_DIR = before;
    }
  });
  afterAll(async () => {
    if (host) {
      const c = await connect(host).catch(() => null);
      await c?.call('store.lock', {}).catch(() => undefined);
      c?.close();
    }
    await host?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the app (unlocking the store from the UI when asked), then starts an encounter with consent. */
  async function newEncounter(page: Page, label: string, unlock: boolean) {
    await page.goto(host.url);
    if (unlock) {
      await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 }); // a locked store opens at its unlock screen
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByText('Encounters are saved in the encrypted store').waitFor({ timeout: 20_000 });
    }
    await page.getByRole('button', { name: 'New encounter' }).click({ timeout: 15_000 });
    await page.getByLabel('Patient label (optional)').fill(label);
    await page.getByLabel('The patient agreed to this visit being recorded').check();
    await page.getByRole('button', { name: 'Start encounter' }).click();
  }

  it('imports a 44.1 kHz stereo WAV: decoded, saved with progress, transcribed with progress', async () => {
    const wav = decodeWav(readFileSync(speechWav));
    const durationSec = wav.channels[0]!.length / wav.sampleRate;
    const browser = await launchChromium();
    const monitor = await connect(host);
    try {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await newEncounter(page, 'Import patient', true);
      const input = page.getByLabel('Or import a WAV recording');
      await input.waitFor();
      // Chromium's own decoder refuses a file that is not audio: said in words, nothing saved.
      await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a recording') });
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
        .toMatch(/not audio Bedside can read/);
      const started = performance.now();
      await input.setInputFiles(speechWav);
      const bar = page.getByTestId('transcribe-progress');
      await bar.waitFor({ timeout: 20_000 });
      const savedSec = (performance.now() - started) / 1000; // decoded in the page and uploaded
      await page.getByRole('button', { name: 'Cancel' }).waitFor();
      await page.screenshot({ path: `${OUT}/import-transcribing-420.png` });
      expect(await axeViolations(page)).toEqual([]);

      // Done: either the model's turns (the note is drafted) or the no-speech message, never invented text.
      const notice = page.getByTestId('import-notice');
      const note = page.getByRole('tab', { name: 'Note' });
      await expect
        .poll(async () => (await notice.isVisible()) || (await bar.isHidden()), { timeout: 45_000 })
        .toBe(true);
      const elapsedSec = (performance.now() - started) / 1000;
      await page.screenshot({ path: `${OUT}/import-done-420.png` });
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.getByRole('alert').count()).toBe(0);

      type Summary = { id: number; patientLabel: string; status: string; audioSeconds: number; segments: number };
      const list = await monitor.call<Summary[]>('encounters.list', {});
      const mine = list.find((e) => e.patientLabel === 'Import patient')!;
      expect(mine.audioSeconds).toBeCloseTo(durationSec, 1);
      const detail = await monitor.call<{ transcript: { text: string }[] }>('encounters.get', { id: mine.id });
      const progress = monitor.events.filter(
        (e) => e.event === 'transcribe.progress' && e.payload.encounterId === mine.id,
      );
      expect(progress.length).toBeGreaterThan(0);
      const last = progress[progress.length - 1]!.payload as { doneSec: number; totalSec: number };
      expect(last.doneSec).toBeCloseTo(last.totalSec, 3);
      expect(last.totalSec).toBeGreaterThan(durationSec * 0.5); // the VAD found the speech
      if (detail.transcript.length === 0) {
        expect(await notice.textContent()).toMatch(/No speech was recognised in this audio/);
        expect(mine.status).toBe('recorded');
        // the saved audio can be transcribed again (transcribe.encounter on what the store holds)
        const again = page.getByRole('button', { name: 'Transcribe the recorded audio' });
        const before = monitor.events.length;
        await again.click();
        await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/No speech was recognised/);
        await again.waitFor();
        expect(monitor.events.slice(before).some((e) => e.event === 'transcribe.progress')).toBe(true);
      } else {
        // the words the model found are the transcript the note was drafted from
        await note.click();
        await page.getByRole('tab', { name: 'Transcript' }).click();
        for (const s of detail.transcript) await page.getByText(s.text, { exact: false }).first().waitFor();
      }
      console.log(
        `[ui-import] ${durationSec.toFixed(2)} s WAV (${wav.sampleRate} Hz, ${wav.channels.length} ch): decode + upload ${savedSec.toFixed(2)} s, import + transcribe ${elapsedSec.toFixed(2)} s in the page (${(elapsedSec / durationSec).toFixed(2)}x real time), ${progress.length} progress events, ${detail.transcript.length} stored turns`,
      );
      await context.close();
    } finally {
      monitor.close();
      await browser.close();
    }
  });

  it('a WAV as the microphone: the level meter moves and partial transcripts arrive', async () => {
    const browser = await launchChromium(fakeMicrophone(micWav));
    const monitor = await connect(host);
    try {
      // The store unlocked (over the API): the recording's audio is kept there as it is captured.
      if (!(await monitor.call<{ unlocked: boolean }>('store.status', {})).unlocked)
        await monitor.call('store.unlock', { passphrase: PASSPHRASE });
      const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
      await context.grantPermissions(['microphone'], { origin: host.origin });
      const page = await context.newPage();
      await newEncounter(page, 'Mic patient', false);
      await page.getByRole('button', { name: 'Start recording' }).click();
      await page.getByText('The audio is saved in the encrypted store as it is recorded.').waitFor({ timeout: 20_000 });
      const meter = page.getByRole('meter', { name: 'Input level' });
      await meter.waitFor({ timeout: 20_000 });
      // Sample the meter until the events show the audio streaming (two partials: two seconds pushed) and the level
      // has moved: conditions, not a fixed time, so a loaded machine only takes longer.
      const levels: number[] = [];
      const t0 = Date.now();
      const partialCount = () => monitor.events.filter((e) => e.event === 'transcribe.partial').length;
      await expect
        .poll(
          async () => {
            levels.push(Number(await meter.getAttribute('aria-valuenow')));
            return partialCount() >= 2 && new Set(levels).size > 3 && Math.max(...levels) > 5;
          },
          { timeout: 30_000, interval: 100 },
        )
        .toBe(true);
      const sampledSec = (Date.now() - t0) / 1000;
      const partials = monitor.events.filter((e) => e.event === 'transcribe.partial');
      await page.screenshot({ path: `${OUT}/recording-fake-mic-420.png` });
      expect(Math.max(...levels)).toBeGreaterThan(5); // speech from the file, not silence
      expect(new Set(levels).size).toBeGreaterThan(3); // and it moves
      expect(partials.length).toBeGreaterThanOrEqual(2); // one per second of audio pushed
      const sessions = new Set(partials.map((p) => p.payload.sessionId));
      expect(sessions.size).toBe(1);
      const audioSecs = partials.map((p) => p.payload.audioSec as number);
      expect(audioSecs).toEqual([...audioSecs].sort((a, b) => a - b));
      console.log(
        `[ui-import] fake microphone: ${partials.length} partials in ${sampledSec.toFixed(1)} s, level max ${Math.max(...levels)}%, ${new Set(levels).size} distinct levels`,
      );
      await page.getByRole('button', { name: 'Stop and draft' }).click();
      await page.getByRole('button', { name: 'Start recording' }).waitFor({ timeout: 30_000 });
      type Summary = { id: number; patientLabel: string; status: string; audioSeconds: number; segments: number };
      const mine = (await monitor.call<Summary[]>('encounters.list', {})).find(
        (e) => e.patientLabel === 'Mic patient',
      )!;
      expect(mine.status).toBe('recorded');
      // what was captured is in the store: at least all the audio the transcriber reported receiving
      const heard = Math.max(
        ...monitor.events.filter((e) => e.event === 'transcribe.partial').map((e) => e.payload.audioSec as number),
      );
      expect(heard).toBeGreaterThanOrEqual(2);
      expect(mine.audioSeconds).toBeGreaterThanOrEqual(heard - 0.01);
      if (mine.segments === 0)
        // no words from the fixture model: the kept audio can be transcribed later
        await page.getByRole('button', { name: 'Transcribe the recorded audio' }).waitFor({ timeout: 10_000 });
      await context.close();
    } finally {
      monitor.close();
      await browser.close();
    }
  });

  it('a recording cut short by a crash is recovered after the restart and its audio transcribed', async () => {
    const browser = await launchChromium(fakeMicrophone(micWav));
    try {
      const monitor = await connect(host);
      if (!(await monitor.call<{ unlocked: boolean }>('store.status', {})).unlocked)
        await monitor.call('store.unlock', { passphrase: PASSPHRASE });
      const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
      await context.grantPermissions(['microphone'], { origin: host.origin });
      const page = await context.newPage();
      await newEncounter(page, 'Crash patient', false);
      await page.getByRole('button', { name: 'Start recording' }).click();
      await page.getByRole('meter', { name: 'Input level' }).waitFor({ timeout: 20_000 });
      // Wait for the store to hold more than 2.5 s of committed audio (an event, not a fixed sleep: a loaded
      // machine captures more slowly), then crash.
      type Live = { patientLabel: string; audioSeconds: number };
      await expect
        .poll(
          async () =>
            (await monitor.call<Live[]>('encounters.list', {})).find((e) => e.patientLabel === 'Crash patient')
              ?.audioSeconds ?? 0,
          { timeout: 30_000, interval: 250 },
        )
        .toBeGreaterThan(2.5);
      monitor.close();
      // Bedside dies mid-recording (power cut): no stop, no lock.
      host.child.kill('SIGKILL');
      await once(host.child, 'exit');
      await context.close();
    } finally {
      await browser.close();
    }

    const before = process.env.BEDSIDE_MODEL_DIR;
    process.env.BEDSIDE_MODEL_DIR = join(dir, 'models');
    try {
      host = await startServe(['--data-dir', dir]);
    } finally {
      if (before === undefined) delete process.env.BEDSIDE_MODEL_DIR;
      else process.env.BEDSIDE_MODEL_DIR = before;
    }
    const plain = await launchChromium();
    const monitor = await connect(host);
    try {
      const context = await plain.newContext({ viewport: { width: 420, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(host.url);
      await page.getByLabel('Passphrase').waitFor({ timeout: 15_000 }); // a locked store opens at its unlock screen
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      const recover = page.getByRole('button', { name: 'Recover recording of Crash patient' });
      await recover.click({ timeout: 20_000 });
      await recover.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: /^Crash patient/ }).click();
      const transcribe = page.getByRole('button', { name: 'Transcribe the recorded audio' });
      await transcribe.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: `${OUT}/recovered-recording-420.png` });
      expect(await axeViolations(page)).toEqual([]);
      await transcribe.click();
      const notice = page.getByTestId('import-notice');
      const turns = page.getByText(/^\d+ turns$/);
      await expect
        .poll(async () => (await notice.isVisible()) || (await turns.isVisible()), { timeout: 30_000 })
        .toBe(true);
      type Summary = { id: number; patientLabel: string; status: string; audioSeconds: number; segments: number };
      const mine = (await monitor.call<Summary[]>('encounters.list', {})).find(
        (e) => e.patientLabel === 'Crash patient',
      )!;
      expect(mine.status).not.toBe('recording');
      expect(mine.audioSeconds).toBeGreaterThan(2); // the chunks committed before the crash
      expect(monitor.events.some((e) => e.event === 'transcribe.progress' && e.payload.encounterId === mine.id)).toBe(
        true,
      );
      if (mine.segments === 0) expect(await notice.textContent()).toMatch(/No speech was recognised/);
      console.log(`[ui-import] crash recovery: ${mine.audioSeconds.toFixed(2)} s of audio kept and transcribed`);
      await context.close();
    } finally {
      monitor.close();
      await plain.close();
    }
  });
});
