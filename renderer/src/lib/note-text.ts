/** The note as the clinician copies it into the EHR: plain text and a small, safe HTML rendering. */
import type { DraftSection } from './types';

export interface NoteSectionText {
  id: string;
  title: string;
  /** The section body as it will be pasted (manual edits replace the drafted sentences). */
  body: string;
}

export function sectionsText(sections: DraftSection[], edits: Record<string, string>): NoteSectionText[] {
  return sections.map((s) => ({
    id: s.id,
    title: s.title,
    body: edits[s.id] ?? joinSentences(s.sentences.map((x) => x.text)),
  }));
}

/** Drafted list items ("• Respiratory: ...") start a new line. */
export const startsLine = (text: string) => /^[•\-*]\s/.test(text);

export function joinSentences(texts: string[]): string {
  return texts.reduce((acc, t, i) => (i === 0 ? t : acc + (startsLine(t) ? '\n' : ' ') + t), '');
}

export function toPlain(sections: NoteSectionText[]): string {
  return sections
    .filter((s) => s.body.trim())
    .map((s) => `${s.title.toUpperCase()}\n${s.body.trim()}`)
    .join('\n\n');
}

/** Clipboard formats: 'rich' (plain text plus an HTML item with headings and lists) or 'plain' (text for EHR fields). */
export type CopyFormat = 'rich' | 'plain';

/** What goes on the clipboard: text/plain always, and text/html for the rich format. */
export interface ClipboardText {
  plain: string;
  html?: string;
}

/** A list item's marker at the start of a line: the drafter's "•", or another bullet a clinician typed. */
const BULLET = /^\s*[•●▪◦‣∙*–-]\s+/;
/** Lines that say nothing about this visit: the drafter's placeholder for an empty section its template keeps. */
const BOILERPLATE = /^\s*not discussed\.?\s*$/i;

/**
 * A section body for a plain EHR text field: hyphen bullets ("- "), no placeholder ("Not discussed.") lines, no
 * trailing spaces or runs of blank lines, non-breaking spaces as spaces. The words themselves are not changed.
 */
export function ehrBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').replace(/\s+$/, ''))
    .filter((l) => !BOILERPLATE.test(l))
    .map((l) => l.replace(BULLET, '- '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The whole note as plain text for an EHR field: headings on their own line, hyphen bullets, no placeholders. */
export function toEhrPlain(sections: NoteSectionText[]): string {
  return sections
    .map((s) => ({ title: s.title, body: ehrBody(s.body) }))
    .filter((s) => s.body)
    .map((s) => `${s.title.toUpperCase()}\n${s.body}`)
    .join('\n\n');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One paragraph: runs of bulleted lines become a list, other lines are joined by line breaks. */
function paragraphHtml(p: string): string {
  const out: string[] = [];
  let lines: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (lines.length) out.push(`<p>${lines.map(escapeHtml).join('<br>')}</p>`);
    if (items.length) out.push(`<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    lines = [];
    items = [];
  };
  for (const line of p.split('\n')) {
    const bullet = BULLET.exec(line);
    if (bullet ? lines.length : items.length) flush();
    if (bullet) items.push(line.slice(bullet[0].length));
    else lines.push(line);
  }
  flush();
  return out.join('');
}

/** A section body as HTML (paragraphs, line breaks, lists), every character escaped. */
export function bodyHtml(body: string): string {
  return body
    .trim()
    .split(/\n{2,}/)
    .map(paragraphHtml)
    .join('');
}

export function toHtml(sections: NoteSectionText[]): string {
  return sections
    .filter((s) => s.body.trim())
    .map((s) => `<h3>${escapeHtml(s.title)}</h3>${bodyHtml(s.body)}`)
    .join('');
}

/**
 * What to put on the clipboard for these sections in this format. With `headings: false` (one section's Copy
 * button) only the body is copied, for pasting into the EHR's own field of that name.
 */
export function clipboardText(
  sections: NoteSectionText[],
  format: CopyFormat,
  { headings }: { headings: boolean },
): ClipboardText {
  if (format === 'plain')
    return {
      plain: headings
        ? toEhrPlain(sections)
        : sections
            .map((s) => ehrBody(s.body))
            .filter(Boolean)
            .join('\n\n'),
    };
  if (headings) return { plain: toPlain(sections), html: toHtml(sections) };
  const bodies = sections.filter((s) => s.body.trim());
  return { plain: bodies.map((s) => s.body.trim()).join('\n\n'), html: bodies.map((s) => bodyHtml(s.body)).join('') };
}

/** Writes the clipboard text: plain only, or plain and rich together (see {@link copyRich}). */
export async function writeClipboard(text: ClipboardText): Promise<'rich' | 'plain'> {
  if (text.html !== undefined) return copyRich(text.plain, text.html);
  const clip = navigator.clipboard;
  if (!clip) throw new Error('clipboard unavailable');
  await clip.writeText(text.plain);
  return 'plain';
}

/** Writes plain text and rich text (HTML) when the Clipboard API allows both; plain text otherwise. */
export async function copyRich(plain: string, html: string): Promise<'rich' | 'plain'> {
  const clip = navigator.clipboard;
  if (!clip) throw new Error('clipboard unavailable');
  if (typeof ClipboardItem !== 'undefined' && typeof clip.write === 'function') {
    try {
      await clip.write([
        new ClipboardItem({
          'text/plain': new Blob([plain], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
      return 'rich';
    } catch {
      // fall through to plain text
    }
  }
  await clip.writeText(plain);
  return 'plain';
}
