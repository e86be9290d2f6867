/**
 * `bedside draft --engine …`: the flags, the generative path (scripted engine in place of the real provider), the
 * fallback told on stderr, and a real loopback server that is not there (the built-in drafter writes the note).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { cliEngines } from '../../../core/cli/commands/draft.js';
import { ScriptedGenerator } from '../../../core/engines/scripted.js';
import type { NoteEngineSettings } from '../../../core/engines/select.js';
import { runCli } from '../../helpers/cli.js';
import { answer, VISIT } from './fixtures.js';

const realMake = cliEngines.make;
afterEach(() => {
  cliEngines.make = realMake;
});

function scripted(text: string) {
  const asked: NoteEngineSettings[] = [];
  let closed = 0;
  cliEngines.make = () => ({
    async getGenerator(kind, settings) {
      asked.push(settings);
      return new ScriptedGenerator({ kind, answer: text, chunk: 32 });
    },
    async close() {
      closed++;
    },
  });
  return { asked, closed: () => closed };
}

describe('bedside draft --engine', () => {
  it('checks its flags in words (exit 2)', async () => {
    for (const [argv, msg] of [
      [['--engine', 'gpt'], /unknown engine 'gpt'/],
      [['--engine', 'local'], /needs --model/],
      [['--engine', 'server', '--model', 'm'], /needs --url/],
      [['--engine', 'server', '--url', 'https://x.example'], /needs --model/],
      [['--engine', 'server', '--url', 'http://llm.clinic.example', '--model', 'm'], /over https/],
      [['--model', 'm'], /go with --engine local or --engine server/],
    ] as const) {
      const r = await runCli(['draft', '-', ...argv], { stdin: VISIT });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('drafts with a local engine: grounded note on stdout, what grounding changed on stderr', async () => {
    const s = scripted(
      answer([
        { id: 'subjective', sentences: [{ text: 'Left knee pain for about two weeks.', cites: [1] }] },
        {
          id: 'plan',
          sentences: [
            { text: 'Start meloxicam 15 mg once a day.', cites: [11] },
            { text: 'Start naproxen 500 mg twice a day.', cites: [11] },
          ],
        },
      ]),
    );
    const r = await runCli(['draft', '-', '--engine', 'local', '--model', '/models/tiny', '--template', 'soap'], {
      stdin: VISIT,
    });
    expect(r.code).toBe(0);
    expect(s.asked[0]).toMatchObject({ kind: 'local', localModel: '/models/tiny' });
    expect(r.stdout).not.toContain('naproxen');
    expect(r.stdout).toBe(
      'SUBJECTIVE\nLeft knee pain for about two weeks.\n\nPLAN\nStart meloxicam 15 mg once a day.\n',
    );
    expect(r.stderr).toMatch(/could not back/);
    expect(r.stderr).not.toContain('naproxen');
    expect(s.closed()).toBe(1);
  });

  it('falls back to the built-in drafter when the engine gives no note, saying why on stderr', async () => {
    scripted('I am sorry, I cannot do that.');
    const r = await runCli(['draft', '-', '--engine', 'local', '--model', 'tiny'], { stdin: VISIT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(draftNote(parseTranscript(VISIT)).note + '\n');
    expect(r.stderr).toMatch(/model on this computer could not write the note: .*built-in drafter wrote it instead/);
  });

  it('--jsonl: one line per visit with its engine record and hints', async () => {
    scripted(answer([{ id: 'cc', sentences: [{ text: 'Left knee pain.', cites: [1] }] }]));
    const input = [JSON.stringify({ id: 'v1', dialogue: VISIT }), JSON.stringify({ id: 'v2', dialogue: VISIT })].join(
      '\n',
    );
    const r = await runCli(['draft', '-', '--jsonl', '--engine', 'local', '--model', 'tiny'], { stdin: input });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['v1', 'v2']);
    expect(lines[0]).toMatchObject({
      engine: { used: 'local', prompt: { id: 'outpatient' } },
      hints: expect.any(Array),
    });
  });

  it("refuses a server that is not one of the organisation's inference servers (exit 1, in words)", async () => {
    const { asked } = scripted('{}');
    // No machine policy on this computer lists a clinic server: only one on this computer may be used.
    const r = await runCli(
      ['draft', '-', '--engine', 'server', '--url', 'https://llm.elsewhere.example', '--model', 'm'],
      {
        stdin: VISIT,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not one of the clinic inference servers/);
    expect(r.stdout).toBe('');
    expect(asked).toEqual([]);
  });

  it('a clinic server on this computer that does not answer: the built-in draft, the reason on stderr', async () => {
    // Port 9 (discard) on loopback: nothing listens; the real server engine reports it in words.
    const r = await runCli(
      ['draft', '-', '--engine', 'server', '--url', 'http://127.0.0.1:9', '--model', 'qwen2.5-7b-instruct'],
      { stdin: VISIT },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(draftNote(parseTranscript(VISIT)).note + '\n');
    expect(r.stderr).toMatch(/clinic's inference server could not write the note/);
  });
});
