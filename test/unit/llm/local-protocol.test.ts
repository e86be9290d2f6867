/** The local engine's decisions before a load: devices to try, weight format, memory needed. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LocalModelError,
  availableDtypes,
  chooseDtype,
  deviceCandidates,
  memoryNeeded,
  onnxSubfolder,
  weightBytes,
} from '../../../models/llm/local-protocol.js';
import { TINY_LLM } from '../../helpers/local-llm.js';
import { writeTinyLlm } from '../../../scripts/make-tiny-llm.js';

const root = mkdtempSync(join(tmpdir(), 'bedside-llm-proto-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, number>, config: object = {}, sub = '') {
  const dir = join(root, name);
  mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  for (const [f, size] of Object.entries(files)) writeFileSync(join(dir, sub, f), Buffer.alloc(size));
  return dir;
}

describe('deviceCandidates', () => {
  const noCuda = () => false;
  it('tries the platform accelerator first and always falls back to the CPU', () => {
    expect(deviceCandidates('auto', 'win32', 'x64', noCuda)).toEqual(['dml', 'cpu']);
    expect(deviceCandidates('auto', 'darwin', 'arm64', noCuda)).toEqual(['coreml', 'cpu']);
    expect(deviceCandidates('auto', 'linux', 'x64', () => true)).toEqual(['cuda', 'cpu']);
    expect(deviceCandidates('auto', 'linux', 'x64', noCuda)).toEqual(['cpu']);
    expect(deviceCandidates('auto', 'linux', 'arm64', () => true)).toEqual(['cpu']);
    expect(deviceCandidates('cpu', 'win32', 'x64', noCuda)).toEqual(['cpu']);
    expect(deviceCandidates('cuda', 'linux', 'x64', noCuda)).toEqual(['cuda', 'cpu']);
  });
});

describe('chooseDtype', () => {
  it('reads the Hugging Face layout (onnx/) and the flat layout the model manager installs', () => {
    expect(onnxSubfolder(TINY_LLM)).toBe('onnx');
    expect(availableDtypes(TINY_LLM)).toEqual(['fp32']);
    const flat = folder('flat', { 'model_q4.onnx': 10 });
    expect(onnxSubfolder(flat)).toBe('');
    expect(chooseDtype(flat, 'cpu')).toBe('q4');
  });

  it('prefers 4-bit weights on the CPU and q4f16 on a GPU, unless config.json names one that is present', () => {
    const dir = folder(
      'many',
      { 'model_q4.onnx': 1, 'model_q4f16.onnx': 1, 'model_quantized.onnx': 1, 'model.onnx': 1 },
      {},
      'onnx',
    );
    expect(chooseDtype(dir, 'cpu')).toBe('q4');
    expect(chooseDtype(dir, 'dml')).toBe('q4f16');
    const cfg = folder(
      'cfg',
      { 'model_quantized.onnx': 1, 'model_q4.onnx': 1 },
      { 'transformers.js_config': { dtype: 'q8' } },
    );
    expect(chooseDtype(cfg, 'cpu')).toBe('q8');
    const int8 = folder('int8', { 'model_int8.onnx': 1, 'model.onnx': 1 });
    expect(chooseDtype(int8, 'cpu')).toBe('int8');
  });

  it('refuses in words a format the folder lacks, an unknown format, and a folder without weights', () => {
    const dir = folder('q4only', { 'model_q4.onnx': 1 });
    expect(() => chooseDtype(dir, 'cpu', 'q4f16')).toThrow(/no q4f16 weights \(model_q4f16\.onnx\); it has q4/);
    expect(() => chooseDtype(dir, 'cpu', 'q3')).toThrow(/unknown weight format 'q3'/);
    expect(() => chooseDtype(folder('empty', {}), 'cpu')).toThrow(LocalModelError);
  });
});

describe('memory needed', () => {
  it('counts the graph and its external data files of the chosen dtype only', () => {
    const dir = folder('ext', {
      'model_q4.onnx': 1000,
      'model_q4.onnx_data': 5000,
      'model_q4.onnx_data_1': 2000,
      'model.onnx': 9999,
    });
    expect(weightBytes(dir, 'q4')).toBe(8000);
    expect(weightBytes(dir, 'fp32')).toBe(9999);
  });
  it('is the weights plus working memory', () => {
    const gib = 1024 ** 3;
    expect(memoryNeeded(0)).toBe(384 * 1024 ** 2);
    expect(memoryNeeded(gib)).toBeGreaterThan(1.6 * gib);
    expect(memoryNeeded(gib)).toBeLessThan(1.8 * gib);
  });
});

describe('the tiny fixture model', () => {
  it('is exactly what scripts/make-tiny-llm.ts writes (deterministic bytes, small enough to commit)', () => {
    const out = join(root, 'regen');
    const { files, modelBytes } = writeTinyLlm(out);
    for (const f of files) expect(readFileSync(join(out, f)).equals(readFileSync(join(TINY_LLM, f))), f).toBe(true);
    expect(modelBytes).toBeLessThan(1024 ** 2);
  });
});
