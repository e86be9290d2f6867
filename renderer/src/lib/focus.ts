/**
 * Keyboard focus after a step that replaces the control that had it (New encounter, Start, Draft; SignOffBar moves on to Copy note itself): the
 * next logical control takes focus once it is on screen, instead of focus dropping to the page body.
 *
 * Targets are marked in the markup with `data-focus="<name>"`. A request gives up after `ms`, and it never takes
 * focus back from something the user (or another component) focused meanwhile.
 */

/** The names the components mark (one place, so a typo is a type error). */
export type FocusTarget =
  | 'new-encounter'
  | 'patient-label'
  | 'consent'
  | 'start-recording'
  | 'stop-recording'
  | 'paste-transcript'
  | 'note-heading';

export const focusSelector = (name: FocusTarget) => `[data-focus="${name}"]`;

let pending: { cancel(): void } | null = null;

/**
 * Focuses the first target found (in the order given) once one is rendered and enabled. A newer request replaces an
 * older one. Resolves to the element focused, or null when none appeared in time or focus moved elsewhere meanwhile.
 */
export function focusSoon(targets: FocusTarget | FocusTarget[], ms = 5000): Promise<HTMLElement | null> {
  pending?.cancel();
  const names = Array.isArray(targets) ? targets : [targets];
  const before = document.activeElement;
  const started = Date.now();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (el: HTMLElement | null) => {
      done = true;
      clearTimeout(timer);
      if (pending === request) pending = null;
      resolve(el);
    };
    const request = { cancel: () => !done && finish(null) };
    pending = request;
    const tick = () => {
      if (done) return;
      if (typeof document === 'undefined') return finish(null); // the page (or a test's DOM) is gone
      const active = document.activeElement;
      // Someone chose where the keyboard is meanwhile (a click, a form's own first field): leave it there.
      if (active !== null && active !== before && active !== document.body) return finish(null);
      for (const name of names) {
        const el = document.querySelector<HTMLElement>(focusSelector(name));
        if (el && !(el as HTMLButtonElement).disabled) {
          el.focus();
          return finish(el);
        }
      }
      if (Date.now() - started >= ms) return finish(null);
      timer = setTimeout(tick, 16);
    };
    tick();
  });
}
