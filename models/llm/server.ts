/**
 * The clinic-server text generator (issue 15): a TextGenerator over the clinic's own inference server, so patient
 * text stays inside the clinic network.
 *
 * - `openai` flavour (default): POST /v1/chat/completions with `stream: true`, read as server-sent events. Works
 *   with vLLM, llama.cpp server, Ollama's /v1 and Triton's OpenAI frontend. A JSON schema goes out as
 *   `response_format: {type: 'json_schema', …}`; a server that rejects that (HTTP 400/422 naming it) is asked again
 *   once without it, and remembered, so the caller's tolerant parser takes over.
 * - `ollama` flavour (a URL ending in /api, or `flavour: 'ollama'`): POST /api/chat, newline-delimited JSON, the
 *   schema as Ollama's `format`.
 *
 * Transport rules (https except loopback, CA, timeouts, 503/429 retries, cancel) live in http.ts.
 */
import { log } from '../../core/platform/log.js';
import {
  EngineError,
  type GenerateRequest,
  type GenerateResult,
  type TextGenerator,
} from '../../core/engines/types.js';
import { ServerHttp, statusError, where, type Sent, type ServerConnectionOptions } from './http.js';
import { NdjsonParser, OpenAiStreamParser, StreamFormatError } from './sse.js';

export type ServerFlavour = 'openai' | 'ollama';

export interface ServerGeneratorOptions extends ServerConnectionOptions {
  /** The model name as the server knows it. */
  model: string;
  /** API dialect; default from the URL (a path ending in /api: Ollama's native API), else 'openai'. */
  flavour?: ServerFlavour;
  /** Malformed stream lines tolerated (skipped) before the answer is given up as unreadable. Default 8. */
  maxMalformed?: number;
}

/** Ollama's native API when the URL's path ends in /api. */
export function flavourOf(url: URL): ServerFlavour {
  return /\/api\/?$/.test(url.pathname) ? 'ollama' : 'openai';
}

const MAX_ERROR_BODY = 64 * 1024;
/** An answer longer than this is not a note (maxTokens bounds a well-behaved server far below it). */
const MAX_ANSWER_CHARS = 4 * 1024 * 1024;

interface Accumulated {
  text: string;
  tokens: number | undefined;
  deltas: number;
  finish: 'stop' | 'length' | undefined;
  done: boolean;
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** An error object inside a stream (vLLM and llama.cpp send `{"error": …}` mid-stream): in words, no text copied. */
function streamError(obj: Record<string, unknown>, u: URL): EngineError | undefined {
  if (!('error' in obj) || obj.error === null || obj.error === undefined) return undefined;
  const e = asRecord(obj.error);
  const code = Number(e?.code ?? obj.code);
  const msg = typeof obj.error === 'string' ? obj.error : typeof e?.message === 'string' ? e.message : '';
  if (code === 503 || /loading/i.test(msg))
    return new EngineError(
      'loading',
      `The clinic server at ${where(u)} is still loading the model; try again shortly.`,
    );
  if (/out of memory|cuda.*memory|oom/i.test(msg))
    return new EngineError('out-of-memory', `The clinic server at ${where(u)} ran out of memory for this request.`);
  return new EngineError(
    'unavailable',
    `The clinic server at ${where(u)} reported an error in the middle of an answer.`,
  );
}

export function createServerGenerator(opts: ServerGeneratorOptions): TextGenerator {
  const client = new ServerHttp(opts);
  const flavour = opts.flavour ?? flavourOf(client.base);
  const maxMalformed = opts.maxMalformed ?? 8;
  /** Fields this server refused once; not sent again by this generator. */
  const refused = new Set<'response_format' | 'stream_options' | 'format'>();

  const body = (req: GenerateRequest): Record<string, unknown> => {
    if (flavour === 'ollama')
      return {
        model: opts.model,
        messages: req.messages,
        stream: true,
        ...(req.jsonSchema && !refused.has('format') ? { format: req.jsonSchema } : {}),
        options: { temperature: req.temperature, num_predict: req.maxTokens },
      };
    return {
      model: opts.model,
      messages: req.messages,
      stream: true,
      max_tokens: req.maxTokens,
      temperature: req.temperature,
      ...(refused.has('stream_options') ? {} : { stream_options: { include_usage: true } }),
      ...(req.jsonSchema && !refused.has('response_format')
        ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: req.jsonSchema } } }
        : {}),
    };
  };

  /** A 400/422 naming a field we sent that the server does not support: which one (to drop it and ask again). */
  const unsupportedField = (status: number, text: string, sentBody: Record<string, unknown>) => {
    if (status !== 400 && status !== 422) return undefined;
    const b = text.toLowerCase();
    if ('response_format' in sentBody && /response_format|json_schema|guided/.test(b)) return 'response_format';
    if ('stream_options' in sentBody && /stream_options|include_usage/.test(b)) return 'stream_options';
    if ('format' in sentBody && /\bformat\b/.test(b)) return 'format';
    return undefined;
  };

  const onObject = (obj: unknown, acc: Accumulated, u: URL, onToken?: (t: string) => void) => {
    const o = asRecord(obj);
    if (!o) return;
    const err = streamError(o, u);
    if (err) throw err;
    let piece = '';
    if (flavour === 'ollama') {
      const msg = asRecord(o.message);
      if (typeof msg?.content === 'string') piece = msg.content;
      if (o.done === true) {
        acc.done = true;
        acc.finish = o.done_reason === 'length' ? 'length' : 'stop';
        if (typeof o.eval_count === 'number') acc.tokens = o.eval_count;
      }
    } else {
      const choices = Array.isArray(o.choices) ? o.choices : [];
      const c = asRecord(choices[0]);
      const delta = asRecord(c?.delta) ?? asRecord(c?.message);
      if (typeof delta?.content === 'string') piece = delta.content;
      else if (typeof c?.text === 'string') piece = c.text;
      if (typeof c?.finish_reason === 'string') acc.finish = c.finish_reason === 'length' ? 'length' : 'stop';
      const usage = asRecord(o.usage);
      if (typeof usage?.completion_tokens === 'number') acc.tokens = usage.completion_tokens;
    }
    if (piece !== '') {
      if (acc.text.length + piece.length > MAX_ANSWER_CHARS)
        throw new EngineError(
          'bad-output',
          `The clinic server at ${where(u)} sent a far longer answer than asked for.`,
        );
      acc.text += piece;
      acc.deltas++;
      onToken?.(piece);
    }
  };

  const readAnswer = async (sent: Sent, req: GenerateRequest): Promise<Accumulated> => {
    const acc: Accumulated = { text: '', tokens: undefined, deltas: 0, finish: undefined, done: false };
    const type = String(sent.res.headers['content-type'] ?? '').toLowerCase();
    const u = sent.url;
    if (type.includes('text/html'))
      throw new EngineError(
        'bad-output',
        `${where(u)} answered with a web page, not an inference API; check the address (e.g. https://host:8000/v1).`,
      );
    const unreadable = (n: number) =>
      new EngineError(
        'bad-output',
        `The clinic server at ${where(u)} sent ${n} stream line(s) that are not JSON; is this an ` +
          (flavour === 'ollama' ? 'Ollama' : 'OpenAI-compatible') +
          ' endpoint?',
      );
    // A server that ignored stream:true answers with one JSON document: read it whole.
    const whole = type.includes('application/json') && flavour === 'openai';
    const parser = whole ? undefined : flavour === 'ollama' ? new NdjsonParser() : new OpenAiStreamParser();
    const take = (objs: unknown[]) => {
      for (const obj of objs) onObject(obj, acc, u, req.onToken);
      if (parser && parser.malformed > maxMalformed) throw unreadable(parser.malformed);
    };
    if (!parser) {
      const raw = await client.readBody(sent, req.signal);
      let doc: unknown;
      try {
        doc = JSON.parse(raw.toString('utf8'));
      } catch {
        throw unreadable(1);
      }
      take([doc]);
      acc.done = true;
      return acc;
    }
    try {
      await client.stream(sent, req.signal, (chunk) => take(parser.push(chunk)));
      take(parser.end());
    } catch (err) {
      if (err instanceof StreamFormatError) throw new EngineError('bad-output', err.message);
      throw err;
    }
    if (parser instanceof OpenAiStreamParser && parser.done) acc.done = true;
    if (acc.deltas === 0 && parser.malformed > 0) throw unreadable(parser.malformed);
    if (!acc.done && acc.finish === undefined)
      throw new EngineError(
        'unavailable',
        `The clinic server at ${where(u)} ended the answer before it was complete (the connection closed early).`,
      );
    if (parser.malformed > 0) log.warn('llm.server_malformed_lines', { count: parser.malformed });
    return acc;
  };

  let closed = false;
  return {
    kind: 'server',
    model: opts.model,
    async generate(req: GenerateRequest): Promise<GenerateResult> {
      if (closed) throw new EngineError('unavailable', 'The clinic server engine was closed.');
      const started = performance.now();
      const path = flavour === 'ollama' ? '/api/chat' : '/v1/chat/completions';
      for (let attempt = 0; ; attempt++) {
        const sentBody = body(req);
        const sent = await client.send({
          method: 'POST',
          path,
          headers: {
            'content-type': 'application/json',
            accept: flavour === 'ollama' ? 'application/x-ndjson' : 'text/event-stream',
          },
          body: JSON.stringify(sentBody),
          ...(req.signal ? { signal: req.signal } : {}),
        });
        const status = sent.res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          const acc = await readAnswer(sent, req);
          const ms = Math.round(performance.now() - started);
          log.info('llm.server_done', {
            flavour,
            tokens: acc.tokens ?? acc.deltas,
            ms,
            schema: 'response_format' in sentBody || 'format' in sentBody,
          });
          return { text: acc.text, tokens: acc.tokens ?? acc.deltas, finish: acc.finish ?? 'stop', ms };
        }
        const text = (await client.readBody(sent, req.signal, MAX_ERROR_BODY).catch(() => Buffer.alloc(0))).toString(
          'utf8',
        );
        const field = unsupportedField(status, text, sentBody);
        if (field && attempt < 3) {
          refused.add(field);
          log.info('llm.server_field_unsupported', { field, status });
          continue;
        }
        throw statusError(status, text, sent.url, opts.model);
      }
    },
    async close() {
      closed = true;
      client.close();
    },
  };
}
