import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_DEPTH, MessageTooDeepError, nestsDeeperThan, parseMessage } from '../../../core/devhost/limits.js';

describe('dev host message limits', () => {
  it('measures nesting outside strings, honouring escapes', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ text: '[[[[[[[[{{{{{{' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ text: 'a "quoted" \\ [[[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan('{"t":"\\\\"}' + '[[[', 2)).toBe(true);
  });

  it('parses an ordinary request', () => {
    const msg = { id: 1, method: 'note.draft', params: { transcript: '[doctor] hi {' } };
    expect(parseMessage(JSON.stringify(msg))).toEqual(msg);
  });

  it('refuses a message nested 3 million levels deep at once, without parsing it', () => {
    const n = 3_000_000;
    const text = `{"id":1,"method":"app.echo","params":${'['.repeat(n)}${']'.repeat(n)}}`;
    const t0 = performance.now();
    expect(() => parseMessage(text)).toThrow(MessageTooDeepError);
    // JSON.parse of this message held the event loop for 6-9 s.
    expect(performance.now() - t0).toBeLessThan(500);
    expect(() => parseMessage('['.repeat(MAX_MESSAGE_DEPTH) + ']'.repeat(MAX_MESSAGE_DEPTH))).not.toThrow();
  });
});
