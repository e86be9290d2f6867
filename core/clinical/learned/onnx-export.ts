/**
 * Writes a trained classifier (train.ts) as an ONNX model with the `onnx-proto` protobuf definitions: opset 13,
 * IR 7, operators every onnxruntime since 1.8 runs on the CPU. Dev-only (training and tests import it; the app only
 * reads the files it writes).
 *
 *   inputs  ids [batch, n] int32 (hashed feature ids, padded with 0), weights [batch, n] float (1/count, 0 for pad)
 *   int8:   Gather(emb_q int8 [V, D], ids) → Cast → × Gather(emb_scale [V], ids) · weights → ReduceSum(n)
 *           → [DequantizeLinear(hidden, axis 0) → Gemm → Relu] → DequantizeLinear(out_q, out_scale, axis 0)
 *           → Gemm(transB) → Softmax
 *   fp32:   the same graph with float initialisers and no dequantisation (the twin the agreement test reads)
 *   output  probs [batch, labels] float
 *
 * The bytes depend only on the weights and the metadata: no timestamps, fields in a fixed order.
 */
import onnxProto from 'onnx-proto';
import { quantizeRows, type Weights } from './train.js';

const { onnx } = onnxProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type INodeProto = onnxProto.onnx.INodeProto;

const FLOAT = 1;
const INT8 = 3;
const INT32 = 6;
const INT64 = 7;

function bytes(a: Float32Array | Int8Array | BigInt64Array): Uint8Array {
  // Little-endian on every platform onnxruntime-node ships for; copied so the buffer is exactly the tensor.
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

function tensor(name: string, dataType: number, dims: number[], data: Float32Array | Int8Array | BigInt64Array) {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: bytes(data) }) as ITensorProto;
}

function node(opType: string, input: string[], output: string[], attrs: Record<string, number> = {}): INodeProto {
  return {
    opType,
    input,
    output,
    name: output[0]!,
    attribute: Object.entries(attrs).map(([name, i]) => ({ name, i, type: onnx.AttributeProto.AttributeType.INT })),
  };
}

/** A graph input or output: its element type and shape (a string names a symbolic dimension). */
export function valueInfo(name: string, elemType: number, dims: Array<string | number>) {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** ONNX bytes of the model, int8 (per-row scales) or fp32; `metadata` goes into the model's metadata_props. */
export function exportOnnx(w: Weights, quant: 'int8' | 'fp32', metadata: Record<string, string> = {}): Uint8Array {
  const { buckets, dim, hidden } = w.config;
  const c = w.labels.length;
  const k = hidden > 0 ? hidden : dim;
  const inits: ITensorProto[] = [];
  const nodes: INodeProto[] = [];
  /** A weight matrix as a graph value: an fp32 initialiser, or int8 + scales through DequantizeLinear. */
  const matrix = (name: string, m: Float32Array, rows: number, cols: number): string => {
    if (quant === 'fp32') {
      inits.push(tensor(name, FLOAT, [rows, cols], m));
      return name;
    }
    const { q, scale } = quantizeRows(m, rows);
    inits.push(tensor(`${name}_q`, INT8, [rows, cols], q), tensor(`${name}_scale`, FLOAT, [rows], scale));
    nodes.push(node('DequantizeLinear', [`${name}_q`, `${name}_scale`], [name], { axis: 0 }));
    return name;
  };
  inits.push(
    tensor('axis_2', INT64, [1], new BigInt64Array([2n])),
    tensor('axis_1', INT64, [1], new BigInt64Array([1n])),
  );
  if (quant === 'fp32') {
    inits.push(tensor('emb', FLOAT, [buckets, dim], w.emb));
    nodes.push(
      node('Gather', ['emb', 'ids'], ['gathered'], { axis: 0 }),
      node('Unsqueeze', ['weights', 'axis_2'], ['weights_3d']),
    );
  } else {
    // The embedding rows are dequantised after the Gather (int8 rows × their scales): dequantising the whole
    // table would cost every run (or the load, if constant-folded) far more than the few hundred rows a visit reads.
    const { q, scale } = quantizeRows(w.emb, buckets);
    inits.push(tensor('emb_q', INT8, [buckets, dim], q), tensor('emb_scale', FLOAT, [buckets], scale));
    nodes.push(
      node('Gather', ['emb_q', 'ids'], ['gathered_q'], { axis: 0 }),
      node('Gather', ['emb_scale', 'ids'], ['gathered_scale'], { axis: 0 }),
      node('Cast', ['gathered_q'], ['gathered'], { to: FLOAT }),
      node('Mul', ['gathered_scale', 'weights'], ['scaled_weights']),
      node('Unsqueeze', ['scaled_weights', 'axis_2'], ['weights_3d']),
    );
  }
  nodes.push(
    node('Mul', ['gathered', 'weights_3d'], ['weighted']),
    node('ReduceSum', ['weighted', 'axis_1'], ['bag'], { keepdims: 0 }),
  );
  let h = 'bag';
  if (hidden > 0) {
    const hw = matrix('hid_w', w.hidW!, hidden, dim);
    inits.push(tensor('hid_b', FLOAT, [hidden], w.hidB!));
    nodes.push(node('Gemm', ['bag', hw, 'hid_b'], ['hid_z'], { transB: 1 }), node('Relu', ['hid_z'], ['hid']));
    h = 'hid';
  }
  const ow = matrix('out_w', w.outW, c, k);
  inits.push(tensor('out_b', FLOAT, [c], w.outB));
  nodes.push(
    node('Gemm', [h, ow, 'out_b'], ['logits'], { transB: 1 }),
    node('Softmax', ['logits'], ['probs'], { axis: 1 }),
  );
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'bedside-train-models',
    producerVersion: '1',
    graph: {
      name: 'utterance_classifier',
      node: nodes,
      initializer: inits,
      input: [valueInfo('ids', INT32, ['batch', 'n']), valueInfo('weights', FLOAT, ['batch', 'n'])],
      output: [valueInfo('probs', FLOAT, ['batch', c])],
    },
    metadataProps: Object.keys(metadata)
      .sort()
      .map((key) => ({ key, value: metadata[key]! })),
  });
  return onnx.ModelProto.encode(model).finish();
}
