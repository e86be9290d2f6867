import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Playwright gives each launch a fresh temporary profile. Debian's Chromium (apt-get install chromium); playwright-core never downloads a browser here. */
export const CHROMIUM = process.env.BEDSIDE_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
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
    ],
  });
}
