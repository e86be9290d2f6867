/**
 * Drafting with a generator (core/engines/generative.ts) through the scripted engine: the prompt (data, recorded with
 * the draft), streaming section by section, grounding, the fallback to the embedded draft on any engine failure but
 * a cancel, and the cancel itself.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { numbersIn } from '../../../core/clinical/numbers.js';
import { ApiError } from '../../../core/api/errors.js';
import { draftGenerative, type DraftProgress } from '../../../core/engines/generative.js';
import { ScriptedGenerator } from '../../../core/engines/scripted.js';
import { EngineError, type EngineErrorCode } from '../../../core/engines/types.js';
import { aciVisit, answer, haveAci, VISIT } from './fixtures.js';

const transcript = parseTranscript(VISIT);
const GOOD = answer([
  { id: 'cc', sentences: [{ text: 'Left knee pain.', cites: [1] }] },
  {
    id: 'hpi',
    sentences: [
      { text: 'The patient reports left knee pain for about two weeks after a fall on the stairs.', cites: [1] },
      { text: 'She denies fever or chills.', cites: [2, 3] },
      { text: 'She reports chest pain.', cites: [4, 5] }, // planted: denied in the visit
    ],
  },
  { id: 'fh', sentences: [{ text: 'Her mother has diabetes.', cites: [6, 7] }] },
  { id: 'meds', sentences: [{ text: 'Ibuprofen 400 mg twice a day.', cites: [8, 9] }] },
  { id: 'exam', sentences: [{ text: 'Blood pressure 138/82.', cites: [10] }] }, // planted: 128 said
  {
    id: 'ap',
    sentences: [
      { text: 'Order an x-ray of the left knee.', cites: [11] },
      { text: 'Start meloxicam 15 mg once a day.', cites: [11] },
      { text: 'Follow up in two weeks.', cites: [12] },
    ],
  },
]);

describe('draftGenerative', () => {
  it('streams grounded sections in order, records the engine, model and prompt, and verifies every sentence', async () => {
    const gen = new ScriptedGenerator({ answer: GOOD, chunk: 17, model: 'tiny-test' });
    const events: DraftProgress[] = [];
    const d = await draftGenerative(transcript, { generator: gen, onProgress: (p) => events.push(p) });
    expect(d.engine).toMatchObject({
      requested: 'local',
      used: 'local',
      model: 'tiny-test',
      prompt: { id: 'outpatient', version: 2 },
    });
    expect(d.engine.fallback).toBeUndefined();
    // One event per section as its object closed in the stream, then done.
    expect(events.map((e) => e.section)).toEqual(['cc', 'hpi', 'fh', 'meds', 'exam', 'ap', '']);
    expect(events.map((e) => e.done)).toEqual([false, false, false, false, false, false, true]);
    // The request: the prompt from data, numbered turns, the fact model, the answer's schema, temperature 0.
    const req = gen.requests[0]!;
    expect(req.temperature).toBe(0);
    expect(req.jsonSchema).toMatchObject({ required: ['sections'] });
    const user = req.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain('[T9] Patient: ibuprofen, 400 milligrams twice a day.');
    expect(user).toMatch(/FACTS[^\n]*\n\{.*"medications"/);
    // Planted errors were replaced by the embedded drafter's sentences (or dropped); every sentence is supported.
    const all = d.sections.flatMap((s) => s.sentences);
    expect(all.every((s) => s.supported)).toBe(true);
    expect(d.note).not.toContain('138/82');
    expect(d.note).not.toMatch(/reports chest pain/);
    expect(d.engine.notices?.join(' ')).toMatch(/could not back/);
    // Every number in the note is in the visit.
    const said = new Set(numbersIn(VISIT.toLowerCase()));
    for (const s of all) for (const x of numbersIn(s.text)) expect(said.has(x), `${x} in ${s.text}`).toBe(true);
    // The note text is rendered from the grounded sections (the HPI as one paragraph).
    expect(d.note).toMatch(/^CHIEF COMPLAINT\nLeft knee pain\./);
    expect(d.note).toContain('HISTORY OF PRESENT ILLNESS\nThe patient reports left knee pain');
  });

  it('keeps flagged sentences, marked, when replacement is off', async () => {
    const gen = new ScriptedGenerator({ answer: GOOD });
    const d = await draftGenerative(transcript, { generator: gen, replaceUnsupported: false });
    const flagged = d.sections.flatMap((s) => s.sentences).filter((s) => !s.supported);
    expect(flagged.map((s) => s.text).sort()).toEqual(['Blood pressure 138/82.', 'She reports chest pain.']);
    for (const s of flagged) expect(s.problems!.length).toBeGreaterThan(0);
    expect(d.engine.notices?.join(' ')).toMatch(/kept and marked/);
  });

  const embedded = draftNote(transcript);
  const failures: [string, ConstructorParameters<typeof ScriptedGenerator>[0], RegExp][] = [
    [
      'the engine is unavailable',
      { answer: GOOD, fail: { code: 'unavailable', message: 'The model is not installed.' } },
      /not installed/,
    ],
    [
      'the engine process dies mid-answer',
      {
        answer: GOOD,
        chunk: 10,
        fail: { code: 'unavailable', message: 'The model process stopped unexpectedly.', failAfter: 300 },
      },
      /stopped unexpectedly/,
    ],
    [
      'the server times out',
      { answer: GOOD, fail: { code: 'timeout', message: 'The clinic server did not answer in time.' } },
      /in time/,
    ],
    ['the answer is not JSON', { answer: 'lorem ipsum dolor sit amet, 42 turns of noise' }, /structured text/],
    ['the engine throws a plain error', { answer: GOOD, crash: true }, /failed unexpectedly/],
    ['the answer has no sentences', { answer: '{"sections":[{"id":"cc","sentences":[]}]}' }, /no sentences/],
  ];
  it.each(failures)('falls back to the embedded draft when %s', async (_what, opts, why) => {
    const events: DraftProgress[] = [];
    const d = await draftGenerative(transcript, {
      generator: new ScriptedGenerator({ ...opts, kind: 'server', model: 'm' }),
      onProgress: (p) => events.push(p),
    });
    expect(d.engine).toMatchObject({ requested: 'server', used: 'embedded', prompt: { id: 'outpatient' } });
    expect(d.engine.fallback).toMatch(why);
    expect(d.engine.fallback).toMatch(
      /^The clinic's inference server could not write the note: .* The built-in drafter wrote it instead\.$/,
    );
    // No transcript words in the message.
    for (const w of ['ibuprofen', 'knee', 'meloxicam', 'diabetes']) expect(d.engine.fallback).not.toContain(w);
    expect({ note: d.note, sections: d.sections }).toEqual({ note: embedded.note, sections: embedded.sections });
    expect(events[events.length - 1]).toMatchObject({ done: true });
  });

  it('rejects with ApiError cancelled when cancelled mid-stream (no fallback)', async () => {
    const ac = new AbortController();
    const gen = new ScriptedGenerator({ answer: GOOD, chunk: 5, delayMs: 1 });
    const events: DraftProgress[] = [];
    const p = draftGenerative(transcript, {
      generator: gen,
      signal: ac.signal,
      // Cancel once the first section has streamed in.
      onProgress: (e) => {
        events.push(e);
        ac.abort();
      },
    });
    await expect(p).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'cancelled');
    expect(events.map((e) => e.section)).toEqual(['cc']);
  });

  it('a cancelled EngineError is a cancel too, not a fallback', async () => {
    const gen = new ScriptedGenerator({
      answer: GOOD,
      fail: { code: 'cancelled' as EngineErrorCode, message: 'Cancelled.' },
    });
    await expect(draftGenerative(transcript, { generator: gen })).rejects.toBeInstanceOf(ApiError);
  });

  it('says when the model stopped at its length limit, keeping the sections it finished', async () => {
    const cut = GOOD.slice(0, GOOD.indexOf('"exam"') + 20);
    const d = await draftGenerative(transcript, {
      generator: new ScriptedGenerator({ answer: cut, chunk: 50, finish: 'length' }),
    });
    expect(d.engine.used).toBe('local');
    expect(d.sections.filter((s) => s.sentences.length).map((s) => s.id)).toEqual(['cc', 'hpi', 'fh', 'meds']);
    // The sections the template keeps when empty say so.
    expect(d.note).toContain('PHYSICAL EXAMINATION\nNot discussed.');
    expect(d.engine.notices?.join(' ')).toMatch(/length limit/);
  });

  it('uses the template asked for, with its own prompt', async () => {
    const soap = answer([{ id: 'plan', sentences: [{ text: 'Start meloxicam 15 mg once a day.', cites: [11] }] }]);
    const d = await draftGenerative(transcript, {
      generator: new ScriptedGenerator({ answer: soap }),
      template: 'soap',
    });
    expect(d.template).toBe('soap');
    expect(d.engine.prompt).toEqual({ id: 'soap', version: 1 });
    expect(d.note).toBe('PLAN\nStart meloxicam 15 mg once a day.');
    expect(() => new EngineError('bad-output', 'x')).not.toThrow();
  });

  it.skipIf(!haveAci)('drafts an ACI-BENCH visit from an answer citing its turns, every number checked', async () => {
    const t = parseTranscript(aciVisit('D2N003'));
    // A model that copies the embedded draft's supported sentences and plants one wrong dose.
    const emb = draftNote(t);
    const ans = emb.sections.map((s) => ({
      id: s.id,
      sentences: s.sentences.filter((x) => x.supported).map((x) => ({ text: x.text, cites: x.evidence })),
    }));
    ans.find((s) => s.id === 'meds')!.sentences.push({ text: 'Pantoprazole 80 mg daily.', cites: [44, 46] });
    const d = await draftGenerative(t, {
      generator: new ScriptedGenerator({ answer: answer(ans), chunk: 64 }),
      replaceUnsupported: false,
    });
    const flagged = d.sections.flatMap((s) => s.sentences).filter((s) => !s.supported);
    expect(flagged.map((s) => s.text)).toEqual(['Pantoprazole 80 mg daily.']);
  });
});
