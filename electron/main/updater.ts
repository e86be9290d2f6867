/**
 * Controlled updates with electron-updater (generic provider: the clinic's or the vendor's update server).
 *
 *   - off when the policy says off, for a per-machine MSI install (IT deploys those), a deb installed by the package
 *     manager, and unpackaged builds;
 *   - the server and channel (stable / beta) come from the machine policy, else the app-update.yml built in;
 *   - notify: background checks only report a newer version; "Check now" downloads it. auto: background checks
 *     download too, and the update installs when the app quits;
 *   - electron-updater checks the download's sha512 (from latest*.yml) before it can be installed, and honours a
 *     staged rollout (stagingPercentage) by this computer's stable updater id;
 *   - the app never restarts into an update during a recording or with unsaved edits: install() is refused.
 *
 * electron-updater is handed in (`UpdaterLike`) so this runs under Node tests against a loopback update server.
 */
import { existsSync } from 'node:fs';
import { win32 } from 'node:path';
import { log } from '../../core/platform/log.js';
import { UpdateRefusedError, type UpdateStatus, type UpdatesService } from '../../core/policy/api.js';
import type { Policy } from '../../core/policy/schema.js';

/** The part of electron-updater's AppUpdater this uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (p: { percent: number }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export type InstallKind = 'per-machine-msi' | 'per-user' | 'system-package' | 'unpackaged';

/**
 * How this copy was installed. On Windows the NSIS per-user installer leaves its uninstaller beside the app and
 * installs under the user's profile; anything else (the MSI under Program Files) is per machine, and IT updates it.
 */
export function installKind(opts: {
  platform: NodeJS.Platform;
  packaged: boolean;
  execPath: string;
  env: NodeJS.ProcessEnv;
  exists?: (p: string) => boolean;
}): InstallKind {
  if (!opts.packaged) return 'unpackaged';
  if (opts.platform !== 'win32') return opts.platform === 'linux' && !opts.env.APPIMAGE ? 'system-package' : 'per-user';
  const exists = opts.exists ?? existsSync;
  const dir = win32.dirname(opts.execPath);
  const under = (root: string | undefined) =>
    !!root && dir.toLowerCase().startsWith(root.replace(/[\\/]+$/, '').toLowerCase() + '\\');
  if (under(opts.env.ProgramFiles) || under(opts.env['ProgramFiles(x86)']) || under(opts.env.ProgramW6432))
    return 'per-machine-msi';
  return exists(win32.join(dir, 'Uninstall Bedside.exe')) ? 'per-user' : 'per-machine-msi';
}

export interface UpdateControllerOptions {
  /** Creates the updater (electron-updater's autoUpdater in the app) the first time it is needed. */
  updater: () => UpdaterLike;
  policy: () => Policy;
  version: string;
  kind: InstallKind;
  /** Whether a recording is running now (the app watches transcribe.live.start / stop). */
  recording: () => boolean;
  /** Background check interval; default 4 h. 0: no background checks. */
  intervalMs?: number;
  now?: () => Date;
}

const DISABLED: Record<string, string> = {
  off: 'Updates are turned off by your organisation.',
  'per-machine-msi': 'This copy was installed for all users of this computer; your IT department updates it.',
  'system-package': "This copy was installed by the system's package manager; it is updated the same way.",
  unpackaged: 'This is a development build; it does not update itself.',
};

/** Short, PHI-free words for an updater error (electron-updater's own messages can carry URLs and stack traces). */
function explain(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  const msg = err instanceof Error ? err.message : '';
  if (/sha512 checksum mismatch/i.test(msg) || code === 'ERR_CHECKSUM_MISMATCH')
    return 'The downloaded update did not match its published checksum (sha512) and was discarded.';
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|net::/.test(msg)) return 'The update server could not be reached.';
  if (/404|Cannot find channel/.test(msg)) return 'The update server has no release information for this channel.';
  if (code === 'ERR_UPDATER_INVALID_UPDATE_INFO' || code === 'ERR_UPDATER_INVALID_VERSION')
    return "The update server's release information is not valid.";
  return 'The update could not be checked or downloaded.';
}

export class UpdateController implements UpdatesService {
  private state: UpdateStatus['state'] = 'idle';
  private message: string | null = null;
  private available: string | null = null;
  private progress: number | null = null;
  private lastChecked: Date | null = null;
  private updater: UpdaterLike | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<UpdateStatus> | undefined;

  constructor(private readonly opts: UpdateControllerOptions) {}

  private settings() {
    const p = this.opts.policy();
    return { mode: p.updateMode ?? 'notify', channel: p.updateChannel ?? 'stable', url: p.updateUrl ?? null };
  }

  /** Why updates are off here, or null. */
  private disabledReason(): string | null {
    if (this.settings().mode === 'off') return DISABLED.off!;
    if (this.opts.kind === 'per-machine-msi') return DISABLED['per-machine-msi']!;
    if (this.opts.kind === 'system-package') return DISABLED['system-package']!;
    if (this.opts.kind === 'unpackaged') return DISABLED.unpackaged!;
    return null;
  }

  status(): UpdateStatus {
    const { mode, channel } = this.settings();
    const disabled = this.disabledReason();
    return {
      state: disabled ? 'disabled' : this.state,
      message: disabled ?? this.message,
      currentVersion: this.opts.version,
      availableVersion: this.available,
      mode,
      channel,
      progress: this.state === 'downloading' ? this.progress : null,
      lastCheckedAt: this.lastChecked ? this.lastChecked.toISOString() : null,
      restartBlockedBy: this.state === 'downloaded' && this.opts.recording() ? 'recording' : null,
    };
  }

  /** The updater, configured from the current policy. */
  private configured(): UpdaterLike {
    const { mode, channel, url } = this.settings();
    if (!this.updater) {
      const u = this.opts.updater();
      u.on('download-progress', (p) => {
        this.progress = Math.max(0, Math.min(1, p.percent / 100));
      });
      u.on('error', () => undefined); // reported through the rejected promise (see run)
      this.updater = u;
    }
    const u = this.updater;
    u.autoDownload = false; // this controller decides when to download
    u.autoInstallOnAppQuit = mode === 'auto';
    u.allowPrerelease = channel === 'beta';
    u.channel = channel === 'beta' ? 'beta' : 'latest';
    u.allowDowngrade = false; // channel changes must not reinstall an older version
    if (url) u.setFeedURL({ provider: 'generic', url, channel: channel === 'beta' ? 'beta' : 'latest' });
    return u;
  }

  /** "Check now": checks and, when a newer version is offered to this computer, downloads it (sha512 checked). */
  check(): Promise<UpdateStatus> {
    return this.run(true);
  }

  /** A background check: downloads only in auto mode. */
  checkInBackground(): Promise<UpdateStatus> {
    return this.run(this.settings().mode === 'auto');
  }

  private run(download: boolean): Promise<UpdateStatus> {
    if (this.disabledReason()) return Promise.resolve(this.status());
    if (this.state === 'downloaded') return Promise.resolve(this.status());
    this.running ??= (async () => {
      const u = this.configured();
      this.state = 'checking';
      this.message = null;
      try {
        const r = await u.checkForUpdates();
        this.lastChecked = (this.opts.now ?? (() => new Date()))();
        if (!r || !r.isUpdateAvailable) {
          this.state = 'up-to-date';
          this.available = null;
          return this.status();
        }
        this.available = r.updateInfo.version;
        this.state = 'available';
        if (!download) return this.status();
        this.state = 'downloading';
        this.progress = 0;
        await u.downloadUpdate();
        this.state = 'downloaded';
        log.info('updates.downloaded', { version: this.available });
      } catch (err) {
        this.state = 'error';
        this.message = explain(err);
        log.warn('updates.failed', { code: (err as { code?: string }).code ?? 'unknown' });
      }
      return this.status();
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Restarts into the downloaded update, unless that would interrupt a recording or lose unsaved edits. */
  async install({ unsavedEdits }: { unsavedEdits: boolean }): Promise<UpdateStatus> {
    if (this.disabledReason() || this.state !== 'downloaded' || !this.updater)
      throw new UpdateRefusedError('No update has been downloaded yet.', 'not-downloaded');
    if (this.opts.recording())
      throw new UpdateRefusedError(
        'A recording is running: the update installs after it ends (or when Bedside quits).',
        'recording',
      );
    if (unsavedEdits)
      throw new UpdateRefusedError('Save or discard your edits first; then restart to update.', 'unsaved-edits');
    log.info('updates.install', { version: this.available });
    this.updater.quitAndInstall(false, true);
    return this.status();
  }

  /** Starts background checks (none when disabled). */
  start(): void {
    const every = this.opts.intervalMs ?? 4 * 60 * 60 * 1000;
    if (this.disabledReason() || every <= 0 || this.timer) return;
    const tick = () => void this.checkInBackground();
    setTimeout(tick, 30_000).unref();
    this.timer = setInterval(tick, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
