/**
 * `bedside transcribe` follows Settings → Transcription (core/settings/transcription.ts) as the app does: with a store
 * in the data folder it reads the setting and the clinic server's API key from it (passphrase), sends the speech the
 * local voice detector found to the loopback OpenAI-compatible test server, and prints the server's segments through
 * the local guards. --engine overrides the setting; the guards of the setting apply to the flags too: https except on
 * this computer (exit 2), the organisation's list of inference servers (exit 1, nothing sent).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeNoteEngine, SERVER_KEY_SETTING } from '../../../core/settings/note-engine.js';
import { writeTranscription } from '../../../core/settings/transcription.js';
import { directStore } from '../../../core/store/client.js';
import type { Policy } from '../../../core/policy/schema.js';
import { runCli } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';
import { newStore, PASS } from '../store/helpers.js';
import { JFK_WAV } from '../../integration/models/fixtures.js';

/** The CLI with no speech model on "this computer", no API key from the environment, and `policy` (none by default). */
const cli = (argv: string[], opts: { env?: NodeJS.ProcessEnv; policy?: Policy } = {}) =>
  runCli(argv, {
    env: { BEDSIDE_MODEL_DIR: tmp.models, BEDSIDE_SERVER_API_KEY: '', ...opts.env },
    policy: opts.policy ?? {},
  });

let server: OpenAiTestServer;
// No speech model on "this computer" (an empty model folder): nothing can silently fall back to local Whisper.
const tmp = useTempDirs({ models: 'bedside-cli-asr-models-', emptyData: 'bedside-cli-asr-nostore-' });
beforeEach(async () => {
  server = await startOpenAiServer({ apiKey: 'clinic-key' });
});
afterEach(async () => {
  await server.close();
});

const uploads = () => server.requests.filter((q) => q.path === '/v1/audio/transcriptions');

/** A store whose setting sends audio to the test server (the note engine's address and key, its own model name). */
async function storeChoosingServer(): Promise<string> {
  const { dir, engine } = await newStore();
  const s = directStore(engine);
  await writeNoteEngine(s, { serverUrl: server.url }, {});
  await s.setSetting(SERVER_KEY_SETTING, 'clinic-key');
  await writeTranscription(s, { kind: 'server', serverModel: 'whisper-small' }, {});
  engine.close();
  return dir;
}

describe('bedside transcribe: the transcription setting', () => {
  it('the store says clinic server: the speech goes there with the stored key, the guarded segments come back', async () => {
    const dir = await storeChoosingServer();
    server.transcription({
      segments: [
        { start: 0, end: 2.5, text: ' And so my fellow Americans,' },
        { start: 2.5, end: 4, text: ' Thank you for watching.', no_speech_prob: 0.95, avg_logprob: -1.5 },
        { start: 4, end: 8, text: ' ask not what your country can do for you.' },
      ],
    });
    const r = await cli(['transcribe', JFK_WAV, '--json', '--data-dir', dir], { env: { BEDSIDE_PASSPHRASE: PASS } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { segments: { text: string }[]; model: string; durationSec: number };
    expect(Object.keys(out).sort()).toEqual(['durationSec', 'model', 'rtf', 'segments']);
    expect(out.model).toBe('server:whisper-small');
    expect(out.segments.map((s) => s.text).filter(Boolean)).toEqual([
      'And so my fellow Americans,',
      'ask not what your country can do for you.',
    ]);
    expect(uploads().length).toBeGreaterThan(0);
    for (const u of uploads()) {
      expect(u.headers.authorization).toBe('Bearer clinic-key');
      expect(u.form).toMatchObject({ fileHead: 'RIFF', fields: { model: 'whisper-small', language: 'en' } });
    }
    // The key is never printed.
    expect(r.stdout + r.stderr).not.toContain('clinic-key');
    // One read of the machine policy for the whole command.
    expect(r.policyReads).toBe(1);
  }, 30_000);

  it('--engine local overrides the setting: the store is not opened, nothing is sent', async () => {
    const dir = await storeChoosingServer();
    // No passphrase given: opening the store would fail; local Whisper fails only for want of a model.
    const r = await cli(['transcribe', JFK_WAV, '--engine', 'local', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no speech model is installed/);
    expect(uploads()).toEqual([]);
  });

  it('a store with the server setting but no passphrase: said in words (exit 2), nothing sent', async () => {
    const dir = await storeChoosingServer();
    const r = await cli(['transcribe', JFK_WAV, '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no passphrase.*transcription setting is kept in the encrypted store.*--engine local/);
    expect(uploads()).toEqual([]);
    // A missing input file is said first, without asking for the passphrase.
    const missing = await cli(['transcribe', 'no-such.wav', '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/input file was not found/);
    expect(missing.stderr).not.toMatch(/passphrase/);
  });

  it('no store: --engine server --url --model reaches the server with BEDSIDE_SERVER_API_KEY', async () => {
    server.transcription({ segments: [{ start: 0, end: 3, text: ' And so my fellow Americans,' }] });
    const r = await cli(
      ['transcribe', JFK_WAV, '--engine', 'server', '--url', `${server.url}/v1`, '--model', 'whisper-tiny'],
      { env: { BEDSIDE_DATA_DIR: tmp.emptyData, BEDSIDE_SERVER_API_KEY: 'clinic-key' } },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\] (doctor|patient|speaker\w*): And so my fellow Americans,/);
    expect(r.stderr).toMatch(/model server:whisper-tiny/);
    expect(uploads()[0]?.form?.fields.model).toBe('whisper-tiny');
  }, 30_000);

  it('the guards apply to the flags: https off this computer (exit 2), the organisation’s list (exit 1)', async () => {
    const env = { BEDSIDE_DATA_DIR: tmp.emptyData };
    const plain = await cli(
      ['transcribe', JFK_WAV, '--engine', 'server', '--url', 'http://asr.clinic.example', '--model', 'm'],
      { env },
    );
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/over https/);
    const off = await cli(
      ['transcribe', JFK_WAV, '--engine', 'server', '--url', 'https://asr.elsewhere.example', '--model', 'm'],
      { env, policy: { inferenceServers: ['https://asr.clinic.example'] } },
    );
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/does not allow audio to be sent to this server/);
    for (const [argv, msg] of [
      [['--engine', 'gpu'], /unknown engine 'gpu'/],
      [['--engine', 'server', '--model', 'm'], /needs --url/],
      [['--engine', 'server', '--url', server.url], /needs --model/],
      [['--engine', 'local', '--url', server.url], /--url goes with --engine server/],
    ] as const) {
      const r = await cli(['transcribe', JFK_WAV, ...argv], { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    expect(uploads()).toEqual([]);
  });

  it('a server that fails with no local model: exit 1 in words, naming no key', async () => {
    const dir = await storeChoosingServer();
    server.transcription({ kind: 'status', status: 401 });
    const r = await cli(['transcribe', JFK_WAV, '--data-dir', dir], { env: { BEDSIDE_PASSPHRASE: PASS } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/clinic server could not transcribe.*No speech model is installed/);
    expect(r.stderr).not.toContain('clinic-key');
  }, 30_000);
});
