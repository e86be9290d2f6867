/** Hardware probe (RAM, cores, AVX2, GPU) and the speech model it recommends. */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { gpuDevices, variantInstalled } from '../../native/whisper.js';

export interface Hardware {
  ramGb: number;
  cores: number;
  /** null when it cannot be told (non-Linux, non-x64). */
  avx2: boolean | null;
  gpu: { cuda: boolean; vulkan: boolean };
}

export function probeHardware(): Hardware {
  let avx2: boolean | null = null;
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      avx2 = /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
    } catch {
      avx2 = null;
    }
  } else if (process.arch === 'arm64') avx2 = null;
  const dev = gpuDevices();
  return {
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cores: cpus().length,
    avx2,
    gpu: {
      cuda: dev.cudaDevice && variantInstalled('cuda'),
      vulkan: dev.vulkanDevice && variantInstalled('vulkan'),
    },
  };
}

export interface Recommendation {
  id: string;
  reason: string;
}

/** Picks the largest English model that runs live (faster than real time) on this hardware. */
export function recommendModel(hw: Hardware): Recommendation {
  if (hw.gpu.cuda && hw.ramGb >= 8) return { id: 'whisper-small.en', reason: 'CUDA GPU and at least 8 GB RAM' };
  if (hw.avx2 === false || hw.ramGb < 4 || hw.cores < 4)
    return { id: 'whisper-tiny.en-q5_1', reason: 'limited CPU or RAM: the smallest model keeps up live' };
  if (hw.ramGb >= 8 && hw.cores >= 8) return { id: 'whisper-small.en-q5_1', reason: '8+ cores and 8+ GB RAM' };
  return { id: 'whisper-base.en-q5_1', reason: '4+ cores and 4+ GB RAM' };
}

/**
 * The local text model (catalogue task 'llm') this machine should use for generative drafting, or null when it is
 * too small for one (use the clinic's inference server, or the embedded drafter). RAM is the limit that matters:
 * the weights, the KV cache and the app must fit together; a GPU or many cores make the larger model fast enough.
 */
export function recommendLlm(hw: Hardware): { id: string | null; reason: string } {
  if (hw.ramGb >= 16 && (hw.gpu.cuda || hw.cores >= 8))
    return { id: 'phi-3.5-mini-instruct', reason: '16+ GB RAM and a GPU or 8+ cores' };
  if (hw.ramGb >= 8 && hw.cores >= 4) return { id: 'qwen2.5-1.5b-instruct', reason: '8+ GB RAM and 4+ cores' };
  if (hw.ramGb >= 6) return { id: 'qwen2.5-0.5b-instruct', reason: '6+ GB RAM: the smallest model' };
  return {
    id: null,
    reason: 'under 6 GB RAM: too little for a local language model; use the clinic server or the embedded drafter',
  };
}
