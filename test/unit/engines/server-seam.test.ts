/**
 * The real clinic-server engine (models/llm/server.ts) through the core's engine seam (core/engines/providers.ts):
 * note.draft with engine 'server' against a loopback OpenAI-compatible test server streaming the answer over SSE,
 * the answer grounded; a server that fails gives the built-in draft with the reason; and `npm run eval:notes --
 * --engine server` reports the same measures on a one-visit CSV.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../core/api/index.js';
import { createEngineProvider } from '../../../core/engines/providers.js';
import type { EngineDraft } from '../../../core/engines/generative.js';
import { draftWithEngine } from '../../../core/engines/note-draft.js';
import { DEFAULT_NOTE_ENGINE } from '../../../core/engines/select.js';
import { directStore } from '../../../core/store/client.js';
import { newStore } from '../store/helpers.js';
import { startOpenAiServer, type OpenAiTestServer } from '../../helpers/openai-server.js';
import { policyReport } from '../../helpers/policy.js';
import { PLANTED_DOSE_ANSWER as ANSWER, pieces, VISIT } from './fixtures.js';

const ctx = { transport: 'websocket' as const };

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer({ apiKey: 'sk-test-key', models: ['qwen2.5-7b-instruct'] });
});
afterAll(async () => {
  await server.close();
});

const noPolicy = policyReport({});

describe('the clinic-server engine through the core seam', () => {
  it('drafts through note.draft with the server set in Settings: sections stream, the planted dose is replaced', async () => {
    server.script({ kind: 'sse', pieces: pieces(ANSWER, 9), chunk: 7 });
    const { engine } = await newStore();
    const core = createCore({ engines: createEngineProvider({ apiKey: () => 'sk-test-key' }), policy: noPolicy });
    core.services.store = directStore(engine);
    const set = await core.dispatch(
      'settings.set',
      { noteEngine: { kind: 'server', serverUrl: server.url, serverModel: 'qwen2.5-7b-instruct' } },
      ctx,
    );
    expect(set.ok).toBe(true);
    const sections: string[] = [];
    core.events.subscribe((name, p) => {
      if (name === 'note.draftProgress') sections.push((p as { section: string }).section);
    });
    const r = await core.dispatch('note.draft', { transcript: VISIT, operationId: 'srv-draft-01' }, ctx);
    await core.close();
    if (!r.ok) throw new Error(r.error.message);
    const d = r.result as EngineDraft;
    expect(d.engine).toMatchObject({ requested: 'server', used: 'server', model: 'qwen2.5-7b-instruct' });
    expect(sections).toEqual(['cc', 'ap', '']);
    expect(d.note).not.toContain('25 mg');
    expect(d.engine.grounding).toMatchObject({ written: 3, supported: 2, flagged: 1 });
    const chat = server.requests.filter((q) => q.path.endsWith('/chat/completions')).at(-1)!;
    expect(chat.headers.authorization).toBe('Bearer sk-test-key');
    expect(JSON.stringify(chat.json)).toContain('[T11] Doctor:');
  });

  it('falls back to the built-in draft when the server refuses the key (401), in words', async () => {
    // The test server itself answers 401 to a wrong key.
    const provider = createEngineProvider({ apiKey: () => 'sk-wrong' });
    const d = await draftWithEngine(
      { transcript: VISIT, engine: 'server', model: 'qwen2.5-7b-instruct', url: server.url },
      {
        policy: () => ({}),
        settings: async () => ({ ...DEFAULT_NOTE_ENGINE }),
        engines: () => provider,
        progress: () => undefined,
      },
      undefined,
    );
    await provider.close?.();
    expect(d.engine.used).toBe('embedded');
    expect(d.engine.fallback).toMatch(
      /^The clinic's inference server could not write the note: .+ The built-in drafter wrote it instead\.$/,
    );
    expect(d.engine.fallback).not.toContain('sk-wrong');
  });

  it('eval:notes --engine server reports the same measures (one visit)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedside-eval-'));
    try {
      const csv = join(dir, 'one.csv');
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      writeFileSync(csv, `encounter_id,dialogue,note\nX1,${q(VISIT)},${q('CHIEF COMPLAINT\nLeft knee pain.')}\n`);
      server.script({ kind: 'sse', pieces: pieces(ANSWER, 9) });
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/eval-notes.ts',
          '--data',
          csv,
          '--engine',
          'server',
          '--url',
          server.url,
          '--model',
          'qwen2.5-7b-instruct',
        ],
        { env: { ...process.env, BEDSIDE_SERVER_API_KEY: 'sk-test-key' }, timeout: 60_000 },
      );
      expect(stdout).toMatch(/engine server\)/);
      expect(stdout).toMatch(/engine drafts\s+1 of 1/);
      expect(stdout).toMatch(
        /model sentences\s+3: 66\.7 % backed by the verifier; flagged 1 \(replaced \d, dropped \d\)/,
      );
      for (const m of [
        'gold key facts found',
        'verifier: draft sentences',
        'ROUGE-1 / 2 / Lsum',
        'unsupported numbers         0',
      ])
        expect(stdout).toContain(m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
