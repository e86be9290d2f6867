import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { examOf } from './draft-helpers.js';

const visit = (...exam: string[]) => [
  '[doctor] so what brings you in today?',
  '[patient] i have been short of breath and my legs are swollen.',
  '[doctor] okay, let me examine you.',
  ...exam,
  '[doctor] for your first problem, your heart failure, i am going to increase your lasix to 40 mg a day.',
];

describe('exam: one system per bullet', () => {
  it('splits a dictated sentence at the clause that names another system', () => {
    const exam = examOf(
      visit(
        '[doctor] on exam you have some fine crackles at the bases bilaterally, and your lower extremities have 1+ pitting edema.',
      ),
    );
    expect(exam.find((l) => l.startsWith('• Respiratory:'))).toMatch(/crackles at the bases bilaterally\.$/);
    expect(exam.find((l) => l.startsWith('• Respiratory:'))).not.toMatch(/edema/);
    // Edema of both legs is the heart's sign (fluid), filed under Cardiovascular.
    expect(exam.find((l) => l.startsWith('• Cardiovascular:'))).toMatch(/[Ll]ower extremities have 1\+ pitting edema/);
  });

  it('splits run-on findings said without a pause, each to the system it names', () => {
    const exam = examOf(
      visit('[doctor] your abdomen is soft there is no rebound or guarding your lungs are clear bilaterally.'),
    );
    expect(exam).toContain('• Gastrointestinal: Abdomen is soft, no rebound or guarding.');
    expect(exam).toContain('• Respiratory: Lungs are clear bilaterally.');
  });

  it('keeps a list of one system together ("no axillary, cervical, or supraclavicular lymphadenopathy")', () => {
    const exam = examOf(
      visit("[doctor] there's no suspicious moles, no axillary, cervical, or supraclavicular lymphadenopathy."),
    );
    // Nodes beyond the neck are the lymphatic system's, as the reference notes file them.
    expect(exam).toContain('• Lymphatic: No axillary, cervical, or supraclavicular lymphadenopathy.');
    expect(exam.some((l) => /^• Integumentary: .*moles/.test(l))).toBe(true);
  });

  it('drops a fragment with no finding and keeps the findings around it', () => {
    const exam = examOf(visit('[doctor] exam of the low back.', '[doctor] range of motion is decreased in extension.'));
    expect(exam.join('\n')).not.toMatch(/Exam of the low back/);
    expect(exam.join('\n')).toMatch(/Range of motion is decreased in extension\./);
  });

  it('strips the narration of the maneuver and keeps the finding', () => {
    const exam = examOf(
      visit(
        "[doctor] now for your lung exam i'm going to go ahead and listen to your lungs your lungs are clear and equal bilaterally.",
        '[doctor] when i look at the knee there is no redness.',
        '[doctor] your lungs are clear and let me listen quickly to your heart i do hear a 2/6 systolic ejection murmur.',
      ),
    );
    const text = exam.join('\n');
    expect(text).not.toMatch(/listen|going to|look at/i);
    expect(text).toMatch(/Lungs are clear and equal bilaterally\./);
    expect(text).toMatch(/Knee: no redness\./);
    expect(exam).toContain('• Cardiovascular: A 2/6 systolic ejection murmur.');
  });

  it('states a short finding without the hearing ("no bruits that I can hear") and one bullet per system in a row', () => {
    const exam = examOf(
      visit(
        '[doctor] there is no bruits that i can hear.',
        '[doctor] there is no murmur.',
        '[doctor] your heart has a regular rate and rhythm.',
      ),
    );
    // A carotid bruit is the neck's, as the reference notes file it.
    expect(exam).toContain('• Neck: No bruits.');
    expect(exam).toContain('• Cardiovascular: No murmur. Heart has a regular rate and rhythm.');
  });
});

describe('a finding after the announced maneuver', () => {
  it('"okay let me listen to your lungs here real quick russell your lungs are clear" keeps the finding', () => {
    const d = draftNote(
      parseTranscript(
        [
          '[patient] my chest has been fine since the stent.',
          "[doctor] let's do a quick physical exam. so we'll continue to monitor that okay let me listen to your lungs here real quick russell your lungs are clear so good good and your extremities show no edema.",
          '[patient] okay.',
        ].join('\n'),
      ),
    );
    expect(d.note).toMatch(/Respiratory: Lungs are clear\./);
  });
});
