/**
 * Speech pipeline benchmark. Prints figures measured in this one run:
 * - pipeline overhead: `transcribeAudio` (VAD + worker process + guards) vs calling @fugood/whisper.node directly,
 *   same model, same audio, model already loaded on both sides (goal <= 1.10x);
 * - real-time factor of the model through the pipeline and directly, of the VADs (energy, Silero through
 *   onnxruntime-node) and of the resampler;
 * - peak RSS of this process and of the ASR worker process.
 *
 * Usage: npx tsx bench/asr.bench.ts [--model PATH] [--audio WAV] [--runs N]
 * Defaults: the shared fixture model (empty weights: the compute is real, the words are not) and jfk.wav.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeWav, toPcm16 } from '../models/audio/wav.js';
import { to16k } from '../models/audio/resample.js';
import { detectSpeech } from '../models/audio/vad.js';
import { detectSpeechAsync, SileroModel } from '../models/audio/silero.js';
import { transcribeAudio } from '../models/asr/pipeline.js';
import { WhisperWorker } from '../models/asr/whisper-worker.js';
import { openWhisper } from '../native/whisper.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: '../shared/fixtures/for-tests-ggml-tiny.en.bin' },
    audio: { type: 'string', default: '../shared/fixtures/jfk.wav' },
    runs: { type: 'string', default: '2' },
  },
});
const runs = Math.max(1, Number(values.runs));
const threads = 2;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function peakRssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 ** 2).toFixed(0)} MB`);

const audio = decodeWav(readFileSync(values.audio!));
const mono16k = audio.sampleRate === 16000 ? audio.channels[0]! : to16k(audio.channels[0]!, audio.sampleRate);
const duration = mono16k.length / 16000;
console.log(
  `audio: ${values.audio} (${duration.toFixed(1)} s), model: ${values.model}, threads: ${threads}, runs: ${runs}`,
);

// Both sides loaded once; runs alternate (direct, pipeline, pipeline, direct, ...) so that a change in machine load
// hits both alike. On a shared machine, also compare the pipeline's wall time with the whisper.cpp time measured
// inside the worker in the same run: that ratio is independent of how fast whisper.cpp happened to be.
const direct = await openWhisper(values.model!, { variant: 'cpu', reason: 'bench' });
const pcm = toPcm16(mono16k);
const worker = new WhisperWorker({ modelPath: values.model!, variant: 'cpu' });
const tLoad = performance.now();
await worker.load();
const loadMs = performance.now() - tLoad;
const directMs: number[] = [];
const pipeMs: number[] = [];
const insideMs: number[] = [];
const runDirect = async () => {
  const ab = pcm.buffer.slice(0) as ArrayBuffer;
  const t = performance.now();
  await direct.context.transcribeData(ab, { language: 'en', maxThreads: threads }).promise;
  directMs.push(performance.now() - t);
};
const runPipeline = async () => {
  const t = performance.now();
  const r = await transcribeAudio({ sampleRate: 16000, channels: [mono16k] }, worker, { maxThreads: threads });
  pipeMs.push(performance.now() - t);
  insideMs.push(r.asrMs);
};
for (let i = 0; i < runs; i++) {
  if (i % 2 === 0) {
    await runDirect();
    await runPipeline();
  } else {
    await runPipeline();
    await runDirect();
  }
}
await direct.context.release();
const workerPeak = peakRssOf(worker.pid);
await worker.close();

// 3. VAD and resampler on 10 minutes of audio (the recording repeated).
const long = new Float32Array(16000 * 600);
for (let i = 0; i < long.length; i += mono16k.length)
  long.set(mono16k.subarray(0, Math.min(mono16k.length, long.length - i)), i);
let t = performance.now();
detectSpeech(long);
const vadMs = performance.now() - t;
// Silero on 2 minutes of the same audio (one CPU thread).
let sileroMs: number | null = null;
try {
  const silero = await SileroModel.load();
  t = performance.now();
  await detectSpeechAsync(long.subarray(0, 16000 * 120), silero.detector());
  sileroMs = performance.now() - t;
  await silero.release();
} catch (err) {
  console.log(`Silero VAD unavailable: ${err instanceof Error ? err.message : String(err)}`);
}
const long441 = new Float32Array(44100 * 60);
t = performance.now();
to16k(long441, 44100);
const resampleMs = performance.now() - t;

const d = median(directMs);
const p = median(pipeMs);
const pairRatio = median(pipeMs.map((x, i) => x / directMs[i]!));
const selfRatio = median(pipeMs.map((x, i) => x / insideMs[i]!));
console.log('');
console.log(`direct binding      median ${(d / 1000).toFixed(2)} s   RTF ${(d / 1000 / duration).toFixed(3)}`);
console.log(`pipeline            median ${(p / 1000).toFixed(2)} s   RTF ${(p / 1000 / duration).toFixed(3)}`);
console.log(`pipeline overhead   ${pairRatio.toFixed(3)}x vs direct (median of paired runs; goal <= 1.10x)`);
console.log(`                    ${selfRatio.toFixed(3)}x pipeline wall / whisper.cpp time in the worker, same run`);
console.log(`worker start + model load  ${(loadMs / 1000).toFixed(2)} s (once per session, not in the ratio)`);
if (sileroMs !== null)
  console.log(
    `Silero VAD          RTF ${(sileroMs / 1000 / 120).toExponential(2)}   (${(120 / (sileroMs / 1000)).toFixed(0)}x real time)`,
  );
console.log(
  `energy VAD          RTF ${(vadMs / 1000 / 600).toExponential(2)}   (${(600 / (vadMs / 1000)).toFixed(0)}x real time)`,
);
console.log(
  `resampler 44.1k→16k RTF ${(resampleMs / 1000 / 60).toExponential(2)}   (${(60 / (resampleMs / 1000)).toFixed(0)}x real time)`,
);
console.log(
  `peak RSS            this process ${mb(process.resourceUsage().maxRSS * 1024)}, ASR worker ${mb(workerPeak)}`,
);
