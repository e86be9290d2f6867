/**
 * Transcription on the clinic's server for workstations too weak for local Whisper: POST
 * /v1/audio/transcriptions (speaches, vLLM's Whisper, whisper.cpp server with its OpenAI path, OpenAI-compatible
 * gateways), a WAV upload as multipart/form-data, answer as `verbose_json` segments.
 *
 * `ServerAsrEngine` implements the pipeline's `AsrEngine` (models/asr/whisper-worker.ts), so the same pipeline runs
 * around it as around local Whisper (models/asr/pipeline.ts): the VAD decides what is sent (silence never leaves
 * the computer), segments come back in the same shape, and the same hallucination guards (models/asr/guards.ts:
 * non-speech, known silence phrases, repetition loops, compression ratio) apply, plus Whisper's own no-speech rule
 * where the server reports it (no_speech_prob > 0.6 with avg_logprob < -1: dropped).
 *
 * Transport rules (https except loopback, CA, timeouts, 503/429 retries, cancel) are those of http.ts.
 */
import { EngineError } from '../../core/engines/types.js';
import type { WhisperSegment } from '../../native/whisper.js';
import { transcribeAudio, type PipelineOptions, type PipelineResult } from '../asr/pipeline.js';
import type { RunOptions } from '../asr/protocol.js';
import { AsrCancelledError, type AsrEngine, type TranscribeChunkResult } from '../asr/whisper-worker.js';
import { encodeWav16, fromPcm16 } from '../audio/wav.js';
import { ServerHttp, statusError, where, type ServerConnectionOptions } from './http.js';

export interface ServerTranscriberOptions extends ServerConnectionOptions {
  /** The server's model name, e.g. Systran/faster-whisper-small, openai/whisper-large-v3, whisper-1. */
  model: string;
}

/** Whisper's own rule for a segment of silence: high no-speech probability and low confidence. */
const silentSegment = (s: Record<string, unknown>) =>
  typeof s.no_speech_prob === 'number' &&
  s.no_speech_prob > 0.6 &&
  (typeof s.avg_logprob !== 'number' || s.avg_logprob < -1);

/** Builds a multipart/form-data body: text fields, then one file. */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; data: Buffer },
): { body: Buffer; contentType: string } {
  const boundary = `----bedside${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export class ServerAsrEngine implements AsrEngine {
  private readonly client: ServerHttp;
  /** verbose_json refused once (a server with only json/text): plain json from then on, one segment per chunk. */
  private plainJson = false;

  constructor(private readonly opts: ServerTranscriberOptions) {
    // A whole chunk is transcribed before the answer starts: allow more than a chat stream's first byte.
    this.client = new ServerHttp({ timeoutMs: 300_000, ...opts });
  }

  async transcribe(
    pcm: Int16Array,
    options: RunOptions,
    signal?: AbortSignal,
    onSegments?: (segments: WhisperSegment[]) => void,
  ): Promise<TranscribeChunkResult> {
    const started = performance.now();
    const durationMs = (pcm.length / 16_000) * 1000;
    const wav = encodeWav16([fromPcm16(pcm)], 16_000);
    try {
      for (let attempt = 0; ; attempt++) {
        const format = this.plainJson ? 'json' : 'verbose_json';
        const fields: Record<string, string> = { model: this.opts.model, response_format: format, temperature: '0' };
        if (format === 'verbose_json') fields['timestamp_granularities[]'] = 'segment';
        if (options.language && options.language !== 'auto') fields.language = options.language;
        // The initial prompt (names, medications) helps recognition; it goes only to the clinic's server.
        if (options.prompt) fields.prompt = options.prompt;
        const { body, contentType } = multipart(fields, { name: 'audio.wav', type: 'audio/wav', data: wav });
        const sent = await this.client.send({
          method: 'POST',
          path: '/v1/audio/transcriptions',
          headers: { 'content-type': contentType, accept: 'application/json' },
          body,
          ...(signal ? { signal } : {}),
        });
        const status = sent.res.statusCode ?? 0;
        const raw = (await this.client.readBody(sent, signal, 8 * 1024 * 1024)).toString('utf8');
        if (status < 200 || status >= 300) {
          if (
            !this.plainJson &&
            attempt === 0 &&
            (status === 400 || status === 422) &&
            /response_format|verbose/i.test(raw)
          ) {
            this.plainJson = true;
            continue;
          }
          throw statusError(status, raw, sent.url, this.opts.model);
        }
        let doc: Record<string, unknown>;
        try {
          doc = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          throw new EngineError(
            'bad-output',
            `The transcription server at ${where(sent.url)} did not answer with JSON; is this an OpenAI-compatible /v1/audio/transcriptions endpoint?`,
          );
        }
        const segments = this.segments(doc, durationMs);
        onSegments?.(segments);
        return {
          segments,
          language: typeof doc.language === 'string' ? doc.language : null,
          ms: Math.round(performance.now() - started),
        };
      }
    } catch (err) {
      // The pipeline knows cancel as AsrCancelledError, whatever the engine.
      if (err instanceof EngineError && err.code === 'cancelled') throw new AsrCancelledError();
      throw err;
    }
  }

  /** verbose_json segments (seconds) → Whisper segments (ms); a plain {text} answer is one segment for the chunk. */
  private segments(doc: Record<string, unknown>, durationMs: number): WhisperSegment[] {
    if (Array.isArray(doc.segments)) {
      const out: WhisperSegment[] = [];
      for (const s of doc.segments as unknown[]) {
        if (s === null || typeof s !== 'object') continue;
        const seg = s as Record<string, unknown>;
        if (typeof seg.text !== 'string' || typeof seg.start !== 'number' || typeof seg.end !== 'number') continue;
        if (silentSegment(seg)) continue;
        out.push({ text: seg.text, t0: Math.round(seg.start * 1000), t1: Math.round(seg.end * 1000) });
      }
      return out;
    }
    if (typeof doc.text === 'string' && doc.text.trim() !== '') return [{ text: doc.text, t0: 0, t1: durationMs }];
    return [];
  }

  async close(): Promise<void> {
    this.client.close();
  }
}

/**
 * Transcribes a decoded recording on the clinic's server through the local pipeline (VAD, guards, speaker roles):
 * the result has the same shape as a local transcription.
 */
export async function transcribeOnServer(
  audio: { sampleRate: number; channels: Float32Array[] },
  server: ServerTranscriberOptions,
  opts: PipelineOptions = {},
): Promise<PipelineResult> {
  const engine = new ServerAsrEngine(server);
  try {
    return await transcribeAudio(audio, engine, opts);
  } finally {
    await engine.close();
  }
}
