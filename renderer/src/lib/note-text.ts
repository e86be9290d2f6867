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

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function toHtml(sections: NoteSectionText[]): string {
  return sections
    .filter((s) => s.body.trim())
    .map(
      (s) =>
        `<h3>${escapeHtml(s.title)}</h3>` +
        s.body
          .trim()
          .split(/\n{2,}/)
          .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
          .join(''),
    )
    .join('');
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
