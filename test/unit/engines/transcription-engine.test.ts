/**
 * The transcription-engine setting (core/settings/transcription.ts) and the choice made from it
 * (core/engines/transcription.ts): defaults, the note engine's server used unless another address is given, the
 * machine policy (inferenceServers, inferenceCaFile) at set time and at transcription time, and the fallback to
 * Whisper on this computer after a server failure (said in the notice; a cancel is never a fallback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../core/api/errors.js';
import { directStore, type AsyncStore } from '../../../core/store/client.js';
import type { StoreEngine } from '../../../core/store/index.js';
import { writeNoteEngine } from '../../../core/settings/note-engine.js';
import { readTranscription, transcriptionInfo, writeTranscription } from '../../../core/settings/transcription.js';
import { chooseTranscriptionServer, ClinicServerAsr } from '../../../core/engines/transcription.js';
import { EngineError } from '../../../core/engines/types.js';
import { AsrCancelledError, type AsrEngine } from '../../../models/asr/whisper-worker.js';
import { newStore } from '../store/helpers.js';

let engine: StoreEngine | undefined;
afterEach(() => {
  engine?.close();
  engine = undefined;
});
/** Wrapped: the direct store is a proxy answering every property, `then` included, so it is never awaited bare. */
async function open(): Promise<{ s: AsyncStore }> {
  engine = (await newStore()).engine;
  return { s: directStore(engine) };
}

const CLINIC = ['https://llm.clinic.example'];

describe('transcription setting', () => {
  it('defaults to this computer, also while the store is locked', async () => {
    expect(await readTranscription(undefined)).toEqual({ kind: 'local', serverUrl: null, serverModel: null });
    const { s } = await open();
    expect(await transcriptionInfo(s, {})).toEqual({
      kind: 'local',
      serverUrl: null,
      serverModel: null,
      effectiveUrl: null,
      serverAllowed: true,
    });
  });

  it("uses the note engine's server unless its own address is given", async () => {
    const { s } = await open();
    await writeNoteEngine(s, { serverUrl: 'https://llm.clinic.example/v1' }, { inferenceServers: CLINIC });
    await writeTranscription(s, { kind: 'server', serverModel: 'whisper-small' }, { inferenceServers: CLINIC });
    expect(await transcriptionInfo(s, { inferenceServers: CLINIC })).toMatchObject({
      kind: 'server',
      serverUrl: null,
      effectiveUrl: 'https://llm.clinic.example/v1',
      serverAllowed: true,
    });
    await writeTranscription(s, { serverUrl: 'https://llm.clinic.example/asr' }, { inferenceServers: CLINIC });
    expect(await transcriptionInfo(s, { inferenceServers: CLINIC })).toMatchObject({
      serverUrl: 'https://llm.clinic.example/asr',
      effectiveUrl: 'https://llm.clinic.example/asr',
    });
    // A narrower policy later: shown as not allowed.
    expect(await transcriptionInfo(s, { inferenceServers: ['https://other.example'] })).toMatchObject({
      serverAllowed: false,
    });
  });

  it('refuses addresses the policy or the address rules do not allow, writing nothing', async () => {
    const { s } = await open();
    const refused = await writeTranscription(
      s,
      { kind: 'server', serverUrl: 'https://elsewhere.example', serverModel: 'w' },
      { inferenceServers: CLINIC },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/does not allow audio/) });
    expect(await readTranscription(s)).toEqual({ kind: 'local', serverUrl: null, serverModel: null });
    await expect(writeTranscription(s, { serverUrl: 'http://10.1.1.1:8000' }, {})).rejects.toMatchObject({
      code: 'invalid_params',
    });
    await expect(writeTranscription(s, { serverUrl: 'not a url' }, {})).rejects.toMatchObject({
      code: 'invalid_params',
    });
    // Choosing the server when the note engine's address is off the list is refused too.
    await writeNoteEngine(s, { serverUrl: 'http://127.0.0.1:9000' }, {});
    await writeTranscription(s, { kind: 'server' }, {}); // loopback: always allowed
    expect((await readTranscription(s)).kind).toBe('server');
  });
});

describe('chooseTranscriptionServer', () => {
  it('null for this computer; words for a missing address or model; policy and CA checked', async () => {
    const { s } = await open();
    const deps = (policy = {}, readFile?: (p: string) => string) => ({
      store: () => s,
      policy: () => policy,
      ...(readFile ? { readFile } : {}),
    });
    expect(await chooseTranscriptionServer(deps())).toBeNull();
    await writeTranscription(s, { kind: 'server' }, {});
    await expect(chooseTranscriptionServer(deps())).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/no server address is set/),
    });
    await writeTranscription(s, { serverUrl: 'https://llm.clinic.example/v1' }, { inferenceServers: CLINIC });
    await expect(chooseTranscriptionServer(deps({ inferenceServers: CLINIC }))).rejects.toMatchObject({
      message: expect.stringMatching(/no speech model name is set/),
    });
    await writeTranscription(s, { serverModel: 'whisper-small' }, { inferenceServers: CLINIC });
    await expect(chooseTranscriptionServer(deps({}))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      chooseTranscriptionServer(
        deps({ inferenceServers: CLINIC, inferenceCaFile: '/etc/clinic/ca.pem' }, () => 'not a pem'),
      ),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/holds no PEM certificate/) });
    const choice = await chooseTranscriptionServer(deps({ inferenceServers: CLINIC }));
    expect(choice?.label).toBe('server:whisper-small');
  });
});

/** An engine answering one segment per chunk, or failing with `fail`. */
function scripted(text: string, fail?: () => Error): AsrEngine & { calls: number; closed: number } {
  const e = {
    calls: 0,
    closed: 0,
    async transcribe(pcm: Int16Array) {
      e.calls++;
      if (fail) throw fail();
      return { segments: [{ text, t0: 0, t1: pcm.length / 16 }], language: 'en', ms: 1 };
    },
    async close() {
      e.closed++;
    },
  };
  return e;
}

describe('ClinicServerAsr', () => {
  const pcm = new Int16Array(16_000);

  it('uses the server while it answers', async () => {
    const server = scripted(' from the server');
    const local = scripted(' local');
    const asr = new ClinicServerAsr(server, () => local);
    expect((await asr.transcribe(pcm, {})).segments[0]!.text).toBe(' from the server');
    expect(asr.fellBack).toBe(false);
    expect(asr.notice).toBeNull();
    expect(local.calls).toBe(0);
  });

  it('falls back to this computer after a server failure, for that chunk and the rest, and says so', async () => {
    const server = scripted('', () => new EngineError('unavailable', 'The server at llm.clinic.example answered 500.'));
    const local = scripted(' local words');
    const asr = new ClinicServerAsr(server, () => local);
    expect((await asr.transcribe(pcm, {})).segments[0]!.text).toBe(' local words');
    await asr.transcribe(pcm, {});
    expect(server.calls).toBe(1);
    expect(local.calls).toBe(2);
    expect(asr.fellBack).toBe(true);
    expect(asr.notice).toBe(
      'The clinic server could not transcribe: The server at llm.clinic.example answered 500. The rest was transcribed on this computer.',
    );
    await asr.close();
    expect([server.closed, local.closed]).toEqual([1, 1]);
  });

  it('without a local model the failure is an error in words; a cancel is never a fallback', async () => {
    const failing = new ClinicServerAsr(
      scripted('', () => new EngineError('unauthorized', 'The server refused the API key (401).')),
      null,
    );
    await expect(failing.transcribe(pcm, {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The clinic server could not transcribe: The server refused the API key/),
    });
    const local = scripted(' local');
    const cancelled = new ClinicServerAsr(
      scripted('', () => new AsrCancelledError()),
      () => local,
    );
    await expect(cancelled.transcribe(pcm, {})).rejects.toBeInstanceOf(AsrCancelledError);
    expect(local.calls).toBe(0);
  });
});
