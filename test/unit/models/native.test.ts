import { describe, expect, it } from 'vitest';
import { loadCatalogue, parseCatalogue, findModel } from '../../../models/manager/catalogue.js';
import { proxyFor } from '../../../models/manager/download.js';
import { recommendModel } from '../../../models/manager/hardware.js';
import { NativeError, selectVariant, variantInstalled } from '../../../native/whisper.js';

describe('binary variant selection', () => {
  const none = { cudaDevice: false, vulkanDevice: false };
  const nvidia = { cudaDevice: true, vulkanDevice: true };
  const all = () => true;
  it('defaults to CPU and falls back to CPU cleanly', () => {
    expect(selectVariant(undefined, nvidia, all).variant).toBe('cpu');
    expect(selectVariant('cuda', none, all)).toEqual({
      variant: 'cpu',
      reason: 'no cuda device found: falling back to CPU',
    });
    expect(selectVariant('vulkan', nvidia, () => false)).toEqual({
      variant: 'cpu',
      reason: 'vulkan binary not installed: falling back to CPU',
    });
    expect(selectVariant('auto', none, all).variant).toBe('cpu');
  });
  it('uses a GPU variant when asked and present', () => {
    expect(selectVariant('auto', nvidia, all).variant).toBe('cuda');
    expect(selectVariant('auto', { cudaDevice: false, vulkanDevice: true }, all).variant).toBe('vulkan');
    expect(selectVariant('CUDA', nvidia, all).variant).toBe('cuda');
  });
  it('rejects an unknown variant name', () => {
    expect(() => selectVariant('metal-ish')).toThrowError(NativeError);
  });
  it('finds the installed CPU binary', () => {
    expect(variantInstalled('cpu')).toBe(true);
  });
});

describe('model catalogue', () => {
  it('ships tiny.en, base.en and small.en, full and quantised, with published sizes and sha256', () => {
    const cat = loadCatalogue();
    for (const size of ['tiny', 'base', 'small'])
      for (const q of ['', '-q5_1', '-q8_0']) {
        const m = findModel(cat, `${size}.en${q}`);
        expect(m, `${size}.en${q}`).toBeDefined();
        expect(m!.task).toBe('asr');
        expect(m!.files[0]!.url).toBe(
          `https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-${size}.en${q}.bin`,
        );
        expect(m!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
    expect(findModel(cat, 'tiny.en')!.files[0]).toMatchObject({
      size: 77704715,
      sha256: '921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f',
    });
  });
  it('rejects malformed catalogues with a clear message', () => {
    expect(() => parseCatalogue({ version: 1, models: [{ id: 'x' }] })).toThrowError(
      /invalid model catalogue at models\.0\./,
    );
    const m = {
      id: 'a',
      name: 'A',
      task: 'asr',
      format: 'ggml',
      quantisation: 'full',
      languages: [],
      files: [],
      license: 'MIT',
      minRamGb: 1,
    };
    expect(() => parseCatalogue({ version: 1, models: [m, m] })).toThrowError(/duplicate id 'a'/);
  });
});

describe('proxy from the environment', () => {
  const env = {
    HTTPS_PROXY: 'http://proxy.corp:3128',
    HTTP_PROXY: 'proxy.corp:8080',
    NO_PROXY: '.hospital.local,mirror.it',
  };
  it('uses HTTPS_PROXY for https, HTTP_PROXY for http, none for NO_PROXY hosts and loopback', () => {
    expect(proxyFor(new URL('https://huggingface.co/x'), env)?.href).toBe('http://proxy.corp:3128/');
    expect(proxyFor(new URL('http://example.org/x'), env)?.host).toBe('proxy.corp:8080');
    expect(proxyFor(new URL('https://models.hospital.local/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://mirror.it/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('http://127.0.0.1:8000/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://huggingface.co/x'), {})).toBeUndefined();
  });
});

describe('hardware recommendation', () => {
  it('scales the model with the machine', () => {
    const gpu = { cuda: false, vulkan: false };
    expect(recommendModel({ ramGb: 2, cores: 2, avx2: true, gpu }).id).toBe('whisper-tiny.en-q5_1');
    expect(recommendModel({ ramGb: 8, cores: 4, avx2: true, gpu }).id).toBe('whisper-base.en-q5_1');
    expect(recommendModel({ ramGb: 16, cores: 8, avx2: true, gpu }).id).toBe('whisper-small.en-q5_1');
    expect(recommendModel({ ramGb: 16, cores: 8, avx2: false, gpu }).id).toBe('whisper-tiny.en-q5_1');
    expect(recommendModel({ ramGb: 16, cores: 8, avx2: true, gpu: { cuda: true, vulkan: true } }).id).toBe(
      'whisper-small.en',
    );
  });
});
