/**
 * Words for a fake-microphone recording. The fixture speech model (empty weights) recognises no words, so a test of
 * what the UI does with words (the live note) routes the page's WebSocket to the real dev host and rewrites only the
 * transcriber's output: each real transcribe.partial (one per second of audio the host really received) carries the
 * script's words for that much audio instead of the model's, the model's own transcribe.final events are replaced by
 * one per script turn once its audio has passed, and the reply to transcribe.live.stop holds the turns spoken by then.
 * Everything else (capture, streaming, store, drafting) is real; the timing is the real audio's.
 */
import type { Page } from 'playwright-core';

export interface ScriptTurn {
  speaker: 'doctor' | 'patient';
  text: string;
}

export interface ScriptedSpeech {
  /** transcribe.partial events seen (real ones, rewritten). */
  readonly partials: number;
  /** Script turns delivered as final segments so far. */
  readonly finals: number;
  /** note.draft requests the page sent (live drafts and final ones). */
  readonly drafts: number;
}

/** Routes `page`'s API WebSocket; call before page.goto. `secPerTurn`: audio seconds each script turn takes. */
export async function scriptSpeech(page: Page, script: ScriptTurn[], secPerTurn = 1): Promise<ScriptedSpeech> {
  const state = { partials: 0, finals: 0, drafts: 0 };
  await page.routeWebSocket(/\/api\?token=/, (ws) => {
    const server = ws.connectToServer();
    const stops = new Set<number>();
    let sent = 0; // script turns sent as finals in this connection
    let heardSec = 0;
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id?: number; method?: string };
      if (msg.method === 'transcribe.live.stop' && typeof msg.id === 'number') stops.add(msg.id);
      if (msg.method === 'note.draft') state.drafts++;
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as {
        id?: number;
        event?: string;
        payload?: { sessionId: string; audioSec: number };
        reply?: { ok: boolean; result?: { segments: unknown[] } };
      };
      if (msg.event === 'transcribe.final') return; // the model's (empty) words: the script's replace them
      if (msg.event === 'transcribe.partial' && msg.payload) {
        state.partials++;
        const { sessionId, audioSec } = msg.payload;
        heardSec = audioSec;
        const done = Math.min(script.length, Math.floor(audioSec / secPerTurn));
        for (; sent < done; sent++) {
          const t = script[sent]!;
          const start = sent * secPerTurn;
          ws.send(
            JSON.stringify({
              event: 'transcribe.final',
              payload: { sessionId, start, end: start + secPerTurn, speaker: t.speaker, text: t.text },
            }),
          );
          state.finals = sent + 1;
        }
        const open = script[done];
        const words = open ? open.text.split(/\s+/) : [];
        const shown = Math.floor((words.length * (audioSec - done * secPerTurn)) / secPerTurn);
        ws.send(
          JSON.stringify({
            event: 'transcribe.partial',
            payload: {
              sessionId,
              audioSec,
              segmentStart: open ? done * secPerTurn : null,
              committed: words.slice(0, shown).join(' '),
              tentative: words[shown] ?? '',
            },
          }),
        );
        return;
      }
      if (typeof msg.id === 'number' && stops.has(msg.id) && msg.reply?.ok) {
        const spoken = Math.min(script.length, Math.ceil(heardSec / secPerTurn));
        msg.reply.result = {
          segments: script.slice(0, spoken).map((t, i) => ({
            start: i * secPerTurn,
            end: (i + 1) * secPerTurn,
            speaker: t.speaker,
            text: t.text,
          })),
        };
        ws.send(JSON.stringify(msg));
        return;
      }
      ws.send(m);
    });
  });
  return state;
}
