/**
 * A host process for the real-Whisper "dies with its parent" test: loads the fixture model in a WhisperWorker (through
 * the helper launcher), starts a transcription (whisper.cpp busy in native code), prints the worker's pid
 * as one JSON line and waits to be killed. argv[2]: the model path; argv[3]: 'node' or 'utility'.
 */
import { setHelperLauncher } from '../../core/launcher/launcher.js';
import { utilityProcessLauncher } from '../../electron/main/launcher.js';
import { WhisperWorker } from '../../models/asr/whisper-worker.js';
import { fakeUtilityProcess } from './fake-utility-process.js';

// argv[3] 'utility': started as an Electron utility process (mocked), which has no Node IPC channel to watch.
if (process.argv[3] === 'utility') setHelperLauncher(utilityProcessLauncher(fakeUtilityProcess().module));

const worker = new WhisperWorker({ modelPath: process.argv[2]!, variant: 'cpu' });
await worker.load();
const pcm = new Int16Array(16000 * 30).map((_, i) => Math.round(Math.sin(i / 7) * 8000));
void worker.transcribe(pcm, { language: 'en', maxThreads: 1 }).catch(() => undefined);
setTimeout(() => process.stdout.write(JSON.stringify({ workerPid: worker.pid }) + '\n'), 500);
setInterval(() => undefined, 1000);
