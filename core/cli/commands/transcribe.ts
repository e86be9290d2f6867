import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WavError } from '../../../models/audio/wav.js';
import { createDefaultVad } from '../../../models/audio/silero.js';
import { AsrCancelledError, WhisperWorker } from '../../../models/asr/whisper-worker.js';
import {
  InputError,
  readWavFile,
  resolveModel,
  transcribeFile,
  type FileTranscript,
} from '../../../models/asr/transcribe-file.js';
import { buildInitialPrompt } from '../../../models/asr/prompt.js';
import { ModelError, ModelManager } from '../../../models/manager/manager.js';
import { CatalogueError } from '../../../models/manager/catalogue.js';
import { NativeError } from '../../../native/whisper.js';
import { ApiError } from '../../api/errors.js';
import {
  clinicServerChoice,
  serverFailure,
  transcribeOnClinicServer,
  type AsrServerChoice,
} from '../../engines/transcription.js';
import { serverUrlProblem } from '../../engines/select.js';
import { readServerKey } from '../../engines/server-api.js';
import { EngineError } from '../../engines/types.js';
import { readTranscription, transcriptionServerUrl, type TranscriptionKind } from '../../settings/transcription.js';
import { applyPolicy } from '../../policy/gate.js';
import { directStore } from '../../store/client.js';
import { storeExists } from '../../store/open.js';
import { CliError, HelpRequested, UsageError, cliPolicy, parseFlags, type CliIO, type Command } from '../cli.js';
import { dataDirOf, withStore } from './db.js';

const LANGUAGE = /^(auto|[a-z]{2,3})$/;

function fmt(t: number): string {
  const m = Math.floor(t / 60);
  const s = (t - m * 60).toFixed(2).padStart(5, '0');
  return `${String(m).padStart(2, '0')}:${s}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What the encrypted store says: the transcription setting, the address in effect, the clinic server's API key. */
interface StoredTranscription {
  kind: TranscriptionKind;
  url: string | null;
  model: string | null;
  apiKey: string | undefined;
}

/**
 * Reads the transcription setting and the API key from the encrypted store (opened read-only with the passphrase,
 * and closed again before any audio is sent), as the app and the dev host read them while the store is unlocked.
 */
async function readStored(values: { 'data-dir'?: string }, io: CliIO): Promise<StoredTranscription> {
  try {
    return await withStore(
      values,
      io,
      async (engine) => {
        const s = directStore(engine);
        const t = await readTranscription(s);
        return {
          kind: t.kind,
          url: await transcriptionServerUrl(s, t),
          model: t.serverModel,
          apiKey: await readServerKey(s),
        };
      },
      { read: 'no-check' },
    );
  } catch (err) {
    if (err instanceof UsageError)
      throw new UsageError(
        `${err.message} (the transcription setting is kept in the encrypted store; or choose --engine local or --engine server --url URL --model NAME)`,
      );
    throw err;
  }
}

/** The clinic server's transcription, with Whisper on this computer as the fallback when a speech model is installed. */
async function transcribeOnServer(
  file: string,
  choice: AsrServerChoice,
  opts: { language: string; prompt?: string | undefined },
  io: CliIO,
): Promise<FileTranscript> {
  const audio = readWavFile(resolve(io.cwd, file));
  let local: { label: string; engine: () => WhisperWorker } | null = null;
  try {
    const m = resolveModel(undefined, () => new ModelManager(), io.cwd);
    const variant = io.env.BEDSIDE_WHISPER_VARIANT;
    local = { label: m.label, engine: () => new WhisperWorker({ modelPath: m.path, ...(variant ? { variant } : {}) }) };
  } catch (err) {
    if (!(err instanceof ModelError || err instanceof InputError || err instanceof CatalogueError)) throw err;
  }
  const r = await transcribeOnClinicServer(audio, choice, local, {
    language: opts.language,
    ...(opts.prompt ? { prompt: opts.prompt } : {}),
    signal: io.signal,
    createVad: (await createDefaultVad()).create,
  });
  if (r.notice) io.stderr.write(`bedside transcribe: ${r.notice}\n`);
  return { segments: r.segments, durationSec: r.durationSec, model: r.model, rtf: Math.round(r.rtf * 1000) / 1000 };
}

const ENGINES = ['local', 'server'] as const;

export const transcribe: Command = {
  name: 'transcribe',
  summary: "Transcribe a WAV recording (VAD + Whisper) on this device or the clinic's server, as Settings choose.",
  usage: `Usage: bedside transcribe FILE.wav [--model ID|PATH|NAME] [--language en] [--json]
                         [--specialty NAME] [--medication NAME]...
                         [--engine local|server] [--url URL] [--data-dir DIR]

Transcribes a WAV file. Accepted: WAV (RIFF) with 8/16/24/32-bit integer or 32-bit float samples, any sample
rate, mono or stereo (with stereo, the first channel is the clinician and the second the patient; with mono, roles
are inferred from the words). Silence is skipped by voice activity detection: it never leaves this computer.

Where it runs follows Settings → Transcription, as in the app: when an encrypted store exists in the data folder it
is opened read-only (passphrase from BEDSIDE_PASSPHRASE, the terminal, or stdin's first line) to read the setting
and the clinic server's API key; with no store, Whisper on this computer. --engine overrides the setting.

Options:
  --engine KIND     local: Whisper on this computer (the store is not opened); server: the clinic's
                    OpenAI-compatible server (POST /v1/audio/transcriptions), its address and model from Settings
                    unless --url / --model are given. If the server fails, Whisper on this computer transcribes the
                    rest when a speech model is installed (said on stderr), else the command fails in words.
  --url URL         the transcription server's address (https; plain http only on this computer)
  --model ...       local: an installed model id (see 'bedside models list') or a ggml model file (default: the
                    installed model recommended for this machine); server: the speech model's name on the server
  --data-dir DIR    the encrypted store holding the setting (default: BEDSIDE_DATA_DIR or the OS user-data folder)
  --language CODE   spoken language, e.g. en (default), or auto to detect
  --json            print {"segments": [{"start", "end", "speaker", "text"}], "durationSec", "model", "rtf"}
  --specialty NAME  the clinician's specialty, to bias the vocabulary (e.g. cardiology)
  --medication NAME a medication of the patient's, to bias spelling (repeat for several)

The machine policy applies as in the app: a --model for this computer must be one of the organisation's
allowedModels (exit 1 otherwise; nothing is transcribed). The server's address must be one of the organisation's
inferenceServers (a server on this computer is always allowed; exit 1 otherwise) and the CA in inferenceCaFile is
trusted. The API key is the one stored in Settings, else BEDSIDE_SERVER_API_KEY; it is never printed.

Environment:
  BEDSIDE_WHISPER_VARIANT  cpu (default), auto, cuda or vulkan (falls back to CPU when unavailable)`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        model: { type: 'string' },
        language: { type: 'string' },
        json: { type: 'boolean' },
        specialty: { type: 'string' },
        medication: { type: 'string', multiple: true },
        engine: { type: 'string' },
        url: { type: 'string' },
        'data-dir': { type: 'string' },
      },
      { positionals: 1 },
    );
    if (values.help) throw new HelpRequested();
    const language = values.language ?? 'en';
    if (!LANGUAGE.test(language))
      throw new UsageError(`--language must be a language code such as 'en', got '${language}'`);
    if (values.model !== undefined && values.model.trim() === '') throw new UsageError('--model needs a value');
    if (values.engine !== undefined && !(ENGINES as readonly string[]).includes(values.engine))
      throw new UsageError(`unknown engine '${values.engine}' (local or server)`);
    if (values.url !== undefined) {
      if (values.engine === 'local') throw new UsageError('--url goes with --engine server');
      const problem = serverUrlProblem(values.url);
      if (problem) throw new UsageError(problem);
    }
    const file = positionals[0]!;
    const prompt =
      values.specialty || values.medication
        ? buildInitialPrompt({
            ...(values.specialty ? { specialty: values.specialty } : {}),
            ...(values.medication ? { medications: values.medication } : {}),
          })
        : undefined;
    // The setting, as the app reads it while the store is unlocked; --engine local needs none. A missing input file
    // is said before any passphrase is asked for.
    const readStore = values.engine !== 'local' && storeExists(dataDirOf(values, io));
    if (readStore && !isFile(resolve(io.cwd, file)))
      throw new UsageError('the input file was not found or cannot be read');
    const stored = readStore ? await readStored(values, io) : undefined;
    const kind: TranscriptionKind = (values.engine as TranscriptionKind | undefined) ?? stored?.kind ?? 'local';
    if (kind === 'local' && values.url !== undefined)
      throw new UsageError('--url goes with the clinic server (Settings → Transcription, or --engine server)');
    if (kind === 'local') {
      // The organisation's allowedModels, by the API's own gate for transcribe.file (core/policy/gate.ts).
      const gate = applyPolicy('transcribe.file', { path: file, model: values.model }, cliPolicy(io).values);
      if ('refuse' in gate && !gate.refuse.ok) throw new CliError(gate.refuse.error.message);
    }
    let choice: AsrServerChoice | undefined;
    if (kind === 'server') {
      const url = values.url ?? stored?.url ?? null;
      const model = values.model ?? stored?.model ?? null;
      if (!url) throw new UsageError("transcription on the clinic server needs --url (the server's address)");
      if (!model)
        throw new UsageError("transcription on the clinic server needs --model (the speech model's name on it)");
      try {
        choice = clinicServerChoice({ url, model }, stored?.apiKey ?? (io.env.BEDSIDE_SERVER_API_KEY || undefined), {
          policy: cliPolicy(io).values,
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'invalid_params') throw new UsageError(err.message);
        if (err instanceof ApiError) throw new CliError(err.message);
        throw err;
      }
    }
    let result: FileTranscript;
    try {
      result = choice
        ? await transcribeOnServer(file, choice, { language, prompt }, io)
        : await transcribeFile(file, {
            ...(values.model !== undefined ? { model: values.model } : {}),
            language,
            ...(prompt ? { prompt } : {}),
            cwd: io.cwd,
            signal: io.signal,
            ...(io.env.BEDSIDE_WHISPER_VARIANT ? { variant: io.env.BEDSIDE_WHISPER_VARIANT } : {}),
          });
    } catch (err) {
      if (err instanceof WavError || err instanceof InputError) throw new UsageError(err.message);
      if (err instanceof ModelError)
        throw err.code === 'unknown_model' ? new UsageError(err.message) : new CliError(err.message);
      if (err instanceof NativeError) throw new CliError(err.message);
      if (err instanceof CatalogueError) throw new CliError(err.message);
      if (err instanceof AsrCancelledError) throw new CliError('cancelled');
      // The server's failure in words (it names the server and the status, never the audio or the key).
      if (err instanceof ApiError) throw new CliError(err.message);
      if (err instanceof EngineError) throw new CliError(serverFailure(err));
      throw err;
    }
    if (values.json) {
      io.stdout.write(JSON.stringify(result) + '\n');
      return 0;
    }
    for (const s of result.segments)
      io.stdout.write(`[${fmt(s.start)} - ${fmt(s.end)}] ${s.speaker}: ${s.text || '(no words recognised)'}\n`);
    io.stderr.write(
      `${result.segments.length} segments, ${result.durationSec.toFixed(1)} s of audio, model ${result.model}, RTF ${result.rtf.toFixed(2)}\n`,
    );
    return 0;
  },
};
