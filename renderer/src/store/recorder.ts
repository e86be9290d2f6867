/**
 * Recording: microphone frames stream through the API to a live transcription session (transcribe.live.*);
 * partial text (committed + tentative) and final segments arrive as events. Recording starts only after consent.
 * Stopping turns the final segments into the encounter's transcript and drafts the note.
 */
import { create } from 'zustand';
import { api, ApiFailure } from '../api';
import {
  browserCapture,
  CaptureError,
  pcmToBase64,
  type CaptureBackend,
  type CaptureHandle,
  type InputDevice,
} from '../lib/capture';
import { explain } from '../lib/errors';
import { ensureSaved } from '../lib/persist';
import { useAppStore } from './app';

export type RecorderStatus = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping';

export interface LiveSegment {
  start: number;
  end: number;
  speaker: 'doctor' | 'patient' | 'other' | 'unknown';
  text: string;
}

interface RecorderState {
  status: RecorderStatus;
  encounterId: string | null;
  sessionId: string | null;
  devices: InputDevice[];
  deviceId: string | null;
  /** 0..1, from the capture's RMS. */
  level: number;
  /** Milliseconds recorded before the current run (pauses excluded). */
  elapsedBefore: number;
  /** When the current run started (performance.now()), while recording. */
  runningSince: number | null;
  partial: { committed: string; tentative: string } | null;
  finals: LiveSegment[];
  /**
   * Whether this recording's audio goes into the encrypted store as it is captured (so a recording cut short by a
   * crash can be recovered and transcribed); false while the store is locked.
   */
  keepsAudio: boolean;
  /** Why the audio is not kept although the store is unlocked (words for the clinician). */
  notice: string | null;
  error: string | null;
  loadDevices(): Promise<void>;
  setDevice(id: string | null): void;
  start(encounterId: string, consent: boolean): Promise<boolean>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Ends the session; resolves to the final segments ([] when nothing was said or it failed). */
  stop(): Promise<LiveSegment[]>;
}

let backend: CaptureBackend = browserCapture;
/** Tests replace the browser audio stack. */
export function setCaptureBackend(b: CaptureBackend): void {
  backend = b;
}

const PUSH_SAMPLES = 16000; // push about 1 s of audio per call (the API accepts at most 2 s)
let handle: CaptureHandle | null = null;
let pending: Int16Array[] = [];
let pendingSamples = 0;
let pushChain: Promise<unknown> = Promise.resolve();
let unsubscribe: (() => void) | null = null;

export function elapsedMs(s: Pick<RecorderState, 'elapsedBefore' | 'runningSince'>, now = performance.now()): number {
  return s.elapsedBefore + (s.runningSince === null ? 0 : now - s.runningSince);
}

/** Segments as transcript text the drafter reads: one tagged line per segment. */
export function segmentsToTranscript(segments: LiveSegment[]): string {
  const tagged = segments.some((s) => s.speaker !== 'unknown');
  return segments
    .filter((s) => s.text.trim())
    .map((s) => (tagged ? `[${s.speaker === 'unknown' ? 'other' : s.speaker}] ${s.text.trim()}` : s.text.trim()))
    .join('\n');
}

export const useRecorder = create<RecorderState>((set, get) => {
  const flush = () => {
    const sessionId = get().sessionId;
    if (!sessionId || pendingSamples === 0) return pushChain;
    const all = new Int16Array(pendingSamples);
    let off = 0;
    for (const p of pending) {
      all.set(p, off);
      off += p.length;
    }
    pending = [];
    pendingSamples = 0;
    pushChain = pushChain
      .then(() => api['transcribe.live.push']({ sessionId, pcm: pcmToBase64(all) }))
      .catch((err: unknown) => set({ error: explain(err, 'send audio to the transcriber') }));
    return pushChain;
  };

  const onFrame = (pcm: Int16Array, rms: number) => {
    if (get().status !== 'recording') return;
    pending.push(pcm);
    pendingSamples += pcm.length;
    set({ level: Math.min(1, rms * 4) });
    if (pendingSamples >= PUSH_SAMPLES) void flush();
  };

  const listen = (sessionId: string) => {
    const offPartial = api.on('transcribe.partial', (p) => {
      if (p.sessionId === sessionId) set({ partial: { committed: p.committed, tentative: p.tentative } });
    });
    const offFinal = api.on('transcribe.final', (f) => {
      if (f.sessionId === sessionId)
        set((s) => ({ finals: [...s.finals, { start: f.start, end: f.end, speaker: f.speaker, text: f.text }] }));
    });
    unsubscribe = () => {
      offPartial();
      offFinal();
    };
  };

  const teardown = async () => {
    unsubscribe?.();
    unsubscribe = null;
    const h = handle;
    handle = null;
    await h?.stop().catch(() => undefined);
  };

  return {
    status: 'idle',
    encounterId: null,
    sessionId: null,
    devices: [],
    deviceId: null,
    level: 0,
    elapsedBefore: 0,
    runningSince: null,
    partial: null,
    finals: [],
    keepsAudio: false,
    notice: null,
    error: null,
    async loadDevices() {
      try {
        set({ devices: await backend.listDevices() });
      } catch {
        set({ devices: [] });
      }
    },
    setDevice(deviceId) {
      set({ deviceId });
    },
    async start(encounterId, consent) {
      if (!consent) {
        set({ error: 'Confirm that the patient agreed to recording before you start.' });
        return false;
      }
      if (get().status !== 'idle') return false;
      set({
        status: 'starting',
        encounterId,
        error: null,
        notice: null,
        keepsAudio: false,
        finals: [],
        partial: null,
        level: 0,
        elapsedBefore: 0,
      });
      // With the store unlocked the audio is kept there as it is captured (the encounter is saved first).
      const storeId = useAppStore.getState().storeUnlocked ? await ensureSaved(encounterId) : null;
      let sessionId: string;
      try {
        try {
          sessionId = (await api['transcribe.live.start'](storeId !== null ? { encounterId: storeId } : {})).sessionId;
          set({ keepsAudio: storeId !== null });
        } catch (err) {
          // The store refuses a second recording of an encounter (or one whose consent it has not recorded): the
          // visit is still transcribed, and the clinician is told its audio is not kept.
          if (storeId === null || !(err instanceof ApiFailure) || err.error.code !== 'conflict') throw err;
          sessionId = (await api['transcribe.live.start']({})).sessionId;
          set({ notice: `This recording’s audio is not kept in the encrypted store: ${err.error.message}` });
        }
      } catch (err) {
        set({ status: 'idle', error: explain(err, 'start the transcriber') });
        return false;
      }
      listen(sessionId);
      set({ sessionId });
      try {
        handle = await backend.open(get().deviceId, onFrame);
      } catch (err) {
        await teardown();
        await api['transcribe.live.stop']({ sessionId, cancel: true }).catch(() => undefined);
        set({
          status: 'idle',
          sessionId: null,
          error: err instanceof CaptureError ? err.message : 'The microphone could not be started. Try again.',
        });
        return false;
      }
      set({ status: 'recording', runningSince: performance.now() });
      return true;
    },
    async pause() {
      const s = get();
      if (s.status !== 'recording') return;
      set({ status: 'paused', elapsedBefore: elapsedMs(s), runningSince: null, level: 0 });
      await handle?.pause();
      await flush();
    },
    async resume() {
      if (get().status !== 'paused') return;
      await handle?.resume();
      set({ status: 'recording', runningSince: performance.now() });
    },
    async stop() {
      const s = get();
      if (s.status !== 'recording' && s.status !== 'paused') return [];
      set({ status: 'stopping', elapsedBefore: elapsedMs(s), runningSince: null, level: 0 });
      await teardown();
      await flush();
      const sessionId = s.sessionId!;
      try {
        const { segments, notice } = await api['transcribe.live.stop']({ sessionId });
        // The clinic server failed and this computer transcribed the rest: said, not hidden.
        set({ status: 'idle', sessionId: null, finals: segments, partial: null, ...(notice ? { notice } : {}) });
        return segments;
      } catch (err) {
        set({ status: 'idle', sessionId: null, partial: null, error: explain(err, 'finish the transcript') });
        return get().finals;
      }
    },
  };
});
