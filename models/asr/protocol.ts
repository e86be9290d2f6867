/** Messages between `WhisperWorker` (parent) and the ASR worker process. */
import type { WhisperRunOptions, WhisperSegment } from '../../native/whisper.js';

export type RunOptions = Pick<WhisperRunOptions, 'language' | 'prompt' | 'maxThreads' | 'temperature' | 'beamSize'>;

export type WorkerRequest =
  | { type: 'load'; modelPath: string; variant: string; reason: string }
  | { type: 'transcribe'; id: number; pcm: Int16Array; options: RunOptions; wantSegments: boolean };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'loaded'; variant: string; reason: string }
  | { type: 'segments'; id: number; segments: WhisperSegment[] }
  | { type: 'result'; id: number; segments: WhisperSegment[]; language: string | null; ms: number }
  | { type: 'error'; id?: number; code: string; message: string };
