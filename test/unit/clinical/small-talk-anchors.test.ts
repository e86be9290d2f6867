import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** A section of the draft of a visit given as tagged lines, as the note renders it. */
const sectionOf = (lines: string[], title: string): string => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return new RegExp(`${title}\\n([\\s\\S]*?)(?:\\n\\n|$)`).exec(note)?.[1] ?? '';
};
const hpiOf = (lines: string[]) => sectionOf(lines, 'HISTORY OF PRESENT ILLNESS');
const examOf = (lines: string[]) => sectionOf(lines, 'PHYSICAL EXAMINATION').split('\n');

const ankle = (...more: string[]) => [
  '[doctor] hi there, i see you hurt your left ankle, what happened?',
  '[patient] i stepped off the curb and landed on it wrong yesterday.',
  '[doctor] have you had any ankle injuries before?',
  '[patient] no, never.',
  ...more,
  '[doctor] okay, let me examine you.',
  '[doctor] there is ecchymosis over the lateral malleolus and some swelling.',
  '[doctor] for your left ankle sprain, i want you to use an aircast and ice it, and follow up in 2 weeks.',
];

describe('history: a condition or an injury word inside small talk is no anchor', () => {
  it('drops small talk that names covid only as the time of the story', () => {
    const hpi = hpiOf(
      ankle(
        '[doctor] do you get out and walk much?',
        "[patient] we haven't yet but i'm sure we'll check it out ever since i feel like working at home during covid we we we take walks all the time",
      ),
    );
    expect(hpi).toMatch(/curb/);
    expect(hpi).not.toMatch(/covid/i);
  });

  it('drops small talk about hitting a ball around (play, not an injury)', () => {
    const hpi = hpiOf(
      ankle(
        '[doctor] do you play any sports?',
        "[patient] i do i'm trying to learn but i can not afford tennis less lessons so me and my friends just hit the balls back and forth i do sleep",
      ),
    );
    expect(hpi).toMatch(/curb/);
    expect(hpi).not.toMatch(/hit the balls/i);
  });
});

describe('exam: chat and history that open or sit in a finding', () => {
  const visit = (...exam: string[]) => [
    '[doctor] so what brings you in today?',
    '[patient] my back has been hurting for 4 days.',
    '[doctor] okay, let me examine you.',
    ...exam,
    '[doctor] for your back pain, i think this is a muscular strain, i am going to start you on naprosyn 500 mg twice a day.',
  ];

  it('strips an acknowledgement that opens a finding ("Exactly so his neck exam…")', () => {
    const exam = examOf(visit('[doctor] exactly so your neck exam has no jvd.'));
    expect(exam).toContain('• Neck: Their neck exam has no jvd.');
  });

  it('strips a comment on the finding before ("Not really worried about that currently their lungs…")', () => {
    const exam = examOf(
      visit(
        "[doctor] i do hear a grade two out of six systolic ejection murmur and that we knew about that already so not really worried about that currently listen to your lungs your lungs are clear bilaterally i do n't hear any crackles or wheezes.",
      ),
    );
    expect(exam.some((l) => /^• Respiratory: Lungs are clear bilaterally/.test(l))).toBe(true);
    expect(exam.join('\n')).not.toMatch(/worried/);
  });

  it('strips "good and…" but keeps "Good range of motion"', () => {
    const exam = examOf(
      visit(
        "[doctor] let me listen to your lungs here real quick your lungs are clear so good good and your extremities i don't see any swelling or edema.",
        '[doctor] on your back exam, good range of motion of the lumbar spine.',
      ),
    );
    expect(exam.join('\n')).toMatch(/Extremities: no swelling or edema\./);
    expect(exam.join('\n')).not.toMatch(/Good and/);
    expect(exam.join('\n')).toMatch(/Good range of motion of the lumbar spine\./);
  });

  it('strips what comes next ("We\'ll have to look into that and then her right knee…")', () => {
    const exam = examOf(
      visit(
        "[doctor] your right knee has some slight pain to palpation. we'll have to look into that and then your right knee looks a little swollen.",
      ),
    );
    expect(exam.join('\n')).toMatch(/Right knee looks a little swollen\./);
    expect(exam.join('\n')).not.toMatch(/look into that/);
  });

  it('strips chat before a finding called out in the plan ("Same thing so they do have…")', () => {
    const exam = examOf([
      '[doctor] so what brings you in today?',
      '[patient] my hands go numb at night.',
      '[doctor] okay, let me examine you.',
      '[doctor] your grip strength is less on the left.',
      '[doctor] for your carpal tunnel syndrome, i would like to order an emg.',
      "[doctor] same thing okay so you do have a bilateral positive tinel's sign.",
    ]);
    expect(exam.join('\n')).toMatch(/A bilateral positive tinel's sign\./);
    expect(exam.join('\n')).not.toMatch(/Same thing/);
  });

  it("leaves the patient's report read back during the exam to the history", () => {
    const lines = [
      '[doctor] so, i hear you are having pain this arm. is that correct?',
      '[patient] yes, my left arm has been hurting for a month.',
      '[doctor] okay, let me examine you.',
      '[doctor] reflexes are symmetric bilaterally.',
      '[doctor] for your arm pain, i think this is a pinched nerve, i want to order an mri of your neck.',
    ];
    expect(examOf(lines).join('\n')).not.toMatch(/having pain/);
    expect(hpiOf(lines)).toMatch(/arm/);
  });

  it('cuts a question asked inside a finding and the history after it', () => {
    const exam = examOf(
      visit(
        '[doctor] and in your ears everything looks okay have you had any problems with allergies you have seasonal allergies or anything like that',
      ),
    );
    expect(exam.join('\n')).toMatch(/everything looks okay\./);
    expect(exam.join('\n')).not.toMatch(/allergies/);
  });
});
