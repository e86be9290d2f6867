/**
 * Local text engine benchmark. Prints figures measured in this one run:
 * - engine overhead: `createLocalGenerator(...).generate` (helper process, transformers.js generation loop, token
 *   streaming over IPC) vs calling the ONNX session directly in a greedy loop with a KV cache in this process, for
 *   the same prompt and the same tokens, model loaded on both sides (goal ≤ 1.10×);
 * - the overhead per token in milliseconds (what it costs on a real model, whose session step is much longer);
 * - CPU time of both sides over all runs (Linux), which other load on the machine disturbs far less than wall time.
 *
 * Usage: npm run bench:engine -- [--size tiny|medium] [--model DIR] [--tokens N] [--runs N] [--dtype D]
 * Default: the tiny random-weight fixture (test/fixtures/tiny-llm), whose session step is a fraction of a
 * millisecond, so the ratio there is the worst case. `--size medium` writes a wider random decoder (~170 MB, 6
 * layers of 768, once, to the temporary folder) whose step takes milliseconds as a small real model's does;
 * `--model DIR` runs an installed model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { AutoTokenizer } from '@huggingface/transformers';
import type { ChatMessage } from '../core/engines/types.js';
import { createLocalGenerator } from '../models/llm/local.js';
import { MEDIUM, writeTinyLlm } from '../scripts/make-tiny-llm.js';
import { DTYPE_SUFFIX, chooseDtype, onnxSubfolder, type LocalDtype } from '../models/llm/local-protocol.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    size: { type: 'string', default: 'tiny' },
    tokens: { type: 'string', default: '128' },
    runs: { type: 'string', default: '9' },
    dtype: { type: 'string' },
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
/** CPU time of another process (Linux /proc; 10 ms ticks), ms; NaN elsewhere. */
function procCpuMs(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

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
  { executionProviders: ['cpu'] },
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
// The two sides run one after the other, not interleaved: each ONNX Runtime thread pool spins for a while after a
// run, and on a machine with few cores the idle side's spinning would slow the side being measured.
const d0 = await direct(); // warm-up
const dms: number[] = [];
const dCpu0 = cpuMs();
for (let i = 0; i < runs; i++) dms.push((await direct()).ms);
const dCpu = cpuMs() - dCpu0;
await session.release();

const gen = createLocalGenerator({ modelDir, dtype, device: 'cpu', idleMs: 0 });
await gen.load();

async function engine(): Promise<{ text: string; tokens: number; ms: number; pieces: number }> {
  let pieces = 0;
  const started = performance.now();
  const r = await gen.generate({ messages, maxTokens: N, temperature: 0, onToken: () => pieces++ });
  return { text: r.text, tokens: r.tokens, ms: performance.now() - started, pieces };
}

const e0 = await engine(); // warm-up
const sameTokens = tokenizer.decode(d0.ids, { skip_special_tokens: true }) === e0.text && e0.tokens === N;
const ems: number[] = [];
let pieces = 0;
const helperPid = gen.status().pid;
const eCpu0 = cpuMs() + procCpuMs(helperPid);
for (let i = 0; i < runs; i++) {
  const e = await engine();
  ems.push(e.ms);
  pieces = e.pieces;
}
const eCpu = cpuMs() + procCpuMs(helperPid) - eCpu0;
await gen.close();

const d = median(dms);
const e = median(ems);
const dMin = Math.min(...dms);
const eMin = Math.min(...ems);
const status = gen.status();
const name = modelDir.split(/[\\/]/).pop();
console.log(
  `engine overhead, ${name} (${dtype}, ${status.device}), ${N} tokens, ${promptIds.length}-token prompt, ${runs} runs:`,
);
console.log(`                             median                  fastest`);
const row = (label: string, m: number, f: number) =>
  console.log(
    `  ${label.padEnd(26)} ${`${m.toFixed(1)} ms (${(m / N).toFixed(3)}/token)`.padEnd(24)}${f.toFixed(1)} ms`,
  );
row('direct ONNX session loop', d, dMin);
row('createLocalGenerator', e, eMin);
console.log(
  `  ratio                      ${(e / d).toFixed(2)}×                   ${(eMin / dMin).toFixed(2)}×   (target ≤ 1.10×)`,
);
console.log(
  `  overhead per token         ${((e - d) / N).toFixed(3)} ms                ${((eMin - dMin) / N).toFixed(3)} ms`,
);
// CPU time is what the engine adds whatever else the machine is doing (wall time swings with other load).
console.log(
  `  CPU time, all runs         direct ${dCpu.toFixed(0)} ms, engine ${eCpu.toFixed(0)} ms (helper + this process): ` +
    `ratio ${(eCpu / dCpu).toFixed(2)}×`,
);
console.log(`  streamed pieces            ${pieces}`);
console.log(`  same tokens both ways      ${sameTokens ? 'yes' : 'NO'}`);
console.log(`  model load in the helper   ${status.loadMs?.toFixed(0)} ms`);
