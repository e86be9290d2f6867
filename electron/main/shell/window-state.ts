/**
 * Remembers the window's position and size (a small JSON file in the app's data folder, no PHI). Restored bounds
 * are used only when they are still on a connected display; otherwise the panel docks at the right edge of the
 * primary display, 440 px wide, full height.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Bounds {
  alwaysOnTop: boolean;
}

export interface DisplayInfo {
  workArea: Bounds;
}

export const PANEL_WIDTH = 440;
const MIN_VISIBLE = 80;

export function dockedBounds(primary: DisplayInfo): Bounds {
  const a = primary.workArea;
  return { x: a.x + a.width - PANEL_WIDTH, y: a.y, width: PANEL_WIDTH, height: a.height };
}

function isBounds(v: unknown): v is WindowState {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(o[k])) &&
    (o.width as number) >= 200 &&
    (o.height as number) >= 200
  );
}

/** True when at least MIN_VISIBLE px of the window's top strip lie on some display (so it can be grabbed). */
export function isVisibleOn(b: Bounds, displays: DisplayInfo[]): boolean {
  return displays.some(({ workArea: a }) => {
    const w = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x);
    const topInside = b.y >= a.y - 10 && b.y < a.y + a.height - 40;
    return w >= MIN_VISIBLE && topInside;
  });
}

export function loadWindowState(file: string, displays: DisplayInfo[], primary: DisplayInfo): WindowState {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isBounds(v) && isVisibleOn(v, displays))
      return {
        x: Math.round(v.x),
        y: Math.round(v.y),
        width: Math.round(v.width),
        height: Math.round(v.height),
        alwaysOnTop: v.alwaysOnTop === true,
      };
  } catch {
    // missing or unreadable: use the docked default
  }
  return { ...dockedBounds(primary), alwaysOnTop: false };
}

export function saveWindowState(file: string, s: WindowState): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(s));
  renameSync(tmp, file);
}

interface TrackableWindow {
  getBounds(): Bounds;
  isAlwaysOnTop(): boolean;
  isMinimized(): boolean;
  on(event: 'move' | 'resize' | 'close', listener: () => void): unknown;
}

/** Saves the bounds after moves/resizes settle (debounced) and when the window closes. */
export function trackWindowState(
  win: TrackableWindow,
  file: string,
  opts: { delayMs?: number; setTimer?: typeof setTimeout; clearTimer?: typeof clearTimeout } = {},
): void {
  const setTimer = opts.setTimer ?? setTimeout;
  const clearTimer = opts.clearTimer ?? clearTimeout;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (win.isMinimized()) return;
    try {
      saveWindowState(file, { ...win.getBounds(), alwaysOnTop: win.isAlwaysOnTop() });
    } catch {
      // best effort: losing the window position is harmless
    }
  };
  const later = () => {
    if (timer) clearTimer(timer);
    timer = setTimer(save, opts.delayMs ?? 500);
  };
  win.on('move', later);
  win.on('resize', later);
  win.on('close', () => {
    if (timer) clearTimer(timer);
    save();
  });
}
