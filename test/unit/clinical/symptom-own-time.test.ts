import { describe, expect, it } from 'vitest';
import { extractFacts, parseTranscript } from '../../../core/clinical/index.js';

const symptoms = (lines: string[]) => extractFacts(parseTranscript(lines.join('\n'))).symptoms;

describe("a symptom dated in its own clause takes no other symptom's duration", () => {
  it('"a cough for five days and a fever on tuesday": the fever lasted no five days', () => {
    const s = symptoms([
      '[doctor] what brings you in?',
      '[patient] i have had a cough for five days and a fever on tuesday.',
    ]);
    expect(s.find((f) => f.name === 'cough')?.duration).toBe('5 days');
    expect(s.find((f) => f.name === 'fever')?.duration ?? null).toBeNull();
  });

  it('"sore throat for 3 days and a headache last night" — and a sentence with one time for both keeps it', () => {
    const s = symptoms([
      '[doctor] what brings you in?',
      '[patient] i have had a sore throat for three days and a headache last night.',
    ]);
    expect(s.find((f) => f.name === 'headache')?.duration ?? null).toBeNull();
    const both = symptoms([
      '[doctor] what brings you in?',
      '[patient] i have had a cough and a headache for two weeks.',
    ]);
    expect(both.find((f) => f.name === 'headache')?.duration).toBe('2 weeks');
  });
});
