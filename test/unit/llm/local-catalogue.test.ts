/**
 * Local text models in the catalogue: entries for small instruct models with official ONNX exports, no invented
 * checksums (`checksums: 'supplied'`: installed only with a checksum manifest from the IT mirror or model pack),
 * and the hardware recommendation.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogue, parseCatalogue, type Catalogue } from '../../../models/manager/catalogue.js';
import { ModelManager } from '../../../models/manager/manager.js';
import { recommendLlm } from '../../../models/manager/hardware.js';
import { DTYPE_SUFFIX, chooseDtype, type LocalDtype } from '../../../models/llm/local-protocol.js';
import { localModelDir } from '../../../core/engines/providers.js';
import { TINY_LLM } from '../../helpers/local-llm.js';

const root = mkdtempSync(join(tmpdir(), 'bedside-llm-cat-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('catalogue: local text models', () => {
  const llms = loadCatalogue().models.filter((m) => m.task === 'llm');

  it('lists small instruct models with official ONNX exports, repository, files, licence, RAM and dtype', () => {
    expect(llms.map((m) => m.id)).toEqual([
      'qwen2.5-0.5b-instruct',
      'qwen2.5-1.5b-instruct',
      'llama-3.2-1b-instruct',
      'smollm2-1.7b-instruct',
      'phi-3.5-mini-instruct',
    ]);
    for (const m of llms) {
      expect(m.repository).toMatch(/^https:\/\/huggingface\.co\/(onnx-community|HuggingFaceTB)\//);
      expect(m.license.length).toBeGreaterThan(2);
      expect(m.minRamGb).toBeGreaterThanOrEqual(6);
      const names = m.files.map((f) => f.name);
      for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'])
        expect(names).toContain(f);
      // The weights of the declared dtype, fetched from the repository's onnx/ folder.
      const weights = `model${DTYPE_SUFFIX[m.dtype as LocalDtype]}.onnx`;
      expect(m.files.find((f) => f.name === weights)?.url).toBe(`${m.repository}/resolve/main/onnx/${weights}`);
      // No checksum was published where it could be verified: none is invented.
      expect(m.checksums).toBe('supplied');
      for (const f of m.files) expect(f).not.toHaveProperty('sha256');
    }
  });

  it('still requires size and sha256 of every file of an ordinary entry', () => {
    const m = {
      id: 'a',
      name: 'A',
      task: 'llm',
      format: 'onnx',
      quantisation: 'q4',
      languages: [],
      files: [{ name: 'model_q4.onnx', url: 'https://example.org/model_q4.onnx' }],
      license: 'MIT',
      minRamGb: 4,
    };
    expect(() => parseCatalogue({ version: 1, models: [m] })).toThrow(/model_q4\.onnx' has no size and sha256/);
    expect(parseCatalogue({ version: 1, models: [{ ...m, checksums: 'supplied' }] }).models).toHaveLength(1);
    // A malformed hash is not silently dropped from a 'supplied' entry.
    const bad = { ...m, checksums: 'supplied', files: [{ ...m.files[0], sha256: 'x' }] };
    expect(() => parseCatalogue({ version: 1, models: [bad] })).toThrow(/invalid model catalogue/);
  });
});

describe('installing a model whose checksums the mirror supplies', () => {
  const names = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'model.onnx'];
  const pack = join(root, 'pack');
  cpSync(TINY_LLM, pack, { recursive: true });
  cpSync(join(TINY_LLM, 'onnx', 'model.onnx'), join(pack, 'model.onnx'));
  const catalogue: Catalogue = parseCatalogue({
    version: 1,
    models: [
      {
        id: 'tiny-llm',
        name: 'tiny',
        task: 'llm',
        format: 'onnx',
        quantisation: 'fp32',
        languages: ['en'],
        // An unreachable address: an install that tried the network would fail differently.
        files: names.map((name) => ({ name, url: `http://127.0.0.1:9/${name}` })),
        license: 'Apache-2.0',
        minRamGb: 1,
        checksums: 'supplied',
      },
    ],
  });
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  const manifest = (files: { name: string; size: number; sha256: string }[]) =>
    writeFileSync(join(pack, 'tiny-llm.sha256.json'), JSON.stringify({ files }));
  const real = () =>
    names.map((name) => ({ name, size: statSync(join(pack, name)).size, sha256: sha(join(pack, name)) }));

  it('refuses without a manifest, in words, and installs nothing', async () => {
    const mgr = new ModelManager({ root: join(root, 'models1'), catalogue });
    await expect(mgr.install('tiny-llm', { from: pack })).rejects.toThrow(
      /no published checksums in the catalogue.*tiny-llm\.sha256\.json.*no manifest was given; nothing was installed/,
    );
    await expect(mgr.install('tiny-llm', { retries: 0 })).rejects.toThrow(/no manifest was given/);
    expect(existsSync(join(root, 'models1', 'tiny-llm'))).toBe(false);
  });

  it('refuses a manifest that does not match the files', async () => {
    const mgr = new ModelManager({ root: join(root, 'models2'), catalogue });
    manifest(real().slice(1));
    await expect(mgr.install('tiny-llm', { from: pack })).rejects.toThrow(/does not list exactly the files/);
    manifest(real().map((f) => (f.name === 'model.onnx' ? { ...f, sha256: '0'.repeat(64) } : f)));
    await expect(mgr.install('tiny-llm', { from: pack })).rejects.toThrow(/checksum mismatch/);
    expect(existsSync(join(root, 'models2', 'tiny-llm'))).toBe(false);
  });

  it('installs from the model pack with its manifest, flat, in the layout the local engine loads', async () => {
    const mgr = new ModelManager({ root: join(root, 'models3'), catalogue });
    manifest(real());
    const man = await mgr.install('tiny-llm', { from: pack });
    expect(man.files.map((f) => f.name)).toEqual(names);
    expect((await mgr.verify('tiny-llm'))[0]!.ok).toBe(true);
    expect(chooseDtype(join(root, 'models3', 'tiny-llm'), 'cpu')).toBe('fp32');
    // The engine provider finds it by catalogue id under the model folder.
    expect(localModelDir('tiny-llm', mgr.root)).toBe(join(root, 'models3', 'tiny-llm'));
  });
});

describe('hardware recommendation for the local text model', () => {
  const gpu = { cuda: false, vulkan: false };
  it('scales the model with RAM and cores, and recommends none under 6 GB', () => {
    expect(recommendLlm({ ramGb: 4, cores: 4, avx2: true, gpu }).id).toBeNull();
    expect(recommendLlm({ ramGb: 4, cores: 4, avx2: true, gpu }).reason).toMatch(/clinic server/);
    expect(recommendLlm({ ramGb: 6, cores: 2, avx2: true, gpu }).id).toBe('qwen2.5-0.5b-instruct');
    expect(recommendLlm({ ramGb: 8, cores: 2, avx2: true, gpu }).id).toBe('qwen2.5-0.5b-instruct');
    expect(recommendLlm({ ramGb: 8, cores: 4, avx2: true, gpu }).id).toBe('qwen2.5-1.5b-instruct');
    expect(recommendLlm({ ramGb: 16, cores: 4, avx2: true, gpu }).id).toBe('qwen2.5-1.5b-instruct');
    expect(recommendLlm({ ramGb: 16, cores: 8, avx2: true, gpu }).id).toBe('phi-3.5-mini-instruct');
    expect(recommendLlm({ ramGb: 16, cores: 4, avx2: true, gpu: { cuda: true, vulkan: false } }).id).toBe(
      'phi-3.5-mini-instruct',
    );
    // Every recommendation is in the catalogue, and the machine has the RAM its entry asks for.
    const cat = loadCatalogue();
    for (const ramGb of [6, 8, 16, 32]) {
      const r = recommendLlm({ ramGb, cores: 8, avx2: true, gpu });
      const m = cat.models.find((x) => x.id === r.id)!;
      expect(m.task).toBe('llm');
      expect(ramGb).toBeGreaterThanOrEqual(m.minRamGb);
    }
  });
});
