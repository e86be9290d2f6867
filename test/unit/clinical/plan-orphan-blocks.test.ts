import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

/** The A&P of a visit given as tagged lines, one line per note line. */
const plan = (lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  const ap = note.slice(note.indexOf('ASSESSMENT AND PLAN')).split('\n');
  const end = ap.findIndex((l, i) => i > 0 && /^[A-Z][A-Z &]+$/.test(l));
  return end > 0 ? ap.slice(0, end) : ap;
};
const headings = (ap: string[]) => ap.slice(1).filter((l) => l && !l.startsWith('•') && !/^follow/i.test(l));

describe('A&P blocks without a problem heading', () => {
  it('an opener whose problem is stated as a diagnosis heads its block', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] my back has been hurting since i played golf.',
      '[doctor] on your back exam you have pain to palpation of the lumbar spine.',
      "[doctor] so let's talk about my assessment and plan. so, for your first problem, i think you have an acute lumbar, um, strain.",
      '[doctor] and i want to prescribe meloxicam 15 milligrams once a day and refer you to physical therapy.',
      '[doctor] for your next problem, your type 2 diabetes, i would like to increase your metformin to 1,000 milligrams twice daily.',
    ]);
    expect(headings(ap)[0]).toBe('Acute lumbar strain.');
    expect(ap[1]).not.toMatch(/^•/);
  });

  it("an opener's problem is cut where the run-on sentence goes on past it", () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] i want to quit smoking, i smoke a pack and a half a day.',
      '[doctor] your lungs are clear.',
      '[doctor] for your first problem of nicotine dependence first of all i want to applaud you on making this first step and we will start a nicotine patch 21 milligrams.',
      '[doctor] for your type 2 diabetes, continue the metformin 500 milligrams twice a day.',
    ]);
    expect(headings(ap)[0]).toBe('Nicotine dependence.');
    expect(ap[1]).not.toMatch(/^•/);
  });

  it('statements before the first named problem are headed by the chief complaint they concern', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] i have this ulcer on my right foot that is not healing.',
      '[doctor] okay, on exam there is a 2 cm ulcer on the right foot.',
      "[doctor] so we'll do some studies to see if you have the blood supply to heal this foot wound. i'll order an arterial ultrasound of the lower extremities.",
      '[doctor] for your diabetes, you need to get it better controlled with your primary care physician.',
    ]);
    const hs = headings(ap);
    expect(hs[0]).toMatch(/foot ulcer\.$/i);
    expect(ap[1]).not.toMatch(/^•/);
  });

  it('a symptom opened as a problem and diagnosed in the same turn is headed by the diagnosis only', () => {
    const ap = plan([
      '[doctor] what brings you in today?',
      '[patient] my back hurts after moving a refrigerator.',
      '[doctor] on exam there is tenderness of the lumbar spine.',
      '[doctor] so my assessment for your first problem, your back pain. i think you have a lumbar strain. i want to order an mri just to be sure.',
      '[doctor] and i will prescribe meloxicam 15 milligrams once a day.',
    ]);
    const hs = headings(ap);
    expect(hs).toContain('Lumbar strain.');
    expect(hs).not.toContain('Back pain.');
  });
});
