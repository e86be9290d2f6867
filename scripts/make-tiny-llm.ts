/**
 * Writes the tiny random-weight decoder the local-engine tests load (test/fixtures/tiny-llm): a Llama-shaped
 * causal language model in ONNX with a word-level tokenizer and a chat template, in the layout transformers.js
 * reads offline. Its weights are seeded noise: it exercises the plumbing (tokenise → generate with a KV cache →
 * stream → cancel), never the prose.
 *
 *   npx tsx scripts/make-tiny-llm.ts [outDir]      (default test/fixtures/tiny-llm; the bytes depend only on the seed)
 *
 * Graph (opset 17, IR 8; operators every onnxruntime since 1.14 runs on the CPU):
 *   inputs   input_ids, attention_mask, position_ids [batch, seq] int64;
 *            past_key_values.L.key / .value [batch_size, heads, past_sequence_length, headDim] float
 *   body     token embedding + sinusoidal position code (no length limit) → per layer: LayerNorm → causal
 *            self-attention over past + new keys (mask from attention_mask and positions) → residual → LayerNorm →
 *            ReLU MLP → residual; final LayerNorm → lm head
 *   outputs  logits [batch, seq, vocab]; present.L.key / .value [batch_size, heads, total_sequence_length, headDim]
 * These are the names and shapes transformers.js feeds a `llama` decoder (past shapes are read from the session's
 * input metadata: `batch_size` and the fixed dims, 0 for the past length on the first step).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { valueInfo } from '../core/clinical/learned/onnx-export.js';
import { rng } from '../core/clinical/learned/train.js';

const { onnx } = onnxProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type INodeProto = onnxProto.onnx.INodeProto;
type IAttributeProto = onnxProto.onnx.IAttributeProto;

const FLOAT = 1;
const INT64 = 7;
const AT = onnx.AttributeProto.AttributeType;

export interface DecoderDims {
  seed: number;
  hidden: number;
  layers: number;
  heads: number;
  headDim: number;
  ffn: number;
}

/** The committed fixture. */
export const TINY: DecoderDims = { seed: 20261206, hidden: 32, layers: 2, heads: 2, headDim: 16, ffn: 64 };

/** A wider random decoder (~170 MB, never committed) for the bench: its session step takes milliseconds, as a real
 * model's does, so that the engine's overhead is measured against realistic inference time. */
export const MEDIUM: DecoderDims = { seed: 20261206, hidden: 768, layers: 6, heads: 12, headDim: 64, ffn: 3072 };

// ---- tokenizer ---------------------------------------------------------------------------------------------------
const SPECIAL = ['<|pad|>', '<|unk|>', '<|end|>', '<|system|>', '<|user|>', '<|assistant|>'] as const;
const WORDS = (
  'the a an and or of to in on at for with without is are was were be been has have had no not yes ' +
  'patient doctor pain chest cough fever headache nausea days weeks left right daily twice mg ml blood pressure ' +
  'heart lungs clear normal history medication allergy plan follow up exam review symptoms denies reports takes ' +
  'started stopped increase decrease dose tablet morning night today ago since about section sentence text cites ' +
  'hpi ros assessment results subjective objective'
).split(' ');
const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789.,:;!?\'"()[]{}-/%+=_#*<>|&@$^~`\\'.split('');

export function tinyVocab(): string[] {
  const v: string[] = [...SPECIAL];
  const seen = new Set(v);
  const add = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t);
      v.push(t);
    }
  };
  for (const w of WORDS) add(w);
  for (const c of CHARS) add(c);
  for (const c of CHARS) add(`##${c}`);
  return v;
}

function tokenizerJson(vocab: string[]) {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: {
      type: 'WordPiece',
      unk_token: '<|unk|>',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|' + message['role'] + '|> ' + message['content'] + ' <|end|> ' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|assistant|> ' }}{% endif %}";

// ---- weights -----------------------------------------------------------------------------------------------------
function bytes(a: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

function tensor(name: string, dataType: number, dims: number[], data: Float32Array | BigInt64Array): ITensorProto {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: bytes(data) }) as ITensorProto;
}

type Attr = number | number[] | { f: number };
function node(opType: string, input: string[], output: string[], attrs: Record<string, Attr> = {}): INodeProto {
  const attribute: IAttributeProto[] = Object.entries(attrs).map(([name, a]) =>
    Array.isArray(a)
      ? { name, ints: a, type: AT.INTS }
      : typeof a === 'number'
        ? { name, i: a, type: AT.INT }
        : { name, f: a.f, type: AT.FLOAT },
  );
  return { opType, input, output, name: output[0]!, attribute };
}

/** The ONNX bytes of the tiny decoder for a vocabulary of `vocabSize` tokens. */
export function tinyDecoderOnnx(vocabSize: number, specialIds: number[], dims: DecoderDims = TINY): Uint8Array {
  const { hidden: D, layers, heads: H, headDim: HD, ffn: F } = dims;
  const rand = rng(dims.seed);
  const normal = (n: number, std: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      // Box-Muller from two uniforms (1 - u keeps log away from 0).
      const u = 1 - rand();
      const v = rand();
      a[i] = std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
    return a;
  };
  const inits: ITensorProto[] = [];
  const nodes: INodeProto[] = [];
  const f32 = (name: string, dims: number[], data: Float32Array) => {
    inits.push(tensor(name, FLOAT, dims, data));
    return name;
  };
  const i64 = (name: string, values: number[]) => {
    inits.push(tensor(name, INT64, [values.length], BigInt64Array.from(values.map(BigInt))));
    return name;
  };
  const scalarF = (name: string, v: number) => {
    inits.push(tensor(name, FLOAT, [], Float32Array.of(v)));
    return name;
  };
  const scalarI = (name: string, v: number) => {
    inits.push(tensor(name, INT64, [], BigInt64Array.of(BigInt(v))));
    return name;
  };
  const ones = (n: number) => new Float32Array(n).fill(1);
  const zeros = (n: number) => new Float32Array(n);

  // Embeddings: token table + sin/cos position code (frequency and phase per dimension).
  f32('wte', [vocabSize, D], normal(vocabSize * D, 0.5));
  const freq = new Float32Array(D);
  const phase = new Float32Array(D);
  for (let i = 0; i < D; i++) {
    freq[i] = 1 / Math.pow(10000, (2 * Math.floor(i / 2)) / D);
    phase[i] = i % 2 ? Math.PI / 2 : 0;
  }
  f32('pos_freq', [D], freq);
  f32('pos_phase', [D], phase);
  i64('ax_last', [-1]);
  i64('ax_1', [1]);
  i64('ax_0', [0]);
  i64('ax_1_2', [1, 2]);
  scalarI('one_i', 1);
  scalarI('zero_i', 0);
  scalarF('one_f', 1);
  scalarF('neg_big', 1e9);
  scalarF('attn_scale', 1 / Math.sqrt(HD));
  nodes.push(
    node('Gather', ['wte', 'input_ids'], ['tok_emb'], { axis: 0 }),
    node('Cast', ['position_ids'], ['pos_f'], { to: FLOAT }),
    node('Unsqueeze', ['pos_f', 'ax_last'], ['pos_f3']),
    node('Mul', ['pos_f3', 'pos_freq'], ['pos_angle0']),
    node('Add', ['pos_angle0', 'pos_phase'], ['pos_angle']),
    node('Sin', ['pos_angle'], ['pos_emb']),
    node('Add', ['tok_emb', 'pos_emb'], ['x_0']),
    // Mask [B, 1, S, T]: key j is visible to query i when attention_mask[j] = 1 and j ≤ (T - S + i).
    node('Shape', ['attention_mask'], ['am_shape']),
    node('Gather', ['am_shape', 'one_i'], ['total_len'], { axis: 0 }),
    node('Shape', ['input_ids'], ['ids_shape']),
    node('Gather', ['ids_shape', 'one_i'], ['seq_len'], { axis: 0 }),
    node('Sub', ['total_len', 'seq_len'], ['past_len']),
    node('Range', ['zero_i', 'total_len', 'one_i'], ['k_pos']),
    node('Range', ['past_len', 'total_len', 'one_i'], ['q_pos']),
    node('Unsqueeze', ['k_pos', 'ax_0'], ['k_pos2']),
    node('Unsqueeze', ['q_pos', 'ax_1'], ['q_pos2']),
    node('LessOrEqual', ['k_pos2', 'q_pos2'], ['causal_b']),
    node('Cast', ['causal_b'], ['causal'], { to: FLOAT }),
    node('Cast', ['attention_mask'], ['am_f'], { to: FLOAT }),
    node('Unsqueeze', ['am_f', 'ax_1_2'], ['am_4']),
    node('Mul', ['am_4', 'causal'], ['visible']),
    node('Sub', ['visible', 'one_f'], ['hidden_neg']),
    node('Mul', ['hidden_neg', 'neg_big'], ['attn_bias']),
  );
  i64('heads_shape', [0, 0, H, HD]);
  i64('merge_shape', [0, 0, H * HD]);
  const inputs = [
    valueInfo('input_ids', INT64, ['batch_size', 'sequence_length']),
    valueInfo('attention_mask', INT64, ['batch_size', 'total_sequence_length']),
    valueInfo('position_ids', INT64, ['batch_size', 'sequence_length']),
  ];
  const outputs = [valueInfo('logits', FLOAT, ['batch_size', 'sequence_length', vocabSize])];
  let x = 'x_0';
  for (let l = 0; l < layers; l++) {
    const p = `l${l}_`;
    const past = `past_key_values.${l}`;
    const present = `present.${l}`;
    inputs.push(
      valueInfo(`${past}.key`, FLOAT, ['batch_size', H, 'past_sequence_length', HD]),
      valueInfo(`${past}.value`, FLOAT, ['batch_size', H, 'past_sequence_length', HD]),
    );
    outputs.push(
      valueInfo(`${present}.key`, FLOAT, ['batch_size', H, 'total_sequence_length', HD]),
      valueInfo(`${present}.value`, FLOAT, ['batch_size', H, 'total_sequence_length', HD]),
    );
    f32(`${p}ln1_g`, [D], ones(D));
    f32(`${p}ln1_b`, [D], zeros(D));
    for (const m of ['q', 'k', 'v']) f32(`${p}w${m}`, [D, H * HD], normal(D * H * HD, 1 / Math.sqrt(D)));
    f32(`${p}wo`, [H * HD, D], normal(H * HD * D, 1 / Math.sqrt(H * HD)));
    f32(`${p}ln2_g`, [D], ones(D));
    f32(`${p}ln2_b`, [D], zeros(D));
    f32(`${p}w1`, [D, F], normal(D * F, 1 / Math.sqrt(D)));
    f32(`${p}w2`, [F, D], normal(F * D, 1 / Math.sqrt(F)));
    nodes.push(
      node('LayerNormalization', [x, `${p}ln1_g`, `${p}ln1_b`], [`${p}h`], { axis: -1, epsilon: { f: 1e-5 } }),
    );
    for (const m of ['q', 'k', 'v']) {
      nodes.push(
        node('MatMul', [`${p}h`, `${p}w${m}`], [`${p}${m}_flat`]),
        node('Reshape', [`${p}${m}_flat`, 'heads_shape'], [`${p}${m}_bshd`]),
        node('Transpose', [`${p}${m}_bshd`], [`${p}${m}_new`], { perm: [0, 2, 1, 3] }),
      );
    }
    nodes.push(
      node('Concat', [`${past}.key`, `${p}k_new`], [`${present}.key`], { axis: 2 }),
      node('Concat', [`${past}.value`, `${p}v_new`], [`${present}.value`], { axis: 2 }),
      node('Transpose', [`${present}.key`], [`${p}k_t`], { perm: [0, 1, 3, 2] }),
      node('MatMul', [`${p}q_new`, `${p}k_t`], [`${p}scores0`]),
      node('Mul', [`${p}scores0`, 'attn_scale'], [`${p}scores1`]),
      node('Add', [`${p}scores1`, 'attn_bias'], [`${p}scores`]),
      node('Softmax', [`${p}scores`], [`${p}probs`], { axis: -1 }),
      node('MatMul', [`${p}probs`, `${present}.value`], [`${p}ctx`]),
      node('Transpose', [`${p}ctx`], [`${p}ctx_bshd`], { perm: [0, 2, 1, 3] }),
      node('Reshape', [`${p}ctx_bshd`, 'merge_shape'], [`${p}ctx_flat`]),
      node('MatMul', [`${p}ctx_flat`, `${p}wo`], [`${p}attn_out`]),
      node('Add', [x, `${p}attn_out`], [`${p}x_mid`]),
      node('LayerNormalization', [`${p}x_mid`, `${p}ln2_g`, `${p}ln2_b`], [`${p}h2`], {
        axis: -1,
        epsilon: { f: 1e-5 },
      }),
      node('MatMul', [`${p}h2`, `${p}w1`], [`${p}ff0`]),
      node('Relu', [`${p}ff0`], [`${p}ff1`]),
      node('MatMul', [`${p}ff1`, `${p}w2`], [`${p}ff2`]),
      node('Add', [`${p}x_mid`, `${p}ff2`], [`${p}x_out`]),
    );
    x = `${p}x_out`;
  }
  // Special tokens get a large negative bias so that generation always runs to maxTokens: the tests control length.
  const lmBias = new Float32Array(vocabSize);
  for (const id of specialIds) lmBias[id] = -1e4;
  f32('lnf_g', [D], ones(D));
  f32('lnf_b', [D], zeros(D));
  f32('lm_head', [D, vocabSize], normal(D * vocabSize, 2 / Math.sqrt(D)));
  f32('lm_bias', [vocabSize], lmBias);
  nodes.push(
    node('LayerNormalization', [x, 'lnf_g', 'lnf_b'], ['x_final'], { axis: -1, epsilon: { f: 1e-5 } }),
    node('MatMul', ['x_final', 'lm_head'], ['logits0']),
    node('Add', ['logits0', 'lm_bias'], ['logits']),
  );
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'bedside-make-tiny-llm',
    producerVersion: '1',
    graph: { name: 'tiny_llm', node: nodes, initializer: inits, input: inputs, output: outputs },
    metadataProps: [{ key: 'note', value: 'random weights for plumbing tests; not a language model' }],
  });
  return onnx.ModelProto.encode(model).finish();
}

const readme = (d: DecoderDims) => `# tiny-llm: a random-weight decoder for plumbing tests

**This is not a language model.** Its weights are seeded random noise; whatever it writes is nonsense. It exists so
that the local text engine (models/llm/local.ts) can be tested end to end on any machine, offline: tokenise →
generate with a KV cache → stream → cancel → kill and restart → memory refusal, and for the engine-overhead bench.

- Made by \`npx tsx scripts/make-tiny-llm.ts\` (deterministic: the same bytes on every run; seed ${d.seed}).
- Llama-shaped decoder in ONNX (opset 17): ${d.layers} layers, ${d.heads} heads of ${d.headDim}, hidden ${d.hidden},
  word-level (WordPiece) vocabulary of a few hundred lowercase words and characters, a chat template with
  \`<|system|>\`, \`<|user|>\`, \`<|assistant|>\` and \`<|end|>\`.
- Special tokens carry a large negative output bias, so generation always runs to the token limit.
- Layout as transformers.js reads it offline: \`config.json\`, \`generation_config.json\`, \`tokenizer.json\`,
  \`tokenizer_config.json\`, \`onnx/model.onnx\` (fp32).
- Licence: same as Bedside (Apache-2.0); contains no data of any kind.
`;

export function writeTinyLlm(outDir: string, dims: DecoderDims = TINY): { files: string[]; modelBytes: number } {
  const vocab = tinyVocab();
  const specialIds = SPECIAL.map((_, i) => i);
  const model = tinyDecoderOnnx(vocab.length, specialIds, dims);
  const eos = SPECIAL.indexOf('<|end|>');
  const pad = SPECIAL.indexOf('<|pad|>');
  const config = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    vocab_size: vocab.length,
    hidden_size: dims.hidden,
    intermediate_size: dims.ffn,
    num_hidden_layers: dims.layers,
    num_attention_heads: dims.heads,
    num_key_value_heads: dims.heads,
    head_dim: dims.headDim,
    max_position_embeddings: 32768,
    bos_token_id: null,
    eos_token_id: eos,
    pad_token_id: pad,
    tie_word_embeddings: false,
    torch_dtype: 'float32',
    'transformers.js_config': { dtype: 'fp32' },
  };
  const generation = { eos_token_id: eos, pad_token_id: pad, do_sample: false };
  const tokConfig = {
    tokenizer_class: 'PreTrainedTokenizer',
    model_max_length: 32768,
    clean_up_tokenization_spaces: false,
    do_lower_case: true,
    eos_token: '<|end|>',
    pad_token: '<|pad|>',
    unk_token: '<|unk|>',
    chat_template: CHAT_TEMPLATE,
  };
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  // Two-space JSON with one-element arrays on one line: the files are as `prettier --check` wants them.
  const json = (v: unknown) => JSON.stringify(v, null, 2).replace(/\[\n\s+("[^"\n]*"|-?\d+)\n\s+\]/g, '[$1]') + '\n';
  const files: Array<[string, string | Uint8Array]> = [
    ['config.json', json(config)],
    ['generation_config.json', json(generation)],
    ['tokenizer.json', json(tokenizerJson(vocab))],
    ['tokenizer_config.json', json(tokConfig)],
    ['onnx/model.onnx', model],
    ['README.md', readme(dims)],
  ];
  for (const [name, data] of files) writeFileSync(join(outDir, name), data);
  return { files: files.map(([n]) => n), modelBytes: model.byteLength };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/tiny-llm', import.meta.url)));
  const r = writeTinyLlm(out);
  console.log(`make-tiny-llm: wrote ${r.files.join(', ')} to ${out} (model ${(r.modelBytes / 1024).toFixed(0)} KiB)`);
}
