/**
 * The ASR worker process: holds one whisper.cpp context and runs transcriptions sent by `WhisperWorker` over IPC.
 * It runs in its own process so that inference never blocks the event loop serving the UI, a native crash cannot
 * take the app down, and cancellation is immediate (the parent kills the process; whisper.cpp itself only checks
 * its stop flag between runs). Nothing here logs transcript text.
 */
import { NativeError, openWhisper, type Variant, type WhisperHandle } from '../../native/whisper.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';
import { connectToParent } from '../../core/launcher/child.js';

let context: WhisperHandle | undefined;

// Started by the helper launcher (utilityProcess in the app, a Node child elsewhere); exits when the parent dies.
const parent = connectToParent();

function send(msg: WorkerReply): void {
  parent.send(msg);
}

async function handle(msg: WorkerRequest): Promise<void> {
  if (msg.type === 'load') {
    try {
      const opened = await openWhisper(msg.modelPath, { variant: msg.variant as Variant, reason: msg.reason });
      context = opened.context;
      send({ type: 'loaded', variant: opened.variant, reason: opened.reason });
    } catch (err) {
      const code = err instanceof NativeError ? err.code : 'load_failed';
      const message = err instanceof NativeError ? err.message : 'the model could not be loaded';
      send({ type: 'error', code, message });
    }
    return;
  }
  if (msg.type === 'transcribe') {
    if (!context) {
      send({ type: 'error', id: msg.id, code: 'run_failed', message: 'no model loaded' });
      return;
    }
    const started = performance.now();
    try {
      const pcm = msg.pcm;
      const ab = pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength) as ArrayBuffer;
      const job = context.transcribeData(ab, {
        ...msg.options,
        ...(msg.wantSegments
          ? { onNewSegments: (r) => send({ type: 'segments', id: msg.id, segments: r.segments }) }
          : {}),
      });
      const r = await job.promise;
      send({
        type: 'result',
        id: msg.id,
        segments: r.segments.map((s) => ({ text: s.text, t0: s.t0, t1: s.t1 })),
        language: r.language ?? null,
        ms: performance.now() - started,
      });
    } catch {
      send({ type: 'error', id: msg.id, code: 'run_failed', message: 'whisper.cpp failed while transcribing' });
    }
  }
}

parent.onMessage((msg) => {
  void handle(msg as WorkerRequest);
});
send({ type: 'ready' });
