/**
 * The A&P says what the plan is, not how the doctor explained it: no "that's going to help with …", no dose said
 * again for "that" drug, restrictions as directives ("No running for 2 weeks."), hedged intentions as "may", and a
 * reasoning line that states an assessment, not an intention.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The A&P of a visit given as tagged lines, one line per note line. */
const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN')).split('\n');
};
const knee = [
  '[doctor] hi, what brings you in today?',
  '[patient] my right knee has been hurting since i started running more.',
  "[doctor] okay, let's do a quick physical exam. there is tenderness around the patella.",
  '[patient] okay.',
];

describe('A&P: copied speech the plan items already state', () => {
  it('the dose said again for "that" drug goes, and what it helps with goes with the drug', () => {
    const ap = plan([
      ...knee,
      "[doctor] i think you have a knee sprain from overuse. i would like you to take ibuprofen 200 milligrams three times a day and i want you to take that three times a day and that's gonna help with both the pain and the inflammation.",
    ]);
    const text = ap.join('\n');
    expect(text).toMatch(/ibuprofen 200 mg 3 times a day for pain and inflammation\./);
    expect(text).not.toMatch(/take that|going to help/i);
  });

  it('why a treatment will help is not written after it', () => {
    const ap = plan([
      ...knee,
      "[doctor] i think you have a knee sprain. we'll get you started on a knee brace which is going to help stabilize that knee.",
    ]).join('\n');
    expect(ap).toMatch(/brace/i);
    expect(ap).not.toMatch(/going to help/i);
  });
});

describe('A&P: restrictions, hedges and intentions in note phrasing', () => {
  it('"let\'s no running" is a restriction written as one, under counselling', () => {
    const ap = plan([
      ...knee,
      "[doctor] i think you have a knee sprain from overuse. so let's no running for two weeks and if we're improving",
      "[doctor] then we'll move on and probably start adding some additional activity.",
    ]);
    expect(ap).toContain('• Patient Education and Counseling: No running for 2 weeks.');
    const text = ap.join('\n');
    expect(text).not.toMatch(/Will no\b|move on|probably/);
    expect(text).toMatch(/May start adding some additional activity\./);
  });

  it('an intention is not a reasoning line', () => {
    const ap = plan([
      ...knee,
      "[doctor] for your knee pain i think you have a knee sprain. i'm going to start you on meloxicam 15 milligrams once a day. i'll talk to your doctor.",
    ]);
    expect(ap.join('\n')).toMatch(/Will talk to their doctor\./);
    expect(ap.find((l) => /Will talk to/.test(l)) ?? '').not.toMatch(/Medical Reasoning/);
  });
});
