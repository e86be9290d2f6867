/**
 * The one seam every text generator implements (issue 15). The embedded drafter needs no
 * generator; `local` (a model in its own process) and `server` (the clinic's OpenAI-compatible
 * inference server) implement {@link TextGenerator}.
 */
export type EngineKind = 'embedded' | 'local' | 'server';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  /** JSON schema the answer must follow (server: response_format json_schema where supported; local: prompt only). */
  jsonSchema?: Record<string, unknown>;
  maxTokens: number;
  /** 0 for drafting. */
  temperature: number;
  /** Cancel: the promise rejects with an EngineError code 'cancelled'. */
  signal?: AbortSignal;
  /** Streamed text pieces, in order. */
  onToken?: (text: string) => void;
}

export interface GenerateResult {
  text: string;
  tokens: number;
  finish: 'stop' | 'length';
  ms: number;
}

/** A text generator: a local model in its own process, or a clinic server. */
export interface TextGenerator {
  readonly kind: 'local' | 'server';
  /** Model id (catalogue id / directory name for local; the server's model name). */
  readonly model: string;
  generate(req: GenerateRequest): Promise<GenerateResult>;
  /** Frees the model / connection (local: ends the helper process). Safe to call twice. */
  close(): Promise<void>;
}

export type EngineErrorCode =
  | 'cancelled'
  | 'timeout'
  /** Not installed, not reachable, process died. */
  | 'unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'loading'
  | 'out-of-memory'
  | 'bad-output'
  | 'refused-url';

/**
 * An engine failure. The message is plain words for a clinician / IT admin and NEVER contains
 * transcript or note text (PHI).
 */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
