/**
 * Opens a URL in the user's default (system) browser, as RFC 8252 requires for native apps: never an embedded web
 * view. The URL is passed as one argument, never through a shell.
 */
import { spawn } from 'node:child_process';
import { EhrError } from './errors.js';

export function browserCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (!/^https?:\/\//.test(url)) throw new EhrError('config', 'only http(s) addresses are opened in the browser');
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function openInSystemBrowser(url: string): Promise<void> {
  const [cmd, args] = browserCommand(url);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.once('error', () =>
      reject(new EhrError('config', `cannot start the system browser (${cmd}); use --no-browser`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
