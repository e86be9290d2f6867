/**
 * The one answer to "is this host this computer?", for every rule that lets plain http through on loopback only:
 * the clinic inference server's transport (models/llm/http.ts) and the policy / settings checks of the note and
 * transcription engines (core/engines/select.ts). Plain Node, no imports from models/ or electron/, so both core and
 * models may use it.
 *
 * Loopback: 127.0.0.0/8, ::1 (in any spelling, bracketed as in a URL, or IPv4-mapped ::ffff:127.x.y.z), and the
 * name localhost (any case, with or without the root's trailing dot). Nothing else: 127.example.com,
 * localhost.evil.com and 0.0.0.0 are not loopback.
 */
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

/** Whether `hostname` (as in URL.hostname: IPv6 may be in brackets) names this computer's loopback interface. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  const kind = isIP(h);
  if (kind === 4) return h.split('.')[0] === '127';
  if (kind === 6) {
    const g = ipv6Groups(h);
    if (!g) return false;
    // ::1
    if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true;
    // IPv4-mapped ::ffff:127.x.y.z (the URL parser writes it ::ffff:7f00:1).
    return g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff && g[6]! >> 8 === 127;
  }
  return false;
}

/** The eight 16-bit groups of a valid IPv6 address (a dotted IPv4 tail becomes two groups); null if malformed. */
function ipv6Groups(h: string): number[] | null {
  let text = h;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':').map((x) => parseInt(x, 16)));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...tail];
  return groups.length === 8 && groups.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? groups : null;
}

/** Whether a URL's host is this computer's loopback interface. */
export function isLoopbackUrl(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}
