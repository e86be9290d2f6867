import { describe, expect, it } from 'vitest';
import { applyGuards, compressionRatio, findRepetitionLoop } from '../../../models/asr/guards.js';
import { LocalAgreement } from '../../../models/asr/agreement.js';
import { buildInitialPrompt, MAX_PROMPT_CHARS } from '../../../models/asr/prompt.js';
import { assignText } from '../../../models/asr/pipeline.js';

const speech = { speech: true, levelDb: -20 };
const quiet = { speech: true, levelDb: -55 };

describe('hallucination guards', () => {
  it('never returns text for audio the VAD marked as non-speech', () => {
    expect(applyGuards('The patient reports chest pain', { speech: false, levelDb: -20 })).toEqual({
      text: '',
      dropped: 'non_speech',
    });
  });

  it('drops known silence hallucinations when the audio is quiet, keeps them in real speech', () => {
    expect(applyGuards(' Thank you for watching!', quiet).dropped).toBe('known_hallucination');
    expect(applyGuards('[BLANK_AUDIO]', quiet).dropped).toBe('known_hallucination');
    expect(applyGuards('Thank you.', speech).text).toBe('Thank you.');
  });

  it('cuts a repetition loop after its first occurrence', () => {
    const r = applyGuards('I took the pill the pill the pill the pill the pill the pill', speech);
    expect(r.text).toBe('I took the pill');
    expect(r.trimmed).toBe(true);
    expect(findRepetitionLoop('no no no'.split(' '))).toBe(-1);
    expect(applyGuards('okay okay okay okay okay', speech).dropped).toBe('repetition');
  });

  it('drops text whose compression ratio says it is a loop', () => {
    const loop = 'and then and then we went and then and then we went '.repeat(6);
    expect(compressionRatio(loop)).toBeGreaterThan(2.4);
    // The repetition guard may catch it first; either way no looping text comes out.
    const r = applyGuards(loop, speech);
    expect(r.text.length).toBeLessThan(loop.length / 3);
    const normal = 'The patient has had a productive cough for three days with a low grade fever and no chest pain.';
    expect(compressionRatio(normal)).toBeLessThan(2.4);
    expect(applyGuards(normal, speech).text).toBe(normal);
  });
});

describe('local agreement', () => {
  it('commits words once two hypotheses agree, and committed words never change', () => {
    const a = new LocalAgreement();
    expect(a.update(['I', 'have'])).toEqual({ committed: [], tentative: ['I', 'have'] });
    expect(a.update(['I', 'have', 'a', 'cough'])).toEqual({ committed: ['I', 'have'], tentative: ['a', 'cough'] });
    // A later hypothesis that rewrites committed words does not change them.
    const s = a.update(['Hi', 'have', 'a', 'cold']);
    expect(s.committed).toEqual(['I', 'have']);
    // 'a' is where the last two hypotheses agree again: it is committed; 'cough' vs 'cold' is not.
    expect(a.update(['I', 'have', 'a', 'cough', 'since']).committed).toEqual(['I', 'have', 'a']);
    expect(a.update(['I', 'have', 'a', 'cough', 'since', 'Monday']).committed).toEqual([
      'I',
      'have',
      'a',
      'cough',
      'since',
    ]);
    expect(a.finish(['I', 'have', 'a', 'cough', 'since', 'Monday.'])).toEqual([
      'I',
      'have',
      'a',
      'cough',
      'since',
      'Monday.',
    ]);
  });
});

describe('initial prompt', () => {
  it('lists specialty and medications, deduplicated, within the size limit', () => {
    const p = buildInitialPrompt({ specialty: 'cardiology', medications: ['Metoprolol', 'apixaban', 'metoprolol'] });
    expect(p).toBe('A cardiology clinic visit. Medications: Metoprolol, apixaban.');
    const long = buildInitialPrompt({ medications: Array.from({ length: 200 }, (_, i) => `drugname${i}`) });
    expect(long.length).toBeLessThanOrEqual(MAX_PROMPT_CHARS);
    expect(buildInitialPrompt({ medications: ['a\u0000b\nc'] })).toBe('A clinic visit. Medications: a b c.');
  });
});

describe('text to VAD segment assignment', () => {
  it('maps Whisper segments onto the VAD segments they overlap, dropping text over silence', () => {
    const vad = [
      { start: 10, end: 12 },
      { start: 14, end: 16 },
    ];
    const asr = [
      { text: ' one', t0: 0, t1: 1500 },
      { text: ' two', t0: 4100, t1: 5900 },
      { text: ' ghost', t0: 2300, t1: 3700 }, // falls in the gap: no speech there
    ];
    expect(assignText(vad, asr, 10)).toEqual(['one', 'two']);
  });
});
