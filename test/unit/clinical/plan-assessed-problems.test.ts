/**
 * Assessed problems and safety items in the A&P: a drug held before a procedure, a diagnosis said inside an
 * impression or with "it should be", a drug prescribed in the turn that opened its problem, a firm order over a
 * considered one.
 */
import { describe, expect, it } from 'vitest';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { planFacts } from '../../../core/clinical/plan.js';
import type { Sentence } from '../../../core/clinical/discourse.js';

const plan = (...lines: string[]) => {
  const note = draftNote(parseTranscript(lines.join('\n'))).note;
  return note.slice(note.indexOf('ASSESSMENT AND PLAN'));
};

const items = (...said: string[]) =>
  planFacts(
    said.map((text, i) => ({ turn: i, pos: 0, speaker: 'doctor', text, lower: text.toLowerCase() }) as Sentence),
    () => true,
    () => null,
  ).map((i) => i.text);

describe('assessed problems and safety items', () => {
  it('a drug stopped for a time before surgery is held before it', () => {
    expect(items("now before surgery we'll have to get you off your clopidogrel for a week beforehand.")).toContain(
      'Hold clopidogrel for a week before surgery.',
    );
    expect(items('please stop the aspirin 5 days before the colonoscopy.')).toContain(
      'Hold aspirin 5 days before colonoscopy.',
    );
  });

  it('a schedule said of the drug just recommended is its frequency', () => {
    expect(
      items('so i might recommend putting you on magnesium supplement.', "it's supposed to be twice a day."),
    ).toContain('Start magnesium twice a day.');
  });

  it('a study ordered outright outranks the same study only considered', () => {
    const t = items('you might also have to repeat an ekg before surgery.', 'going to repeat ekg today.');
    expect(t.some((x) => /^Order repeat ekg/i.test(x))).toBe(true);
    expect(t.some((x) => /^Consider/.test(x))).toBe(false);
  });

  it('"let\'s talk about a few things" after the exam opens the plan', () => {
    const p = plan(
      '[doctor] how are you doing with the heart failure?',
      '[patient] pretty good, i have my knee replacement in june.',
      '[doctor] okay. any swelling in your legs?',
      '[patient] no.',
      '[doctor] any chest pain?',
      '[patient] no.',
      '[doctor] all right let me take a listen. take a couple of deep breaths for me.',
      "[doctor] your lungs sound clear. i think you're doing good overall but let's just talk about a few things.",
      '[patient] all righty.',
      "[doctor] now before surgery we'll have to get you off your clopidogrel for a week beforehand.",
      '[patient] okay.',
    );
    expect(p).toMatch(/Hold clopidogrel for a week before surgery\./);
  });

  it('a diagnosis said inside "my impression is that …" heads the problem', () => {
    const p = plan(
      '[patient] my right leg hurts since i fell.',
      '[doctor] okay, let me examine you. does it hurt when i push on your leg like that?',
      '[patient] yes.',
      '[doctor] so, on my exam, you have some significant tenderness to the lateral aspect of your right upper leg.',
      "[doctor] okay. well, my impression is that you- you probably have a contusion. so, i'm going to start you on mobic 15 milligrams once a day.",
      '[patient] okay.',
      '[doctor] it should be a contusion, get better in the next week.',
      '[patient] okay.',
    );
    expect(p).toMatch(/^ASSESSMENT AND PLAN\nPossible right leg contusion\./);
    // Said again ("it should be a contusion"), the problem is not headed a second time.
    expect(p.match(/contusion\.\n/g)?.length).toBe(1);
  });

  it('"it should be a contusion" states the diagnosis', () => {
    const p = plan(
      '[patient] i fell and hurt my right thigh.',
      '[doctor] okay, let me examine you. does it hurt when i push on your thigh like that?',
      '[patient] yes.',
      '[doctor] you have tenderness over the right thigh. your x-ray is normal.',
      "[doctor] okay. it should be a contusion. i'm going to start you on mobic 15 milligrams once a day.",
      '[patient] okay.',
    );
    expect(p).toMatch(/^ASSESSMENT AND PLAN\n(?:Right thigh c|C)ontusion\./);
  });

  it('a drug prescribed in the turn that opened its problem stays under it', () => {
    const p = plan(
      '[doctor] so you had a heart attack and they put in a stent. how are you feeling?',
      '[patient] better.',
      '[doctor] let me listen to your heart. there is a murmur at the left base.',
      '[doctor] so for your first diagnosis of coronary artery disease continue your aspirin 81 milligrams daily.',
      '[patient] okay.',
      '[doctor] for your second diagnosis the moderate mitral regurgitation i think your pumping function will improve in time. i do want to add aldactone 12.5 milligrams daily.',
      '[patient] okay.',
      '[doctor] and for your third diagnosis of hypertension your blood pressures seem fine so we will continue to monitor that.',
      '[patient] alright.',
    );
    const mr = p.slice(p.indexOf('Moderate mitral regurgitation'), p.indexOf('Hypertension'));
    expect(mr).toMatch(/Start Aldactone 12\.5 mg daily/);
    expect(p.slice(p.indexOf('Hypertension'))).not.toMatch(/Aldactone/);
  });
});
