/**
 * Incremental parsers for the two streaming formats clinic inference servers answer with:
 *
 * - Server-sent events (OpenAI-compatible `/v1/chat/completions` with `stream: true`: vLLM, llama.cpp server,
 *   Ollama's /v1, Triton's OpenAI frontend): `data: {...}` lines, events ended by a blank line, `: comment`
 *   keep-alives, a final `data: [DONE]`.
 * - Newline-delimited JSON (Ollama's native `/api/chat`): one JSON object per line.
 *
 * Both take bytes exactly as the socket delivers them: a chunk may end anywhere, inside a UTF-8 character, inside a
 * `data:` line, between the CR and LF of a CRLF. A line longer than `maxLineBytes` is an error in words (a server
 * that never ends a line must not fill memory). Malformed JSON lines are SKIPPED and counted (`malformed`): servers
 * occasionally interleave a stray line (a proxy banner, a half-written keep-alive); the caller decides how many it
 * tolerates (models/llm/server.ts fails in words past a small number, or when nothing valid arrived at all).
 *
 * No text from the stream ever goes into an error message: it is patient text.
 */

export class StreamFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamFormatError';
  }
}

/** Default longest line: 1 MiB (a streamed delta is a few bytes; a whole non-streamed answer fits easily). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Splits decoded text into lines on LF, CRLF or a lone CR, across chunk boundaries. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private buf = '';
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to the same line break. */
  private pendingCr = false;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.split(text);
  }

  /** The end of the stream: what is left (a last line without a line break) is returned as a line. */
  end(): string[] {
    const lines = this.split(this.decoder.decode());
    if (this.buf !== '') {
      lines.push(this.buf);
      this.buf = '';
    }
    return lines;
  }

  private split(text: string): string[] {
    const lines: string[] = [];
    let s = text;
    if (this.pendingCr && s !== '') {
      if (s.startsWith('\n')) s = s.slice(1);
      this.pendingCr = false;
    }
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      lines.push(this.buf + s.slice(start, i));
      this.buf = '';
      if (c === 13) {
        if (i + 1 < s.length) {
          if (s.charCodeAt(i + 1) === 10) i++;
        } else this.pendingCr = true;
      }
      start = i + 1;
    }
    this.buf += s.slice(start);
    // UTF-16 length ≤ UTF-8 bytes, so this bound is safe to check without encoding.
    if (this.buf.length > this.maxLineBytes)
      throw new StreamFormatError(
        `The server sent a line longer than ${Math.round(this.maxLineBytes / 1024)} KiB without ending it; ` +
          'it does not look like a streaming inference server.',
      );
    return lines;
  }
}

/** One server-sent event (the `data` lines joined by "\n"). */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Server-sent events, per the HTML standard's parsing rules: `field: value` lines (one optional space after the
 * colon), `:` comments ignored, `data` lines of one event joined with "\n", an event dispatched at a blank line.
 */
export class SseParser {
  private readonly lines: LineSplitter;
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  /** Comment lines seen (`: keep-alive`). */
  comments = 0;

  constructor(opts: { maxLineBytes?: number } = {}) {
    this.lines = new LineSplitter(opts.maxLineBytes ?? MAX_LINE_BYTES);
  }

  push(chunk: Uint8Array | string): SseEvent[] {
    return this.feed(this.lines.push(chunk));
  }

  /** End of stream: an event still open (no blank line after it) is dispatched too; servers often omit it. */
  end(): SseEvent[] {
    const out = this.feed(this.lines.end());
    const last = this.dispatch();
    if (last) out.push(last);
    return out;
  }

  private feed(lines: string[]): SseEvent[] {
    const out: SseEvent[] = [];
    for (const line of lines) {
      if (line === '') {
        const e = this.dispatch();
        if (e) out.push(e);
        continue;
      }
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
      else if (field === 'id') this.id = value;
      // 'retry' and unknown fields are ignored, as the standard says.
    }
    return out;
  }

  private dispatch(): SseEvent | undefined {
    if (this.data.length === 0) {
      this.event = '';
      return undefined;
    }
    const e: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) e.id = this.id;
    this.data = [];
    this.event = '';
    return e;
  }
}

/** Newline-delimited JSON: each non-blank line parsed; a line that is not JSON is skipped and counted. */
export class NdjsonParser {
  private readonly lines: LineSplitter;
  /** Lines that were not valid JSON (skipped). */
  malformed = 0;

  constructor(opts: { maxLineBytes?: number } = {}) {
    this.lines = new LineSplitter(opts.maxLineBytes ?? MAX_LINE_BYTES);
  }

  push(chunk: Uint8Array | string): unknown[] {
    return this.parse(this.lines.push(chunk));
  }

  end(): unknown[] {
    return this.parse(this.lines.end());
  }

  private parse(lines: string[]): unknown[] {
    const out: unknown[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        this.malformed++;
      }
    }
    return out;
  }
}

/** The payloads of an OpenAI-style SSE stream: parsed JSON per `data:` event, and whether `[DONE]` was seen. */
export class OpenAiStreamParser {
  private readonly sse: SseParser;
  /** `data:` events that were not valid JSON (skipped). */
  malformed = 0;
  done = false;

  constructor(opts: { maxLineBytes?: number } = {}) {
    this.sse = new SseParser(opts);
  }

  get comments(): number {
    return this.sse.comments;
  }

  push(chunk: Uint8Array | string): unknown[] {
    return this.parse(this.sse.push(chunk));
  }

  end(): unknown[] {
    return this.parse(this.sse.end());
  }

  private parse(events: SseEvent[]): unknown[] {
    const out: unknown[] = [];
    for (const e of events) {
      const data = e.data.trim();
      if (data === '[DONE]') {
        this.done = true;
        continue;
      }
      if (this.done || data === '') continue;
      try {
        out.push(JSON.parse(data));
      } catch {
        this.malformed++;
      }
    }
    return out;
  }
}
