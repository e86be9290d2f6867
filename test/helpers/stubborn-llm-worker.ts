/**
 * A stand-in for models/llm/local-worker.ts that misbehaves, for the parent's guards (test/unit/llm/local-guards.test.ts):
 *   BEDSIDE_FAKE_LLM=hang-load   answers 'ready' and never loads;
 *   BEDSIDE_FAKE_LLM=deaf        loads, then streams a piece every 20 ms and ignores 'cancel' (as a worker stuck in a
 *                                long native step would).
 * It speaks the real protocol (models/llm/local-protocol.ts).
 */
import { connectToParent } from '../../core/launcher/child.js';
import type { LocalReply, LocalRequest } from '../../models/llm/local-protocol.js';

const parent = connectToParent({ watchMs: 100 });
const send = (m: LocalReply) => parent.send(m);
const mode = process.env.BEDSIDE_FAKE_LLM;

parent.onMessage((m) => {
  const msg = m as LocalRequest;
  if (msg.type === 'load' && mode !== 'hang-load')
    send({ type: 'loaded', device: 'cpu', dtype: msg.dtype, fallback: null, ms: 1, network: 0 });
  else if (msg.type === 'generate') setInterval(() => send({ type: 'token', id: msg.id, text: 'x ' }), 20);
});
send({ type: 'ready' });
