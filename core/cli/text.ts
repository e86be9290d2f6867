/**
 * Text from the store printed on a terminal. Labels and transcripts are typed or dictated by people and imported from
 * files, so they may hold terminal control sequences (ESC [ ... to move the cursor, rewrite earlier lines, change the
 * window title or worse). Printed text shows every control character as a visible escape (`\x1b`) instead.
 */

// C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F; U+009B is a one-character CSI).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates can make a line read differently from what it holds.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

function hex(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of printable text: control characters (newlines and tabs included) shown as escapes. */
export function printableLine(text: string): string {
  return text
    .replace(/[\n\t]/g, hex)
    .replace(CONTROL, hex)
    .replace(BIDI, hex);
}

/** Printable text keeping its newlines and tabs. */
export function printable(text: string): string {
  return text.replace(CONTROL, hex).replace(BIDI, hex);
}

/**
 * JSON for a terminal or a pipe: JSON.stringify already escapes C0 controls; C1 controls and bidi overrides are
 * escaped too (still valid JSON, same value when parsed).
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
