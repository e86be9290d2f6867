/**
 * Shell glue for SMART on FHIR in the desktop app: registers the `bedside://` scheme so an EHR can start an EHR
 * launch (`bedside://launch?iss=...&launch=...`), picks such links up however the OS delivers them (macOS open-url,
 * a second instance's argv on Windows/Linux, or the first start's argv), and opens sign-in pages in the system
 * browser (RFC 8252: never an embedded view). Electron is injected, so this runs under a mock in unit tests.
 * Links are validated by core/ehr (https iss, both parameters); a bad one is dropped and logged without its content.
 */
import { resolve } from 'node:path';
import { EhrError } from '../../core/ehr/errors.js';
import { parseLaunchLink } from '../../core/ehr/smart.js';
import { log } from '../../core/platform/log.js';

export const LAUNCH_SCHEME = 'bedside';

export interface EhrLaunchApp {
  isPackaged: boolean;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
}

export interface EhrLaunchDeps {
  app: EhrLaunchApp;
  shell: { openExternal(url: string): Promise<void> };
  /** Called with each valid EHR launch (e.g. dispatches ehr.launch). */
  onLaunch: (launch: { iss: string; launch: string }) => void | Promise<void>;
  /** process.argv and process.execPath of this (first) instance. */
  argv: string[];
  execPath: string;
}

function launchLinkIn(argv: string[]): string | undefined {
  return argv.find((a) => a.startsWith(`${LAUNCH_SCHEME}://`));
}

export function registerEhrLaunch(deps: EhrLaunchDeps): { openExternal: (url: string) => Promise<void> } {
  const { app } = deps;
  // In development the executable is Electron itself: it must be told which app to start.
  const registered = app.isPackaged
    ? app.setAsDefaultProtocolClient(LAUNCH_SCHEME)
    : app.setAsDefaultProtocolClient(LAUNCH_SCHEME, deps.execPath, deps.argv[1] ? [resolve(deps.argv[1])] : []);
  if (!registered) log.warn('ehr.scheme_not_registered', { scheme: LAUNCH_SCHEME });

  const handle = (link: string) => {
    let parsed: { iss: string; launch: string };
    try {
      parsed = parseLaunchLink(link);
    } catch (err) {
      log.warn('ehr.launch_link_refused', { reason: err instanceof EhrError ? err.kind : 'error' });
      return;
    }
    Promise.resolve(deps.onLaunch(parsed)).catch((err: unknown) =>
      log.warn('ehr.launch_failed', { kind: err instanceof EhrError ? err.kind : 'error' }),
    );
  };

  app.on('open-url', (event, url) => {
    event.preventDefault();
    handle(url);
  });
  app.on('second-instance', (_event, argv) => {
    const link = launchLinkIn(argv);
    if (link) handle(link);
  });
  const first = launchLinkIn(deps.argv);
  if (first) handle(first);

  return {
    /** Opens an http(s) page (the EHR sign-in) in the system browser; anything else is refused. */
    openExternal: async (url: string) => {
      let protocol = '';
      try {
        protocol = new URL(url).protocol;
      } catch {
        // fall through to the refusal
      }
      if (protocol !== 'https:' && protocol !== 'http:')
        throw new EhrError('config', 'only http(s) sign-in pages are opened in the browser');
      await deps.shell.openExternal(url);
    },
  };
}
