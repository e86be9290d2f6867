import { describe, expect, it } from 'vitest';
import { assignSentencePhases, sentencesOf } from '../../../core/clinical/discourse.js';
import { parseTranscript } from '../../../core/clinical/index.js';
import { draftOf, sectionOf } from './draft-helpers.js';

const apOf = (lines: string[]) => sectionOf(draftOf(lines), /assessment|plan/i);

describe('interleaved history, exam and plan', () => {
  it('reads a plan statement said inside the exam as plan, the exam around it staying exam', () => {
    const sentences = sentencesOf(
      parseTranscript(
        [
          '[doctor] on your breast exam i feel some small lumps.',
          "[doctor] so let's just keep monitoring them for now.",
          '[doctor] your lungs are clear.',
        ].join('\n'),
      ),
    );
    assignSentencePhases(sentences, ['exam', 'exam', 'exam']);
    expect(sentences.map((s) => s.phase)).toEqual(['exam', 'plan', 'exam']);
  });

  it('keeps a plan statement that also dictates a finding in the exam', () => {
    const sentences = sentencesOf(parseTranscript("[doctor] we'll watch that and otherwise normal heart exam."));
    assignSentencePhases(sentences, ['exam']);
    expect(sentences[0]!.phase).toBe('exam');
  });

  it('heads a plan that names no problem with the problem the opening states', () => {
    const ap = apOf([
      "[doctor] hi, you're here today for follow-up of your hypogonadism.",
      '[patient] yes.',
      '[doctor] how have the injections been going?',
      '[patient] good, no problems.',
      '[doctor] any side effects?',
      '[patient] no.',
      "[doctor] let's do a quick physical exam. your heart has a regular rate and rhythm.",
      '[patient] okay.',
      "[doctor] so my plan is to continue the testosterone injections, 140 mg every 2 weeks, and we'll repeat labs.",
    ]);
    expect(ap[0]).toBe('Hypogonadism.');
  });

  it('heads the A&P with a diagnosis said as "what we\'re dealing with is"', () => {
    const ap = apOf([
      '[doctor] what brings you in today?',
      '[patient] my right hip has been hurting for months.',
      '[doctor] any injury?',
      '[patient] no.',
      "[doctor] let's do a quick physical exam. there is pain with internal rotation of the right hip.",
      '[patient] okay.',
      "[doctor] so what i think we're dealing with is right hip degenerative joint disease.",
      '[doctor] i recommend a cane and low impact exercise.',
    ]);
    expect(ap).toContain('Right hip degenerative joint disease.');
  });
});
