/**
 * Auto-lock: after N minutes without keyboard or mouse input (system-wide idle time), or when the screen locks or
 * the machine suspends, the store is locked — the database is closed and the key dropped from memory.
 */
export interface IdleSource {
  /** Seconds since the last user input (Electron: powerMonitor.getSystemIdleTime). */
  getSystemIdleTime(): number;
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
}

export interface IdleLockOptions {
  minutes: number;
  lock(reason: 'idle' | 'lock-screen' | 'suspend'): Promise<void> | void;
  /**
   * True while the idle timer must wait: a visit being recorded has no keyboard input for many minutes, and locking
   * would close the store the audio is being written to. Screen lock and suspend still lock at once.
   */
  busy?: () => boolean;
  /** How often idle time is checked (default 15 s). */
  checkEveryMs?: number;
  setInterval?: typeof setInterval;
  clearInterval?: typeof clearInterval;
}

export class IdleLock {
  private timer: ReturnType<typeof setInterval> | null = null;
  private minutes: number;
  private locked = false;

  constructor(
    private readonly source: IdleSource,
    private readonly opts: IdleLockOptions,
  ) {
    this.minutes = opts.minutes;
    source.on('lock-screen', () => void this.fire('lock-screen'));
    source.on('suspend', () => void this.fire('suspend'));
    this.start();
  }

  /** 0 turns the idle timer off (screen lock and suspend still lock). */
  setMinutes(minutes: number): void {
    this.minutes = Math.max(0, minutes);
  }

  /** Call after the user unlocks: the next idle period locks again. */
  unlocked(): void {
    this.locked = false;
  }

  check(): void {
    if (this.locked || this.minutes <= 0 || this.opts.busy?.()) return;
    if (this.source.getSystemIdleTime() >= this.minutes * 60) void this.fire('idle');
  }

  private async fire(reason: 'idle' | 'lock-screen' | 'suspend') {
    if (this.locked) return;
    this.locked = true;
    await this.opts.lock(reason);
  }

  private start() {
    const every = this.opts.checkEveryMs ?? 15_000;
    this.timer = (this.opts.setInterval ?? setInterval)(() => this.check(), every);
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) (this.opts.clearInterval ?? clearInterval)(this.timer);
    this.timer = null;
  }
}
