import type { MouseEvent } from 'react';

/** The Settings page's sections, by the id of each section's heading, in page order. */
export const SETTINGS_SECTIONS = [
  ['set-models', 'Speech models'],
  ['set-transcription', 'Transcription'],
  ['set-default-template', 'Default template'],
  ['set-templates', 'Note templates'],
  ['set-note-engine', 'Note engine'],
  ['set-audio', 'Audio input'],
  ['set-hotkeys', 'Hotkeys'],
  ['set-privacy', 'Privacy'],
  ['set-window', 'Window'],
  ['set-about', 'About'],
] as const;

/** Scrolls to a section and puts the keyboard there (its heading takes focus), so Tab continues inside it. */
export function goToSection(headingId: string): boolean {
  const heading = document.getElementById(headingId);
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView?.({ block: 'start' });
  heading.focus({ preventScroll: true });
  return true;
}

/** A short index at the top of the long Settings page: one link per section. */
export function SettingsIndex() {
  const go = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (goToSection(id)) e.preventDefault();
  };
  return (
    <nav aria-label="Settings sections" className="settings-index">
      <ul>
        {SETTINGS_SECTIONS.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`} onClick={(e) => go(e, id)}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
