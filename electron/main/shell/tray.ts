/** The tray icon: shows whether Bedside is recording, and offers show / start-stop / lock / quit. */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';

export interface TrayDeps {
  createTray(icon: NativeImage): Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  icon(state: 'idle' | 'recording'): NativeImage;
}

export interface TrayActions {
  show(): void;
  toggleRecording(): void;
  lock(): void;
  quit(): void;
}

export class RecordingTray {
  private readonly tray: ReturnType<TrayDeps['createTray']>;
  private recording = false;

  constructor(
    private readonly deps: TrayDeps,
    private readonly actions: TrayActions,
  ) {
    this.tray = deps.createTray(deps.icon('idle'));
    this.tray.on('click', () => actions.show());
    this.render();
  }

  get isRecording(): boolean {
    return this.recording;
  }

  setRecording(recording: boolean): void {
    if (recording === this.recording) return;
    this.recording = recording;
    this.render();
  }

  private render(): void {
    this.tray.setImage(this.deps.icon(this.recording ? 'recording' : 'idle'));
    this.tray.setToolTip(this.recording ? 'Bedside: recording' : 'Bedside: not recording');
    this.tray.setContextMenu(
      this.deps.buildMenu([
        { label: 'Show Bedside', click: () => this.actions.show() },
        { label: this.recording ? 'Stop recording' : 'Start recording', click: () => this.actions.toggleRecording() },
        { type: 'separator' },
        // Closes the encrypted store and hides the window's content behind the unlock screen (issue 17).
        { label: 'Lock', click: () => this.actions.lock() },
        { label: 'Quit', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }
}

/** A 16×16 BGRA dot: grey when idle, red while recording (drawn, so no image files are needed). */
export function trayBitmap(state: 'idle' | 'recording'): Buffer {
  const [b, g, r] = state === 'recording' ? [0x2b, 0x2b, 0xe0] : [0x90, 0x88, 0x80];
  const buf = Buffer.alloc(16 * 16 * 4);
  for (let y = 0; y < 16; y++)
    for (let x = 0; x < 16; x++) {
      const d = Math.hypot(x - 7.5, y - 7.5);
      const a = d <= 6 ? 255 : d <= 7 ? Math.round((7 - d) * 255) : 0;
      buf.set([b, g, r, a], (y * 16 + x) * 4);
    }
  return buf;
}
