/**
 * The local text engine's refusals and life cycle on the tiny fixture model: memory check before load, the flat
 * layout the model manager installs, unload after idle, offline loading (a missing file never reaches for the
 * network). Generation itself: local.test.ts.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cudaProviderInstalled } from '../../../models/llm/local-protocol.js';
import { MESSAGES, TINY_LLM, exited, localFixture, recordingLauncher, rejection } from '../../helpers/local-llm.js';

const { generator, tmp } = localFixture();

describe('local engine: memory refusal, manager layout, idle unload, offline', () => {
  it('refuses in words before starting anything when free memory is short', async () => {
    const launcher = recordingLauncher();
    const g = generator({ launcher, freemem: () => 100 * 1024 ** 2 });
    const err = await rejection(g.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0 }));
    expect(err.code).toBe('out-of-memory');
    // The estimate from the weights (128 KiB here) plus the runtime's working memory.
    expect(err.message).toMatch(
      /^Not enough free memory to load the local model 'tiny-llm': it needs about 0\.4 GB and 0\.1 GB is free\./,
    );
    expect(err.message).not.toMatch(/chest|pain|mg/); // never visit text in errors
    // An explicit requirement (IT setting) replaces the estimate.
    const strict = generator({ launcher, freemem: () => 3 * 1024 ** 3, minFreeBytes: 6 * 1024 ** 3 });
    const err2 = await rejection(strict.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0 }));
    expect(err2.message).toMatch(/needs about 6\.0 GB and 3\.0 GB is free/);
    expect(launcher.started).toHaveLength(0);
  });

  it('loads the flat layout the model manager installs, falls back to the CPU, then unloads after idle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-llm-'));
    tmp.push(dir);
    const flat = join(dir, 'tiny-flat');
    cpSync(TINY_LLM, flat, { recursive: true });
    cpSync(join(TINY_LLM, 'onnx', 'model.onnx'), join(flat, 'model.onnx'));
    rmSync(join(flat, 'onnx'), { recursive: true });
    expect(readdirSync(flat)).toContain('model.onnx');
    const launcher = recordingLauncher();
    // CUDA asked for on a machine without onnxruntime's CUDA libraries: it falls back to the CPU and says why.
    const g = generator({ modelDir: flat, launcher, idleMs: 150, device: 'cuda' });
    const r = await g.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0 });
    expect(r.tokens).toBe(3);
    expect(g.model).toBe('tiny-flat');
    if (!cudaProviderInstalled()) {
      expect(g.status().device).toBe('cpu');
      expect(g.status().fallback).toMatch(/^cuda failed: /);
    }
    await exited(launcher.started[0]!);
    expect(g.status().running).toBe(false);
  });

  it('offline: a missing file fails in words without any network attempt; a missing folder starts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-llm-'));
    tmp.push(dir);
    const broken = join(dir, 'tiny-broken');
    cpSync(TINY_LLM, broken, { recursive: true });
    rmSync(join(broken, 'tokenizer.json'));
    const g = generator({ modelDir: broken });
    const err = await rejection(g.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0 }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/could not be loaded: the model's tokenizer could not be read/);
    expect(g.status().networkAttempts).toBe(0);

    const launcher = recordingLauncher();
    const none = generator({ modelDir: join(dir, 'absent'), launcher });
    const err2 = await rejection(none.generate({ messages: MESSAGES, maxTokens: 3, temperature: 0 }));
    expect(err2.message).toMatch(/cannot be used: no model is installed at this location/);
    expect(launcher.started).toHaveLength(0);
  });
});
