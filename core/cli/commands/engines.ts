/**
 * `bedside engines test-server` / `test-transcription-server`: the connection tests of Settings → Note engine →
 * Clinic server (engines.testServer) and Settings → Transcription (engines.testTranscriptionServer), for IT setting up
 * a clinic inference server. The API key, when one is needed, is read from stdin (never from the
 * command line, which other users of the computer can see) and is not stored.
 */
import { createCore } from '../../api/index.js';
import {
  CliError,
  EXIT,
  HelpRequested,
  cliPolicy,
  parseFlags,
  subcommands,
  UsageError,
  type CliIO,
  type Command,
} from '../cli.js';

const MAX_KEY_BYTES = 4096;

async function readKey(io: CliIO): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.length > MAX_KEY_BYTES + 2) throw new UsageError('the API key on stdin is longer than 4096 characters');
  }
  const key = text.replace(/\r?\n$/, '');
  if (key === '') throw new UsageError('--key-stdin given but stdin is empty');
  return key;
}

interface Check {
  name: string;
  ok: boolean | null;
  detail: string;
}

/**
 * One connection test through the API (engines.testServer or engines.testTranscriptionServer): the same flags, the
 * same output, the machine policy read once for this process.
 */
async function testServer(
  method: 'engines.testServer' | 'engines.testTranscriptionServer',
  argv: string[],
  io: CliIO,
): Promise<number> {
  const { values } = parseFlags(argv, {
    url: { type: 'string' },
    model: { type: 'string' },
    'key-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) throw new HelpRequested();
  const sub = method === 'engines.testServer' ? 'test-server' : 'test-transcription-server';
  if (!values.url) throw new UsageError(`engines ${sub} needs --url URL`);
  const key = values['key-stdin'] ? await readKey(io) : undefined;
  const core = createCore({ policy: cliPolicy(io) });
  const reply = await core.dispatch(
    method,
    { url: values.url, ...(values.model ? { model: values.model } : {}), ...(key ? { key } : {}) },
    { transport: 'cli', signal: io.signal },
  );
  if (!reply.ok) {
    const e = reply.error;
    if (e.code === 'invalid_params') throw new UsageError(e.issues?.[0]?.message ?? e.message);
    throw new CliError(e.message);
  }
  const r = reply.result as { ok: boolean; message: string; checks: Check[]; models: string[] };
  if (values.json) io.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else {
    for (const c of r.checks)
      io.stdout.write(
        `${c.ok === true ? 'ok  ' : c.ok === false ? 'FAIL' : '-   '}  ${c.name.padEnd(8)} ${c.detail}\n`,
      );
    if (r.models.length > 0) io.stdout.write(`\nModels: ${r.models.join(', ')}\n`);
    io.stdout.write(`\n${r.message}\n`);
  }
  return r.ok ? EXIT.ok : EXIT.failure;
}

export const engines: Command = {
  name: 'engines',
  summary: "Test the clinic's inference server (reachable, TLS, API key, models) for notes or transcription.",
  usage: `Usage: bedside engines test-server --url URL [--model NAME] [--key-stdin] [--json]
       bedside engines test-transcription-server --url URL [--model NAME] [--key-stdin] [--json]

test-server                the note engine's clinic server (chat): reachable, TLS, key, models listed
test-transcription-server  the transcription server (Settings → Transcription): the same steps, then, with
                           --model, one second of generated silence sent to /v1/audio/transcriptions (no patient
                           audio); a server without a model list (whisper.cpp) passes on that call alone

  --url URL       the server's base address: https://host:port (…/v1 for OpenAI-compatible servers, …/api for
                  Ollama's own API); plain http only for a server on this computer (localhost, 127.0.0.1, ::1)
  --model NAME    check that the server lists this model (transcription: and transcribes with it)
  --key-stdin     read the API key from stdin (it is not stored; the app keeps its key in the encrypted store)
  --json          the checks as JSON

The organisation's machine policy applies: the URL must be one of its inferenceServers (a server on this computer is
always allowed) and the CA in inferenceCaFile is trusted. Exit 0 when every check passes, 1 when one fails.
See docs/clinic-server.md.`,
  run: subcommands('engines', {
    'test-server': (argv, io) => testServer('engines.testServer', argv, io),
    'test-transcription-server': (argv, io) => testServer('engines.testTranscriptionServer', argv, io),
  }),
};
