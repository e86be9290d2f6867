/**
 * Local text engine benchmark. Prints figures measured in this one run:
 * - engine overhead: `createLocalGenerator(...).generate` (helper process, transformers.js generation loop, pieces
 *   streamed over IPC) vs calling the ONNX session directly in a greedy loop with a KV cache in this process, for
 *   the same prompt and the same tokens, model loaded and warmed up on both sides (goal ≤ 1.10×); beside it the
 *   engine sending one IPC message per token (streamFlushMs 0: how it streamed before pieces were coalesced);
 * - wall time (median, fastest, median of the per-round ratios) and CPU time per run of all processes involved
 *   (Linux: this process, and the helper's threads from /proc), which other load on the machine disturbs far less;
 * - the overhead per token in milliseconds (what it costs on a real model, whose session step is much longer).
 * The sides run interleaved in rotating order, each run followed by a pause billed to it (ONNX Runtime's threads
 * spin for a while after a run).
 *
 * Usage: npm run bench:engine -- [--size tiny|medium] [--model DIR] [--tokens N] [--runs N] [--dtype D] [--threads N]
 * Default: the tiny random-weight fixture (test/fixtures/tiny-llm), whose session step is a fraction of a
 * millisecond, so the ratio there is the worst case. `--size medium` writes a wider random decoder (~170 MB, 6
 * layers of 768, once, to the temporary folder) whose step takes milliseconds as a small real model's does;
 * `--model DIR` runs an installed model. `--threads 1` runs ONNX Runtime single-threaded on both sides: on a busy
 * machine with few cores, far less noisy (a parallel kernel waits for its slowest thread).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { AutoTokenizer } from '@huggingface/transformers';
import type { ChatMessage } from '../core/engines/types.js';
import { createLocalGenerator } from '../models/llm/local.js';
import { MEDIUM, writeTinyLlm } from '../scripts/make-tiny-llm.js';
import {
  DTYPE_SUFFIX,
  STREAM_FLUSH_MS,
  chooseDtype,
  onnxSubfolder,
  type LocalDtype,
} from '../models/llm/local-protocol.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    size: { type: 'string', default: 'tiny' },
    tokens: { type: 'string', default: '128' },
    runs: { type: 'string', default: '15' },
    dtype: { type: 'string' },
    threads: { type: 'string' },
  },
});
if (values.size !== 'tiny' && values.size !== 'medium') throw new Error('--size is tiny or medium');
/** The committed fixture, or the wider random decoder written once to the temporary folder. */
function randomModel(size: 'tiny' | 'medium'): string {
  if (size === 'tiny') return fileURLToPath(new URL('../test/fixtures/tiny-llm', import.meta.url));
  const dir = join(tmpdir(), 'bedside-bench-llm-medium');
  if (!existsSync(join(dir, 'config.json'))) writeTinyLlm(dir, MEDIUM);
  return dir;
}
const modelDir = values.model ?? randomModel(values.size);
const N = Math.max(2, Number(values.tokens));
const runs = Math.max(1, Number(values.runs));
const dtype: LocalDtype = chooseDtype(modelDir, 'cpu', values.dtype);
/** ONNX Runtime intra-op threads on both sides; default the runtime's. One thread makes the comparison far less
 * noisy on a busy machine with few cores (a parallel kernel waits for its slowest thread). */
const threads = values.threads ? Math.max(1, Number(values.threads)) : undefined;

const messages: ChatMessage[] = [
  { role: 'system', content: 'Write the visit note as JSON sections with cited turns.' },
  {
    role: 'user',
    content:
      '[T0] Doctor: What brings you in today? [T1] Patient: Chest pain for 3 days, worse at night. ' +
      '[T2] Doctor: Any medication? [T3] Patient: Lisinopril 20 mg daily.',
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU time of this process (all threads), ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
/** CPU time of another process, all its threads, ms, to the nanosecond (Linux /proc/PID/task/N/schedstat); NaN
 * elsewhere. */
function procCpuMs(pid: number | undefined): number {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return NaN;
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- direct: the ONNX session in a greedy loop ---------------------------------------------------------------------
interface Tok {
  apply_chat_template(m: unknown, o: { tokenize: false; add_generation_prompt: boolean }): string;
  encode(text: string, o: { add_special_tokens: boolean }): number[];
  decode(ids: number[], o: { skip_special_tokens: boolean }): string;
}
const tokenizer = (await AutoTokenizer.from_pretrained(modelDir, { local_files_only: true })) as unknown as Tok;
const promptIds = tokenizer.encode(
  tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true }),
  { add_special_tokens: false },
);
const session = await ort.InferenceSession.create(
  join(modelDir, onnxSubfolder(modelDir), `model${DTYPE_SUFFIX[dtype]}.onnx`),
  { executionProviders: ['cpu'], ...(threads ? { intraOpNumThreads: threads } : {}) },
);
const pastInputs = session.inputMetadata.filter((m) => m.name.startsWith('past_key_values.'));

function int64(values: number[], dims: number[]) {
  return new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
}

/** Greedy generation of N tokens calling the session directly; returns the ids and the time of the loop. */
async function direct(): Promise<{ ids: number[]; ms: number }> {
  const started = performance.now();
  const ids: number[] = [];
  let past: Record<string, ort.Tensor> = {};
  for (const m of pastInputs) {
    if (!m.isTensor) continue;
    const dims = m.shape.map((d) => (typeof d === 'number' ? d : d === 'batch_size' ? 1 : 0));
    past[m.name] = new ort.Tensor('float32', new Float32Array(0), dims);
  }
  let step = promptIds;
  let total = 0;
  for (let t = 0; t < N; t++) {
    const feeds: Record<string, ort.Tensor> = { ...past };
    feeds.input_ids = int64(step, [1, step.length]);
    feeds.attention_mask = int64(new Array<number>(total + step.length).fill(1), [1, total + step.length]);
    if (session.inputNames.includes('position_ids'))
      feeds.position_ids = int64(
        step.map((_, i) => total + i),
        [1, step.length],
      );
    const out = await session.run(feeds);
    const logits = out.logits!;
    const vocab = logits.dims.at(-1)!;
    const data = logits.data as Float32Array;
    const off = (logits.dims[1]! - 1) * vocab;
    let best = 0;
    for (let v = 1; v < vocab; v++) if (data[off + v]! > data[off + best]!) best = v;
    ids.push(best);
    total += step.length;
    step = [best];
    past = {};
    for (const name of Object.keys(out))
      if (name.startsWith('present.')) past[name.replace('present.', 'past_key_values.')] = out[name]!;
  }
  return { ids, ms: performance.now() - started };
}

// ---- engine ----------------------------------------------------------------------------------------------------
// The engine as shipped (streamed pieces coalesced every STREAM_FLUSH_MS) and, for comparison in the same run, the
// engine sending one IPC message per token (streamFlushMs 0, how it streamed before coalescing).
const gen = createLocalGenerator({ modelDir, dtype, device: 'cpu', idleMs: 0, threads });
const perToken = createLocalGenerator({ modelDir, dtype, device: 'cpu', idleMs: 0, threads, streamFlushMs: 0 });
await gen.load();
await perToken.load();

async function generateWith(g: typeof gen): Promise<{ text: string; tokens: number; ms: number; pieces: number }> {
  let pieces = 0;
  const started = performance.now();
  const r = await g.generate({ messages, maxTokens: N, temperature: 0, onToken: () => pieces++ });
  return { text: r.text, tokens: r.tokens, ms: performance.now() - started, pieces };
}

// ---- measurement --------------------------------------------------------------------------------------------------
// Both sides are loaded and warmed up, then run interleaved (ABBA order) so that drifting load from other programs
// falls on both alike. Each run is followed by a pause of GAP ms counted to its side: ONNX Runtime's thread pool
// spins for a while after a run, and without the pause one side's spinning would slow (and be billed to) the other.
// CPU time: this process (the direct session, and the engine's parent side) and the helper process, all threads.
const GAP = 40;
type Side = 'direct' | 'engine' | 'perToken';
const SIDES: Side[] = ['direct', 'engine', 'perToken'];
const cpu: Record<Side, () => number> = {
  direct: () => cpuMs(),
  engine: () => cpuMs() + procCpuMs(gen.status().pid),
  perToken: () => cpuMs() + procCpuMs(perToken.status().pid),
};
const once: Record<Side, () => Promise<{ ms: number; pieces: number; text: string; tokens: number }>> = {
  direct: async () => {
    const r = await direct();
    return { ms: r.ms, pieces: 0, text: tokenizer.decode(r.ids, { skip_special_tokens: true }), tokens: r.ids.length };
  },
  engine: () => generateWith(gen),
  perToken: () => generateWith(perToken),
};
const last = {} as Record<Side, { pieces: number; text: string; tokens: number }>;
for (let i = 0; i < 4; i++) for (const side of SIDES) last[side] = await once[side](); // warm-up
const sameTokens = SIDES.every((s) => last[s].text === last.direct.text && last[s].tokens === N);
const samePrompt =
  gen.status().lastPromptTokens === promptIds.length && perToken.status().lastPromptTokens === promptIds.length;
const wall: Record<Side, number[]> = { direct: [], engine: [], perToken: [] };
const cpuRuns: Record<Side, number[]> = { direct: [], engine: [], perToken: [] };
await pause(GAP);
for (let i = 0; i < runs; i++) {
  // Rotating order: each side runs first, second and third equally often.
  const order = SIDES.map((_, k) => SIDES[(i + k) % SIDES.length]!);
  for (const side of order) {
    const c0 = cpu[side]();
    const r = await once[side]();
    wall[side].push(r.ms);
    last[side] = r;
    await pause(GAP);
    cpuRuns[side].push(cpu[side]() - c0);
  }
}
await session.release();
await gen.close();
await perToken.close();

// What the engine does per request that the direct loop is handed ready-made: the chat template and tokenising.
const tp0 = performance.now();
for (let i = 0; i < 50; i++)
  tokenizer.encode(tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: true }), {
    add_special_tokens: false,
  });
const promptMs = (performance.now() - tp0) / 50;

const status = gen.status();
const name = modelDir.split(/[\\/]/).pop();
console.log(
  `engine overhead, ${name} (${dtype}, ${status.device}), ${N} tokens, ${promptIds.length}-token prompt, ` +
    `${runs} runs each, interleaved, ${threads ?? 'default'} ONNX threads:`,
);
console.log(`                               wall median (per token)   fastest    CPU median (helper + this process)`);
const d = median(wall.direct);
const dCpu = median(cpuRuns.direct);
const LABEL: Record<Side, string> = {
  direct: 'direct ONNX session loop',
  engine: `engine, pieces every ${STREAM_FLUSH_MS} ms`,
  perToken: 'engine, a message per token',
};
for (const side of SIDES) {
  const m = median(wall[side]);
  const c = median(cpuRuns[side]);
  console.log(
    `  ${LABEL[side].padEnd(29)}${`${m.toFixed(1)} ms (${(m / N).toFixed(3)})`.padEnd(26)}` +
      `${Math.min(...wall[side])
        .toFixed(1)
        .padStart(6)} ms  ${c.toFixed(1).padStart(6)} ms`,
  );
}
// Runs of one round are seconds apart and share the machine's load: the median of the per-round ratios cancels most
// of the drift that the ratio of the medians keeps.
const paired = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / ys[i]!));
for (const side of ['engine', 'perToken'] as const) {
  const m = median(wall[side]);
  const c = median(cpuRuns[side]);
  console.log(`  ${LABEL[side]} vs direct (target ≤ 1.10×):`);
  console.log(
    `    wall: ratio of medians ${(m / d).toFixed(2)}× (${((m - d) / N).toFixed(3)} ms/token), ` +
      `median of paired ratios ${paired(wall[side], wall.direct).toFixed(2)}×, ` +
      `fastest ${(Math.min(...wall[side]) / Math.min(...wall.direct)).toFixed(2)}×`,
  );
  console.log(
    `    CPU:  ratio of medians ${(c / dCpu).toFixed(2)}× (${((c - dCpu) / N).toFixed(3)} ms/token), ` +
      `median of paired ratios ${paired(cpuRuns[side], cpuRuns.direct).toFixed(2)}×`,
  );
}
console.log(`  streamed pieces              ${last.engine.pieces} (first at once), ${last.perToken.pieces} per token`);
console.log(`  same tokens all ways         ${sameTokens ? 'yes' : 'NO'}`);
console.log(`  same prompt all ways         ${samePrompt ? `yes (${promptIds.length} tokens)` : 'NO'}`);
console.log(
  `  chat template + tokenise     ${promptMs.toFixed(2)} ms per request (in the engine's time, not the direct loop's)`,
);
console.log(`  model load in the helper     ${status.loadMs?.toFixed(0)} ms`);
