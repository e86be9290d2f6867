import { describe, expect, it } from 'vitest';
import { extractFacts, parseTranscript } from '../../../core/clinical/index.js';
import { draftOf, itemsOf, sectionOf } from './draft-helpers.js';

describe('a dose taken as a count of tablets', () => {
  it("keeps the count, and a schedule said of two drugs together is each one's", () => {
    expect(
      itemsOf([
        '[doctor] i would like you to stay on two tylenol 500 milligrams and two ibuprofen 200 milligram tablets. and i want you to take that three times a day.',
      ]),
    ).toEqual([
      'Continue tylenol 500 mg, 2 tablets 3 times a day.',
      'Continue ibuprofen 200 mg, 2 tablets 3 times a day.',
    ]);
  });

  it('reads the count said after the strength', () => {
    expect(itemsOf(['[doctor] start ibuprofen 200 mg, take two tablets twice a day.'])).toEqual([
      'Start ibuprofen 200 mg, 2 tablets twice a day.',
    ]);
  });

  it('a number that is no count of tablets is not read as one', () => {
    expect(itemsOf(['[doctor] for 2 ibuprofen 200 mg is fine, start it twice a day.']).join(' ')).not.toMatch(
      /tablets/,
    );
  });

  it('the current medication list takes the count and schedule the plan keeps', () => {
    const d = draftOf([
      '[doctor] what do you take for the knee pain?',
      '[patient] i take tylenol 500 mg and ibuprofen 200 mg.',
      '[doctor] okay. the x-ray looks good. i think you have a knee sprain.',
      '[doctor] i would like you to stay on two tylenol 500 milligrams and two ibuprofen 200 milligram tablets. and i want you to take that three times a day.',
    ]);
    const meds = sectionOf(d, /medications/i).join('\n');
    expect(meds).toMatch(/Acetaminophen 500 mg, 2 tablets 3 times a day/);
    expect(meds).toMatch(/Ibuprofen 200 mg, 2 tablets 3 times a day/);
  });
});

describe("today's diagnosis is not past history", () => {
  it('a condition the patient asks about, unpunctuated, is not history', () => {
    const d = draftOf([
      '[patient] my elbow hurts when i lift weights.',
      '[doctor] the x-rays show no fracture. i do think that what you have is medial epicondylitis which is',
      "[patient] is that golfer's elbow",
      '[doctor] yes same thing. we will get an mri.',
    ]);
    expect(sectionOf(d, /past medical history/i).join(' ')).not.toMatch(/epicondylitis/i);
  });
});

describe('a body part named as what brings a pain on', () => {
  const symptoms = (lines: string[]) => extractFacts(parseTranscript(lines.join('\n'))).symptoms.map((s) => s.name);

  it('is no pain of its own', () => {
    const lines = [
      '[doctor] what brings you in today?',
      '[patient] my right elbow is extremely sore.',
      '[doctor] okay.',
      '[patient] the more i use my hands or my arms the more it hurts',
      '[doctor] okay, let me examine you.',
    ];
    expect(symptoms(lines)).toContain('elbow pain');
    expect(symptoms(lines)).not.toContain('hand pain');
    expect(symptoms(lines)).not.toContain('arm pain');
  });

  it('a part that hurts when used still hurts', () => {
    expect(
      symptoms([
        '[doctor] what brings you in today?',
        '[patient] i have pain in my hand when i use my hands to type.',
        '[doctor] okay, let me examine you.',
      ]),
    ).toContain('hand pain');
  });
});

describe('a symptom the patient says has long been there', () => {
  it('is written as long-standing, citing the turn that says so', () => {
    const d = draftOf([
      '[doctor] what brings you in?',
      '[patient] i dropped a brick on my right foot yesterday and it hurts.',
      '[doctor] have you experienced any numbness or tingling of that foot since the incident?',
      '[patient] yeah the whole foot is numb',
      '[doctor] okay',
      '[patient] but been now for a long time',
    ]);
    const hpi = d.sections.find((s) => s.id === 'hpi')!.sentences;
    const line = hpi.find((s) => /numbness/.test(s.text));
    expect(line?.text).toMatch(/long-standing numbness/);
    expect(line?.evidence).toContain(5);
  });
});
