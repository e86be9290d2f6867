/**
 * Bounds on what the dev host parses from a WebSocket message, checked before JSON.parse. The message size is
 * bounded by the WebSocket server (MAX_MESSAGE_BYTES in server.ts); the nesting depth is bounded here: JSON.parse
 * of a message nested millions of levels deep ("[[[[…") held the event loop for seconds, so such a message is
 * refused after one linear scan. No request of the contract nests deeper than a dozen levels.
 */

/** Deepest nesting of arrays and objects accepted in one message. */
export const MAX_MESSAGE_DEPTH = 64;

/** Whether JSON text nests arrays/objects deeper than `max` (strings skipped, escapes honoured); one linear pass. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export class MessageTooDeepError extends Error {
  constructor(max: number) {
    super(`the message nests deeper than ${max} levels`);
    this.name = 'MessageTooDeepError';
  }
}

/** JSON.parse for a WebSocket message, refusing one that nests deeper than `maxDepth` before parsing it. */
export function parseMessage(text: string, maxDepth = MAX_MESSAGE_DEPTH): unknown {
  if (nestsDeeperThan(text, maxDepth)) throw new MessageTooDeepError(maxDepth);
  return JSON.parse(text) as unknown;
}
