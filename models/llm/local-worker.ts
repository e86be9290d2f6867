/**
 * The local text engine's helper process: holds one causal language model (transformers.js over onnxruntime-node)
 * and writes with it for the parent (local.ts) over IPC. It runs in a process of its own so that inference never
 * blocks the app, a native crash cannot take the app or the store down, and the parent can kill it at any time
 * (ONNX Runtime inside worker threads of Electron's main process is known to crash).
 *
 * Offline only: remote models are off, every network call (transformers.js' fetch and the global fetch) is refused
 * and counted, the model comes from a folder the model manager installed. Nothing here logs or reports prompt or
 * generated text except the text sent back to the parent.
 */
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  LogLevel,
  env,
} from '@huggingface/transformers';
import { connectToParent } from '../../core/launcher/child.js';
import {
  PieceStreamer,
  STREAM_FLUSH_MS,
  type LocalDevice,
  type LocalDtype,
  type LocalReply,
  type LocalRequest,
} from './local-protocol.js';

/** The parts of transformers.js' tokenizer and model this worker uses (its own types are broader). */
interface Tokenizer {
  apply_chat_template(messages: unknown, options: { tokenize: false; add_generation_prompt: boolean }): string;
  (text: string, options: { add_special_tokens: boolean }): { input_ids: { dims: number[] } };
  decode(ids: bigint[], options: { skip_special_tokens: boolean }): string;
}
interface CausalLM {
  generate(options: Record<string, unknown>): Promise<{ tolist(): bigint[][] }>;
  generation_config?: { eos_token_id?: number | number[] | null };
  config: { eos_token_id?: number | number[] | null };
  dispose(): Promise<unknown>;
}

let network = 0;
const refuseNetwork = (): Promise<never> => {
  network++;
  return Promise.reject(new Error('network access is disabled in the local text engine'));
};
globalThis.fetch = refuseNetwork as typeof fetch;
env.fetch = refuseNetwork as typeof fetch;
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.useFSCache = false;
env.useBrowserCache = false;
env.useWasmCache = false;
env.logLevel = LogLevel.ERROR;

const parent = connectToParent();
const send = (m: LocalReply) => parent.send(m);

let tokenizer: Tokenizer | undefined;
let model: CausalLM | undefined;
let eos = new Set<bigint>();
let current: { id: number; stop: InterruptableStoppingCriteria } | undefined;
/** Ids cancelled before their turn came. */
const cancelled = new Set<number>();

/** First line of a load error, at most 200 characters (load errors name files and devices, never text). */
function words(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n')[0]!.slice(0, 200);
}

async function load(msg: Extract<LocalRequest, { type: 'load' }>): Promise<void> {
  const started = performance.now();
  // An absolute path is not a hub id, so transformers.js reads `<dir>/<file>` directly.
  const opts = { local_files_only: true };
  try {
    tokenizer = (await AutoTokenizer.from_pretrained(msg.modelDir, opts)) as unknown as Tokenizer;
  } catch (err) {
    send({
      type: 'error',
      code: 'unavailable',
      message: `the model's tokenizer could not be read (${words(err)})`,
      network,
    });
    return;
  }
  const failures: string[] = [];
  for (const device of msg.devices) {
    try {
      model = (await AutoModelForCausalLM.from_pretrained(msg.modelDir, {
        ...opts,
        dtype: msg.dtype,
        device,
        subfolder: msg.subfolder,
        ...(msg.threads ? { session_options: { intraOpNumThreads: msg.threads } } : {}),
      })) as unknown as CausalLM;
      const ids = model.generation_config?.eos_token_id ?? model.config.eos_token_id;
      eos = new Set((Array.isArray(ids) ? ids : ids == null ? [] : [ids]).map((i) => BigInt(i)));
      send({
        type: 'loaded',
        device: device as LocalDevice,
        dtype: msg.dtype as LocalDtype,
        fallback: failures.length ? failures.join('; ') : null,
        ms: performance.now() - started,
        network,
      });
      return;
    } catch (err) {
      failures.push(`${device} failed: ${words(err)}`);
    }
  }
  send({
    type: 'error',
    code: 'unavailable',
    message: `the model could not be loaded (${failures.join('; ')})`,
    network,
  });
}

async function generate(msg: Extract<LocalRequest, { type: 'generate' }>): Promise<void> {
  if (!tokenizer || !model) {
    send({ type: 'error', id: msg.id, code: 'unavailable', message: 'no model is loaded', network });
    return;
  }
  if (cancelled.delete(msg.id)) {
    send({ type: 'cancelled', id: msg.id });
    return;
  }
  const started = performance.now();
  const stop = new InterruptableStoppingCriteria();
  current = { id: msg.id, stop };
  try {
    let prompt: string;
    try {
      prompt = tokenizer.apply_chat_template(msg.messages, { tokenize: false, add_generation_prompt: true });
    } catch (err) {
      send({
        type: 'error',
        id: msg.id,
        code: 'unavailable',
        message: `the model has no usable chat template (${err instanceof Error ? err.name : 'error'})`,
        network,
      });
      return;
    }
    const inputs = tokenizer(prompt, { add_special_tokens: false });
    const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
    const tok = tokenizer;
    const streamer = msg.stream
      ? new PieceStreamer(tok, (text) => send({ type: 'token', id: msg.id, text }), msg.flushMs ?? STREAM_FLUSH_MS)
      : null;
    const out = await model.generate({
      ...inputs,
      max_new_tokens: msg.maxTokens,
      do_sample: msg.temperature > 0,
      ...(msg.temperature > 0 ? { temperature: msg.temperature } : {}),
      streamer,
      stopping_criteria: [stop],
    });
    if (stop.interrupted) {
      send({ type: 'cancelled', id: msg.id });
      return;
    }
    const ids = out.tolist()[0]!.slice(promptTokens);
    const last = ids.at(-1);
    const finish = last !== undefined && eos.has(last) ? 'stop' : ids.length >= msg.maxTokens ? 'length' : 'stop';
    send({
      type: 'done',
      id: msg.id,
      text: ids.length ? tok.decode(ids, { skip_special_tokens: true }) : '',
      tokens: ids.length,
      promptTokens,
      finish,
      ms: performance.now() - started,
      network,
    });
  } catch (err) {
    // The runtime's message names operators and shapes, never text; only its class travels, to be safe.
    send({
      type: 'error',
      id: msg.id,
      code: 'unavailable',
      message: `the local model failed while writing (${err instanceof Error ? err.name : 'error'})`,
      network,
    });
  } finally {
    current = undefined;
  }
}

let queue: Promise<void> = Promise.resolve();
parent.onMessage((m) => {
  const msg = m as LocalRequest;
  if (msg.type === 'cancel') {
    // Handled at once (not queued): generation checks the flag after every token.
    if (current?.id === msg.id) current.stop.interrupt();
    else cancelled.add(msg.id);
    return;
  }
  queue = queue.then(() => (msg.type === 'load' ? load(msg) : generate(msg)));
});
send({ type: 'ready' });
