/**
 * The streaming parsers (models/llm/sse.ts): the same events whatever the chunking — every split point, including
 * inside a UTF-8 character, inside `data:` and between CR and LF — plus comments, [DONE], malformed lines and the
 * line-length bound.
 */
import { describe, expect, it } from 'vitest';
import { NdjsonParser, OpenAiStreamParser, SseParser, StreamFormatError } from '../../../models/llm/sse.js';

const enc = (s: string) => Buffer.from(s, 'utf8');

/** Feeds `bytes` split at `cuts` (byte offsets) and returns everything parsed. */
function feed<T>(p: { push(c: Uint8Array): T[]; end(): T[] }, bytes: Buffer, cuts: number[]): T[] {
  const out: T[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(...p.push(bytes.subarray(at, c)));
    at = c;
  }
  out.push(...p.end());
  return out;
}

const chunk = (content: string) => JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });

describe('SseParser', () => {
  it('parses fields, joins data lines and ignores comments and unknown fields', () => {
    const p = new SseParser();
    const events = feed(p, enc(': hello\nevent: x\nid: 7\nretry: 10\nfoo: bar\ndata: a\ndata:b\n\ndata: c\n\n'), []);
    expect(events).toEqual([
      { event: 'x', id: '7', data: 'a\nb' },
      { event: 'message', id: '7', data: 'c' },
    ]);
    expect(p.comments).toBe(1);
  });

  it('gives the same events for every split point, with LF, CRLF and CR line ends and multi-byte text', () => {
    const pieces = ['Pt reports 5 mg', ' — naïve “quotes” 👩‍⚕️', ' done'];
    for (const nl of ['\n', '\r\n', '\r']) {
      const text =
        pieces.map((p) => `: keep-alive${nl}data: ${chunk(p)}${nl}${nl}`).join('') + `data: [DONE]${nl}${nl}`;
      const bytes = enc(text);
      const expected = feed(new OpenAiStreamParser(), bytes, []);
      expect(expected).toHaveLength(3);
      for (let i = 1; i < bytes.length; i++) {
        const p = new OpenAiStreamParser();
        expect(feed(p, bytes, [i])).toEqual(expected);
        expect(p.done).toBe(true);
        expect(p.comments).toBe(3);
      }
      // Every byte on its own.
      const p = new OpenAiStreamParser();
      expect(
        feed(
          p,
          bytes,
          [...bytes.keys()].filter((k) => k > 0),
        ),
      ).toEqual(expected);
      const got = expected.map((o) => (o as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content);
      expect(got.join('')).toBe(pieces.join(''));
    }
  });

  it('does not take a CR at the end of one chunk and an empty line in the next as one break', () => {
    const p = new SseParser();
    // "data: a\r" | "\n" | "\n" : CRLF then LF = one line end then a blank line → one event.
    expect([...p.push('data: a\r'), ...p.push('\n'), ...p.push('\n')]).toEqual([{ event: 'message', data: 'a' }]);
    const q = new SseParser();
    // "data: a\r" | "\r": two line ends → the blank line dispatches.
    expect([...q.push('data: a\r'), ...q.push('\r')]).toEqual([{ event: 'message', data: 'a' }]);
  });

  it('dispatches a last event with no blank line after it at the end of the stream', () => {
    const p = new SseParser();
    expect(p.push('data: x')).toEqual([]);
    expect(p.end()).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('refuses, in words, a line that never ends', () => {
    const p = new SseParser({ maxLineBytes: 1024 });
    expect(() => p.push('data: ' + 'x'.repeat(2000))).toThrow(StreamFormatError);
    expect(() => new SseParser({ maxLineBytes: 1024 }).push('data: ' + 'x'.repeat(2000))).toThrow(
      /longer than 1 KiB without ending it/,
    );
  });
});

describe('OpenAiStreamParser', () => {
  it('skips and counts malformed data, stops at [DONE]', () => {
    const p = new OpenAiStreamParser();
    const out = feed(
      p,
      enc(`data: {broken\n\ndata: ${chunk('a')}\n\ndata: nope\n\ndata: [DONE]\n\ndata: ${chunk('after')}\n\n`),
      [],
    );
    expect(out).toHaveLength(1);
    expect(p.malformed).toBe(2);
    expect(p.done).toBe(true);
  });

  it('parses a JSON payload spread over several data lines', () => {
    const p = new OpenAiStreamParser();
    expect(feed(p, enc('data: {"a":\ndata: 1}\n\n'), [])).toEqual([{ a: 1 }]);
  });
});

describe('NdjsonParser', () => {
  it('parses objects across every split point and skips malformed lines with a count', () => {
    const lines = [
      JSON.stringify({ message: { content: 'héllo 😀' }, done: false }),
      '{bad',
      '',
      JSON.stringify({ message: { content: '' }, done: true, done_reason: 'stop' }),
    ];
    const bytes = enc(lines.join('\r\n') + '\r\n');
    for (let i = 1; i < bytes.length; i++) {
      const p = new NdjsonParser();
      const out = feed(p, bytes, [i]);
      expect(out).toEqual([JSON.parse(lines[0]!), JSON.parse(lines[3]!)]);
      expect(p.malformed).toBe(1);
    }
  });

  it('parses a last line without a newline at the end', () => {
    const p = new NdjsonParser();
    expect(feed(p, enc('{"a":1}\n{"b":2}'), [])).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
