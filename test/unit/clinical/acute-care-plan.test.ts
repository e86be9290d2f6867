/** Acute-care plans said in run-on speech: each drug's own verb and dose, tests and referrals, the stated diagnosis. */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';

const plan = (...lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

describe('acute-care plans', () => {
  it('a drug taken after one stopped is started, not stopped', () => {
    const p = plan(
      '[patient] i have an itchy rash since i started amoxicillin.',
      '[doctor] this looks like a drug eruption from the amoxicillin stop the amoxicillin take zyrtec 10 milligrams daily',
    );
    expect(p).toMatch(/Stop amoxicillin/);
    expect(p).toMatch(/Start Zyrtec 10 mg daily/);
  });

  it('a weight-based dose keeps its per kilogram, and a course said past the dose is kept', () => {
    const p = plan(
      '[patient] he has ear pain and a fever.',
      '[doctor] we will do amoxicillin 90 milligrams per kilogram per day divided twice a day for 10 days',
    );
    expect(p).toMatch(/amoxicillin 90 mg\/kg/);
    expect(p).toMatch(/for 10 days/);
  });

  it('a bnp, a pregnancy test and a culture sent are orders', () => {
    expect(
      plan(
        '[patient] i am short of breath.',
        '[doctor] i want to get a bnp and a chest x-ray and increase your lasix to 40 milligrams twice a day.',
      ),
    ).toMatch(/Order BNP and chest x-ray/);
    expect(plan('[patient] my period is late.', "[doctor] we'll get a pregnancy test today.")).toMatch(
      /Order pregnancy test/,
    );
    expect(
      plan(
        '[patient] it burns when i pee.',
        '[doctor] we will send a urine culture and start cefdinir 300 milligrams twice daily.',
      ),
    ).toMatch(/Order urine culture\./);
  });

  it('a referral to obstetrics or behavioral health is a referral', () => {
    const p = plan(
      '[patient] i have been feeling down.',
      '[doctor] i will refer you to obstetrics.',
      '[doctor] i would like to connect you with behavioral health.',
    );
    expect(p).toMatch(/Refer to obstetrics/i);
    expect(p).toMatch(/behavioral health/i);
  });

  it('"so this is X" in a run-on heads the plan, cut where the plan starts', () => {
    const p = plan(
      '[patient] my chest hurts when i breathe in.',
      '[doctor] pressing on your chest wall reproduces the pain so this is costochondritis take naproxen 500 milligrams twice a day',
    );
    expect(p).toMatch(/^ASSESSMENT AND PLAN\nCostochondritis\./);
  });

  it('a test in the consequence of a condition is only considered', () => {
    const p = plan(
      '[patient] i rolled my ankle.',
      '[doctor] if you cannot bear weight or it is not better in two weeks come back and we will get an x-ray',
    );
    expect(p).not.toMatch(/Order x-ray/i);
  });
});
