/**
 * Text from the EHR is data, never markup. Narratives (`text.div`, XHTML written by the server) are dropped, and
 * every string Bedside keeps is reduced to plain text: tags and comments removed, entities decoded once, control
 * and bidi-override characters removed, whitespace collapsed, length capped. Where Bedside writes HTML itself
 * (the optional text/html attachment), it escapes.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** Plain text of an untrusted string: no tags, no script/style content, no control characters, at most `max` chars. */
export function plainText(value: unknown, max = 500): string {
  if (typeof value !== 'string') return '';
  let s = value
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style|iframe|object|embed|svg|math)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?[a-z!?][^>]*(>|$)/gi, ' ');
  s = decodeEntities(s);
  // A decoded "&lt;script&gt;" must not become markup either: remove angle brackets that survive decoding.
  s = s.replace(/[<>]/g, ' ');
  s = s
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Escapes text for inclusion in HTML/XHTML written by Bedside. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Removes server-written narratives from a resource (and its contained resources) before anything reads it. */
export function dropNarratives<T extends Record<string, unknown>>(resource: T): T {
  const copy: Record<string, unknown> = { ...resource };
  delete copy.text;
  if (Array.isArray(copy.contained))
    copy.contained = copy.contained.map((c) =>
      typeof c === 'object' && c !== null ? dropNarratives(c as Record<string, unknown>) : c,
    );
  return copy as T;
}
