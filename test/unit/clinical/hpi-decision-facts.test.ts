import { describe, expect, it } from 'vitest';
import { characterOf, hpiLinesOf } from './draft-helpers.js';
import { DURATION, extractFacts } from '../../../core/clinical/extract.js';
import { parseTranscript } from '../../../core/clinical/index.js';

const hpiOf = (lines: string[]) => hpiLinesOf(lines).join(' ');

describe('HPI facts that drive the decision', () => {
  it('writes what was tried, products included, and that none of it helped', () => {
    const lines = [
      '[doctor] i know you are here for an itchy scalp',
      "[patient] yeah it's still quite itchy",
      '[doctor] have you tried any over the counter treatments have those helped',
      '[patient] yeah i did head and shoulders i even tried some castor oil and but none of them really seemed to be helping',
    ];
    expect(characterOf(lines)).toContain('She has tried Head & Shoulders and castor oil, without relief.');
    expect(hpiOf(lines)).not.toMatch(/did head and shoulders/i);
  });

  it('writes an intermittent course that became constant, with how long, from a turn split at "and then"', () => {
    const lines = [
      '[doctor] is the pain coming and going?',
      "[patient] um, at first it was coming and going, and then for about the last 48 hours, it's been a constant, and it's been pretty bad.",
    ];
    expect(characterOf(lines, 'male')).toContain(
      'The pain was intermittent at first and has been constant for the last 48 hours.',
    );
    expect(hpiOf(lines)).not.toMatch(/At first it was coming and going\./);
  });

  it('reads a passing reaction to an event as no anxiety, but a lasting nervous feeling as anxiety', () => {
    const anxious = (line: string) =>
      extractFacts(
        parseTranscript(
          [
            '[doctor] roger is a 62 year old male here for emergency room follow-up for some chest pain.',
            `[patient] yeah. i was short of breath and i felt a little chest pain for about an hour or so. ${line}`,
            '[doctor] how are you feeling since then?',
            '[patient] i felt fine ever since.',
          ].join('\n'),
        ),
      ).symptoms.some((f) => f.name === 'anxiety' && f.assertion === 'present');
    expect(anxious('so, i got a little nervous about that.')).toBe(false);
    expect(anxious("doctors' offices make me nervous.")).toBe(false);
    expect(anxious('so, i have been feeling nervous lately.')).toBe(true);
  });

  it('writes a symptom of the same episode with the complaint it came with, not as a current complaint', () => {
    const hpi = hpiOf([
      '[doctor] roger is a 62 year old male here for emergency room follow-up for some chest pain. so, roger, i heard you went to the er.',
      '[patient] yeah. we were doing a bunch of yard work and i was short of breath and i felt a little chest pain for probably about an hour or so. so, i got a little nervous about that.',
      '[doctor] and how are you feeling since then?',
      '[patient] i felt fine ever since.',
    ]);
    expect(hpi).toMatch(/chest pain for [^.]*an hour, with shortness of breath\./);
    expect(hpi).not.toMatch(/also reports shortness of breath|anxiety/);
  });

  it('takes no duration from "over the years"', () => {
    expect(DURATION.exec("i've had back pain occasionally over the years")).toBeNull();
    expect(DURATION.exec("it's been going on for about 4 days")?.[1]).toBe('about 4 days');
  });
});
