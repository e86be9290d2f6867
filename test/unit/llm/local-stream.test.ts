/**
 * How the local engine's worker cuts generated tokens into streamed pieces (PieceStreamer, local-protocol.ts): the
 * first piece at once, later tokens coalesced into one piece per `flushMs`, the rest at the end, never a piece that
 * ends inside a character; the pieces joined are the text decoded in one go. A scripted tokenizer and clock; then
 * the same through the helper process on the tiny fixture model, with the log lines it writes (counts, never text).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { log } from '../../../core/platform/log.js';
import { PieceStreamer, STREAM_FLUSH_MS, type PieceDecoder } from '../../../models/llm/local-protocol.js';
import { MESSAGES, localFixture } from '../../helpers/local-llm.js';

/** Token i is the word `w<i>` with a leading space; 900 and 901 are the two bytes of 'é' (alone: a broken char). */
const decoder = (): PieceDecoder & { calls: number } => ({
  calls: 0,
  decode(ids) {
    this.calls++;
    let s = '';
    for (let i = 0; i < ids.length; i++) {
      const id = Number(ids[i]);
      if (id === 900) s += ids[i + 1] === 901n ? (i++, 'é') : '\uFFFD';
      else if (id === 901) s += '\uFFFD';
      else s += ` w${id}`;
    }
    // Like SentencePiece: the text's first leading space is dropped.
    return s.startsWith(' ') ? s.slice(1) : s;
  },
});

function run(tokens: number[], times: number[], flushMs = STREAM_FLUSH_MS) {
  let now = 0;
  const pieces: { text: string; at: number }[] = [];
  const tok = decoder();
  const s = new PieceStreamer(
    tok,
    (text) => pieces.push({ text, at: now }),
    flushMs,
    () => now,
  );
  s.put([[1n, 2n, 3n]]); // the prompt: skipped
  tokens.forEach((t, i) => {
    now = times[i]!;
    s.put([[BigInt(t)]]);
  });
  s.end();
  return { pieces, decoded: tok.decode(tokens.map(BigInt), { skip_special_tokens: true }), calls: tok.calls - 1 };
}

describe('streamed pieces of the local engine', () => {
  it('sends the first token at once, then one piece per interval and the rest at the end', () => {
    const tokens = Array.from({ length: 10 }, (_, i) => 10 + i);
    // A token every 4 ms: 0, 4, … 36.
    const { pieces, decoded } = run(
      tokens,
      tokens.map((_, i) => i * 4),
      10,
    );
    expect(pieces.map((p) => p.at)).toEqual([0, 12, 24, 36]);
    expect(pieces.map((p) => p.text)).toEqual(['w10', ' w11 w12 w13', ' w14 w15 w16', ' w17 w18 w19']);
    expect(pieces.map((p) => p.text).join('')).toBe(decoded);
  });

  it('decodes once per piece, not once per token', () => {
    const tokens = Array.from({ length: 200 }, (_, i) => 10 + i);
    const { pieces, calls } = run(
      tokens,
      tokens.map((_, i) => i * 0.2), // 5000 tokens a second, 40 ms in all
    );
    expect(pieces.length).toBeLessThanOrEqual(4);
    expect(calls).toBeLessThanOrEqual(2 * pieces.length + 2);
  });

  it('flushMs 0 sends every token as it comes', () => {
    const tokens = [5, 6, 7, 8];
    const { pieces, decoded } = run(tokens, [0, 0, 0, 0], 0);
    expect(pieces.map((p) => p.text)).toEqual(['w5', ' w6', ' w7', ' w8']);
    expect(pieces.map((p) => p.text).join('')).toBe(decoded);
  });

  it('holds back a piece that ends inside a character until the character is complete', () => {
    // 900 arrives when a piece is due: nothing is sent until 901 completes 'é'.
    const { pieces, decoded } = run([5, 900, 901, 6], [0, 30, 31, 32]);
    expect(pieces.map((p) => [p.text, p.at])).toEqual([
      ['w5', 0],
      ['é', 31],
      [' w6', 32], // not due yet (1 ms after 'é'): the end sends it
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(decoded);
  });

  it('a broken character at the very end is still sent (nothing is lost)', () => {
    const { pieces, decoded } = run([5, 900], [0, 1]);
    expect(pieces.map((p) => p.text).join('')).toBe(decoded);
    expect(decoded.endsWith('\uFFFD')).toBe(true);
  });
});

describe('streamed pieces through the helper process (tiny fixture model)', () => {
  const { generator } = localFixture();
  const lines: Record<string, unknown>[] = [];
  const restore = log.setSink((l) => lines.push(JSON.parse(l) as Record<string, unknown>));
  log.setLevel('info');
  afterEach(() => {
    lines.length = 0;
  });
  afterAll(() => {
    restore();
    log.setLevel('warn');
  });

  it('coalesces pieces by default and sends one per token with streamFlushMs 0; the text is the same', async () => {
    const coalesced = generator();
    const perToken = generator({ streamFlushMs: 0 });
    const a: string[] = [];
    const b: string[] = [];
    const ra = await coalesced.generate({
      messages: MESSAGES,
      maxTokens: 64,
      temperature: 0,
      onToken: (t) => a.push(t),
    });
    const rb = await perToken.generate({
      messages: MESSAGES,
      maxTokens: 64,
      temperature: 0,
      onToken: (t) => b.push(t),
    });
    expect(ra.text).toBe(rb.text);
    expect(a.join('')).toBe(ra.text);
    expect(b.join('')).toBe(rb.text);
    // The tiny model writes 64 tokens in a few ms: the first piece, then the rest in very few.
    expect(b.length).toBeGreaterThan(32); // about one per token (a split character waits for the next)
    expect(a.length).toBeLessThan(b.length / 4);
    expect(a.length).toBeGreaterThanOrEqual(2); // the first at once, the rest at the end
  });

  it('logs the time to the first token and what was generated, in counts only', async () => {
    const g = generator();
    const r = await g.generate({ messages: MESSAGES, maxTokens: 16, temperature: 0, onToken: () => undefined });
    const first = lines.find((l) => l.event === 'llm.first_token');
    const done = lines.find((l) => l.event === 'llm.generated');
    expect(first).toMatchObject({ level: 'info', ms: expect.any(Number) });
    expect(done).toMatchObject({ tokens: 16, promptTokens: g.status().lastPromptTokens, ms: expect.any(Number) });
    expect(done!.firstTokenMs).toBe(first!.ms);
    const all = JSON.stringify(lines);
    expect(all).not.toContain(r.text.slice(0, 8));
    expect(all).not.toContain('chest pain');
  });
});
