import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The A&P of a visit given as tagged lines, one line per note line. */
const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN')).split('\n');
};
const knee = [
  '[doctor] hi, what brings you in today?',
  '[patient] my right knee has been hurting for a few months.',
  "[doctor] okay, let's do a quick physical exam. there is tenderness around the patella.",
  '[patient] okay.',
];

describe('A&P lines say one thing each, under the label of what they say', () => {
  it('a condition cut from its action by a backchannel is written with it, as a warning', () => {
    const ap = plan([
      ...knee,
      "[doctor] for your knee pain i'm going to start you on meloxicam 15 milligrams once a day.",
      "[doctor] so if you do start to notice that you're getting heartburn or pain right there",
      '[patient] yeah',
      '[doctor] below your sternum you would need to stop taking the medicine and give me a call',
    ]);
    const warning = ap.find((l) => /heartburn/.test(l)) ?? '';
    expect(warning).toMatch(/^• Patient Education and Counseling: If .*heartburn.* below .*sternum/);
    expect(warning).toMatch(/should stop taking the medicine and call the office\./);
    expect(ap.join('\n')).not.toMatch(/give me a call|^Below/m);
  });

  it('a study already done and read in the plan is reasoning, not an order', () => {
    const ap = plan([
      ...knee,
      '[doctor] so based on what you told me and reviewing the mri that you had done before you came in your symptoms are consistent with patellofemoral pain syndrome and this is a common condition that causes knee pain in active people, that is probably why you get it when you run.',
    ]);
    const line = ap.find((l) => /reviewing the MRI/.test(l)) ?? '';
    expect(line).toMatch(/^• Medical Reasoning:/);
  });

  it('a treatment offered for worse cases is written as discussed, not as current treatment', () => {
    const ap = plan([
      ...knee,
      '[doctor] that would be surgery if we went in and cleaned out the joint, sometimes in really severe cases we even have to replace the joint.',
    ]);
    expect(ap.some((l) => /surgery if/.test(l))).toBe(false);
    expect(ap.join('\n')).toContain(
      'Discussed surgical options (joint debridement; joint replacement in severe cases).',
    );
  });

  it('an order of levels is testing, said without the restart and the aside to the patient', () => {
    const ap = plan([
      ...knee,
      "[doctor] i'm going to order a you get another urine collection some morning aldosterone levels and a twenty four hour urine and these things can really show me if there is any problems with your adrenal glands again this is a lot of big words.",
    ]);
    const line = ap.find((l) => /aldosterone/.test(l)) ?? '';
    expect(line).toMatch(/^• Additional Testing:/);
    expect(line).toMatch(/Will order another urine collection|Will order urine collection/);
    expect(line).toMatch(/to evaluate for problems with their adrenal glands\.$/);
    expect(line).not.toMatch(/big words|show me/);
  });

  it('cutting a habit down to a target is counselling', () => {
    const ap = plan([
      ...knee,
      "[doctor] i want you to decrease your alcohol. let's bring it down to maybe one a week or two a week just to get those down lower.",
    ]);
    expect(ap.find((l) => /bring it down/i.test(l)) ?? '').toMatch(/^• Patient Education and Counseling:/);
  });

  it('a follow-up told to the front desk is written as a follow-up; interval-only and cut-off clauses go', () => {
    const ap = plan([
      ...knee,
      "[doctor] for your knee pain i'm going to start you on meloxicam 15 milligrams once a day.",
      "[doctor] we'll also keep an eye on these scars and then we'll go from there.",
      '[doctor] finally three weeks.',
      "[doctor] all right. well, i'm going to tell the front desk six months and we'll revisit those scars.",
    ]);
    const text = ap.join('\n');
    expect(text).toContain('Follow up in 6 months to reassess scars.');
    expect(text).not.toMatch(/front desk|Finally 3 weeks|go from/);
    expect(text).toMatch(/keep an eye on these scars\./i);
  });
});
