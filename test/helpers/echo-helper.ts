/**
 * A helper process for the launcher tests (test/unit/electron/launcher.test.ts), started through core/launcher in
 * either mode: answers pings, streams typed-array chunks, blocks its main thread on request (as a native model load
 * does) and exits on request.
 */
import { connectToParent } from '../../core/launcher/child.js';

const parent = connectToParent({ watchMs: 100 });

type Msg =
  | { type: 'ping' }
  | { type: 'stream'; n: number }
  | { type: 'block'; ms: number }
  | { type: 'exit'; code: number };

parent.onMessage((m) => {
  const msg = m as Msg;
  if (msg.type === 'ping')
    parent.send({ type: 'pong', mode: parent.mode, pid: process.pid, helper: process.env.BEDSIDE_HELPER });
  else if (msg.type === 'stream') {
    for (let i = 0; i < msg.n; i++) parent.send({ type: 'chunk', i, pcm: Int16Array.from([i, -i, i * 2]) });
    parent.send({ type: 'end' });
  } else if (msg.type === 'block') {
    parent.send({ type: 'blocking' });
    // Busy, like whisper.cpp loading a model on this thread: no event (not even 'disconnect') is handled meanwhile.
    setTimeout(() => {
      const until = Date.now() + msg.ms;
      while (Date.now() < until);
    }, 50);
  } else if (msg.type === 'exit') process.exit(msg.code);
});
parent.send({ type: 'ready' });
