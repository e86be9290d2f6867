/**
 * Issue 17's keyboard-only flow, shared by test/e2e/ui-keyboard.e2e.test.ts and bench/ui.bench.ts: from the
 * encounter list (the keyboard on "New encounter") to a signed note on the clipboard, with only key presses beyond
 * typing the patient label. The transcript is pasted (Ctrl+V from the clipboard, one press). After every press the
 * focused element is checked: not the page body, and visible, i.e. on screen and not under the sticky header or
 * sign-off bar (hit-tested at the middle of its visible part, so a clipped or covered element fails too); after each
 * step it must be the control that step leads to. Any failure throws, naming the step and what had the keyboard.
 */
import type { Page } from 'playwright-core';

/** An element (what has the keyboard) and whether a person can see it. Evaluated in the page (no DOM types here). */
const SEEN = `((a) => {
  if (!a || a === document.body || a === document.documentElement) return { tag: 'BODY', name: '', mark: null, visible: false, why: 'focus is on the page body' };
  const label = a.labels && a.labels[0] ? a.labels[0].textContent : null;
  const info = {
    tag: a.tagName,
    type: a.getAttribute('type'),
    mark: a.getAttribute('data-focus') || a.getAttribute('data-shortcut'),
    name: (a.getAttribute('aria-label') || label || a.textContent || '').trim().slice(0, 60),
  };
  const r = a.getBoundingClientRect();
  let top = Math.max(0, r.top), bottom = Math.min(innerHeight, r.bottom);
  const left = Math.max(0, r.left), right = Math.min(innerWidth, r.right);
  const covers = [];
  const header = document.querySelector('.panel-header');
  if (header && !header.contains(a)) covers.push(header.getBoundingClientRect());
  const bar = document.querySelector('[data-shortcut-region="signoff"]');
  if (bar && !bar.contains(a)) covers.push(bar.getBoundingClientRect());
  for (const c of covers) {
    if (c.height === 0 || c.right <= left || c.left >= right || c.bottom <= top || c.top >= bottom) continue;
    // A bar over the element: what stays visible is above or below it, whichever is more.
    if (c.top - top >= bottom - c.bottom) bottom = Math.min(bottom, c.top); else top = Math.max(top, c.bottom);
  }
  const seen = Math.min(bottom - top, right - left);
  if (seen < Math.min(8, r.height, r.width)) return { ...info, visible: false, why: 'off screen or under a sticky bar (' + Math.round(r.top) + '..' + Math.round(r.bottom) + ' px, visible ' + Math.round(top) + '..' + Math.round(bottom) + ')' };
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  const label2 = a.labels ? [...a.labels] : [];
  if (!hit || !(a.contains(hit) || label2.some((l) => l.contains(hit))))
    return { ...info, visible: false, why: 'covered by ' + (hit ? hit.tagName + '.' + hit.className : 'nothing') };
  return { ...info, visible: true, why: '' };
})`;
const FOCUS = `${SEEN}(document.activeElement)`;

/** Whether the element `selector` finds could be seen (the same check as for what has the keyboard). */
export const seen = (page: Page, selector: string) =>
  page.evaluate<Focused>(`${SEEN}(document.querySelector(${JSON.stringify(selector)}))`);

export interface Focused {
  tag: string;
  type?: string | null;
  mark: string | null;
  name: string;
  visible: boolean;
  why: string;
}

/** What a step must leave focused (every given field must match). */
export type Expect = Partial<Pick<Focused, 'tag' | 'type' | 'mark' | 'name'>>;

export interface FlowStep {
  step: string;
  /** Key presses this step took. */
  presses: number;
  focused: Focused;
}

export interface FlowResult {
  presses: number;
  steps: FlowStep[];
  /** The clipboard's text after Sign & copy. */
  clipboard: string;
}

const matches = (f: Focused, want: Expect) =>
  Object.entries(want).every(([k, v]) => f[k as keyof Focused] === v) && f.visible;

/**
 * Waits until `want` has the keyboard and can be seen (focus moves and scrolling can take a few frames): the page
 * checks itself on every animation frame; on time-out the error names what has the keyboard instead.
 */
async function settle(page: Page, step: string, want: Expect, ms = 10_000): Promise<Focused> {
  const check = `(() => {
    const f = ${FOCUS};
    const want = ${JSON.stringify(want)};
    return f.visible && Object.entries(want).every(([k, v]) => f[k] === v);
  })()`;
  try {
    // A time-out of 0 checks once (Playwright reads 0 as "no time-out").
    if (ms > 0) await page.waitForFunction(check, undefined, { timeout: ms, polling: 'raf' });
    else if (!(await page.evaluate<boolean>(check))) throw new Error('not there');
  } catch {
    const f = await page.evaluate<Focused>(FOCUS);
    throw new Error(
      `${step}: expected focus on ${JSON.stringify(want)}, got ${f.tag} "${f.name}" (${f.mark ?? 'no mark'})` +
        (f.visible ? '' : `, not visible: ${f.why}`),
    );
  }
  return page.evaluate<Focused>(FOCUS);
}

/**
 * Runs the flow on `page`, which shows the encounter list with the keyboard on "New encounter". `shot(name)` is
 * called at each screen (new-encounter, transcript, draft, signed) for screenshots. `tabOnly`: without the app's
 * shortcuts (Tab, Enter and Space only; the paste is still Ctrl+V), which walks every tab stop of the note.
 */
export async function keyboardFlow(
  page: Page,
  opts: { label: string; transcript: string; tabOnly?: boolean; shot?: (name: string) => Promise<void> },
): Promise<FlowResult> {
  const tabOnly = opts.tabOnly ?? false;
  const steps: FlowStep[] = [];
  let presses = 0;
  let stepPresses = 0;
  const press = async (step: string, keys: string) => {
    presses++;
    stepPresses++;
    await page.keyboard.press(keys);
    await settle(page, `${step} (after ${keys})`, {}); // wherever it went, it is on screen and not covered
  };
  const done = async (step: string, want: Expect) => {
    steps.push({ step, presses: stepPresses, focused: await settle(page, step, want) });
    stepPresses = 0;
  };
  /** Tab until `want` has the keyboard (at most `max` presses). */
  const tabTo = async (step: string, want: Expect, max: number) => {
    for (let i = 0; i < max; i++) {
      if (matches(await page.evaluate<Focused>(FOCUS), want)) return;
      await press(step, 'Tab');
    }
    await settle(page, `${step}: not reached with ${max} Tab presses`, want, 0);
  };

  await done('start: the encounter list', { tag: 'BUTTON', mark: 'new-encounter' });

  // New encounter → the patient label, typed (text, not counted).
  await press('New encounter', 'Enter');
  await done('New encounter', { tag: 'INPUT', mark: 'patient-label' });
  await page.keyboard.type(opts.label);
  await opts.shot?.('new-encounter');

  // Start encounter (to paste; recording would need the consent box) → the paste box.
  await tabTo('to Start encounter', { tag: 'BUTTON', name: 'Start encounter' }, 6);
  await done('to Start encounter', { tag: 'BUTTON', name: 'Start encounter' });
  await press('Start encounter', 'Enter');
  await done('Start encounter', { tag: 'TEXTAREA', mark: 'paste-transcript' });

  // Paste the transcript: the clipboard holds it, Ctrl+V puts it in the box.
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(opts.transcript)})`);
  await press('paste', 'Control+V');
  const pasted = await page.evaluate<number>(`document.activeElement.value.length`);
  if (pasted !== opts.transcript.length)
    throw new Error(`paste: the box holds ${pasted} characters, the transcript has ${opts.transcript.length}`);
  await done('paste', { tag: 'TEXTAREA', mark: 'paste-transcript' });
  await opts.shot?.('transcript');

  // Draft (Ctrl+Enter; without shortcuts: Tab to "Draft the note", Enter) → the note's heading.
  if (tabOnly) {
    await tabTo('to Draft the note', { tag: 'BUTTON', mark: 'draft' }, 5);
    await done('to Draft the note', { tag: 'BUTTON', mark: 'draft' });
    await press('draft', 'Enter');
  } else await press('draft', 'Control+Enter');
  await page.getByTestId('sentence').first().waitFor({ timeout: 20_000 });
  await done('draft', { tag: 'H2', mark: 'note-heading' });
  await opts.shot?.('draft');

  // Sign & copy (Ctrl+Shift+Enter) goes to the review box first; Space ticks it; Ctrl+Shift+Enter signs and copies.
  // Without shortcuts: Tab through the note to the review box, Space, Tab to Sign & copy, Enter.
  const review = { tag: 'INPUT', type: 'checkbox', mark: 'review' };
  if (tabOnly) await tabTo('to the review box', review, 80);
  else await press('to the review box', 'Control+Shift+Enter');
  await done('to the review box', review);
  await press('review tick', 'Space');
  if (!(await page.getByLabel('I have reviewed this draft').isChecked())) throw new Error('review: not ticked');
  await done('review tick', review);
  if (tabOnly) {
    await tabTo('to Sign & copy', { tag: 'BUTTON', mark: 'sign-copy' }, 5);
    await done('to Sign & copy', { tag: 'BUTTON', mark: 'sign-copy' });
    await press('sign & copy', 'Enter');
  } else await press('sign & copy', 'Control+Shift+Enter');
  await page.getByText(/Signed off at/).waitFor({ timeout: 20_000 });
  await page.getByText(/The whole note was copied/).waitFor({ timeout: 20_000 });
  await done('sign & copy', { tag: 'BUTTON', mark: 'copy-note' });
  await opts.shot?.('signed');

  const clipboard = await page.evaluate<string>('navigator.clipboard.readText()');
  return { presses, steps, clipboard };
}
