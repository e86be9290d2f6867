/**
 * Importing a recording (a WAV chosen in the page) into an encounter, and transcribing audio the encrypted store
 * already holds (an import, or a recording recovered after a restart). The file is decoded here into 16 kHz mono
 * PCM16, uploaded in 2 s chunks (audio.import.append/finish), then transcribed by the core (transcribe.encounter,
 * progress from transcribe.progress, Cancel through app.cancel). The words found become the transcript and the note is
 * drafted as after a recording; when none are found it says so and invents nothing.
 */
import { create } from 'zustand';
import { api, ApiFailure } from '../api';
import { pcmToBase64 } from '../lib/capture';
import { browserDecoder, decodeFile, DecodeError, IMPORT_RATE, type AudioDecoder } from '../lib/decode-audio';
import { explain } from '../lib/errors';
import { ensureSaved } from '../lib/persist';
import { draftFromSegments } from '../lib/record-flow';
import { useAppStore } from './app';
import { useEncounters } from './encounters';
import type { LiveSegment } from './recorder';

export type ImportPhase = 'idle' | 'decoding' | 'uploading' | 'transcribing';

interface ImporterState {
  phase: ImportPhase;
  /** The encounter (this window's id) being imported or transcribed. */
  encounterId: string | null;
  /** Seconds uploaded so far, of the file's duration. */
  uploadedSec: number;
  durationSec: number;
  /** Transcription progress (speech seconds done of total), once the core reports it. */
  progress: { doneSec: number; totalSec: number } | null;
  /** Failures, in words, per encounter. */
  errors: Record<string, string>;
  /** Outcomes that are not failures (no speech found, cancelled), per encounter. */
  notices: Record<string, string>;
  /** Encounters whose stored audio has no transcript yet: seconds of audio. */
  storedAudio: Record<string, number>;
  importFile(encounterId: string, file: File): Promise<void>;
  transcribeStored(encounterId: string): Promise<void>;
  /** Stops the decode, upload or transcription in progress. */
  cancel(): Promise<void>;
  /** Looks up whether a saved encounter holds audio that was never transcribed. */
  checkStored(encounterId: string): Promise<void>;
}

const UPLOAD_SAMPLES = 2 * IMPORT_RATE; // the API takes at most 2 s a call

let decoder: AudioDecoder = browserDecoder;
/** Tests replace the browser's decoder. */
export function setAudioDecoder(d: AudioDecoder): void {
  decoder = d;
}

let cancelRequested = false;
let operationId: string | null = null;

const NO_SPEECH =
  'No speech was recognised in this audio. Check that it is the visit recording (and that a speech model suited to it is installed), or paste the transcript instead.';

/** Conflict messages from the core are PHI-free and say what is wrong; other failures go through `explain`. */
function words(err: unknown, action: string): string {
  if (err instanceof DecodeError) return err.message;
  if (err instanceof ApiFailure && err.error.code === 'conflict') return `Could not ${action}: ${err.error.message}`;
  return explain(err, action);
}

const newOperationId = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `op-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const useImporter = create<ImporterState>((set, get) => {
  const setFor = (key: 'errors' | 'notices', id: string, text: string | null) =>
    set((s) => {
      const next = { ...s[key] };
      if (text === null) delete next[id];
      else next[id] = text;
      return { [key]: next } as Pick<ImporterState, typeof key>;
    });
  const done = () => set({ phase: 'idle', encounterId: null, progress: null, uploadedSec: 0, durationSec: 0 });
  const begin = (id: string, phase: ImportPhase): boolean => {
    if (get().phase !== 'idle') return false;
    cancelRequested = false;
    setFor('errors', id, null);
    setFor('notices', id, null);
    set({ phase, encounterId: id, progress: null, uploadedSec: 0, durationSec: 0 });
    return true;
  };

  /** transcribe.encounter with progress; the words found become the transcript and draft. */
  const transcribe = async (id: string, storeId: number): Promise<void> => {
    set({ phase: 'transcribing', progress: null });
    const op = newOperationId();
    operationId = op;
    const off = api.on('transcribe.progress', (p) => {
      if (p.operationId === op) set({ progress: { doneSec: p.doneSec, totalSec: p.totalSec } });
    });
    try {
      if (cancelRequested) throw new ApiFailure('transcribe.encounter', { code: 'cancelled', message: 'cancelled' });
      const r = await api['transcribe.encounter']({ encounterId: storeId, operationId: op });
      // The clinic server failed and this computer transcribed instead: said, not hidden.
      setFor('notices', id, r.notice ?? null);
      const segments: LiveSegment[] = r.segments.map((x) => ({ ...x }));
      if (await draftFromSegments(id, segments))
        set((s) => {
          const storedAudio = { ...s.storedAudio };
          delete storedAudio[id];
          return { storedAudio };
        });
      // No words: the audio stays saved, and can be transcribed again (e.g. with another speech model).
      else setFor('notices', id, NO_SPEECH);
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'cancelled')
        setFor(
          'notices',
          id,
          'Transcription cancelled. The audio stays saved with the encounter; you can transcribe it later.',
        );
      else setFor('errors', id, words(err, 'transcribe the audio'));
    } finally {
      off();
      operationId = null;
    }
  };

  return {
    phase: 'idle',
    encounterId: null,
    uploadedSec: 0,
    durationSec: 0,
    progress: null,
    errors: {},
    notices: {},
    storedAudio: {},

    async importFile(id, file) {
      const enc = useEncounters.getState().items.find((e) => e.id === id);
      if (!enc) return;
      if (!useAppStore.getState().storeUnlocked) {
        setFor(
          'errors',
          id,
          'Importing audio needs the encrypted store: unlock it (Encounters → Unlock the store), then choose the file again.',
        );
        return;
      }
      if (!enc.consent) {
        setFor('errors', id, 'Confirm that the patient agreed to recording before importing the audio.');
        return;
      }
      if (!begin(id, 'decoding')) return;
      try {
        const audio = await decodeFile(file, decoder);
        if (cancelRequested) {
          setFor('notices', id, 'Import cancelled; nothing was saved.');
          return;
        }
        set({ phase: 'uploading', durationSec: audio.durationSec });
        const storeId = await ensureSaved(id);
        if (storeId === null) {
          setFor(
            'errors',
            id,
            'The encounter could not be saved in the encrypted store, so its audio cannot be imported. See the message on the encounter.',
          );
          return;
        }
        let seq = 0;
        for (let off = 0; off < audio.pcm.length; off += UPLOAD_SAMPLES) {
          if (cancelRequested) {
            await api['audio.import.finish']({ encounterId: storeId, cancel: true }).catch(() => undefined);
            setFor('notices', id, 'Import cancelled; nothing was saved.');
            return;
          }
          const chunk = audio.pcm.subarray(off, Math.min(audio.pcm.length, off + UPLOAD_SAMPLES));
          const r = await api['audio.import.append']({ encounterId: storeId, seq: seq++, pcm: pcmToBase64(chunk) });
          set({ uploadedSec: r.audioSec });
        }
        const fin = await api['audio.import.finish']({ encounterId: storeId });
        set((s) => ({ storedAudio: { ...s.storedAudio, [id]: fin.audioSec } }));
        await transcribe(id, storeId);
      } catch (err) {
        setFor('errors', id, words(err, 'import the audio'));
      } finally {
        done();
      }
    },

    async transcribeStored(id) {
      const enc = useEncounters.getState().items.find((e) => e.id === id);
      if (enc?.storeId === undefined) return;
      if (!useAppStore.getState().storeUnlocked) {
        setFor('errors', id, 'Transcribing the saved audio needs the encrypted store: unlock it, then try again.');
        return;
      }
      if (!begin(id, 'transcribing')) return;
      try {
        await transcribe(id, enc.storeId);
      } finally {
        done();
      }
    },

    async cancel() {
      if (get().phase === 'idle') return;
      cancelRequested = true;
      if (operationId) await api['app.cancel']({ operationId }).catch(() => undefined);
    },

    async checkStored(id) {
      const enc = useEncounters.getState().items.find((e) => e.id === id);
      if (enc?.storeId === undefined || enc.interrupted || !useAppStore.getState().storeUnlocked) return;
      try {
        const d = await api['encounters.get']({ id: enc.storeId });
        const waiting = d.status === 'recorded' && d.audioSeconds > 0 && d.transcript.length === 0;
        set((s) => {
          const storedAudio = { ...s.storedAudio };
          if (waiting) storedAudio[id] = d.audioSeconds;
          else delete storedAudio[id];
          return { storedAudio };
        });
      } catch {
        // Not knowing only hides the offer; opening the encounter reports load failures.
      }
    },
  };
});
