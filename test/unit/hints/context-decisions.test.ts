import { describe, expect, it } from 'vitest';
import { ContextError, parseContext, parseContextText, parseDecision } from '../../../core/hints/index.js';
import { auditRowForDecision, recordDecision, saveHints, type HintStore } from '../../../core/hints/decisions.js';
import { hintsFor, visit } from './helpers.js';

describe('patient context', () => {
  it('accepts names or objects, and normalises names', () => {
    const c = parseContext({
      allergies: ['penicillin', { substance: 'sulfa', reaction: 'rash', status: 'active' }],
      medications: ['warfarin', { name: 'metformin', dose: 500, unit: 'mg', perDay: 2 }],
      conditions: ['ckd stage 3', { name: 'hypertension', code: 'I10' }],
      labs: { egfr: 41, a1c: 7.1 },
      age: 71,
      sex: 'female',
    });
    expect(c.allergies?.[0]).toEqual({ substance: 'penicillin' });
    expect(c.medications?.[1]).toMatchObject({ name: 'metformin', perDay: 2 });
    expect(c.labs?.egfr).toBe(41);
  });

  it.each([
    [{ labs: { egfr: 'low' } }, 'context.labs.egfr: expected number'],
    [{ labs: { egfr: -3 } }, 'context.labs.egfr: must be at least 0'],
    [{ labs: { potasium: 4 } }, "context.labs: unknown field 'potasium'"],
    [{ medications: [{ name: 'x', dose: 0 }] }, 'context.medications[0].dose: must be greater than 0'],
    [{ medications: [{ dose: 5 }] }, 'context.medications[0].name'],
    [{ allergies: [{ substance: 'pcn', status: 'maybe' }] }, 'context.allergies[0].status: must be one of'],
    [{ allergies: 'penicillin' }, 'context.allergies: expected array'],
    [{ sex: 'x' }, 'context.sex: must be one of'],
    [{ weight: 70 }, "context: unknown field 'weight'"],
    [[], 'context: expected object'],
  ])('names the field of a bad value: %j', (input, message) => {
    let err: unknown;
    try {
      parseContext(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContextError);
    expect((err as Error).message).toContain(message);
  });

  it('reports JSON syntax errors without echoing the text', () => {
    expect(() => parseContextText('{"allergies": ["Jane Doe"')).toThrow(/^context: not valid JSON/);
    try {
      parseContextText('{"allergies": ["Jane Doe"');
    } catch (e) {
      expect((e as Error).message).not.toContain('Jane');
    }
  });
});

describe('hint decisions', () => {
  it('accepts accept and dismiss-with-reason', () => {
    expect(parseDecision({ hintId: 3, action: 'accept' })).toEqual({ hintId: 3, action: 'accept' });
    expect(parseDecision({ hintId: 3, action: 'dismiss', reason: 'already-addressed' })).toMatchObject({
      reason: 'already-addressed',
    });
  });

  it.each([
    [{ hintId: 3, action: 'dismiss' }, 'decision.reason'],
    [{ hintId: 3, action: 'dismiss', reason: 'because' }, 'decision.reason: must be one of'],
    [{ hintId: 3 }, 'decision.action'],
    [{ hintId: 3, action: 'maybe' }, 'decision.action'],
    [{ hintId: 'x', action: 'accept' }, 'decision.hintId'],
    [{ hintId: 3, action: 'accept', reason: 'other' }, 'decision'],
    [{ hintId: 3, action: 'dismiss', reason: 'incorrect', note: 'free text' }, 'decision.note'],
  ])('rejects %j naming the field', (input, field) => {
    expect(() => parseDecision(input)).toThrow(field);
  });

  it('records decisions in the store; the audit row holds no free text', async () => {
    const calls: unknown[][] = [];
    const store: HintStore = {
      addHint: (e, k, b) => (calls.push(['add', e, k, (b as { id: string }).id]), calls.length),
      decideHint: (id, status, reason) => void calls.push(['decide', id, status, reason]),
    };
    const hints = hintsFor(visit('P: i take warfarin.', "D: i'll prescribe ibuprofen."));
    const ids = await saveHints(store, 7, hints);
    expect(ids).toHaveLength(hints.length);
    await recordDecision(store, { hintId: ids[0], action: 'dismiss', reason: 'other', note: 'patient Jane prefers' });
    expect(calls.at(-1)).toEqual(['decide', ids[0], 'dismissed', 'other: patient Jane prefers']);
    const row = auditRowForDecision(parseDecision({ hintId: 1, action: 'dismiss', reason: 'other', note: 'Jane' }));
    expect(JSON.stringify(row)).not.toContain('Jane');
    expect(row).toEqual({ action: 'edit', entity: 'hint', entityId: '1', detail: 'dismissed:other' });
    await expect(recordDecision(store, { hintId: 1, action: 'dismiss' })).rejects.toThrow('decision.reason');
  });
});
