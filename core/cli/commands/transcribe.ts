import { WavError } from '../../../models/audio/wav.js';
import { AsrCancelledError } from '../../../models/asr/whisper-worker.js';
import { InputError, transcribeFile } from '../../../models/asr/transcribe-file.js';
import { buildInitialPrompt } from '../../../models/asr/prompt.js';
import { ModelError } from '../../../models/manager/manager.js';
import { CatalogueError } from '../../../models/manager/catalogue.js';
import { NativeError } from '../../../native/whisper.js';
import { CliError, HelpRequested, UsageError, parseFlags, type Command } from '../cli.js';

const LANGUAGE = /^(auto|[a-z]{2,3})$/;

function fmt(t: number): string {
  const m = Math.floor(t / 60);
  const s = (t - m * 60).toFixed(2).padStart(5, '0');
  return `${String(m).padStart(2, '0')}:${s}`;
}

export const transcribe: Command = {
  name: 'transcribe',
  summary: 'Transcribe a WAV recording on this device (VAD + Whisper), with timestamps and speakers.',
  usage: `Usage: bedside transcribe FILE.wav [--model ID|PATH] [--language en] [--json]
                         [--specialty NAME] [--medication NAME]...

Transcribes a WAV file offline. Accepted: WAV (RIFF) with 8/16/24/32-bit integer or 32-bit float samples, any sample
rate, mono or stereo (with stereo, the first channel is the clinician and the second the patient; with mono, roles
are inferred from the words). Silence is skipped by voice activity detection.

Options:
  --model ID|PATH   an installed model id (see 'bedside models list') or a ggml model file;
                    default: the installed model recommended for this machine
  --language CODE   spoken language, e.g. en (default), or auto to detect
  --json            print {"segments": [{"start", "end", "speaker", "text"}], "durationSec", "model", "rtf"}
  --specialty NAME  the clinician's specialty, to bias the vocabulary (e.g. cardiology)
  --medication NAME a medication of the patient's, to bias spelling (repeat for several)

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
      },
      { positionals: 1 },
    );
    if (values.help) throw new HelpRequested();
    const language = values.language ?? 'en';
    if (!LANGUAGE.test(language))
      throw new UsageError(`--language must be a language code such as 'en', got '${language}'`);
    if (values.model !== undefined && values.model.trim() === '') throw new UsageError('--model needs a value');
    const file = positionals[0]!;
    const prompt =
      values.specialty || values.medication
        ? buildInitialPrompt({
            ...(values.specialty ? { specialty: values.specialty } : {}),
            ...(values.medication ? { medications: values.medication } : {}),
          })
        : undefined;
    let result;
    try {
      result = await transcribeFile(file, {
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
