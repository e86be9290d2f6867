/**
 * Child process for the crash test: unlocks the store in argv[2], starts recording a new encounter, and appends
 * 100 ms audio chunks (plus a transcript segment every 5 chunks) as fast as it can, printing `ack SEQ` after each
 * chunk is committed. The parent kills it with SIGKILL at a random point.
 */
import { PassphraseProtector, unlockStore } from '../../../core/store/index.js';

const dir = process.argv[2];
const pass = process.env.BEDSIDE_PASSPHRASE;
if (!dir || !pass) {
  process.stderr.write('usage: crash-writer DIR (BEDSIDE_PASSPHRASE set)\n');
  process.exit(2);
}
const { engine } = await unlockStore(dir, [new PassphraseProtector(pass, 'passphrase', { scryptLog2N: 10 })], {
  actor: 'test:crash',
});
const patientId = engine.findPatientByLabel('crash patient') ?? engine.createPatient({ label: 'crash patient' });
const encounterId = engine.createEncounter({ patientId, consent: true });
engine.beginRecording(encounterId);
process.stdout.write(`encounter ${encounterId}\n`);
const rate = 16000;
const chunk = Buffer.alloc((rate / 10) * 2);
for (let seq = 0; seq < 100_000; seq++) {
  chunk.writeUInt32LE(seq, 0);
  engine.appendAudioChunk(encounterId, seq, chunk, rate);
  if (seq % 5 === 4)
    engine.addTranscriptSegments(encounterId, [
      { speaker: 'patient', text: `segment after chunk ${seq}`, startMs: (seq - 4) * 100, endMs: (seq + 1) * 100 },
    ]);
  process.stdout.write(`ack ${seq}\n`);
}
