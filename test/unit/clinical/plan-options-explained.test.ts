/**
 * A&P: a treatment explained as an option is written as discussed, not as reasoning; a conditional next step is
 * "If …, will discuss X."; a test found positive, with its treatment, heads its own problem.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const ap = (t: string) => {
  const note = draftNote(parseTranscript(t)).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

const HISTORY = `[doctor] hi, what brings you in today?
[patient] my right big toe has been hurting for a few months.
[doctor] any swelling?
[patient] a little bit.
[doctor] okay, let's do a quick exam. on exam of your right foot, there is pain with motion of the big toe joint.
[doctor] i reviewed your x-ray and it shows arthritis of the big toe joint.
`;

describe('plan: options explained', () => {
  it('writes a surgical option explained to the patient as discussed, not as reasoning', () => {
    const out = ap(
      `${HISTORY}[doctor] so my assessment is hallux rigidus. i'm going to prescribe meloxicam 15 milligrams once a day. that would be surgery if we went in and cleaned out the joint, and sometimes in really severe cases we even have to fuse the big toe joint and then the pain goes away, but let's try to avoid that a little bit longer.
[patient] okay.`,
    );
    expect(out).toContain('Discussed surgical options (joint debridement; fusion in severe cases)');
    expect(out).not.toMatch(/That would be surgery/i);
    expect(out).not.toMatch(/pain goes away/i);
  });

  it('writes a conditional next step as "If …, will discuss X."', () => {
    const out = ap(
      `[doctor] what brings you in?
[patient] i have bad right flank pain.
[doctor] okay, let's do an exam. there is tenderness over your right flank.
[doctor] your ct shows a kidney stone. so my assessment is a kidney stone. i'm going to prescribe oxycodone 5 milligrams every 6 hours for pain. i want to see you back in 2 weeks and hopefully by that time you passed the stone but if not we can discuss lithotripsy it's like a shock wave that breaks up the stone.
[patient] okay.`,
    );
    expect(out).toContain('If stone not passed, will discuss lithotripsy.');
    expect(out).not.toMatch(/shock wave/i);
  });

  it('heads a positive test with its treatment, and the course is finished', () => {
    const out = ap(
      `[doctor] what brings you in?
[patient] my sugars have been high and my throat is sore.
[doctor] okay, let's do an exam. your throat is red.
[doctor] hey dragon, show me the rapid strep. you are positive for strep.
[doctor] so my impression is hyperglycemia, probably related to an infection. from a rapid strep standpoint we're going to treat you with amoxicillin 500 milligrams three times a day. make sure you take it all, even if you start feeling better.
[patient] okay.`,
    );
    expect(out).toMatch(/Positive rapid strep\.\n.*amoxicillin 500 mg/);
    expect(out).toContain('Finish the whole course of amoxicillin even if feeling better.');
  });
});
