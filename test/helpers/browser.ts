import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Playwright gives each launch a fresh temporary profile. Debian's Chromium (apt-get install chromium); playwright-core never downloads a browser here. */
export const CHROMIUM = process.env.BEDSIDE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Chromium's fake microphone (no permission prompt): a steady tone, or the given WAV played in a loop into
 * getUserMedia, so the real capture worklet and level meter run in the test.
 */
export function fakeMicrophone(wav?: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    ...(wav ? [`--use-file-for-fake-audio-capture=${wav}`] : []),
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run 'apt-get install -y chromium'`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
