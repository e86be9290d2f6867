/**
 * Keyboard and space in the note (issue 17).
 * - The note's sentences are one tab stop (a roving tabindex): Tab enters at the selected sentence (or the first),
 *   arrow keys, Home and End move between sentences across sections, Enter or Space selects one for its evidence.
 * - Sticky bars (the header at the top, the sign-off bar at the bottom) publish their heights as CSS variables
 *   (--sticky-top, --sticky-bottom, measured with ResizeObserver) that become the scroll container's scroll-padding,
 *   and a focus guard scrolls a focused element out from under them, so neither ever covers what has focus.
 */
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

const SENTENCE = 'data-sentence-key';

/**
 * Roving tabindex over the note's sentences. `keys` in reading order; `preferred`: where Tab enters when the
 * clinician has not moved yet (the selected sentence). Attach onKeyDown and onFocus to the note's container; give
 * each sentence `data-sentence-key` and `tabIndex={key === current ? 0 : -1}`.
 */
export function useRovingSentences(keys: string[], preferred: string | null) {
  const [active, setActive] = useState<string | null>(null);
  const current =
    active !== null && keys.includes(active)
      ? active
      : preferred !== null && keys.includes(preferred)
        ? preferred
        : (keys[0] ?? null);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const key = (e.target as HTMLElement).getAttribute?.(SENTENCE);
    const i = key ? keys.indexOf(key) : -1;
    if (i < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? Math.min(keys.length - 1, i + 1)
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? Math.max(0, i - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? keys.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault(); // the arrows move between sentences, not the page
    const next = keys[to]!;
    setActive(next);
    e.currentTarget.querySelector<HTMLElement>(`[${SENTENCE}="${next}"]`)?.focus();
  };
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const key = (e.target as HTMLElement).getAttribute?.(SENTENCE);
    if (key) setActive(key);
  };
  return { current, onKeyDown, onFocus };
}

type Edge = 'top' | 'bottom';
const VAR: Record<Edge, string> = { top: '--sticky-top', bottom: '--sticky-bottom' };
const bars: Record<Edge, Set<HTMLElement>> = { top: new Set(), bottom: new Set() };

/**
 * A ref callback for a sticky bar: while the element is mounted its height is the scroll padding of its edge (kept
 * current by a ResizeObserver), and focused elements are kept out from under it.
 */
export function useStickyInset(edge: Edge): (el: HTMLElement | null) => (() => void) | undefined {
  return useCallback(
    (el: HTMLElement | null) => {
      if (!el) return undefined;
      const root = document.documentElement;
      const publish = () => {
        const h = Math.max(0, ...[...bars[edge]].map((b) => b.getBoundingClientRect().height));
        root.style.setProperty(VAR[edge], `${Math.ceil(h)}px`);
      };
      bars[edge].add(el);
      publish();
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(publish);
      observer?.observe(el);
      const unguard = installFocusGuard();
      return () => {
        observer?.disconnect();
        bars[edge].delete(el);
        if (bars[edge].size === 0) root.style.removeProperty(VAR[edge]);
        else publish();
        unguard();
      };
    },
    [edge],
  );
}

/** How far a rect is covered by the sticky bars on screen (px; positive: covered), and by which edge. */
export function obscured(rect: DOMRect, inside: Element | null): { edge: Edge; by: number } | null {
  for (const edge of ['bottom', 'top'] as const)
    for (const bar of bars[edge]) {
      if (inside && bar.contains(inside)) continue;
      const b = bar.getBoundingClientRect();
      if (b.height === 0 || rect.bottom <= b.top || rect.top >= b.bottom) continue;
      // Overlaps the bar, and the bar is sticky over it (not merely the element next to a bar in the flow).
      const by = edge === 'bottom' ? rect.bottom - b.top : b.bottom - rect.top;
      if (by > 0) return { edge, by };
    }
  return null;
}

let guards = 0;
let removeGuard: (() => void) | null = null;

/** Scrolls the focused element out from under the sticky bars (on focus, keyboard or programmatic). */
function installFocusGuard(): () => void {
  if (guards++ === 0) {
    const check = (target: EventTarget | null) => {
      if (!(target instanceof HTMLElement) || typeof target.getBoundingClientRect !== 'function') return;
      const hit = obscured(target.getBoundingClientRect(), target);
      if (!hit) return;
      // scroll-padding (the bars' heights) makes 'nearest' land clear of them in every scroll container.
      target.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      const still = obscured(target.getBoundingClientRect(), target);
      if (still) window.scrollBy(0, still.edge === 'bottom' ? still.by : -still.by);
    };
    const onFocusIn = (e: globalThis.FocusEvent) => {
      check(e.target);
      // The browser's own focus scrolling may run after the event: check again once it has.
      requestAnimationFrame(() => {
        if (document.activeElement === e.target) check(e.target);
      });
    };
    document.addEventListener('focusin', onFocusIn);
    removeGuard = () => document.removeEventListener('focusin', onFocusIn);
  }
  return () => {
    if (--guards === 0) {
      removeGuard?.();
      removeGuard = null;
    }
  };
}

/**
 * A ref for something that appears beside the reader's focus (the evidence card): scrolled into view, clear of the
 * bars, each time `shown` changes to a value other than null.
 */
export function useReveal<T extends HTMLElement>(shown: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    // 'nearest' with the bars' scroll-padding: no scroll when it is already in view and clear of them.
    if (shown !== null) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  return ref;
}
