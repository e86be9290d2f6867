/**
 * Child process for the owner-lock test: unlocks the store in argv[2] the way a host does (StoreSession: the owner
 * lock, a worker thread), starts recording a new encounter, commits one chunk, prints `recording ID`, and waits to be
 * killed.
 */
import { StoreSession } from '../../../core/store/index.js';

const dir = process.argv[2];
const pass = process.env.BEDSIDE_PASSPHRASE;
if (!dir || !pass) {
  process.stderr.write('usage: owner-child DIR (BEDSIDE_PASSPHRASE set)\n');
  process.exit(2);
}
const session = new StoreSession(dir, { scryptLog2N: 10, actor: 'test:owner' });
await session.unlockWithPassphrase(pass);
const store = session.store!;
const patientId = await store.createPatient({ label: 'owner patient' });
const id = await store.createEncounter({ patientId, consent: true });
await store.beginRecording(id);
await store.appendAudioChunk(id, 0, new Uint8Array(3200), 16000);
process.stdout.write(`recording ${id}\n`);
setInterval(() => undefined, 60_000);
