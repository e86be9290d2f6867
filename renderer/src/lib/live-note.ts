/**
 * The live note (issue 17): while a visit is recorded, the note drafts itself from the transcript committed so far,
 * so the clinician sees it take shape. It is a preview only: shown as "in progress", never signable, never saved as
 * a draft version. Stopping the recording makes the final draft (lib/record-flow.ts) and ends the preview.
 *
 * When: on each transcript commit (a final segment, or more committed words of the open segment), at most one
 * note.draft every LIVE_INTERVAL_MS, never two at once; a reply for text that has since changed is still shown (it
 * is the newest complete draft) but one that arrives after the recording stopped, or for another recording, is
 * dropped (stale).
 */
import { create } from 'zustand';
import { api } from '../api';
import { segmentsToTranscript, useRecorder, type LiveSegment } from '../store/recorder';
import { useVisit } from '../store/visit';
import type { NoteDraft } from './types';

/** Milliseconds between the starts of two live drafts (the drafter itself takes ~10–40 ms). */
export const LIVE_INTERVAL_MS = 2500;
/** note.draft refuses transcripts above 2,000,000 characters; the live note stops updating well before. */
const MAX_LIVE_CHARS = 1_000_000;

export interface LiveNote {
  encounterId: string;
  sessionId: string;
  /** The newest live draft (null until the first words are committed and drafted). */
  draft: NoteDraft | null;
  /** Date.now() when `draft` arrived. */
  builtAt: number | null;
  /** How many live drafts were made in this recording. */
  builds: number;
  /** Words in the transcript `draft` was made from. */
  words: number;
  /** The last live draft failed (the preview keeps the one before; the final draft on stop is what counts). */
  failed: boolean;
  /** The recording is stopping: no more live drafts; the final draft follows. */
  finishing: boolean;
}

export const useLiveNote = create<{ live: LiveNote | null }>(() => ({ live: null }));

/**
 * The transcript committed so far: the encounter's transcript before this recording, the final segments, and the
 * committed words of segments whose final pass has not arrived yet (`open`: segment start → committed words).
 */
export function liveTranscript(before: string, finals: LiveSegment[], open: Map<number, string>): string {
  const finalStarts = new Set(finals.map((f) => f.start));
  const pending: LiveSegment[] = [...open]
    .filter(([start, text]) => !finalStarts.has(start) && text.trim())
    .map(([start, text]) => ({ start, end: start, speaker: 'unknown', text }));
  const segments = [...finals, ...pending].sort((a, b) => a.start - b.start);
  const text = segmentsToTranscript(segments);
  const head = before.trim();
  return head && text ? `${head}\n${text}` : head || text;
}

const countWords = (s: string) => (s.match(/\S+/g) ?? []).length;

/**
 * Starts following the recorder; returns the function that stops. Called once by the app (App.tsx); tests call it
 * directly.
 */
export function startLiveNote(intervalMs = LIVE_INTERVAL_MS): () => void {
  let session: string | null = null;
  let encounterId: string | null = null;
  /** Committed words per open segment (by its start), until the segment's final arrives. */
  let open = new Map<number, string>();
  let before = '';
  let wanted = ''; // the newest committed transcript
  let requested = ''; // the transcript of the last live draft asked for
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStart = -Infinity;
  let generation = 0;
  /** Live drafts are being made (recording or paused); false once it stops. */
  let active = false;
  let seenFinals: LiveSegment[] | null = null;
  let openChanged = false;

  const halt = () => {
    active = false;
    generation++;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const reset = () => {
    halt();
    session = null;
    encounterId = null;
    open = new Map();
    seenFinals = null;
    wanted = requested = '';
    lastStart = -Infinity;
    useLiveNote.setState({ live: null });
  };

  const schedule = () => {
    if (!active || inFlight || timer || wanted === requested || !wanted) return;
    const wait = Math.max(0, lastStart + intervalMs - performance.now());
    timer = setTimeout(() => {
      timer = null;
      void build();
    }, wait);
  };

  const build = async () => {
    const id = encounterId;
    const sid = session;
    const text = wanted;
    if (!id || !sid || !text || text === requested || text.length > MAX_LIVE_CHARS) return;
    requested = text;
    inFlight = true;
    lastStart = performance.now();
    const gen = generation;
    const templateId = useVisit.getState().byId[id]?.templateId;
    let draft: NoteDraft | null = null;
    try {
      // Always the built-in drafter (issue 15): a language model every few seconds would be slow and, for the clinic
      // server, send the visit again and again; the final draft after Stop uses the chosen engine.
      draft = await api['note.draft']({
        transcript: text,
        engine: 'embedded',
        ...(templateId ? { template: templateId } : {}),
      });
    } catch {
      draft = null;
    }
    inFlight = false;
    if (gen !== generation) return schedule(); // the recording stopped, or another began: stale, dropped
    const prev = useLiveNote.getState().live;
    if (draft && Array.isArray(draft.sections))
      useLiveNote.setState({
        live: {
          encounterId: id,
          sessionId: sid,
          draft,
          builtAt: Date.now(),
          builds: (prev?.builds ?? 0) + 1,
          words: countWords(text),
          failed: false,
          finishing: false,
        },
      });
    else if (prev) useLiveNote.setState({ live: { ...prev, failed: true } });
    schedule(); // words committed while this one was drafted
  };

  const follow = () => {
    const r = useRecorder.getState();
    if (r.status === 'stopping' && session !== null && r.sessionId === session) {
      const live = useLiveNote.getState().live;
      if (live && !live.finishing) {
        halt(); // a draft still in flight is stale now: the final one is made from the final segments
        useLiveNote.setState({ live: { ...live, finishing: true } });
      }
      return;
    }
    const live = r.status === 'recording' || r.status === 'paused';
    if (!live || !r.sessionId || !r.encounterId) {
      if (session !== null) reset();
      return;
    }
    if (r.sessionId !== session) {
      reset();
      active = true;
      session = r.sessionId;
      encounterId = r.encounterId;
      before = useVisit.getState().byId[r.encounterId]?.transcript ?? '';
      useLiveNote.setState({
        live: {
          encounterId,
          sessionId: session,
          draft: null,
          builtAt: null,
          builds: 0,
          words: 0,
          failed: false,
          finishing: false,
        },
      });
    }
    // The recorder changes many times a second (the input level): recompute only on a commit.
    if (r.finals === seenFinals && !openChanged) return;
    seenFinals = r.finals;
    openChanged = false;
    const text = liveTranscript(before, r.finals, open);
    if (text === wanted) return;
    wanted = text;
    schedule();
  };

  const unsubscribe = useRecorder.subscribe(follow);
  // The committed words of the open segment, by the segment's start (the recorder keeps only the latest partial).
  const offPartial = api.on('transcribe.partial', (p) => {
    if (p.sessionId !== session || p.segmentStart === null || !p.committed.trim()) return;
    if (open.get(p.segmentStart) === p.committed.trim()) return;
    open.set(p.segmentStart, p.committed.trim());
    openChanged = true;
    follow();
  });
  follow();
  return () => {
    unsubscribe();
    offPartial();
    reset();
  };
}
