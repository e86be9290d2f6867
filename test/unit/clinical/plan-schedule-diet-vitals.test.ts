import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../../core/clinical/discourse.js';
import { draftNote, parseTranscript } from '../../../core/clinical/index.js';
import { ADVICE_LABELS, planFacts } from '../../../core/clinical/plan.js';

/** The plan items of a visit given as tagged lines, every sentence read as plan, with no problem named. */
const itemsOf = (...lines: string[]) =>
  planFacts(
    sentencesOf(parseTranscript(lines.join('\n'))),
    () => true,
    () => null,
  ).map((i) => i.text);

const noteOf = (...lines: string[]) => draftNote(parseTranscript(lines.join('\n'))).note;

describe('a drug’s schedule said after its dose', () => {
  it('reads the frequency and time of day said in the next sentence of the turn', () => {
    expect(
      itemsOf(
        "[doctor] i'm going to put you on protonix 40 mg. you'll take that once a day, first thing in the morning.",
      ),
    ).toContain('Start protonix 40 mg once daily in the morning.');
  });

  it('reads a schedule said past the dose’s window through a pointer, and its time of day in the next clause', () => {
    const items = itemsOf(
      "[doctor] i wan na go ahead and prescribe protonix it's forty milligrams you're gon na take that once a day you should take it the first thing in the morning i also wan na prescribe to you something called carafate you take one gram four times a day for one month",
    );
    expect(items).toContain('Start protonix 40 mg once daily in the morning.');
    expect(items).toContain('Start carafate 1 g 4 times a day for 1 month.');
  });

  it('adds no time of day to a drug taken more than once a day', () => {
    const items = itemsOf(
      '[doctor] start metformin 500 mg twice a day. you should take it in the morning and at night with food.',
    );
    expect(items.find((t) => /metformin/.test(t))).not.toMatch(/in the morning/);
  });
});

describe('diet and lifestyle counselling', () => {
  it('names salt reduction as a low-sodium diet', () => {
    expect(
      itemsOf('[doctor] and then your salt intake, you need to be very judicious about decreasing that salt intake.'),
    ).toContain('Counseled on a low-sodium diet.');
  });

  it('writes foods to avoid briefly, with how long', () => {
    expect(
      itemsOf(
        '[doctor] i also want you to avoid citrus foods fruits and spicy foods until your symptoms have improved.',
      ),
    ).toContain('Avoid citrus and spicy foods until symptoms improve.');
    expect(itemsOf('[doctor] please avoid spicy foods and caffeinated drinks.')).toContain(
      'Avoid spicy foods and caffeinated drinks.',
    );
  });

  it('names less drinking and regular exercise', () => {
    const items = itemsOf(
      "[doctor] i want you to cut back on the beers, and i'd like you to get some regular exercise.",
    );
    expect(items).toContain('Counseled to reduce alcohol intake.');
    expect(items).toContain('Counseled on regular exercise.');
  });

  it('reads no advice from a lab value, a question or exertion', () => {
    expect(itemsOf('[doctor] you have low sodium on your labs.')).toEqual([]);
    expect(itemsOf('[doctor] are you watching your salt?')).toEqual([]);
    expect(itemsOf('[doctor] your pain may get worse with more exercise.')).toEqual([]);
  });

  it('files the advice under the problem it was given for', () => {
    const note = noteOf(
      '[doctor] what brings you in?',
      '[patient] my blood pressure has been high.',
      '[doctor] okay let me examine you. your lungs are clear.',
      "[doctor] so for your hypertension, i'm going to start lisinopril 10 mg daily. and your salt intake, you need to be very careful about decreasing that salt.",
      "[doctor] we'll see you back in 3 months.",
    );
    const plan = note.slice(note.indexOf('ASSESSMENT'));
    expect(plan).toMatch(/Hypertension\.\n(?:.*\n)*?.*Counseled on a low-sodium diet\./);
  });

  it('gives the verifier the label with what says it', () => {
    expect(ADVICE_LABELS.map((l) => l.label)).toContain('counseled on a low-sodium diet');
  });
});

describe('a verdict on the vital signs', () => {
  it('is written with the exam, not the results', () => {
    const note = noteOf(
      '[doctor] hi, what brings you in?',
      '[patient] my right knee has been hurting for a week.',
      '[doctor] hey dragon, show me the vital signs. all right. well, your vital signs here look quite good.',
      "[doctor] on exam of your right knee there is some swelling and pain to palpation. hey dragon, show me the right knee x-ray. it doesn't show any fracture.",
      "[doctor] so for your right knee pain, i think you have a knee sprain. i'll see you back in 2 weeks.",
    );
    const exam = note.slice(note.indexOf('PHYSICAL EXAMINATION'), note.indexOf('ASSESSMENT'));
    expect(exam).toMatch(/• Vital signs: Normal\./);
    const results = note.includes('RESULTS') ? note.slice(note.indexOf('RESULTS'), note.indexOf('ASSESSMENT')) : '';
    expect(results).not.toMatch(/Vital signs/);
  });
});
